"""Recommendations filter: a recommendation or related-content link, and the list of links
under a related-content heading ("Related posts:", "Most popular").

Phrases: table ``[recommendations]`` of ``phrases/<lang>.toml``.
"""

from __future__ import annotations

from .. import registry
from ..document import Block, Document
from ..phrasebook import Hit
from ..textutil import is_prose, word_count
from .base import PhraseFilter

_HEADING_WORDS = 6  # "Related posts:", "More from The Gazette": a heading, not a teaser
_ITEM_WORDS = 25  # a linked headline, perhaps with its date or a line of teaser
# A list item's mark: what extractors (trafilatura) and pages put before <li> text. Without
# one, the lines under the heading may as well be the next article's title and byline.
_BULLETS = ("- ", "• ", "* ", "· ", "– ", "— ")


class Recommendations(PhraseFilter):
    name = "recommendations"
    category = "recommendations"
    what = "a recommendation or related-content link"

    def after_phrases(self, doc: Document, hits: list[tuple[Block, Hit]]) -> None:
        for block, hit in hits:
            # The whole line is the phrase ("Related posts:"): a heading over a list.
            if hit.how == "line" and word_count(block.text) <= _HEADING_WORDS:
                self._list_under(doc, block)

    def _list_under(self, doc: Document, heading: Block) -> None:
        """The free short list items right under a heading, up to the first other line."""
        for block in doc.blocks[heading.index + 1 :]:
            if block.whole is not None:
                continue  # labelled already (a share button, an ad line)
            text = block.text
            if not text.startswith(_BULLETS) or word_count(text) > _ITEM_WORDS or is_prose(text):
                return
            doc.mark(block, self.category, f"an item of the list under {heading.text.strip()!r} "
                     f"(line {heading.lines[0].number})")


registry.register(Recommendations.name, Recommendations)
