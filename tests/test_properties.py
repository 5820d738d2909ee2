"""Properties over arbitrary strings: no crash, nothing lost without a record, idempotence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import cleanarticle
from cleanarticle.document import BOILERPLATE

# Lines drawn from a mix of prose, junk and noise, so filters actually fire.
LINES = st.sampled_from(
    [
        "Recommended for you",
        "Skip to main content",
        "Copyright 2025 Example News. All rights reserved.",
        "By JANE DOE and JOHN ROE - Associated Press",
        "BEIRUT (AP) — Talks resumed on Monday after a pause of two months, officials said.",
        "The council approved the budget on Tuesday after a long debate about roads.",
        "Protesters gather outside parliament (Photo: Jane Doe/Reuters)",
        "- 2026-01-05 09:50:26",
        "Keep it clean. Please avoid obscene, vulgar, lewd,",
        "racist or sexually-oriented language.",
        "Jane Doe reported from Paris.",
        "",
        "   ",
        "עברית",
    ]
)
DOCS = st.one_of(
    st.text(),
    st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=25).map("\n".join),
    st.lists(LINES, max_size=25).map("\r\n".join),
)


@settings(max_examples=300, deadline=None)
@given(DOCS)
def test_never_crashes_and_accounts_for_every_character(text: str) -> None:
    pipeline = cleanarticle.default_pipeline()
    doc = pipeline.run(text)
    article = cleanarticle.render.render(doc)
    lost = [text[i] for i in cleanarticle.render.unaccounted(doc, article)]
    assert not lost, f"characters vanished without a record: {lost[:20]}"


@settings(max_examples=300, deadline=None)
@given(DOCS)
def test_cleaning_a_clean_article_changes_nothing(text: str) -> None:
    first = cleanarticle.clean(text)
    second = cleanarticle.clean(first.to_text())
    assert second.paragraphs == first.paragraphs
    assert second.headline == first.headline
    assert second.dek == first.dek


@settings(max_examples=100, deadline=None)
@given(DOCS)
def test_labels_are_explained(text: str) -> None:
    doc = cleanarticle.default_pipeline().run(text)
    for block in doc.blocks:
        for label in block.labels:
            assert label.filter and label.reason
            assert label.kind == BOILERPLATE or label.kind == label.category
