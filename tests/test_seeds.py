"""Acceptance: each seed article comes out exactly as its hand-checked answer says."""

from __future__ import annotations

import json

import pytest

import cleanarticle

from .conftest import EXPECTED, SEEDS

NAMES = sorted(p.stem for p in EXPECTED.glob("*.json"))


def load(name: str) -> tuple[cleanarticle.Article, dict]:
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    return cleanarticle.clean(text), expected


def test_all_seeds_present() -> None:
    assert len(NAMES) == 5
    assert all((SEEDS / f"{n}.txt").exists() for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name: str) -> None:
    article, expected = load(name)
    assert article.headline == expected["headline"]
    assert article.dek == expected["dek"]
    assert article.byline == expected["byline"]
    assert list(article.authors) == expected["authors"]
    assert article.publisher == expected["publisher"]
    assert article.date_published == expected["published"]
    assert article.section == expected["section"]
    assert article.credits == expected["credits"]
    if expected["dateline"] is None:
        assert article.dateline is None
    else:
        assert article.dateline is not None
        assert article.dateline.place == expected["dateline"]["place"]
        assert article.dateline.agency == expected["dateline"]["agency"]
        assert article.dateline.raw == expected["dateline"]["raw"]


@pytest.mark.parametrize("name", NAMES)
def test_body(name: str) -> None:
    article, expected = load(name)
    assert list(article.paragraphs) == expected["body"]


@pytest.mark.parametrize("name", NAMES)
def test_every_listed_line_is_reported_removed(name: str) -> None:
    article, expected = load(name)
    removed = {r.text.strip(): r for r in article.boilerplate}
    for category, lines in expected["removed"].items():
        for line in lines:
            assert line in removed, f"{category} line not reported: {line!r}"
            record = removed[line]
            assert record.filter and record.reason, record


@pytest.mark.parametrize("name", NAMES)
def test_removals_point_at_the_source(name: str) -> None:
    article, _ = load(name)
    source = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    for r in article.removed:
        assert source[r.start : r.end] == r.text
        assert source.count("\n", 0, r.start) + 1 == r.line
