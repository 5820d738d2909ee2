"""Byline and date lines that start in lower case ("von Anna Schmidt", "di Mario Rossi",
"le 5 janvier 2026") stand on their own under a headline: the document does not unwrap them
into the line above as it unwraps hard-wrapped paragraphs (``phrasebook.opens_stamp``).
Hard-wrapped prose whose lines start with the same words stays one paragraph.
"""

from __future__ import annotations

import pytest

import cleanarticle
from cleanarticle.phrasebook import opens_stamp

HEADLINE = "Council passes budget after long debate"
BODY = (
    "The council approved the budget on Tuesday after a long debate about road repairs. "
    "Members said the vote would allow work to start before the winter."
)


def article(*lines: str) -> cleanarticle.Article:
    return cleanarticle.clean("\n".join(lines))


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("von Anna Schmidt", ["Anna Schmidt"]),
        ("von Anna Schmidt und Jonas Weber, dpa", ["Anna Schmidt", "Jonas Weber"]),
        ("par Jean Dupont", ["Jean Dupont"]),
        ("di Mario Rossi", ["Mario Rossi"]),
        ("a cura di Giulia Bianchi", ["Giulia Bianchi"]),
        ("por Ana García", ["Ana García"]),
        ("door Jan de Vries", ["Jan de Vries"]),
        ("by Jane Doe", ["Jane Doe"]),
    ],
)
def test_lower_case_byline_under_the_headline(line: str, authors: list[str]) -> None:
    a = article(HEADLINE, line, BODY)
    assert a.headline == HEADLINE
    assert a.byline == line
    assert list(a.authors) == authors
    assert a.paragraphs == (BODY,)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("le 5 janvier 2026", "2026-01-05"),
        ("mercredi 7 janvier 2026", "2026-01-07"),
        ("lunedì 5 gennaio 2026", "2026-01-05"),
        ("jueves, 8 de enero de 2026", "2026-01-08"),
        ("updated 9:10 AM EST, Wed November 7, 2012", "2012-11-07"),
        ("aktualisiert am 05.01.2026", "2026-01-05"),
    ],
)
def test_lower_case_date_line_under_the_headline(line: str, iso: str) -> None:
    a = article(HEADLINE, line, BODY)
    assert a.headline == HEADLINE
    assert a.date_published == iso
    assert a.paragraphs == (BODY,)


@pytest.mark.parametrize(
    "lines",
    [
        # English prose, hard-wrapped: lines start with "by", "on", "of", "the", "at"...
        (
            "The proposal was drafted over the summer and then reviewed",
            "by the committee, which met on Friday.",
        ),
        ("The report was written over several months", "by John Smith, who led the inquiry."),
        ("The council will meet again to vote on the plan", "on 5 January 2026 at the town hall."),
        ("The council met to approve the plan that was agreed", "on 5 January 2026."),
        (
            "The minutes of the meeting were published as part",
            "of the 5 January 2026 session papers",
        ),
        (
            "Officials said the new schedule would take effect",
            "at 9:00 on Monday, 5 January 2026, for all lines.",
        ),
        # Other languages: a prefix word, then a sentence, not a name.
        (
            "Die Kommission werde den Vorschlag prüfen, sagte",
            "von der Leyen am Montag in Brüssel.",
        ),
        (
            "Il ministro degli Esteri ha incontrato ieri Luigi",
            "di Maio e il presidente della Camera.",
        ),
        (
            "Le gouvernement a présenté le projet, soutenu",
            "par Jean Dupont et plusieurs députés de la majorité",
        ),
        (
            "La reforma entrará en vigor, según el decreto,",
            "el 5 de enero de 2026 en todo el país.",
        ),
        ("Les travaux commenceront, selon la mairie,", "le 5 janvier 2026 dans le centre-ville."),
    ],
)
def test_hard_wrapped_prose_stays_one_paragraph(lines: tuple[str, str]) -> None:
    a = article(HEADLINE, BODY, *lines)
    assert a.paragraphs[-1] == " ".join(lines)
    assert not opens_stamp(lines[1])


@pytest.mark.parametrize(
    "line",
    [
        "von Anna Schmidt",
        "di Mario Rossi e Luca Bianchi",
        "par Jean Dupont - AFP",
        "text: Anna Schmidt",  # a prefix that ends in a colon
        "le 5 janvier 2026",
        "lundi 5 janvier 2026 à 14h30",
        "publicado el 05/01/2026",
    ],
)
def test_opens_stamp(line: str) -> None:
    assert opens_stamp(line)


@pytest.mark.parametrize(
    "line",
    [
        "von der Leyen sagte am Montag",  # a particle, not a first name, after the prefix
        "di Maio",  # one word is no name
        "par ailleurs le gouvernement",
        "by the committee",
        "de 2026",  # a year alone is no date line
        "le 5 janvier 2026.",  # a sentence ends there: the tail of a wrapped paragraph
        "le lundi",
    ],
)
def test_opens_stamp_negatives(line: str) -> None:
    assert not opens_stamp(line)
