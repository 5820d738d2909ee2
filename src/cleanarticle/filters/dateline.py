"""Dateline filter: ``BEIRUT (AP) —``, ``Paris --``, ``SAN FRANCISCO, Calif. –`` at the start of
the lead becomes the ``dateline`` field (place, agency) and is cut from the paragraph.

A place in capitals or followed by an agency is taken as it is. A place in title case is
taken only with a long dash (``--``, ``—``, ``–``) and a capital after it, and never when
it is a common word: "Officials — who..." stays a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .. import registry
from ..article import Dateline as DatelineValue
from ..document import BOILERPLATE, Document
from ..phrasebook import languages_or_all, words_of
from ..textutil import REGEX_TIMEOUT, title_case

_CAPS = r"\p{Lu}[\p{Lu}.'’-]*(?:\s+\p{Lu}[\p{Lu}.'’-]*){0,3}"
_TITLE = r"\p{Lu}\p{Ll}[\p{L}.'’-]*(?:\s+\p{Lu}\p{Ll}[\p{L}.'’-]*){0,2}"
_DATELINE = regex.compile(
    rf"^(?P<place>(?P<caps>{_CAPS})|{_TITLE})"
    r"(?:,\s*(?P<region>\p{Lu}[\p{L}.]{1,20}(?:\s\p{Lu}[\p{L}.]{1,20})?))?"
    # "Jan. 5", or the day first: "5 Ene.", "5. Januar", "5 gennaio" (a month of the packs).
    r"(?:,?\s*(?P<date>\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}|\d{1,2}\.?\s+(?P<month>\p{L}{3,10})\.?))?"
    r"\s*(?:\((?P<agency>\p{L}[\p{L}&. -]{0,30})\))?"
    r"\s*\.?(?P<dash>--|—|–|-|:)\s+(?=(?P<next>\S))"  # "(EFE).-": the Spanish dash
)


_MAX_DATELINE = 120  # characters: a dateline is short, and a long prefix is never one


def _timed_match(text: str) -> regex.Match[str] | None:
    try:
        return _DATELINE.match(text, timeout=REGEX_TIMEOUT)
    except TimeoutError:
        return None


class Dateline:
    name = "dateline"

    def __init__(self, languages: Iterable[str] | None = None) -> None:
        langs = languages_or_all(languages)
        self._common = {w.casefold() for w in words_of("stopwords", "words", langs)}
        self._months = {w.casefold() for w in words_of("dates", "months", langs)}
        self._agencies = {w.casefold() for w in words_of("byline", "publishers", langs)}

    def __call__(self, doc: Document) -> None:
        leads = (b for b in doc.free() if all(lab.kind == BOILERPLATE for lab in b.labels))
        lead = next(leads, None)
        if lead is None:
            return
        offset = max((lab.end for lab in lead.labels if lab.start == 0), default=0)
        text = lead.text[offset:]
        skipped = len(text) - len(text.lstrip())
        m = _timed_match(text.lstrip()[:_MAX_DATELINE])
        if not m or not self._plausible(m):
            return
        place = title_case(m.group("place"))
        if m.group("region"):
            place += ", " + m.group("region")
        value = DatelineValue(place, m.group("agency"), m.group().strip())
        start = offset + skipped
        doc.assign(lead, "dateline", f"dateline {value.raw!r} at the start of the lead",
                   start, start + m.end(), data=value)

    def _plausible(self, m: regex.Match[str]) -> bool:
        if m.group("dash") == ":" and not m.group("agency"):
            return False
        if m.group("month") and m.group("month").casefold() not in self._months:
            return False
        agency = m.group("agency")
        if agency and agency[0].islower() and agency.casefold() not in self._agencies:
            return False  # "(dpa)" is an agency, "(pictured)" is not
        if m.group("caps") or m.group("agency"):
            return len(m.group("place")) > 1
        words = m.group("place").split()
        return (
            m.group("dash") in ("--", "—", "–")
            and not m.group("next").islower()
            and not any(w.casefold() in self._common for w in words)
        )


registry.register(Dateline.name, Dateline)
