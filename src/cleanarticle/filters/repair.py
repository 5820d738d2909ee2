"""Repair filter: fixes mojibake and broken Unicode with ftfy, in the view filters read.

The source text is never changed: the block's ``text`` becomes the repaired view, offsets
still point at the original, and each fix is explained in the article's ``notes``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import ftfy
from ftfy.badness import BADNESS_RE, is_bad
from ftfy.chardata import C1_CONTROL_RE, CONTROL_CHARS

from .. import registry
from ..document import Document
from ..sre import constants as _c
from ..sre import parser as _sre_parse

# Repair what is broken; leave typography alone (curly quotes, dashes and ligatures are the
# publisher's, and the expected output keeps them).
_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization="NFC",
    explain=True,
)

# Characters the fixers this config runs act on, besides mojibake and NFC: entities ("&"),
# C1 and other control characters, surrogates, terminal escapes, line breaks.
_FIXABLE = re.compile(
    "["
    + "".join(re.escape(chr(cp)) for cp in sorted(CONTROL_CHARS))
    + C1_CONTROL_RE.pattern[1:-1]
    + "\\ud800-\\udfff\x1b\r\u2028\u2029\x85&]"
)


class Repair:
    """Unicode repair; white space needs none, since blocks are stripped lines."""

    name = "repair"

    def __call__(self, doc: Document) -> None:
        for block in doc.blocks:
            text = block.text
            if text.isascii() and text.isprintable():
                continue
            if not needs_ftfy(text):
                continue
            fixed, steps = ftfy.fix_and_explain(text, config=_CONFIG)
            if fixed != text and fixed.strip():
                block.text = fixed.strip()
                names = ", ".join(f"{kind} {what}" for kind, what in steps or [])
                doc.notes.append(f"line {block.lines[0].number}: repaired text ({names})")


def needs_ftfy(text: str) -> bool:
    """False when ftfy (with this config) would return ``text`` unchanged, decided without
    running it: most non-ASCII lines hold only typography, and ftfy costs ~100 µs a line."""
    if _FIXABLE.search(text) or not unicodedata.is_normalized("NFC", text):
        return True
    return looks_bad(text)


def looks_bad(text: str) -> bool:
    """``ftfy.badness.is_bad``, searching only around the characters every match needs.

    ftfy's badness regex tries its ~40 alternatives at every character; each alternative
    needs one of a few hundred rare characters, and no match is longer than a few
    characters, so a window around each such character decides the same.
    """
    probe = _badness_probe()
    if probe is None:
        return is_bad(text)
    trigger, width = probe
    search = BADNESS_RE.search
    for m in trigger.finditer(text):
        i = m.start()
        if search(text, max(0, i - width + 1), i + width):
            return True
    return False


@cache
def _badness_probe() -> tuple[re.Pattern[str], int] | None:
    """The characters every badness match contains, and the longest match; None when the
    installed ftfy's regex has a shape this reading does not cover (then is_bad runs)."""
    if BADNESS_RE.flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    except re.error:  # pragma: no cover - ftfy's own regex compiles
        return None
    items = list(parsed)
    if len(items) != 1 or items[0][0] is not _c.BRANCH:
        return None
    required: set[str] = set()
    for alternative in items[0][1][1]:
        if not _plain(alternative):
            return None
        sets = [s for op, arg in alternative if (s := _chars(op, arg)) is not None]
        sets = [s for s in sets if s and all(ord(ch) > 127 for ch in s)]
        if not sets:
            return None
        required |= min(sets, key=len)
    _, width = parsed.getwidth()
    trigger = "[" + "".join(re.escape(ch) for ch in sorted(required)) + "]"
    return re.compile(trigger), width


def _plain(items: object) -> bool:
    """No anchor but ``^`` and no lookaround: a match inside a window is a match in the text,
    and searching from a window's start never makes ``^`` match there."""
    for op, arg in items:  # type: ignore[attr-defined]
        if op is _c.AT:
            if arg not in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.GROUPREF, _c.GROUPREF_EXISTS):
            return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            if not _plain(arg[2]):
                return False
        elif op is _c.SUBPATTERN:
            if not _plain(arg[-1]):
                return False
        elif op is _c.BRANCH:
            if not all(_plain(alt) for alt in arg[1]):
                return False
        elif op not in (_c.LITERAL, _c.IN, _c.ANY, _c.NOT_LITERAL):
            return False
    return True


def _chars(op: object, arg: object) -> set[str] | None:
    """The characters one pattern item matches, if it is a literal or a plain class."""
    if op is _c.LITERAL:
        return {chr(arg)}  # type: ignore[arg-type]
    if op is not _c.IN:
        return None
    out: set[str] = set()
    for item_op, item_arg in arg:  # type: ignore[attr-defined]
        if item_op is _c.LITERAL:
            out.add(chr(item_arg))
        elif item_op is _c.RANGE:
            out.update(map(chr, range(item_arg[0], item_arg[1] + 1)))
        else:
            return None  # categories (\w, \s) and negation: not a closed set
    return out


registry.register(Repair.name, Repair)
