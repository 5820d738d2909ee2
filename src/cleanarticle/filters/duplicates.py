"""Duplicates filter: a block that repeats an earlier kept one word for word (a repeated
headline, a widget printed twice). The first kept copy stays; a copy already removed (a
teaser of the article in the page's menu) does not make the real one a duplicate.
Near-copies are the header filter's business (a dek repeated, longer, as the lead)."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import registry
from ..document import Document
from ..textutil import WORD

# ASCII bytes: word characters (what WORD's \w matches in ASCII) lower-cased, the rest spaces.
_ASCII_WORDS = bytes(
    ord(ch.lower()) if ch.isalnum() or ch == "_" else 32 for ch in map(chr, range(128))
) + b" " * 128
_ASCII_RUN = re.compile("[\x00-\x7f]+")


class Duplicates:
    name = "duplicates"
    category = "duplicate"

    def __call__(self, doc: Document) -> None:
        seen: dict[str, int] = {}
        for block in doc.free():
            key = word_key(block.text)
            if not key:
                continue
            first = seen.setdefault(key, block.lines[0].number)
            if first != block.lines[0].number:
                doc.mark(block, self.category, f"repeats line {first} word for word")


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
