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
from ..document import Block, Document
from ..phrasebook import alternation, languages_or_all, words_of
from ..textutil import NAME_PARTICLES, REGEX_TIMEOUT, is_prose, title_case
from .dates import Dates

_MAX_WORDS = 16
_SHORT_DAY = 3  # letters of a weekday's short form ("Mon", "Di"), which a name may hold
_MAX_PUBLISHER_WORDS = 4  # words of the longest publisher name an item may start with
_MAX_CHARS = 200
_NAME_WORD = (
    r"(?:\p{Lu}[\p{L}'’-]*\p{L}|\p{Lu}\.|\p{Ll}{1,3}-\p{Lu}[\p{L}'’.-]*"
    rf"|(?:{'|'.join(NAME_PARTICLES)})\b)"
)
# A name is two to five words ("Jane Doe", "J. R. Smith", "Karen de Young").
_NAME = regex.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}")
_COMMA = regex.compile(r"\s*,\s*")
_SEPARATOR = regex.compile(r"\s+[-–—|/]\s+|\s*[|]\s*")
# A social-media handle, with the "Follow" before it: "@ann_lee", "Follow @annlee".
_HANDLE = regex.compile(r"(?:\bfollow\s+)?@\w+", regex.IGNORECASE)
# A user name: one word of letters, digits, "_", "-" or "." ("timothy", "randfish", "Ann_L").
_USER = regex.compile(r"\p{L}[\p{L}\d_.-]{1,30}")
_EDGE = " -–—|/•·,;:()@"  # what a byline's piece may start or end with
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
        # "by Joe Wee Monday": a weekday ends a name (short forms, "Di", "Do", can be names).
        self._not_in_name.update(
            w.casefold() for w in words_of("dates", "weekdays", langs) if len(w) > _SHORT_DAY
        )
        self._prefixed = regex.compile(rf"^(?:{prefixes})\s+(?P<rest>\S.*)$", regex.IGNORECASE)
        self._title = regex.compile(rf"^(?:{titles})$", regex.IGNORECASE)
        # "X, Y and Z", "X und Y", "X y Z": the conjunctions are data (``[byline] conjunctions``).
        conj = alternation(regex.escape(c) for c in words_of("byline", "conjunctions", langs))
        conj = f"{conj}|&" if conj else "&"
        # Single spaces: ``parse`` has collapsed white space (a run of it would make \s+ quadratic).
        self._and = regex.compile(rf"^(?:{conj}) | (?:{conj}) ", regex.IGNORECASE)
        self._dates = Dates(langs)
        self._date_words = {w.casefold() for w in words_of("dates", "words", langs)}
        self._date_words.update(w.casefold() for w in words_of("dates", "weekdays", langs))
        self._date_words.add("")  # a separator alone ("|", "-")

    def __call__(self, doc: Document) -> None:
        """Label every byline near the top; the first one fills the article's fields."""
        # "Near the top" is above the second paragraph of prose, not within so many lines: the
        # short lines around it (menus, title, date stamps) leave the text when it is cleaned,
        # and cleaning the result again must find the same bylines.
        prose = 0
        for block in list(doc.free()):
            if self.take(doc, block):
                continue
            if is_prose(block.text):
                prose += 1
                if prose >= 2:
                    return

    def take(self, doc: Document, block: Block, bare: bool = False, reason: str = "") -> bool:
        """Label ``block`` as a byline if it is one (and the date in it as the date); whether
        it was. ``bare``: names alone count (the header knows the line stands under the
        title)."""
        text = block.text
        if len(text) > _MAX_CHARS or len(text.split()) > _MAX_WORDS:
            return False
        found = self.parse_stamp(text, doc, bare)
        if found is None:
            return False
        parsed, date = found
        what = "author names" + (" and publisher" if parsed["publisher"] else "")
        doc.assign(block, "byline", f"byline: {what}{reason}", data=parsed)
        if date is not None and date[2] is not None:
            start, end, iso = date
            doc.assign(block, "date", f"date in the byline: {iso}", start, end, data=iso)
        return True

    def parse_stamp(
        self, line: str, doc: Document | None = None, bare: bool = False
    ) -> tuple[dict[str, object], tuple[int, int, str | None] | None] | None:
        """A byline line, maybe with its date or time ("By Ann Lee | May 2, 2012", "on May 2,
        2012 by Ann Lee", "Ann Lee - May 2, 2012 8:02 pm"): the parsed byline and the span
        and ISO date of its first date (None if it has none). Names alone count beside a date."""
        dates = self._dates.spans(line, doc)
        if not dates:
            parsed = self.parse(line, bare=bare)
            return (parsed, None) if parsed else None
        ends = [0, *(end for _, end, _ in dates)]
        starts = [*(start for start, _, _ in dates), len(line)]
        # The line is dates, date words and one piece of names: "Council passes budget on
        # May 2, 2012 by Ann Lee" is a title run into its stamp, and no byline.
        pieces = [p for p in (self._trim(line[lo:hi]) for lo, hi in zip(ends, starts,
                                                                        strict=True)) if p]
        parsed = self.parse(pieces[0], bare=True, dated=True) if len(pieces) == 1 else None
        if parsed is None:  # "By Ann Lee, The 2012 Review": a number, but no stamp
            parsed = self.parse(line, bare=bare)
            return (parsed, None) if parsed else None
        return parsed, next((d for d in dates if d[2] is not None), dates[0])

    def _trim(self, piece: str) -> str:
        """A piece of a byline line between its dates, without handles, counts, and the
        separators and date words at its ends ("on", "Updated", "at", "|")."""
        # A count beside the stamp ("by Ann Lee 2 May 2012 651": comments, shares) goes too.
        words = [w for w in _HANDLE.sub(" ", piece).split() if not w.isdigit()]
        while words and words[0].strip(_EDGE).casefold() in self._date_words:
            words.pop(0)
        while words and words[-1].strip(_EDGE).casefold() in self._date_words:
            words.pop()
        return " ".join(words).strip(_EDGE)

    def parse(
        self, line: str, bare: bool = False, dated: bool = False
    ) -> dict[str, object] | None:
        """``{"authors": [...], "publisher": str | None}``, or None if this is no byline.
        ``bare``: names without "By" or a known publisher count too; ``dated``: the line
        had a date, and "by" with one word ("by John on May 2", "Posted by timothy") is a
        byline too (a user name)."""
        # Runs of spaces would make splits quadratic; a handle ("@annlee") is no name.
        line = " ".join(_HANDLE.sub(" ", line[: 2 * _MAX_CHARS]).split())[:_MAX_CHARS]
        m = self._prefixed.match(line, timeout=REGEX_TIMEOUT)
        rest = m.group("rest") if m else line
        parts = _SEPARATOR.split(rest, maxsplit=1)
        names, publisher = parts[0], (parts[1].strip() if len(parts) > 1 else None)
        authors: list[str] = []
        known_publisher = False
        for item in self._items(names):
            name = title_case(item)
            if item.casefold() in self._publishers and publisher is None:
                publisher = item
            elif (lead := self._publisher_lead(item)) is not None:
                if publisher is None:  # "Ann Lee, CNN Business", "Ann Lee, AP Auto Writer"
                    publisher, known_publisher = lead, True
            elif (person := self._name_before_title(name)) is not None:
                authors.append(person)  # "Ann Lee eHow Contributor"
            elif self._title.match(item, timeout=REGEX_TIMEOUT):
                if authors:
                    break  # "Ann Lee, Senior Technologist, Privacy Project": the rest is her post
            elif self._is_name(name):
                authors.append(name)
            elif dated and m is not None and _USER.fullmatch(item):
                continue  # one word: taken below if it is all the line names
            else:
                return None
        if m is not None and dated and not authors and _USER.fullmatch(rest):
            authors.append(rest)
        if publisher is not None and not regex.search(r"\p{L}{2}", publisher):
            return None
        known_publisher = known_publisher or (
            publisher is not None and publisher.casefold() in self._publishers
        )
        if m is None and not (authors and known_publisher) and not (bare and authors):
            return None  # bare names without "By" or a known agency could be anything
        if not authors and not known_publisher:
            return None
        return {"authors": authors, "publisher": publisher}

    def _publisher_lead(self, item: str) -> str | None:
        """The organisation an item starts with, with the rest of the item unless that is a
        job title: "CNN Business" is a publisher, "AP Auto Writer" is AP's auto writer."""
        words = item.split()
        for n in range(min(len(words) - 1, _MAX_PUBLISHER_WORDS), 0, -1):
            head = " ".join(words[:n])
            if head.casefold() in self._publishers:
                tail = " ".join(words[n:])
                return head if self._title.match(tail, timeout=REGEX_TIMEOUT) else item
        return None

    def _name_before_title(self, item: str) -> str | None:
        """The name of "Ann Lee eHow Contributor", a name and a job title with no comma."""
        words = item.split()
        for i in range(2, len(words)):
            name = " ".join(words[:i])
            if self._is_name(name) and self._title.match(" ".join(words[i:]),
                                                         timeout=REGEX_TIMEOUT):
                return name
        return None

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
