"""Authors joined by a conjunction of any pack (``[byline] conjunctions``: and, und, et, y, e,
en) or by "&" are separate authors; a job title after a comma keeps its own words ("en" is a
Dutch conjunction and a Spanish preposition)."""

from __future__ import annotations

import pytest

from cleanarticle.filters.byline import Byline
from cleanarticle.phrasebook import available_languages, load_pack


def test_every_pack_lists_its_conjunctions() -> None:
    for lang in available_languages():
        assert load_pack(lang)["byline"]["conjunctions"], lang


@pytest.mark.parametrize(
    ("line", "authors", "publisher"),
    [
        ("By Ann Lee, Bo Park, and Cy Young", ["Ann Lee", "Bo Park", "Cy Young"], None),
        ("By Ann Lee, Bo Park and Cy Young - Associated Press",
         ["Ann Lee", "Bo Park", "Cy Young"], "Associated Press"),
        ("By Jane Doe & John Roe", ["Jane Doe", "John Roe"], None),
        ("Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"], "Reuters"),
        ("VON ANNA SCHMIDT UND JONAS WEBER", ["Anna Schmidt", "Jonas Weber"], None),
        ("Par Jean Dupont, Marie Martin et Paul Petit",
         ["Jean Dupont", "Marie Martin", "Paul Petit"], None),
        ("Por Ana García e Inés Ruiz, EFE", ["Ana García", "Inés Ruiz"], "EFE"),
        ("Por Carlos Ruiz y Ana López, corresponsal en Bruselas",
         ["Carlos Ruiz", "Ana López"], None),
    ],
)
def test_conjunctions_split_authors(line: str, authors: list[str], publisher: str | None) -> None:
    assert Byline().parse(line) == {"authors": authors, "publisher": publisher}


@pytest.mark.parametrize(
    "line",
    [
        "Por Ana Sousa e Silva",  # one word after the conjunction is no name: not a byline
        "Von Schmidt und Weber stammt der Entwurf.",
        "By Land And Sea",
        "Door Jan en zijn broer",
        "Por Juan y María, la vida cambió",
    ],
)
def test_conjunction_negatives(line: str) -> None:
    assert Byline().parse(line) is None
