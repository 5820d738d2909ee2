"""Credits filter: the reporting tagline at the end ("X reported from Paris. Y contributed to
this report."), kept as the ``credits`` field (patterns: table ``[credits]`` of the packs)."""

from __future__ import annotations

from collections.abc import Iterable

from .. import registry
from ..document import Document
from ..phrasebook import languages_or_all, matcher

_MAX_WORDS = 60


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
                doc.assign(block, "credits", f"reporting credits: contains {hit.text!r}")


registry.register(Credits.name, Credits)
