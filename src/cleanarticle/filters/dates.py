"""Dates filter: a line that is a publication date (``- 2026-01-05 09:50:26``,
``Published July 24, 2012 12:11 AM ET``) becomes the ``date_published`` field, in ISO 8601.

A line counts only when, besides the date, it holds nothing but date words (weekdays,
"Updated", time zones...), so a sentence that mentions a date is never taken.
Month names, date words and the words around a date's parts ("5 de enero de 2026", "1er
janvier", "à 14h30") come from the ``[dates]`` table of the phrase packs.

05/01/2026 is 5 January in a language whose pack says ``day_first`` and May 1 in US English:
the language is the one the filter was given, else the one the line's date words belong to
("Publié le", "Actualizado el"), else the one the document's first words are in; US when
nothing tells. 05.01.2026 (dots) always reads day first; 25/01 or 01/25 has one reading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import regex

from .. import registry
from ..document import Document
from ..phrasebook import alternation, languages_or_all, load_pack, words_of
from ..textutil import REGEX_TIMEOUT

_TOP_BLOCKS = 15
_MAX_WORDS = 14
_MAX_CHARS = 120
# The document's language is read from its first words: this many, and at least this many
# stopwords of one language.
_LANGUAGE_WORDS = 300
_MIN_LANGUAGE_HITS = 5
_WORD = regex.compile(r"\w+")
_DIGIT = regex.compile(r"\d").search


class Dates:
    name = "dates"

    def __init__(self, languages: Iterable[str] | None = None) -> None:
        langs = languages_or_all(languages)
        self._month_number: dict[str, int] = {}
        for lang in langs:
            months = words_of("dates", "months", (lang,))
            for number, month in enumerate(months[:12], start=1):
                self._month_number[month.casefold()] = number
            for short, full in _abbreviations(months):
                self._month_number.setdefault(short.casefold(), self._month_number[full.casefold()])
        self._allowed = {w.casefold() for w in words_of("dates", "words", langs)}
        self._allowed.update(w.casefold() for w in words_of("dates", "weekdays", langs))
        # A second date on the line ("May 2, 2012 at 6:01 am Updated May 3, 2012") brings
        # its month's name.
        self._allowed.update(self._month_number)
        # Which way each language writes 5/1/2026, and the date words that say a line is in it.
        self._day_first: dict[str, bool] = {}
        self._word_langs: dict[str, set[str]] = {}
        self._stopwords: dict[str, frozenset[str]] = {}
        for lang in langs:
            self._day_first[lang] = bool(load_pack(lang).get("dates", {}).get("day_first"))
            for key in ("words", "weekdays"):
                for word in words_of("dates", key, (lang,)):
                    self._word_langs.setdefault(word.casefold(), set()).add(lang)
            stop = words_of("stopwords", "words", (lang,))
            self._stopwords[lang] = frozenset(w.casefold() for w in stop)
        mon = "|".join(sorted(self._month_number, key=len, reverse=True))
        # "5 de enero de 2026", "5th of January": the words that may join a day, month and year.
        join = _optional(words_of("dates", "joiners", langs), r"\s+")
        nth = _optional(words_of("dates", "ordinals", langs))
        at_words = words_of("dates", "at", langs)
        at = alternation(r"\s+".join(map(regex.escape, w.split())) for w in at_words)
        at = rf"|\b(?:{at})\b" if at else ""
        time = r"(?:(?P<H>\d{1,2})[:.h](?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?)"
        self._date = regex.compile(
            rf"(?<!\d)(?:(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})"
            rf"|(?P<mon>{mon})\.?\s+(?P<d2>\d{{1,2}}){nth},?\s+{join}(?P<y2>\d{{4}})"
            rf"|(?P<d3>\d{{1,2}}){nth}\.?\s+{join}(?P<mon3>{mon})\.?,?\s+{join}(?P<y3>\d{{4}})"
            rf"|(?P<a4>\d{{1,2}})(?P<sep>[./])(?P<b4>\d{{1,2}})[./](?P<y4>\d{{4}}))(?!\d)"
            rf"(?:(?:[T,|-]|\s{at}){{1,8}}{time})?(?:Z|[+-]\d{{2}}:?\d{{2}})?",
            regex.IGNORECASE,
        )
        self._time = regex.compile(time, regex.IGNORECASE)
        # A date without its year ("March 18", "18 mars"), or a clock time: where a byline's
        # date part starts when the full pattern does not match ("By Ann Lee March 18 at 3:57
        # PM"); it is cut off the names, but no date is read from it.
        self._part = regex.compile(
            rf"(?<![\w])(?:(?:{mon})\.?\s+\d{{1,2}}{nth}(?!\d)|\d{{1,2}}{nth}\.?\s+(?:{mon})\b)|{time}",
            regex.IGNORECASE,
        )

    def __call__(self, doc: Document) -> None:
        """Label the date lines among the first ``_TOP_BLOCKS`` blocks. The date lines taken
        do not count: they leave the text, and cleaning it again must see the same window."""
        seen = 0
        for block in doc.free():
            if seen >= _TOP_BLOCKS:
                return
            if len(block.text.split()) <= _MAX_WORDS:
                iso = self.parse_line(block.text, doc)
                if iso:
                    doc.assign(block, "date", f"date line: {iso}", data=iso)
                    continue
            seen += 1

    def contains_date(self, line: str) -> bool:
        """The line mentions a date or a clock time anywhere ("Posted May 2, 2012 by X")."""
        line = " ".join(line.split())[:_MAX_CHARS]
        if not _DIGIT(line):  # every date and time pattern has a digit
            return False
        try:
            return bool(
                self._date.search(line, timeout=REGEX_TIMEOUT)
                or self._time.search(line, timeout=REGEX_TIMEOUT)
            )
        except TimeoutError:
            return False

    def spans(self, line: str, doc: Document | None = None) -> list[tuple[int, int, str | None]]:
        """The dates and clock times in ``line`` (at most ``_MAX_CHARS`` long), in order:
        (start, end, ISO date or None for a time or a date without its year)."""
        if not _DIGIT(line):
            return []
        found: list[tuple[int, int, str | None]] = []
        pos = 0
        try:
            while pos < len(line):
                full = self._date.search(line, pos, timeout=REGEX_TIMEOUT)
                part = self._part.search(line, pos, full.start() if full else len(line),
                                         timeout=REGEX_TIMEOUT)
                if part is not None:
                    found.append((part.start(), part.end(), None))
                    pos = part.end()
                elif full is not None:
                    found.append((full.start(), full.end(), self._iso(full, [], doc)))
                    pos = full.end()
                else:
                    break
        except TimeoutError:
            return []
        return found

    def parse_line(self, line: str, doc: Document | None = None) -> str | None:
        """The ISO 8601 date of a line that is only a date, else None. ``doc``, the document
        the line is in, tells how to read 05/01/2026 when the line itself does not."""
        line = " ".join(line.split())
        if len(line) > _MAX_CHARS or not _DIGIT(line):  # most short lines: no digit, no date
            return None
        try:
            m = self._date.search(line, timeout=REGEX_TIMEOUT)
        except TimeoutError:
            return None
        if not m:
            return None
        leftover = regex.findall(r"[\p{L}.]+", line[: m.start()] + " " + line[m.end() :])
        words = [w.strip(".").casefold() for w in leftover if w.strip(".")]
        if any(w not in self._allowed for w in words):
            return None
        return self._iso(m, words, doc)

    def _iso(self, m: regex.Match[str], words: list[str], doc: Document | None) -> str | None:
        g = m.groupdict()
        try:
            if g["y"]:
                day = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
            elif g["y2"]:
                day = dt.date(int(g["y2"]), self._month_number[g["mon"].casefold()], int(g["d2"]))
            elif g["y3"]:
                day = dt.date(int(g["y3"]), self._month_number[g["mon3"].casefold()], int(g["d3"]))
            else:
                a, b = int(g["a4"]), int(g["b4"])
                if a > 12 or b > 12:  # 25/1 or 1/25: only one reading is a date
                    day_first = a > 12
                elif g["sep"] == ".":  # 05.01.2026: no one writes the month first with dots
                    day_first = True
                else:
                    day_first = self._day_first_in(words, doc)
                day = dt.date(int(g["y4"]), *((b, a) if day_first else (a, b)))
        except (ValueError, KeyError):
            return None
        if g["H"] is None:
            return day.isoformat()
        hour = int(g["H"]) % 12 + (12 if (g["ampm"] or "").lower().startswith("p") else 0)
        if not g["ampm"]:
            hour = int(g["H"])
        try:
            moment = dt.datetime.combine(day, dt.time(hour, int(g["M"]), int(g["S"] or 0)))
        except ValueError:
            return day.isoformat()
        return moment.isoformat()

    def _day_first_in(self, words: list[str], doc: Document | None) -> bool:
        """05/01/2026 is 5 January in a language that writes the day first (``day_first`` in
        its ``[dates]`` table), May 1 in US English. The language is the one the filter was
        given, else the one the line's date words are in ("Publié le", "Actualizado el"),
        else the one most of the document's first words are in; May 1 when nothing tells."""
        orders = set(self._day_first.values())
        if len(orders) == 1:
            return orders.pop()
        said = set()
        for word in words:
            told = {self._day_first[lang] for lang in self._word_langs.get(word, ())}
            if len(told) == 1:
                said |= told
        if len(said) == 1:
            return said.pop()
        if doc is None:
            return False
        return self._document_day_first(doc)

    def _document_day_first(self, doc: Document) -> bool:
        """Whether the language most of the first words of ``doc`` belong to writes the day
        first (stopword counts; run only for a date the line alone cannot read)."""
        words: list[str] = []
        for block in doc.blocks:
            words.extend(_WORD.findall(block.text.casefold()))
            if len(words) >= _LANGUAGE_WORDS:
                break
        score = {lang: sum(w in stop for w in words) for lang, stop in self._stopwords.items()}
        top = max(score.values())
        leaders = {self._day_first[lang] for lang, n in score.items() if n == top}
        return top >= _MIN_LANGUAGE_HITS and leaders == {True}


def _optional(words: list[str], after: str = "") -> str:
    """An optional group of ``words`` (escaped, longest first), each followed by ``after``."""
    if not words:
        return ""
    return rf"(?:(?:{alternation(regex.escape(w) for w in words)}){after})?"


def _abbreviations(months: list[str]) -> list[tuple[str, str]]:
    """Pair each short month name after the first twelve with the full name it starts."""
    full = months[:12]
    pairs = []
    for short in months[12:]:
        match = next((f for f in full if f.casefold().startswith(short.casefold())), None)
        if match:
            pairs.append((short, match))
    return pairs


registry.register(Dates.name, Dates)
