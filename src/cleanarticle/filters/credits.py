"""Credits filter: the reporting tagline at the end ("X reported from Paris. Y contributed to
this report."), kept as the ``credits`` field (patterns: table ``[credits]`` of the packs).

A tagline glued to the last paragraph ("...six behind leaders England. (Reporting by Jane
Doe; editing by John Roe)") is taken on its own: the sentences before it stay body text."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .. import registry
from ..document import Document
from ..phrasebook import PhraseMatcher, languages_or_all, matcher
from ..textutil import REGEX_TIMEOUT

_MAX_WORDS = 60
# Where a sentence or a parenthesis starts: the tagline's own sentences begin at one.
_SENTENCE_START = regex.compile(r"[.!?][\"'”’)]*\s+(?=\S)|\s(?=\()")


class Credits:
    name = "credits"

    def __init__(self, languages: Iterable[str] | None = None) -> None:
        langs = languages_or_all(languages)
        self.matcher = matcher("credits", langs)

    def __call__(self, doc: Document) -> None:
        free = list(doc.free())
        # Only the second half of the story: a tagline never opens it.
        for block in free[len(free) // 2 :]:
            if len(block.text.split()) > _MAX_WORDS:
                continue
            hit = self.matcher.match(block.text)
            if hit:
                start = tagline_start(block.text, self.matcher)
                doc.assign(block, "credits", f"reporting credits: contains {hit.text!r}", start)


def tagline_start(text: str, credits: PhraseMatcher) -> int:
    """Where the tagline in ``text`` starts: the first of the closing sentences that each
    name a credit; 0 (the whole line) when the last sentence names none on its own."""
    starts = [m.end() for m in _SENTENCE_START.finditer(text, timeout=REGEX_TIMEOUT)]
    ends = [*starts, len(text)]
    start = len(text)
    for begin, end in zip(reversed([0, *starts]), reversed(ends), strict=True):
        if credits.match(text[begin:end]) is None:
            break
        start = begin
    return 0 if start == len(text) else start


registry.register(Credits.name, Credits)
