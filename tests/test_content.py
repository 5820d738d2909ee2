"""filters/content.py: the page-chrome model, its scoring and its gate."""

from __future__ import annotations

import math
from bisect import bisect_right

import cleanarticle
from cleanarticle.document import Document
from cleanarticle.features import NAMES, document_columns
from cleanarticle.filters import content
from cleanarticle.filters.content import Content, _Bins, load_model

PARAGRAPHS = [
    "The council said on Friday that the old bridge over the river would stay closed until "
    "the engineers had finished their inspection of the piers and the deck.",
    "Engineers found cracks in two of the piers last month, and the council decided to close "
    "the bridge to traffic while a repair plan is drawn up by the city's transport office.",
    "Local shop owners said the closure would hurt trade in the old quarter, where most of "
    "their customers arrive by car from the northern suburbs across the river.",
]
MENU = ["Home", "News", "Sports", "Weather", "Opinion", "Video", "Contact us", "Log in",
        "Sign up", "Archive"]
FOOTER = ["About us", "Careers", "Advertise", "Privacy", "Terms", "Site map", "Help",
          "Follow us on Twitter", "Facebook", "RSS"]


def _reference_probability(model: dict, row: list[float]) -> float:
    """The model's definition: bias plus the weight of each feature's bin, then the logistic."""
    z = model["bias"] + sum(
        w[bisect_right(e, x)] for e, w, x in zip(model["edges"], model["weights"], row, strict=True)
    )
    return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


def test_probabilities_follow_the_binned_model() -> None:
    texts = ["Harbour bridge to close for repairs", *MENU, *PARAGRAPHS, *FOOTER]
    columns = document_columns(texts, [None] * len(texts))
    model = load_model()
    rows = list(zip(*columns, strict=True))
    expected = [_reference_probability(model, list(r)) for r in rows]
    got = Content().probabilities(columns)
    assert len(got) == len(texts)
    assert all(abs(a - b) < 1e-12 for a, b in zip(got, expected, strict=True))


def test_bins_remember_a_bounded_number_of_values(monkeypatch) -> None:
    monkeypatch.setattr(content, "_MAX_REMEMBERED", 8)
    bins = _Bins([0.0, 1.0], [-1.0, 0.5, 2.0])
    assert [bins[x] for x in (-3.0, 0.0, 0.5, 1.0, 7.0)] == [-1.0, 0.5, 0.5, 2.0, 2.0]
    for i in range(100):
        assert bins[i / 100] == 0.5
    assert len(bins) <= 8


def test_model_matches_the_features() -> None:
    model = load_model()
    assert model["features"] == list(NAMES)
    assert len(model["edges"]) == len(model["weights"]) == len(NAMES)
    assert all(len(w) == len(e) + 1 for e, w in zip(model["edges"], model["weights"], strict=True))


def test_whole_page_dump_loses_its_menus_and_keeps_the_story() -> None:
    text = "\n".join([*MENU, "Harbour bridge to close for repairs", *PARAGRAPHS, *FOOTER])
    article = cleanarticle.clean(text)
    assert list(article.paragraphs) == PARAGRAPHS
    removed = {r.text for r in article.removed if r.filter == "content"}
    assert {"News", "Sports", "Weather", "Opinion", "Video"} <= removed
    assert not removed & set(PARAGRAPHS)


def test_a_text_with_little_chrome_is_left_alone() -> None:
    doc = Document("\n".join(["Harbour bridge to close", *PARAGRAPHS, "Home", "News"]))
    before = [list(b.labels) for b in doc.blocks]
    Content()(doc)
    assert [list(b.labels) for b in doc.blocks] == before


def test_extracted_text_with_many_short_lines_is_not_a_page_dump() -> None:
    """A list-heavy article (already extracted, no menus around it) passes the chrome gate
    but the page-dump test leaves it alone; a whole-page dump is judged."""
    steps = [f"Step {i}: check the {part}" for i, part in enumerate(
        ["piers", "deck", "railings", "lights", "drains", "joints", "cables", "signs", "paint"]
    )]
    extracted = ["Harbour bridge to close for repairs", PARAGRAPHS[0], *steps, PARAGRAPHS[1]]
    dump = [*MENU, *MENU, "Harbour bridge to close for repairs", *PARAGRAPHS, *FOOTER, *FOOTER]
    filter_ = Content()
    extracted_columns = document_columns(extracted, [None] * len(extracted))
    dump_columns = document_columns(dump, [None] * len(dump))
    assert filter_.page_dump(extracted_columns) < filter_.min_dump
    assert filter_.page_dump(dump_columns) >= filter_.min_dump
    doc = Document("\n".join(extracted))
    Content()(doc)
    assert all(not b.labels for b in doc.blocks)


def _pieces(probs: list[float], prose: list[float]) -> tuple[list[float], ...]:
    log_words = [math.log1p(30 if p else 2) for p in prose]
    return probs, log_words, prose, [True] * len(probs)


THRESHOLDS = (0.2, 0.8, 0.3)


def test_a_page_scored_low_all_over_keeps_its_article() -> None:
    """A long menu drags every probability down: the model keeps none of the prose, so the
    page is decided again with lifted scores, and the run of prose stays, the menu goes."""
    probs = [0.01] * 20 + [0.15, 0.25, 0.12, 0.2] + [0.01] * 10
    prose = [0.0] * 20 + [1.0] * 4 + [0.0] * 10
    first = content._decide(probs, _pieces(probs, prose)[1], THRESHOLDS)
    assert not any(first.keep[20:24])
    chosen = content.decide(*_pieces(probs, prose), THRESHOLDS)
    assert chosen.lift > 0
    assert all(chosen.keep[20:24])
    assert not any(chosen.keep[:20]) and not any(chosen.keep[24:])


def test_a_confident_page_is_not_lifted() -> None:
    probs = [0.01] * 10 + [0.95, 0.9, 0.97] + [0.3, 0.2, 0.35] + [0.01] * 5
    prose = [0.0] * 10 + [1.0] * 6 + [0.0] * 5
    chosen = content.decide(*_pieces(probs, prose), THRESHOLDS)
    assert chosen.lift == 0
    assert chosen.keep == content._decide(probs, _pieces(probs, prose)[1], THRESHOLDS).keep

