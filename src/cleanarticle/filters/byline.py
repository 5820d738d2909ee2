"""Byline filter: ``By ABBY SEWELL and JOHN LEICESTER - Associated Press`` -> authors and publisher.

Handles "By X, Y and Z", "X and Y, Reuters", a job title after the name, and names printed
in capitals. A line counts only when every name in it looks like a name, so a sentence that
happens to start with "By" is left alone, and "Byron York" is never cut to "ron York".
Prefixes, publishers, job titles and the conjunctions that join two names ("und", "et",
"y"...) come from the ``[byline]`` table of the phrase packs.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .. import registry
from ..document import Document
from ..phrasebook import alternation, languages_or_all, words_of
from ..textutil import NAME_PARTICLES, REGEX_TIMEOUT, is_prose, title_case

_MAX_WORDS = 16
_MAX_CHARS = 200
_NAME_WORD = (
    r"(?:\p{Lu}[\p{L}'’-]*\p{L}|\p{Lu}\.|\p{Ll}{1,3}-\p{Lu}[\p{L}'’.-]*"
    rf"|(?:{'|'.join(NAME_PARTICLES)})\b)"
)
# A name is two to five words ("Jane Doe", "J. R. Smith", "Karen de Young").
_NAME = regex.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}")
_COMMA = regex.compile(r"\s*,\s*")
_SEPARATOR = regex.compile(r"\s+[-–—|/]\s+|\s*[|]\s*")
# "By The Numbers" is a headline, not a person.
_NOT_FIRST_NAME = frozenset({"the", "a", "an", "this", "these", "our", "my", "your", "all"})


class Byline:
    name = "byline"

    def __init__(self, languages: Iterable[str] | None = None) -> None:
        langs = languages_or_all(languages)
        prefixes = alternation(regex.escape(p) for p in words_of("byline", "prefixes", langs))
        self._publishers = {p.casefold() for p in words_of("byline", "publishers", langs)}
        titles = alternation(words_of("byline", "titles", langs))
        self._not_in_name = {w.casefold() for w in words_of("byline", "function_words", langs)}
        self._prefixed = regex.compile(rf"^(?:{prefixes})\s+(?P<rest>\S.*)$", regex.IGNORECASE)
        self._title = regex.compile(rf"^(?:{titles})$", regex.IGNORECASE)
        # "X, Y and Z", "X und Y", "X y Z": the conjunctions are data (``[byline] conjunctions``).
        conj = alternation(regex.escape(c) for c in words_of("byline", "conjunctions", langs))
        conj = f"{conj}|&" if conj else "&"
        # Single spaces: ``parse`` has collapsed white space (a run of it would make \s+ quadratic).
        self._and = regex.compile(rf"^(?:{conj}) | (?:{conj}) ", regex.IGNORECASE)

    def __call__(self, doc: Document) -> None:
        """Label every byline near the top; the first one fills the article's fields."""
        # "Near the top" is above the second paragraph of prose, not within so many lines: the
        # short lines around it (menus, title, date stamps) leave the text when it is cleaned,
        # and cleaning the result again must find the same bylines.
        prose = 0
        for block in list(doc.free()):
            text = block.text
            if len(text) <= _MAX_CHARS and len(text.split()) <= _MAX_WORDS:
                parsed = self.parse(text)
                if parsed:
                    what = "author names" + (" and publisher" if parsed["publisher"] else "")
                    doc.assign(block, "byline", f"byline: {what}", data=parsed)
                    continue
            if is_prose(text):
                prose += 1
                if prose >= 2:
                    return

    def parse(self, line: str) -> dict[str, object] | None:
        """``{"authors": [...], "publisher": str | None}``, or None if this is no byline."""
        line = " ".join(line.split())[:_MAX_CHARS]  # runs of spaces would make splits quadratic
        m = self._prefixed.match(line, timeout=REGEX_TIMEOUT)
        rest = m.group("rest") if m else line
        parts = _SEPARATOR.split(rest, maxsplit=1)
        names, publisher = parts[0], (parts[1].strip() if len(parts) > 1 else None)
        authors = []
        for item in self._items(names):
            name = title_case(item)
            if item.casefold() in self._publishers and publisher is None:
                publisher = item
            elif self._title.match(item, timeout=REGEX_TIMEOUT):
                continue
            elif self._is_name(name):
                authors.append(name)
            else:
                return None
        if publisher is not None and not regex.search(r"\p{L}{2}", publisher):
            return None
        known_publisher = publisher is not None and publisher.casefold() in self._publishers
        if m is None and not (authors and known_publisher):
            return None  # bare names without "By" or a known agency could be anything
        if not authors and not known_publisher:
            return None
        return {"authors": authors, "publisher": publisher}

    def _items(self, names: str) -> list[str]:
        """The names, titles and publishers of "X, Y und Z, dpa": split at commas, then at
        conjunctions, except inside a job title ("corresponsal en Bruselas": "en" is Dutch)."""
        items = []
        for part in _COMMA.split(names) if "," in names else (names,):
            pieces = [piece for piece in self._and.split(part) if piece]
            if pieces != [part] and not (  # "X und Y", or the ", and Y" of "X, W, and Y"
                part.casefold() in self._publishers
                or self._title.match(part, timeout=REGEX_TIMEOUT)
            ):
                items.extend(pieces)
            elif part:
                items.append(part)
        return items

    def _is_name(self, name: str) -> bool:
        words = name.casefold().split()
        return (
            _NAME.fullmatch(name, timeout=REGEX_TIMEOUT) is not None
            and words[0] not in _NOT_FIRST_NAME
            and not self._not_in_name.intersection(words)
        )


registry.register(Byline.name, Byline)
