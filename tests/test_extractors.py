"""HTML mode's candidates: readability-lxml and Resiliparse next to trafilatura, the vote on
their lines, and the ``extractors`` filter that shows what the vote rejected."""

from __future__ import annotations

import pytest

import cleanarticle
from cleanarticle import html
from cleanarticle.extract import readability, resiliparse, vote
from cleanarticle.extract.readability import block_lines, readability_text
from cleanarticle.html import Extracted, clean_extracted

from .test_html import LEAD, SECOND, THIRD

MENU = "Home News Sport Weather Business Culture Opinion"


def page(body: str) -> str:
    links = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in MENU.split())
    return f"""<!DOCTYPE html><html lang="en"><head><title>Harbour bridge to close</title>
</head><body><ul class="menu">{links}</ul>
<article><h1>Harbour bridge to close</h1>{body}</article>
<footer>About us. Contact. Careers.</footer></body></html>"""


BODY = f"<p>{LEAD}</p><p>{SECOND}</p><p>{THIRD}</p>"

needs_readability = pytest.mark.skipif(not readability.available(),
                                       reason="readability-lxml is not installed")
needs_resiliparse = pytest.mark.skipif(not resiliparse.available(),
                                       reason="Resiliparse is not installed (extractors extra)")


def words(*lines: str) -> vote.Tokenised:
    return [(line, vote.WORD.findall(line)) for line in lines]


def test_merge_slots_the_other_candidates_lines_after_the_last_shared_one() -> None:
    base = words(LEAD, THIRD)
    other = words(LEAD, SECOND, THIRD, "Read more from the council")
    merged = vote.merge(base, other, vote.Shingles(w for _, w in base))
    assert [line for line, _ in merged] == [LEAD, SECOND, THIRD, "Read more from the council"]


def test_merge_puts_lines_before_the_first_shared_one_first() -> None:
    base = words(SECOND)
    merged = vote.merge(base, words("A kicker", SECOND), vote.Shingles(w for _, w in base))
    assert [line for line, _ in merged] == ["A kicker", SECOND]


def test_shingles_count_a_short_line_only_when_found_whole() -> None:
    inside = vote.Shingles(vote.WORD.findall(x) for x in ["Harbour bridge", LEAD])
    assert inside.share(["Harbour", "bridge"]) == 1.0
    assert inside.share(["Harbour", "tunnel"]) == 0.0
    assert inside.share(vote.WORD.findall(LEAD)) == 1.0


def test_lines_every_extractor_keeps_stay_and_link_menus_kept_by_one_go() -> None:
    found = {"trafilatura": f"{MENU}\n{LEAD}\n{SECOND}", "readability": f"{LEAD}\n{SECOND}",
             "resiliparse": f"{LEAD}\n{SECOND}"}
    verdict = vote.judge(found, MENU.split())
    assert verdict.text.splitlines() == [MENU, LEAD, SECOND]
    assert set(verdict.rejected) == {1}
    assert "kept by trafilatura" in verdict.rejected[1]


def test_the_two_candidate_model_is_used_without_resiliparse() -> None:
    found = {"trafilatura": f"{MENU}\n{LEAD}", "readability": LEAD}
    verdict = vote.judge(found, MENU.split())
    assert set(verdict.rejected) == {1}
    assert vote.model(False) != vote.model(True)


def test_rejected_lines_are_marked_not_deleted_and_offsets_index_the_text() -> None:
    text = f"{LEAD}\n{MENU}\n{SECOND}"
    article = clean_extracted(Extracted(text, rejected=((2, "the extractors' vote: 0.10"),)))
    assert article.paragraphs == (LEAD, SECOND)
    [removed] = [r for r in article.removed if r.filter == "extractors"]
    assert removed.category == "page_chrome" and removed.reason.endswith("0.10")
    assert text[removed.start:removed.end] == MENU


def test_a_rejected_line_inside_a_wrapped_block_is_marked_as_a_span() -> None:
    text = "The council said the bridge\nwill close in May for repairs."
    article = clean_extracted(Extracted(text, rejected=((1, "vote"),)))
    [removed] = [r for r in article.removed if r.filter == "extractors"]
    assert text[removed.start:removed.end] == "The council said the bridge"


@needs_readability
def test_readability_text_gives_a_line_per_block() -> None:
    text = readability_text(page(BODY))
    assert text.splitlines()[-3:] == [LEAD, SECOND, THIRD]


@needs_readability
@pytest.mark.parametrize("bad", ["", "   ", "<", "<html></html>", "\x00\x01", "<p>" * 5000])
def test_readability_text_never_raises(bad: str) -> None:
    assert isinstance(readability_text(bad), str)


def test_block_lines_survives_deep_nesting() -> None:
    from lxml import etree

    root = inner = etree.Element("div")
    for _ in range(5000):  # deeper than Python's recursion limit
        inner = etree.SubElement(inner, "div")
    inner.text = "deep"
    assert block_lines(root) == "deep"


@needs_resiliparse
def test_resiliparse_text_keeps_the_article() -> None:
    assert LEAD in resiliparse.resiliparse_text(page(BODY)).splitlines()
    assert resiliparse.resiliparse_text("  ") == ""


@needs_readability
def test_html_mode_votes_and_shows_what_it_rejected() -> None:
    found = html.extract(page(BODY))
    assert LEAD in found.text.splitlines()
    article = cleanarticle.clean_html(page(BODY))
    assert article.paragraphs == (LEAD, SECOND, THIRD)


def test_without_readability_html_mode_is_trafilatura_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(readability, "available", lambda: False)
    found = html.extract(page(BODY))
    assert found.rejected == ()
    assert cleanarticle.clean_html(page(BODY)).paragraphs == (LEAD, SECOND, THIRD)


@needs_readability
def test_without_resiliparse_two_candidates_are_judged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resiliparse, "available", lambda: False)
    parsed = html.parse(page(BODY))
    assert parsed is not None
    assert set(html.candidates(*parsed)) == {"trafilatura", "readability"}
    assert cleanarticle.clean_html(page(BODY)).paragraphs == (LEAD, SECOND, THIRD)
