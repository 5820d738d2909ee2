"""How close a cleaner's headline, authors and date come to a page's expected metadata.

The Readability test pages of ``../shared/data/devcorpus-more.jsonl.gz`` carry ``meta``
(``headline``, ``byline``, ``date``...), the metadata Mozilla Readability is expected to
read from each page. ``quality.py`` scores cleanarticle (text and HTML mode) and
trafilatura's own metadata against it in the same run, with the measures defined here:

* **headline exact**: the headline's ``\\w+`` tokens, case folded, equal those of the expected
  title, or of the title without the site's part: "Title | Site" and "Site - Title" expect
  "Title" too (a part cut at a title separator, never more than half of the tokens);
* **headline token F1**: F1 of the two token multisets against the full expected title;
* **author F1**: per page, the F1 of the set of author names (tokens, case folded) against the
  expected byline cut at commas, "and", "&" and the like, its "By" / "Par" / "Von" opener
  dropped; an organisation named as publisher counts when no author is named. Averaged
  over the pages that expect a byline;
* **date exact**: the day (``YYYY-MM-DD``) equals the expected one, over the pages that
  expect a date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·»:_/]+\s+|\s+_|：|\s*｜\s*")
_NAME_SEPARATOR = re.compile(r"[,;&、，/]|\b(?:and|und|et|y|e|en|og|och)\b", re.IGNORECASE)
_OPENER = re.compile(r"^\s*(?:by|par|von|por|door|di|av|af|written by|posted by)\s+",
                     re.IGNORECASE)


def words(text: str | None) -> list[str]:
    return _TOKEN.findall((text or "").casefold())


def title_variants(title: str) -> set[tuple[str, ...]]:
    """The expected title, and the title with site parts cut off either end."""
    parts = _TITLE_SEPARATOR.split(title)
    total = len(words(title))
    variants = {tuple(words(title))}
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            kept = tuple(w for part in parts[i:j] for w in words(part))
            if kept and 2 * len(kept) >= total:
                variants.add(kept)
    return variants


def headline_exact(found: str | None, expected: str) -> bool:
    return bool(found) and tuple(words(found)) in title_variants(expected)


def token_f1(found: str | None, expected: str) -> float:
    a, b = Counter(words(found)), Counter(words(expected))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def expected_authors(byline: str) -> set[tuple[str, ...]]:
    """The names in an expected byline: cut at separators, openers ("By") dropped."""
    names = set()
    for piece in _NAME_SEPARATOR.split(_OPENER.sub("", byline)):
        name = tuple(words(_OPENER.sub("", piece)))
        if name:
            names.add(name)
    return names


def found_authors(authors: Sequence[str], publisher: str | None = None) -> set[tuple[str, ...]]:
    names = {tuple(words(a)) for a in authors} - {()}
    if not names and publisher:
        names = {tuple(words(publisher))} - {()}
    return names


def set_f1(found: set[tuple[str, ...]], expected: set[tuple[str, ...]]) -> float:
    common = len(found & expected)
    if not common:
        return 0.0
    precision, recall = common / len(found), common / len(expected)
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class Found:
    """What one cleaner read from a page."""

    headline: str | None
    authors: tuple[str, ...]
    publisher: str | None
    date: str | None


@dataclass(frozen=True)
class PageScore:
    """One page's metadata scores (None where the page expects nothing to compare with)."""

    headline_exact: float | None
    headline_f1: float | None
    author_f1: float | None
    date_exact: float | None
    authors_unexpected: bool  # names found on a page that expects no byline


def score(found: Found, meta: dict[str, str | None]) -> PageScore:
    headline, byline, date = meta.get("headline"), meta.get("byline"), meta.get("date")
    names = found_authors(found.authors, found.publisher)
    return PageScore(
        float(headline_exact(found.headline, headline)) if headline else None,
        token_f1(found.headline, headline) if headline else None,
        set_f1(names, expected_authors(byline)) if byline else None,
        float((found.date or "")[:10] == date[:10]) if date else None,
        bool(names) and not byline,
    )


MEASURES = ("headline_exact", "headline_f1", "author_f1", "date_exact")


def summary(scores: Iterable[PageScore]) -> dict[str, tuple[float, int]]:
    """Each measure's mean and the number of pages it was averaged over, plus the count of
    pages that expect no byline but got names (``authors_unexpected``)."""
    items = list(scores)
    out: dict[str, tuple[float, int]] = {}
    for measure in MEASURES:
        values = [v for s in items if (v := getattr(s, measure)) is not None]
        out[measure] = (sum(values) / len(values) if values else 0.0, len(values))
    unexpected = sum(s.authors_unexpected for s in items)
    out["authors_unexpected"] = (float(unexpected), len(items))
    return out
