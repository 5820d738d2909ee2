"""HTML mode: trafilatura's main text, cleaned by the pipeline, with the markup's metadata."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleanarticle
from cleanarticle.html import PageTitle, extract, html_pipeline

LEAD = (
    "The city council voted on Monday to close the old harbour bridge for two years of "
    "repairs, after engineers found cracks in three of its steel supports."
)
SECOND = (
    "Traffic will be sent over the northern ring road, which the council says can carry the "
    "extra cars if the new lights at the port junction work as planned."
)
THIRD = (
    "Shop owners on the harbour front said they feared losing customers during the works "
    "and asked the council for lower rents until the bridge reopens to traffic."
)


def page(body: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>Harbour bridge to close for repairs | Example Gazette</title>
{head}
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour bridge to close for repairs</h1>
{body}
</article>
<footer>About us. Contact. Careers.</footer>
</body></html>"""


META = """
<meta property="og:title" content="Harbour bridge to close for repairs">
<meta name="author" content="Jane Roe; John Doe">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta property="og:site_name" content="Example Gazette">
<meta property="article:section" content="Local">
"""

BODY = f"<p>{LEAD}</p>\n<p>{SECOND}</p>\n<p>{THIRD}</p>"


def test_main_text_comes_out_one_paragraph_per_line() -> None:
    article = cleanarticle.clean_html(page(BODY))
    assert article.paragraphs == (LEAD, SECOND, THIRD)
    assert "Home" not in article.text and "Careers" not in article.text


def test_headline_is_the_page_title_and_not_body() -> None:
    article = cleanarticle.clean_html(page(BODY))
    assert article.headline == "Harbour bridge to close for repairs"
    assert all("Harbour bridge to close" not in p for p in article.paragraphs)


def test_short_lines_at_the_top_of_the_text_stay_in_the_body() -> None:
    verse = ["The tide comes in at dawn", "The boats go out by noon", "The bridge stands between"]
    body = "".join(f"<p>{line}</p>\n" for line in verse) + BODY
    article = cleanarticle.clean_html(page(body))
    assert article.paragraphs == (*verse, LEAD, SECOND, THIRD)
    assert article.headline == "Harbour bridge to close for repairs"


def test_a_part_of_a_site_suffixed_title_is_recognised_as_the_headline() -> None:
    title = PageTitle("Harbour bridge to close for repairs | Example Gazette")
    doc = cleanarticle.Document(f"Harbour bridge to close for repairs\n{LEAD}")
    title(doc)
    assert [label.kind for label in doc.blocks[0].labels] == ["headline"]
    assert doc.blocks[1].labels == []


def test_html_pipeline_swaps_the_header_filter_and_leaves_out_content() -> None:
    base = cleanarticle.default_pipeline()
    swapped = html_pipeline("A title", base)
    assert swapped.names == [n for n in base.names if n not in ("content", "duplicates")]
    assert isinstance(list(swapped)[swapped.names.index("header")], PageTitle)
    no_header = base.without("header", "content", "duplicates")
    assert html_pipeline("A title", no_header).names == no_header.names
    mine = cleanarticle.registry.FunctionFilter("header", lambda doc: None)
    kept = html_pipeline("A title", base.replace("header", mine))
    assert list(kept)[kept.names.index("header")] is mine


def test_a_pipeline_passed_in_gets_the_page_title_header_too() -> None:
    verse = ["The tide comes in at dawn", "The boats go out by noon"]
    body = "".join(f"<p>{line}</p>\n" for line in verse) + BODY
    article = cleanarticle.clean_html(page(body), pipeline=cleanarticle.default_pipeline())
    assert article.paragraphs[:2] == tuple(verse)


def test_markup_metadata_fills_the_fields() -> None:
    article = cleanarticle.clean_html(page(BODY, META), url="https://example.com/news/bridge")
    assert article.authors == ("Jane Roe", "John Doe")
    assert article.date_published == "2024-03-05"
    assert article.publisher == "Example Gazette"
    assert article.section == "Local"
    assert any("authors from the page markup" in note for note in article.notes)


def test_text_derived_metadata_wins_over_markup() -> None:
    body = f"<p>By Alice Walker</p>\n{BODY}"
    article = cleanarticle.clean_html(page(body, META))
    assert article.authors == ("Alice Walker",)
    assert article.paragraphs == (LEAD, SECOND, THIRD)
    assert not any("authors from the page markup" in note for note in article.notes)


