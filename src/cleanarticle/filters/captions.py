"""Captions filter: photo captions and credits, standalone, repeated, or glued to a paragraph.

Three shapes, all judged by the photo credit they carry (labels and agencies come from the
``[captions]`` table of the phrase packs):

* a line that ends with a credit: ``Protesters in Paris on Monday (AP Photo/Jane Doe)``;
* a credit line: ``Photo: Jane Doe/Reuters``;
* a caption glued to the lead with no space: ``Jane Doe (Jane Roe/Flash90)Senior officials...``;

and a line that repeats a caption found above, without its credit.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .. import registry
from ..document import Block, Document
from ..phrasebook import alternation, languages_or_all, words_of
from ..textutil import REGEX_TIMEOUT, is_prose, same_words, word_count
from .duplicates import word_key

_MAX_CAPTION_WORDS = 60
_SENTENCE_WORDS = 8  # a caption that tells what the picture shows, not a bare credit
_GLUED_REACH = 202  # a glued caption's "(" comes within 2-200 characters and a space
# A name in a slash credit ("Jane Doe/Flash90"): no ";", which lists things ("remix; 2012").
_CAPITALISED = r"(?-i:\p{Lu})[^()\n/;]{0,59}"
# What may follow a glued credit: the paragraph's first character.
_PARAGRAPH_START = r"[\"“‘'\p{Lu}]"


class Captions:
    """Labels photo captions and their credits as boilerplate (category ``caption``)."""

    name = "captions"
    category = "caption"

    def __init__(self, languages: Iterable[str] | None = None) -> None:
        langs = languages_or_all(languages)
        labels = alternation(map(regex.escape, words_of("captions", "credit_labels", langs)))
        sources = alternation(map(regex.escape, words_of("captions", "credit_sources", langs)))
        credit = (
            rf"\((?:(?:{labels})s?\s*(?::|by\b|credit\b)[^()\n]{{1,100}}"  # (Photo: X)
            rf"|(?:{sources})"  # (Getty Images)
            rf"|{_CAPITALISED}/\s?{_CAPITALISED}(?:/{_CAPITALISED})?)\)"  # (Jane Doe/Flash90)
        )
        flags = regex.IGNORECASE | regex.VERSION0
        self._ends_with_credit = regex.compile(rf"\s?{credit}\s*$", flags)
        self._credit_line = regex.compile(rf"^(?:{labels})s?\s*(?:credit\s*)?:\s*\S", flags)
        self._glued = regex.compile(rf"^[^\n()]{{2,200}}?\s?{credit}(?=(?-i:{_PARAGRAPH_START}))",
                                    flags)
        self._paragraph_start = regex.compile(_PARAGRAPH_START)
        # With no bracket in a label or source, a credit is one "(...)" with none inside:
        # where it can be is then known from the brackets alone (see ``_credit_from``).
        words = [*words_of("captions", "credit_labels", langs),
                 *words_of("captions", "credit_sources", langs)]
        self._bracket_free = not any("(" in w or ")" in w or "\n" in w for w in words)

    def __call__(self, doc: Document) -> None:
        captions: list[Block] = []
        credits: list[Block] = []
        others: list[str] = []  # the free blocks that are not captions
        for block in doc.free():
            text = block.text
            if "(" not in text and ":" not in text:
                others.append(text)
                continue  # every credit shape has one of them: skip the patterns
            # Each shape needs a character the cheap tests see: ")" at the end, a ":" or an
            # early "(". Most lines have none, and the patterns are the filter's cost.
            ends_paren = text.rstrip().endswith(")")
            short = (ends_paren or ":" in text) and _at_most_words(text, _MAX_CAPTION_WORDS)
            if short and ends_paren and self._ends_with_credit.search(
                text, self._credit_from(text), timeout=REGEX_TIMEOUT
            ):
                captions.append(block)
            elif short and ":" in text and self._credit_line.match(text, timeout=REGEX_TIMEOUT):
                credits.append(block)
            else:
                others.append(text)
                if "(" in text[:_GLUED_REACH] and self._may_glue(text):
                    glued = self._glued.match(text, timeout=REGEX_TIMEOUT)
                    if glued:
                        reason = "photo caption and credit glued to the paragraph"
                        doc.mark(block, self.category, reason, 0, glued.end())
        gallery = self._gallery_words(captions)
        if gallery and gallery > sum(map(_prose_words, others)):
            # The captioned photos are the story (a gallery, a picture with its text):
            # taking them would take the article. Their credits stay too.
            return
        for block in captions:
            doc.mark(block, self.category, "photo caption: the line ends with a photo credit")
        for block in credits:
            doc.mark(block, self.category, "photo credit line")
        self._repeats(doc, captions + credits)

    def _credit_from(self, text: str) -> int:
        """Where a credit ending the line can start: at its last "(", maybe one space before
        (the search would otherwise try the whole credit pattern at every character)."""
        if not self._bracket_free:
            return 0
        return max(text.rfind("(") - 1, 0)

    def _may_glue(self, text: str) -> bool:
        """Whether ``_glued`` can match, from the brackets: its caption holds none, so the
        credit opens at the first "(", closes at the first ")" after it, and a paragraph
        must start right there. Most lines with an early "(" fail this."""
        if not self._bracket_free:
            return True
        opening = text.find("(")
        closing = text.find(")", opening)
        return (
            opening >= 2
            and closing > opening
            and text.find(")", 0, opening) < 0
            and self._paragraph_start.match(text, closing + 1) is not None
        )

    def _gallery_words(self, captions: list[Block]) -> int:
        """The words of the captions that describe a picture in a sentence of their own
        (8 words or more besides the credit), each text once: a repeat goes as a duplicate,
        and cleaning the result again must decide the same."""
        words: dict[str, int] = {}
        for caption in captions:
            bare = self._ends_with_credit.sub("", caption.text)
            if word_count(bare) >= _SENTENCE_WORDS:
                words[word_key(bare)] = word_count(bare)
        return sum(words.values())

    def _repeats(self, doc: Document, captions: list[Block]) -> None:
        """A free line near a caption that is the caption without its credit."""
        for caption in captions:
            bare = self._ends_with_credit.sub("", caption.text)
            lo, hi = max(0, caption.index - 3), caption.index + 4
            for block in doc.blocks[lo:hi]:
                if block.is_free and bare.strip() and same_words(block.text, bare):
                    doc.mark(block, self.category, "repeats the photo caption "
                             f"on line {caption.lines[0].number} without its credit")


def _prose_words(text: str) -> int:
    """The words of ``text`` if it reads like a paragraph, else 0."""
    return word_count(text) if is_prose(text) else 0


def _at_most_words(text: str, most: int) -> bool:
    """``word_count(text) <= most``; a text of at most ``most`` characters holds at most
    ``most`` words without counting them (a Chinese or Japanese character is one)."""
    return len(text) <= most or word_count(text) <= most


registry.register(Captions.name, Captions)
