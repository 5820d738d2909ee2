"""Fix a text in place: delete its boilerplate spans and keep every other byte as it was.

This is what ``cleanarticle fix`` writes back to a corpus file. The article's own lines
(headline, dek, byline, dateline, body) are left exactly as they were, line endings
included, so the diff shows only deletions and is easy to review.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .article import Removal
from .io import split_ending


@dataclass(slots=True)
class _Line:
    content: str
    ending: str
    after_gap: bool  # one or more lines right before it were deleted

    @property
    def blank(self) -> bool:
        return not self.content.strip()


def fix_text(source: str, removals: Iterable[Removal]) -> str:
    """``source`` without the given spans (pass ``Article.boilerplate``, never the fields).

    A line left empty goes with its line break; blank lines that deletions bring together
    become one, and none are left at the start or end where a deletion made them so. The
    file's line endings and its final newline (or lack of one) are kept.
    """
    by_line: dict[int, list[Removal]] = defaultdict(list)
    for r in removals:
        by_line[r.line].append(r)
    if not by_line:
        return source

    kept: list[_Line] = []
    gap = False
    offset = 0
    for number, raw in enumerate(source.splitlines(keepends=True), start=1):
        content, ending = split_ending(raw)
        spans = by_line.get(number)
        if spans:
            content = _cut(content, [(r.start - offset, r.end - offset) for r in spans])
        offset += len(raw)
        if spans and not content.strip():
            gap = True
            continue
        kept.append(_Line(content, ending, gap))
        gap = False

    out: list[_Line] = []
    for line in kept:
        if line.blank and line.after_gap and (not out or out[-1].blank):
            continue  # a blank line that a deletion made double, or leading
        out.append(line)
    if gap:  # the last lines were deleted: blank lines left at the end go too
        while out and out[-1].blank:
            out.pop()
        if out and not split_ending(source)[1]:
            out[-1].ending = ""  # the file had no final newline: it still has none
    return "".join(line.content + line.ending for line in out)


def _cut(content: str, spans: list[tuple[int, int]]) -> str:
    """Delete spans from one line, leaving one space where a span sat between two words."""
    for start, end in sorted(spans, reverse=True):
        start, end = max(start, 0), min(end, len(content))
        left, right = content[:start], content[end:]
        if not left.strip():
            content = left + right.lstrip()
        elif not right.strip():
            content = left.rstrip()
        elif left[-1].isspace() or right[0].isspace():
            content = left.rstrip() + " " + right.lstrip()
        else:
            content = left + right
    return content
