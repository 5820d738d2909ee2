"""The shared shape of phrase-list filters: match each free block against a category's packs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from ..document import Block, Document
from ..phrasebook import Hit, languages_or_all, matcher


class PhraseFilter:
    """Labels blocks that match a category of the phrase packs (see ``phrases/*.toml``).

    Subclasses set ``name``, ``category`` and ``what`` (words for the reason); users can add
    phrases of their own without touching the packs.
    """

    name: ClassVar[str]
    category: ClassVar[str]
    what: ClassVar[str]

    def __init__(
        self,
        languages: Iterable[str] | None = None,
        extra_lines: Iterable[str] = (),
        extra_contains: Iterable[str] = (),
    ) -> None:
        self.languages = languages_or_all(languages)
        self.matcher = matcher(
            self.category, self.languages, tuple(extra_lines), tuple(extra_contains)
        )

    def __call__(self, doc: Document) -> None:
        hits: list[tuple[Block, Hit]] = []
        for block in self.matcher.candidates(doc):  # the rest cannot match
            if block.labels and block.whole is not None:
                continue  # no longer free
            hit = self.matcher.match(block.text)
            if hit:
                doc.mark(block, self.category, self.reason(hit))
                hits.append((block, hit))
        self.after_phrases(doc, hits)

    def after_phrases(self, doc: Document, hits: list[tuple[Block, Hit]]) -> None:
        """What the filter judges beyond its phrases, once they are all marked (the list under
        a "Related" heading, a comment thread), given the blocks it marked and their hits:
        nothing by default."""

    def reason(self, hit: Hit) -> str:
        where = "is" if hit.how == "line" else "contains"
        return f"{self.what}: the line {where} {hit.text!r} ({hit.lang} phrase list)"

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
