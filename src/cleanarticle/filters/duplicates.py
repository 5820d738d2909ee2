"""Duplicates filter: a block that repeats an earlier kept one word for word (a repeated
headline, a widget printed twice), and a long block that repeats several kept paragraphs (the
article body copied again in one line, as structured data or a print version puts it). The
first kept copy stays; a copy already removed (a teaser of the article in the page's menu)
does not make the real one a duplicate. Near-copies are the header filter's business (a dek
repeated, longer, as the lead)."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from .. import registry
from ..document import Block, Document
from ..textutil import WORD

# ASCII bytes: word characters (what WORD's \w matches in ASCII) lower-cased, the rest spaces.
_ASCII_WORDS = bytes(
    ord(ch.lower()) if ch.isalnum() or ch == "_" else 32 for ch in map(chr, range(128))
) + b" " * 128
_ASCII_RUN = re.compile("[\x00-\x7f]+")
_GRAM = 4  # words per shingle
_COPY_MIN_WORDS = 60  # a copy of several paragraphs is long
_COVERED = 0.8  # share of a block's shingles found elsewhere that makes it a copy
_COPIED_MIN = 2  # paragraphs a copy repeats (one repeated paragraph is a quote)


class Duplicates:
    name = "duplicates"
    category = "duplicate"

    def __call__(self, doc: Document) -> None:
        seen: dict[str, int] = {}
        kept: list[tuple[Block, list[str]]] = []
        for block in doc.free():
            key = word_key(block.text)
            if not key:
                continue
            first = seen.setdefault(key, block.lines[0].number)
            if first != block.lines[0].number:
                doc.mark(block, self.category, f"repeats line {first} word for word")
            else:
                kept.append((block, key.split()))
        if any(len(words) >= _COPY_MIN_WORDS for _, words in kept):
            self._copies(doc, kept)

    def _copies(self, doc: Document, kept: list[tuple[Block, list[str]]]) -> None:
        """Mark each long block most of whose shingles blocks above it hold, when it holds
        at least two of them (nearly) whole: the body repeated, not a paragraph quoted."""
        grams = [_shingles(words) for _, words in kept]
        owners: defaultdict[tuple[str, ...], set[int]] = defaultdict(set)
        for i, own in enumerate(grams):
            for gram in own:
                owners[gram].add(i)
        copies: set[int] = set()
        for i, ((block, words), own) in enumerate(zip(kept, grams, strict=True)):
            if len(words) < _COPY_MIN_WORDS or not own:
                continue
            elsewhere = [g for g in own if len(owners[g]) > 1]
            if len(elsewhere) < _COVERED * len(own):
                continue
            others = {j for g in elsewhere for j in owners[g] if j < i} - copies
            whole = sorted(
                j for j in others
                if grams[j] and len(grams[j] & own) >= _COVERED * len(grams[j])
            )
            if len(whole) >= _COPIED_MIN and _distinct(grams, whole):
                copies.add(i)
                lines = ", ".join(str(kept[j][0].lines[0].number) for j in whole[:5])
                more = ", ..." if len(whole) > 5 else ""
                doc.mark(block, self.category,
                         f"repeats the paragraphs of lines {lines}{more} in one block")


def _distinct(grams: list[set[tuple[str, ...]]], chosen: list[int]) -> bool:
    """The paragraphs a copy repeats are different paragraphs: none shares most of its
    shingles with another (a text that says the same thing over and over is no copy)."""
    seen: set[tuple[str, ...]] = set()
    for j in chosen:
        if len(grams[j] & seen) * 2 > len(grams[j]):
            return False
        seen |= grams[j]
    return True


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + _GRAM]) for i in range(len(words) - _GRAM + 1)}


def word_key(text: str) -> str:
    """The casefolded words of ``text`` joined by single spaces: equal keys, equal word lists.
    ASCII text takes a bytes translation instead of the regex, and so does text whose other
    characters all part words (curly quotes, dashes) and casefold to themselves."""
    if text.isascii() or not any(map(_joins_words, _ASCII_RUN.sub("", text))):
        data = text.encode("ascii", "replace")  # "?" for the others: a separator too
        return b" ".join(data.translate(_ASCII_WORDS).split()).decode("ascii")
    return " ".join(WORD.findall(text.casefold()))


@lru_cache(maxsize=8192)
def _joins_words(char: str) -> bool:
    """A character that is (or casefolds into) part of a word, for ``WORD``."""
    return WORD.fullmatch(char) is not None or char.casefold() != char


registry.register(Duplicates.name, Duplicates)