def test_junk_inside_the_article_container_is_cleaned() -> None:
    body = (
        f"<p>{LEAD}</p>\n<p>{SECOND}</p>\n<p>Sign up for our newsletter</p>\n"
        f"<p>{THIRD}</p>\n<p>Recommended for you</p>\n"
        "<p>© 2024 Example Gazette. All rights reserved.</p>"
    )
    article = cleanarticle.clean_html(page(body))
    assert article.paragraphs == (LEAD, SECOND, THIRD)
    removed = {r.filter for r in article.boilerplate}
    assert {"newsletter", "recommendations", "copyright"} <= removed


def test_removal_offsets_index_the_extracted_text() -> None:
    html = page(f"{BODY}\n<p>Recommended for you</p>")
    text = extract(html).text
    article = cleanarticle.clean_html(html)
    assert article.boilerplate
    assert all(text[r.start : r.end] == r.text for r in article.removed)


def test_custom_pipeline_is_used() -> None:
    html = page(f"{BODY}\n<p>Recommended for you</p>")
    pipeline = cleanarticle.default_pipeline().without("recommendations")
    article = cleanarticle.clean_html(html, pipeline=pipeline)
    assert "Recommended for you" in article.paragraphs


def test_user_comments_are_left_out() -> None:
    comments = (
        '<div id="comments" class="comments"><h3>Comments</h3>'
        '<div class="comment"><p>Great article, thanks for sharing this with us all!</p></div>'
        "</div>"
    )
    html = page(BODY).replace("</article>", f"</article>{comments}")
    assert "Great article" not in cleanarticle.clean_html(html).text


@pytest.mark.parametrize(
    "html", ["", "   \n", "<html></html>", "<<<>>>", "\x00\x00", "plain words"]
)
def test_empty_or_invalid_html_gives_an_empty_article(html: str) -> None:
    article = cleanarticle.clean_html(html)
    assert article.paragraphs == ()
    assert article.headline is None


def test_bad_input_type_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="str"):
        cleanarticle.clean_html(b"<p>bytes</p>")  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/pdiv =\"'&;!- \nabcé\x00")), max_size=300))
def test_arbitrary_markup_never_raises(html: str) -> None:
    assert isinstance(cleanarticle.clean_html(html), cleanarticle.Article)


def test_a_lead_styled_as_a_teaser_is_kept() -> None:
    # trafilatura's default drops "teaser" blocks; HTML mode extracts with favor_recall.
    body = f'<p class="article-teaser">{LEAD}</p>\n<p>{SECOND}</p>\n<p>{THIRD}</p>'
    assert cleanarticle.clean_html(page(body)).paragraphs == (LEAD, SECOND, THIRD)


def test_a_fragment_without_a_document_around_it_is_extracted() -> None:
    # one wrapper element and no <html>: trafilatura alone rejects it as "not HTML"
    fragment = f'<export id="story-1">\n<div class="story">{BODY}</div>\n</export>'
    article = cleanarticle.clean_html(fragment)
    assert article.paragraphs == (LEAD, SECOND, THIRD)


def test_a_fragment_still_loses_its_chrome() -> None:
    fragment = (
        '<export id="story-1"><div class="menu"><ul><li><a href="/">Home</a></li>'
        '<li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></div>'
        f'<div class="story">{BODY}</div></export>'
    )
    article = cleanarticle.clean_html(fragment)
    assert article.paragraphs == (LEAD, SECOND, THIRD)
    assert "Sport" not in article.text


@pytest.mark.parametrize("text", ["plain words, no markup", "a < b and c > d"])
def test_text_without_elements_is_not_taken_for_a_fragment(text: str) -> None:
    assert cleanarticle.clean_html(text).paragraphs == ()


def test_the_site_name_falls_back_to_the_host_of_the_canonical_url() -> None:
    head = '<link rel="canonical" href="https://www.example-gazette.org/news/bridge">'
    article = cleanarticle.clean_html(page(BODY, head))
    assert article.publisher == "example-gazette.org"


def test_a_declared_site_name_wins_over_the_host() -> None:
    head = ('<link rel="canonical" href="https://www.example-gazette.org/news/bridge">'
            '<meta property="og:site_name" content="Example Gazette">')
    assert cleanarticle.clean_html(page(BODY, head)).publisher == "Example Gazette"


