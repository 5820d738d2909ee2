"""Every phrase pack catches its hand-written positives and leaves body sentences alone.

Cases live in ``tests/data/phrase_cases/<lang>.toml``: per category, ``positives`` (lines
that must be caught by that category's filter, worded unlike the seeds) and ``negatives``
(real-sounding body sentences using the same words, which must survive the whole pipeline).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import cleanarticle
from cleanarticle.filters.base import PhraseFilter
from cleanarticle.phrasebook import available_languages, load_pack

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES = Path(__file__).parent / "data" / "phrase_cases"
FILTERS = {cls.category: cls for cls in PhraseFilter.__subclasses__()}
BODY = "The council approved the new budget on Tuesday after a long debate about road repairs."
BODY2 = "Residents had asked for the repairs for years, according to a petition signed by many."


def cases(kind: str) -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(CASES.glob("*.toml")):
        for category, table in tomllib.loads(path.read_text(encoding="utf-8")).items():
            out.extend((path.stem, category, line) for line in table.get(kind, []))
    return out


def test_every_pack_has_cases_and_categories() -> None:
    langs = available_languages()
    assert "en" in langs
    for lang in langs:
        assert (CASES / f"{lang}.toml").exists(), f"no test cases for phrase pack {lang}"
        pack = load_pack(lang)
        for category in FILTERS:
            assert pack.get(category, {}).get("lines") or pack[category].get("contains"), (
                lang, category)


@pytest.mark.parametrize(("lang", "category", "line"), cases("positives"))
def test_positive_is_caught_by_its_filter(lang: str, category: str, line: str) -> None:
    f = FILTERS[category](languages=[lang])
    assert f.matcher.match(line), f"{lang}/{category} missed: {line!r}"


@pytest.mark.parametrize(("lang", "category", "line"), cases("positives"))
def test_positive_leaves_the_body(lang: str, category: str, line: str) -> None:
    article = cleanarticle.clean(f"Council passes budget\n{BODY}\n{line}\n{BODY2}")
    assert article.paragraphs == (BODY, BODY2)


@pytest.mark.parametrize(("lang", "category", "sentence"), cases("negatives"))
def test_negative_survives(lang: str, category: str, sentence: str) -> None:
    article = cleanarticle.clean(f"Council passes budget\n{BODY}\n{sentence}\n{BODY2}")
    assert sentence in article.paragraphs, [r.reason for r in article.boilerplate]
