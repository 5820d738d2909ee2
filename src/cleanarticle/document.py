"""The document model: blocks with offsets into the original text, and the labels on them.

Filters never edit text. They *label* a whole block, or a span inside one, as boilerplate
(category + reason) or give it a role (headline, byline, dateline...). The renderer in
``render.py`` builds the article from those labels, so every removal stays explainable and
can be undone from the original offsets.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import Any

import regex

from .features import stopwords
from .phrasebook import opens_stamp

BOILERPLATE = "boilerplate"
ROLES = ("section", "headline", "dek", "byline", "date", "dateline", "credits")

# A line continues the previous one when it starts in lower case and the previous one does not
# end a sentence: hard-wrapped paragraphs (seed 000's comment rules) become one block.
_SENTENCE_END_CHARS = frozenset(".!?…:;\"”’»)]")
_STARTS_LOWER = regex.compile(r"^\p{Ll}")
# A hard-wrapped line fills much of its width, or stops mid-phrase ("council promised to");
# "Share this story" over "email" is two widgets.
_MIN_WRAPPED_CHARS = 20


@dataclass(slots=True)
class Line:
    """One physical line: ``source[start:end] == text`` (surrounding white space excluded)."""

    number: int  # 1-based line number in the source
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Label:
    """What a filter said about a block or a span of it (offsets into ``Block.text``)."""

    kind: str  # BOILERPLATE or one of ROLES
    category: str
    filter: str
    reason: str
    start: int
    end: int
    data: Any = None  # parsed value for roles: ISO date, authors, dateline parts


@dataclass(slots=True)
class Block:
    """A logical paragraph: one line, or several hard-wrapped lines joined by single spaces."""

    index: int
    lines: list[Line]
    text: str  # the view filters read; the repair filter may replace it with fixed text
    labels: list[Label] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def whole(self) -> Label | None:
        """The label covering the whole block, if any: such a block is out of the body."""
        if not self.labels:
            return None
        for label in self.labels:
            if label.start <= 0 and label.end >= len(self.text):
                return label
        return None

    @property
    def is_free(self) -> bool:
        return self.whole is None

    def rest(self) -> str:
        """The block's text without its labelled spans: what would stay in the body."""
        if not self.labels:
            return self.text
        keep = []
        pos = 0
        for label in sorted(self.labels, key=lambda lab: lab.start):
            if label.start > pos:
                keep.append(self.text[pos : label.start])
            pos = max(pos, label.end)
        keep.append(self.text[pos:])
        return " ".join(part.strip() for part in keep if part.strip())

    def source_spans(self, start: int, end: int) -> list[tuple[Line, int, int]]:
        """Map a span of ``text`` to (line, source start, source end) pieces, one per line."""
        if len(self.lines) == 1:  # most blocks: no joined lines to walk
            line = self.lines[0]
            if self.text != line.text:
                start, end = _map_offsets(self.text, line.text, start, end)
            lo, hi = max(start, 0), min(end, len(line.text))
            return [(line, line.start + lo, line.start + hi)] if lo < hi else []
        if self.text != self.raw:
            start, end = _map_offsets(self.text, self.raw, start, end)
        pieces = []
        offset = 0
        for line in self.lines:
            lo, hi = max(start, offset), min(end, offset + len(line.text))
            if lo < hi:
                pieces.append((line, line.start + lo - offset, line.start + hi - offset))
            offset += len(line.text) + 1
        return pieces


def _map_offsets(fixed: str, raw: str, start: int, end: int) -> tuple[int, int]:
    """Offsets in repaired text, back in the raw text (only when repair changed the block)."""
    if start == 0 and end == len(fixed):
        return 0, len(raw)  # the whole block: whatever repair dropped goes with it
    return _map_one(fixed, raw, start), _map_one(fixed, raw, end)


_WINDOW = 300  # characters compared around an offset: bounded work however long the block


def _map_one(fixed: str, raw: str, pos: int) -> int:
    """Offset ``pos`` of ``fixed`` in ``raw``, aligning a window around it (repair changes
    text only locally, so the window around the proportional position holds the match)."""
    if pos <= 0:
        return 0
    if pos >= len(fixed):
        return len(raw)
    guess = round(pos * len(raw) / len(fixed))
    a0, b0 = max(0, pos - _WINDOW), max(0, guess - 2 * _WINDOW)
    a_win, b_win = fixed[a0 : pos + _WINDOW], raw[b0 : guess + 2 * _WINDOW]
    matcher = difflib.SequenceMatcher(None, a_win, b_win, autojunk=False)
    local = pos - a0
    for tag, i0, i1, j0, _j1 in matcher.get_opcodes():
        if i0 <= local < i1:
            return b0 + (j0 + local - i0 if tag == "equal" else j0)
    return min(guess, len(raw))


