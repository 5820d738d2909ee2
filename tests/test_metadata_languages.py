"""Byline, date and credit lines in German, French, Spanish, Italian, Portuguese and Dutch are
recognised from the packs' ``[byline]``, ``[dates]`` and ``[credits]`` tables, and body
sentences using the same words ("Von der Leyen sagte ...", "Par ailleurs, ...", "Door de
regen ...") stay in the body.

Cases live in ``tests/data/metadata_cases/<lang>.toml``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

import cleanarticle
from cleanarticle.filters.byline import Byline
from cleanarticle.filters.credits import Credits
from cleanarticle.filters.dates import Dates
from cleanarticle.phrasebook import load_pack

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES = Path(__file__).parent / "data" / "metadata_cases"
LANGS = ("de", "fr", "es", "it", "pt", "nl")
HEADLINE = "Council passes budget after long debate"
BODY = (
    "The council approved the budget on Tuesday after a long debate about road repairs. "
    "Members said the vote would allow work to start before the winter."
)
BODY2 = "Residents had asked for the repairs for years, a petition signed by thousands said."


def load(lang: str) -> dict[str, Any]:
    return tomllib.loads((CASES / f"{lang}.toml").read_text(encoding="utf-8"))


def cases(key: str) -> list[tuple[str, Any]]:
    return [(lang, case) for lang in LANGS for case in load(lang).get(key, [])]


def article(*lines: str) -> cleanarticle.Article:
    return cleanarticle.clean("\n".join(lines))


@pytest.mark.parametrize("lang", LANGS)
def test_pack_has_the_tables_the_filters_read(lang: str) -> None:
    pack = load_pack(lang)
    for key in ("prefixes", "publishers", "titles"):
        assert pack["byline"][key], (lang, key)
    assert len(pack["dates"]["months"]) > 12  # twelve months in order, then short forms
    assert pack["dates"]["weekdays"] and pack["dates"]["words"]
    assert pack["credits"]["contains"]
    data = load(lang)
    for key in ("byline", "byline_negatives", "dated_byline", "dated_byline_negatives",
                "dates", "date_negatives", "credits", "credit_negatives"):
        assert data.get(key), f"no {key} cases for {lang}"


@pytest.mark.parametrize(("lang", "case"), cases("byline"))
def test_byline_positives(lang: str, case: dict[str, Any]) -> None:
    parsed = Byline(languages=[lang]).parse(case["line"])
    assert parsed == {"authors": case["authors"], "publisher": case.get("publisher")}
    a = article(HEADLINE, case["line"], BODY, BODY2)
    assert a.byline == case["line"]
    assert list(a.authors) == case["authors"]
    assert a.paragraphs == (BODY, BODY2)


@pytest.mark.parametrize(("lang", "sentence"), cases("byline_negatives"))
def test_byline_negatives(lang: str, sentence: str) -> None:
    assert Byline().parse(sentence) is None
    a = article(HEADLINE, sentence, BODY, BODY2)
    assert a.byline is None
    assert sentence in a.paragraphs


@pytest.mark.parametrize(("lang", "case"), cases("dated_byline"))
def test_bylines_with_their_date(lang: str, case: dict[str, Any]) -> None:
    found = Byline(languages=[lang]).parse_stamp(case["line"])
    assert found is not None and found[0]["authors"] == case["authors"]
    a = article(HEADLINE, case["line"], BODY, BODY2)
    assert (list(a.authors), a.date_published) == (case["authors"], case["iso"])
    assert a.paragraphs == (BODY, BODY2)


@pytest.mark.parametrize(("lang", "sentence"), cases("dated_byline_negatives"))
def test_sentences_with_a_name_and_a_date_are_no_byline(lang: str, sentence: str) -> None:
    assert Byline().parse_stamp(sentence) is None
    a = article(HEADLINE, sentence, BODY)
    assert a.byline is None
    assert sentence in a.paragraphs


@pytest.mark.parametrize(("lang", "case"), cases("dates"))
def test_date_lines(lang: str, case: dict[str, str]) -> None:
    assert Dates(languages=[lang]).parse_line(case["line"]) == case["iso"]
    a = article(HEADLINE, case["line"], BODY)
    assert a.date_published == case["iso"]
    assert a.paragraphs == (BODY,)


@pytest.mark.parametrize(("lang", "sentence"), cases("date_negatives"))
def test_date_negatives(lang: str, sentence: str) -> None:
    assert Dates().parse_line(sentence) is None
    a = article(HEADLINE, sentence, BODY)
    assert sentence in a.paragraphs


@pytest.mark.parametrize(("lang", "line"), cases("credits"))
def test_credits(lang: str, line: str) -> None:
    assert Credits(languages=[lang]).matcher.match(line)
    a = article(HEADLINE, BODY, BODY2, line)
    assert a.credits == line
    assert a.paragraphs == (BODY, BODY2)


@pytest.mark.parametrize(("lang", "sentence"), cases("credit_negatives"))
def test_credit_negatives(lang: str, sentence: str) -> None:
    a = article(HEADLINE, BODY, BODY2, sentence)
    assert a.credits is None
    assert a.paragraphs[-1] == sentence


@pytest.mark.parametrize(("lang", "case"), cases("dateline"))
def test_datelines(lang: str, case: dict[str, str]) -> None:
    a = article(HEADLINE, case["lead"], BODY)
    assert a.dateline == cleanarticle.Dateline(case["place"], case.get("agency"), case["raw"])
    assert a.paragraphs[0] == case["lead"][len(case["raw"]) :].strip()


@pytest.mark.parametrize(("lang", "lead"), cases("dateline_negatives"))
def test_dateline_negatives(lang: str, lead: str) -> None:
    a = article(HEADLINE, lead, BODY)
    assert a.dateline is None
    assert a.paragraphs[0] == lead


def test_month_names_of_every_language_share_one_numbering() -> None:
    """A month word in two packs ("mai", "marzo", "set") must mean the same month in both."""
    seen: dict[str, int] = {}
    for lang in ("en", *LANGS):
        months = load_pack(lang)["dates"]["months"]
        for number, month in enumerate(months[:12], start=1):
            assert seen.setdefault(month, number) == number, (lang, month)
