"""Dates filter: a line that is a publication date (``- 2026-01-05 09:50:26``,
``Published July 24, 2012 12:11 AM ET``) becomes the ``date_published`` field, in ISO 8601.

A line counts only when, besides the date, it holds nothing but date words (weekdays,
"Updated", time zones...), so a sentence that mentions a date is never taken.
Month names and date words come from the ``[dates]`` table of the phrase packs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import regex

from .. import registry
from ..document import Document
from ..phrasebook import languages_or_all, words_of
from ..textutil import REGEX_TIMEOUT

_TOP_BLOCKS = 15
_MAX_WORDS = 14
_MAX_CHARS = 120


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
        mon = "|".join(sorted(self._month_number, key=len, reverse=True))
        time = r"(?:(?P<H>\d{1,2})[:.h](?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?)"
        self._date = regex.compile(
            rf"(?<!\d)(?:(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})"
            rf"|(?P<mon>{mon})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
            rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<mon3>{mon})\.?,?\s+(?P<y3>\d{{4}})"
            rf"|(?P<a4>\d{{1,2}})(?P<sep>[./])(?P<b4>\d{{1,2}})[./](?P<y4>\d{{4}}))(?!\d)"
            rf"(?:(?:[T,|-]|\s|\bat\b){{1,8}}{time})?(?:Z|[+-]\d{{2}}:?\d{{2}})?",
            regex.IGNORECASE,
        )
        self._time = regex.compile(time, regex.IGNORECASE)

    def __call__(self, doc: Document) -> None:
        for i, block in enumerate(doc.free()):
            if i >= _TOP_BLOCKS:
                return
            if len(block.text.split()) > _MAX_WORDS:
                continue
            iso = self.parse_line(block.text)
            if iso:
                doc.assign(block, "date", f"date line: {iso}", data=iso)

    def contains_date(self, line: str) -> bool:
        """The line mentions a date or a clock time anywhere ("Posted May 2, 2012 by X")."""
        line = " ".join(line.split())[:_MAX_CHARS]
        try:
            return bool(
                self._date.search(line, timeout=REGEX_TIMEOUT)
                or self._time.search(line, timeout=REGEX_TIMEOUT)
            )
        except TimeoutError:
            return False

    def parse_line(self, line: str) -> str | None:
        """The ISO 8601 date of a line that is only a date, else None."""
        line = " ".join(line.split())
        if len(line) > _MAX_CHARS:
            return None
        try:
            m = self._date.search(line, timeout=REGEX_TIMEOUT)
        except TimeoutError:
            return None
        if not m:
            return None
        leftover = regex.findall(r"[\p{L}.]+", line[: m.start()] + " " + line[m.end() :])
        if any(w.strip(".").casefold() not in self._allowed for w in leftover if w.strip(".")):
            return None
        return self._iso(m)

    def _iso(self, m: regex.Match[str]) -> str | None:
        g = m.groupdict()
        try:
            if g["y"]:
                day = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
            elif g["y2"]:
                day = dt.date(int(g["y2"]), self._month_number[g["mon"].casefold()], int(g["d2"]))
            elif g["y3"]:
                day = dt.date(int(g["y3"]), self._month_number[g["mon3"].casefold()], int(g["d3"]))
            else:
                day = dt.date(int(g["y4"]), *_month_day(int(g["a4"]), int(g["b4"]), g["sep"]))
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


def _month_day(a: int, b: int, sep: str) -> tuple[int, int]:
    """5/1/2026 is May 1 (US, slashes); 5.1.2026 is 5 January; 25/1 or 1/25 is unambiguous."""
    if a > 12 or (sep == "." and b <= 12):
        return b, a
    return a, b


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