class Document:
    """The input text split into lines and blocks, plus the labels and stats of the run."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines = _split_lines(source)
        self.blocks = _group_blocks(self.lines)
        self.stats: Counter[str] = Counter()
        self.notes: list[str] = []  # explanations that are not removals, e.g. repaired text
        self.current_filter = ""
        # Data derived from the blocks that several filters read, computed once per run
        # (e.g. which blocks the phrase prefilter admits for each phrase category).
        self._derived: dict[str, Any] = {}

    def free(self) -> Iterator[Block]:
        """Blocks not yet fully labelled, in order (``Block.whole`` inlined: after the
        content filter most blocks have a label, and every later filter asks)."""
        for block in self.blocks:
            labels = block.labels
            if labels:
                size = len(block.text)
                for label in labels:
                    if label.start <= 0 and label.end >= size:
                        break
                else:
                    yield block
            else:
                yield block

    def mark(
        self,
        block: Block,
        category: str,
        reason: str,
        start: int = 0,
        end: int | None = None,
    ) -> None:
        """Label a block (or a span of it) as boilerplate of ``category``."""
        self._label(block, BOILERPLATE, category, reason, start, end, None)

    def assign(
        self,
        block: Block,
        role: str,
        reason: str,
        start: int = 0,
        end: int | None = None,
        data: Any = None,
    ) -> None:
        """Give a block (or a span of it) a metadata role such as ``headline``."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
        self._label(block, role, role, reason, start, end, data)

    def roles(self, role: str) -> list[tuple[Block, Label]]:
        return [(b, lab) for b in self.blocks for lab in b.labels if lab.kind == role]

    def _label(
        self,
        block: Block,
        kind: str,
        category: str,
        reason: str,
        start: int,
        end: int | None,
        data: Any,
    ) -> None:
        end = len(block.text) if end is None else end
        if not 0 <= start < end <= len(block.text):
            raise ValueError(f"span {start}:{end} is outside block {block.index}")
        block.labels.append(Label(kind, category, self.current_filter, reason, start, end, data))
        self.stats[f"{self.current_filter}/{category}"] += 1


def _split_lines(source: str) -> list[Line]:
    # str.splitlines: CR-only and Unicode separators (\x1c-\x1e, \x85, \u2028...) split too.
    # Stripped and measured in C; only the lines with text take the Python loop.
    raws = source.splitlines(keepends=True)
    texts = list(map(str.strip, raws))
    ends = list(accumulate(map(len, raws)))
    lines = []
    for i in compress(range(len(raws)), texts):
        text = texts[i]
        start = ends[i] - len(raws[i].lstrip())  # where the stripped text begins
        lines.append(Line(i + 1, start, start + len(text), text))
    return lines


def _group_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    group: list[Line] = []
    for line in lines:
        if group and _continues(group[-1], line):
            group.append(line)
            continue
        if group:
            blocks.append(_block(len(blocks), group))
        group = [line]
    if group:
        blocks.append(_block(len(blocks), group))
    return blocks


def _continues(prev: Line, line: Line) -> bool:
    # Cheapest and most often failing tests first: most lines start with a capital.
    if line.number != prev.number + 1:
        return False
    first = line.text[0]
    if first.isascii():  # the common case without a regex call
        if not "a" <= first <= "z":
            return False
    elif _STARTS_LOWER.match(first) is None:
        return False
    if prev.text[-1] in _SENTENCE_END_CHARS:
        return False
    if not (len(prev.text) >= _MIN_WRAPPED_CHARS or _ends_mid_phrase(prev.text)):
        return False
    return not opens_stamp(line.text)  # "von Anna Schmidt" under a headline stands alone


def _ends_mid_phrase(text: str) -> bool:
    """The line stops on a comma, a hyphen or a function word: the sentence goes on below."""
    if text[-1] in ",;-–":
        return True
    last = text.rsplit(None, 1)[-1].casefold()
    return last in stopwords()


def _block(index: int, lines: list[Line]) -> Block:
    text = lines[0].text if len(lines) == 1 else " ".join(line.text for line in lines)
    return Block(index, lines, text, [])
