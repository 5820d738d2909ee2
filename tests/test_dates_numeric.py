"""How 05/01/2026 is read: 5 January in the languages that write the day first (``day_first``
in the ``[dates]`` table of their pack), May 1 in US English.

The language is the one the filter was given, else the one the line's date words are in
("Publié le", "Actualizado el"), else the one most of the document's first words are in
(stopwords), else US. Dots (05.01.2026) always mean day first; 13/01 or 01/13 has one reading.
"""

from __future__ import annotations

import pytest

import cleanarticle
from cleanarticle.document import Document
from cleanarticle.filters.dates import Dates
from cleanarticle.phrasebook import available_languages, load_pack

HEADLINES = {
    "en": "Council passes budget after long debate",
    "fr": "Le conseil adopte le budget après un long débat",
    "de": "Der Rat beschließt den Haushalt nach langer Debatte",
    "es": "El consejo aprueba el presupuesto tras un largo debate",
}
BODIES = {
    "en": (
        "The council approved the budget on Tuesday after a long debate about road repairs. "
        "Members said that the vote would allow the work to start before the winter."
    ),
    "fr": (
        "Le conseil a adopté le budget mardi après un long débat sur la réfection des routes. "
        "Les élus ont dit que le vote permettrait de commencer les travaux avant l'hiver."
    ),
    "de": (
        "Der Rat hat den Haushalt am Dienstag nach einer langen Debatte über die Straßen "
        "beschlossen. Die Mitglieder sagten, dass die Arbeiten vor dem Winter beginnen können."
    ),
    "es": (
        "El consejo aprobó el presupuesto el martes tras un largo debate sobre las carreteras. "
        "Los concejales dijeron que las obras podrán empezar antes del invierno."
    ),
}


def test_every_pack_says_which_way_it_writes_numeric_dates() -> None:
    for lang in available_languages():
        assert isinstance(load_pack(lang)["dates"]["day_first"], bool), lang
    assert load_pack("en")["dates"]["day_first"] is False
    for lang in ("de", "fr", "es", "it", "pt", "nl"):
        assert load_pack(lang)["dates"]["day_first"] is True, lang


@pytest.mark.parametrize(
    ("langs", "line", "iso"),
    [
        # The languages the filter was given decide when they agree.
        (["en"], "05/01/2026", "2026-05-01"),
        (["fr"], "05/01/2026", "2026-01-05"),
        (["de", "nl"], "05/01/2026", "2026-01-05"),
        # Otherwise the line's own date words, if they belong to one reading only.
        (None, "Publié le 05/01/2026", "2026-01-05"),
        (None, "Actualizado el 05/01/2026", "2026-01-05"),
        (None, "Aktualisiert am 05/01/2026", "2026-01-05"),
        (None, "Published 05/01/2026", "2026-05-01"),
        (None, "Posted on 05/01/2026 at 10:30", "2026-05-01T10:30:00"),
        # With no word to tell and no document: US, as before.
        (None, "05/01/2026", "2026-05-01"),
        # Only one reading is a date, whatever the language.
        (["en"], "13/01/2026", "2026-01-13"),
        (["fr"], "01/13/2026", "2026-01-13"),
        # Dots: day first, even in English.
        (["en"], "05.01.2026", "2026-01-05"),
        (None, "Updated 05.01.2026", "2026-01-05"),
    ],
)
def test_numeric_date_order(langs: list[str] | None, line: str, iso: str) -> None:
    assert Dates(languages=langs).parse_line(line) == iso


@pytest.mark.parametrize(
    ("lang", "iso"),
    [("en", "2026-05-01"), ("fr", "2026-01-05"), ("de", "2026-01-05"), ("es", "2026-01-05")],
)
def test_a_bare_numeric_date_is_read_in_the_documents_language(lang: str, iso: str) -> None:
    a = cleanarticle.clean("\n".join([HEADLINES[lang], "05/01/2026", BODIES[lang]]))
    assert a.date_published == iso
    assert a.paragraphs == (BODIES[lang],)


def test_too_few_words_to_tell_the_language_reads_us() -> None:
    doc = Document("05/01/2026\nLe 5")
    assert Dates().parse_line("05/01/2026", doc) == "2026-05-01"


@pytest.mark.parametrize(
    "line",
    [
        "05/01/2026 le conseil a voté",  # a sentence, whatever the order
        "Le 05/01/2026, le conseil a adopté le budget.",
        "31/02/2026",  # no such day either way
        "13/13/2026",
    ],
)
def test_numeric_date_negatives(line: str) -> None:
    assert Dates().parse_line(line) is None