def test_markup_metadata_is_read_from_json_ld() -> None:
    head = """<script type="application/ld+json">{"@context": "https://schema.org",
    "@type": "NewsArticle", "headline": "Harbour bridge to close for repairs",
    "datePublished": "2024-03-05T09:30:00Z",
    "author": {"@type": "Person", "name": "Jane Roe"}}</script>"""
    article = cleanarticle.clean_html(page(BODY, head))
    assert article.authors == ("Jane Roe",)
    assert article.date_published == "2024-03-05"


def test_a_page_title_about_the_article_fills_the_headline() -> None:
    html = page(BODY).replace("<h1>Harbour bridge to close for repairs</h1>", "")
    article = cleanarticle.clean_html(html)
    assert article.headline == "Harbour bridge to close for repairs"
    assert "headline from the page markup (trafilatura)" in article.notes


def test_a_page_title_that_is_the_site_tagline_does_not_become_the_headline() -> None:
    html = (page(BODY).replace("<h1>Harbour bridge to close for repairs</h1>", "")
            .replace("Harbour bridge to close for repairs | Example Gazette",
                     "Example Gazette: your daily paper since 1999"))
    article = cleanarticle.clean_html(html)
    assert article.headline is None
    assert article.paragraphs == (LEAD, SECOND, THIRD)
    assert any("shares no word with the article" in note for note in article.notes)


def test_a_page_title_run_into_the_lead_is_taken_as_the_headline() -> None:
    title = PageTitle("Harbour bridge to close for repairs | Example Gazette")
    doc = cleanarticle.Document(f"Harbour bridge to close for repairs: {LEAD}\n{SECOND}")
    title(doc)
    (label,) = doc.blocks[0].labels
    assert label.kind == "headline"
    assert doc.blocks[0].text[label.start : label.end] == "Harbour bridge to close for repairs:"
    assert doc.blocks[0].rest() == LEAD


@pytest.mark.parametrize(
    "lead",
    [
        "The Example Gazette reported on Monday that the harbour bridge will close.",  # site name
        "Harbour bridge to close for repairsmen, the union says.",  # a longer word
        "Harbour bridge to close for repairs",  # the title alone is the same-words case
    ],
)
def test_a_lead_that_only_starts_like_the_title_keeps_its_words(lead: str) -> None:
    title = PageTitle("Harbour bridge to close for repairs | The Example Gazette")
    doc = cleanarticle.Document(f"{lead}\n{SECOND}")
    title(doc)
    spans = [(label.start, label.end) for label in doc.blocks[0].labels]
    assert spans in ([], [(0, len(lead))])


def test_a_one_word_author_in_the_markup_is_kept() -> None:
    article = cleanarticle.clean_html(page(BODY, '<meta name="author" content="Banksy">'))
    assert article.authors == ("Banksy",)


def test_an_author_named_only_in_the_page_is_found() -> None:
    byline = '<p class="byline">By <span class="author">Jane Roe</span></p>'
    html = page(BODY).replace("<article>", f"<div>{byline}</div><article>")
    assert cleanarticle.clean_html(html).authors == ("Jane Roe",)


@pytest.mark.parametrize(("title", "opening"), [
    ("Bundestag wählt neu | Zeitung", "Die Bundestagswahl findet im Herbst statt, sagte die "
     "Regierung am Montag in Berlin; Parteien bereiten Kampagnen, Plakate und Debatten vor."),
    ("How to Build a Terrarium", "Terrariums are small gardens under glass: pick a jar, add "
     "gravel, charcoal, soil and ferns, then water lightly every second week."),
    ("東京で大雨", "、".join(f"東京都{n}区で雨" for n in "一二三四五六七八九十百千万")),
    ("Short note", "One line."),
])
def test_a_title_about_the_opening_is_recognised(title: str, opening: str) -> None:
    from cleanarticle.html import _about, _content_words

    assert _about(title, (opening,))
    # not by sharing a whole word (the test before this one), except in the short note
    assert _content_words(title).isdisjoint(_content_words(opening))


def test_a_tagline_shares_no_part_of_a_word_with_the_opening() -> None:
    from cleanarticle.html import _about

    assert not _about("Example Gazette: your daily paper", (f"{LEAD} {SECOND} {THIRD}",))


def test_a_paragraph_the_page_prints_twice_stays_twice() -> None:
    article = cleanarticle.clean_html(page(f"<p>{LEAD}</p><p>{SECOND}</p><p>{LEAD}</p>"))
    assert article.paragraphs == (LEAD, SECOND, LEAD)
