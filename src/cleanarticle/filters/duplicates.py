"""Duplicates filter: a block that repeats an earlier kept one word for word (a repeated
headline, a widget printed twice). The first kept copy stays; a copy already removed (a
teaser of the article in the page's menu) does not make the real one a duplicate.
Near-copies are the header filter's business (a dek repeated, longer, as the lead)."""

from __future__ import annotations

from .. import registry
from ..document import Document
from ..textutil import WORD


class Duplicates:
    name = "duplicates"
    category = "duplicate"

    def __call__(self, doc: Document) -> None:
        seen: dict[tuple[str, ...], int] = {}
        for block in doc.free():
            key = tuple(WORD.findall(block.text.casefold()))
            if not key:
                continue
            first = seen.setdefault(key, block.lines[0].number)
            if first != block.lines[0].number:
                doc.mark(block, self.category, f"repeats line {first} word for word")


registry.register(Duplicates.name, Duplicates)
