"""The header of a whole-page dump: the headline is the title line nearest above the lead
that the page repeats (its first line, the ``<title>``, "Headline | Site"), even where the
content filter had marked it page chrome; the render then keeps it as the headline, not as
boilerplate to delete."""

from __future__ import annotations

import cleanarticle
from cleanarticle.document import Document
from cleanarticle.filters.header import Header
from cleanarticle.render import render

HEADLINE = "Council passes budget after long debate"
BODY = (
    "The council approved the budget on Tuesday after a long debate about road repairs. "
    "Members said the vote would allow work to start before the winter."
)
BODY2 = "Residents had asked for the repairs for years, a petition signed by thousands said."
CHROME = ["Skip to main content", "Sign up for our newsletter", "Recommended for you",
          "Most read", "Accept cookies", "Subscribe now"]
FOOTER = ["Related stories", "Comments", "Follow us on Twitter", "All rights reserved"]


def page(*header: str, title: str = f"{HEADLINE} | Example Gazette") -> str:
    return "\n".join([title, *CHROME, *header, BODY, BODY2, *FOOTER])


def test_the_headline_is_the_line_the_page_title_repeats() -> None:
    # The lowest title-like line above the lead is "Newer article": the title names the
    # line two above it.
    a = cleanarticle.clean(page("Local", HEADLINE, "Older article", "Newer article"))
    assert (a.section, a.headline) == ("Local", HEADLINE)
    assert a.paragraphs == (BODY, BODY2)
    chrome = {r.text for r in a.boilerplate if r.filter == "header"}
    assert chrome == {f"{HEADLINE} | Example Gazette", "Older article", "Newer article"}


def test_the_title_may_name_the_site_first() -> None:
    a = cleanarticle.clean(page(HEADLINE, "Share", title=f"Example Gazette - {HEADLINE}"))
    assert a.headline == HEADLINE


def test_a_line_the_title_does_not_repeat_is_no_title() -> None:
    # "Budget" is a part of no title: the header reads the zone from the bottom as before.
    a = cleanarticle.clean(page("Local", HEADLINE, title="Example Gazette | Budget news"))
    assert (a.section, a.headline) == ("Local", HEADLINE)


def dump_with_chrome_marks(lines: list[str], chrome: set[int]) -> Document:
    """A document whose blocks ``chrome`` the content filter marked as page chrome."""
    doc = Document("\n".join(lines))
    doc.current_filter = "content"
    for block in doc.blocks:
        if block.index in chrome:
            doc.mark(block, "page_chrome", "page chrome (test)")
    doc.current_filter = "header"
    Header()(doc)
    return doc


def test_a_title_the_content_filter_marked_is_read_again_and_kept() -> None:
    lines = [f"{HEADLINE} | Example Gazette", "Home", "World", HEADLINE, "Menu", BODY, BODY2,
             *FOOTER]
    doc = dump_with_chrome_marks(lines, {0, 1, 2, 3, 6, 7, 8, 9})
    a = render(doc)
    assert a.headline == HEADLINE
    assert HEADLINE not in {r.text for r in a.boilerplate}  # ``fix`` keeps the line
    assert [r.reason for r in a.removed if r.category == "headline"] == [
        "title line above the article body that the page repeats "
        "(read again: it was marked as page chrome)"
    ]
    assert "Menu" in {r.text for r in a.boilerplate}  # between the headline and the lead


def test_a_kept_copy_of_a_title_read_again_is_a_duplicate() -> None:
    # Cleaned text starts with the headline: cleaning it again finds the copy a duplicate.
    lines = [f"{HEADLINE} | Example Gazette", "Home", HEADLINE, BODY, HEADLINE, BODY2, *FOOTER]
    a = render(dump_with_chrome_marks(lines, {0, 1, 2, 6, 7, 8, 9}))
    assert a.headline == HEADLINE
    assert a.paragraphs == (BODY, BODY2)
    again = cleanarticle.clean(a.to_text())
    assert (again.headline, again.paragraphs) == (a.headline, a.paragraphs)


def test_the_title_with_a_tail_under_it_is_no_dek() -> None:
    tailed = f"{HEADLINE} in the town hall on Tuesday 199 Comments"
    a = cleanarticle.clean(page(HEADLINE, tailed))
    assert (a.headline, a.dek) == (HEADLINE, None)
    dek = "The vote ends a year of argument about how to pay for the repairs of the roads"
    a = cleanarticle.clean(page(HEADLINE, dek))
    assert (a.headline, a.dek) == (HEADLINE, dek)


def test_a_title_printed_without_its_subtitle_is_the_headline() -> None:
    title = f"{HEADLINE}. What the vote means for the roads | Example Gazette"
    a = cleanarticle.clean(page(HEADLINE, "Newer article", title=title))
    assert a.headline == HEADLINE
    # A line that only starts like the title is another one ("Council passes budget for").
    a = cleanarticle.clean(page("Local", HEADLINE, title=f"{HEADLINE} for the roads"))
    assert a.headline == HEADLINE


def test_the_byline_under_a_page_headline_is_read_even_as_names_alone() -> None:
    # The page names her again (its title): the line under the headline is her byline.
    title = f"{HEADLINE} | Ann Lee | Example Gazette"
    a = cleanarticle.clean(page(HEADLINE, "Ann Lee", "Apr 16, 2015", title=title))
    assert (a.headline, a.authors, a.date_published) == (HEADLINE, ("Ann Lee",), "2015-04-16")
    assert a.paragraphs == (BODY, BODY2)
    # A section label looks the same, but the page says it once: no byline.
    a = cleanarticle.clean(page(HEADLINE, "Personal Health", "Apr 16, 2015"))
    assert (a.headline, a.authors) == (HEADLINE, ())


def test_a_byline_the_content_filter_marked_is_read_again() -> None:
    lines = [f"{HEADLINE} | Example Gazette", "Home", HEADLINE, "By Ann Lee", "Share",
             "May 2, 2012", BODY, BODY2, *FOOTER]
    a = render(dump_with_chrome_marks(lines, {0, 1, 3, 4, 5, 8, 9, 10, 11}))
    assert (a.headline, a.authors, a.date_published) == (HEADLINE, ("Ann Lee",), "2012-05-02")
    assert {"By Ann Lee", "May 2, 2012"}.isdisjoint(r.text for r in a.boilerplate)


def test_a_date_over_the_headline_the_content_filter_marked_is_read_again() -> None:
    lines = [f"{HEADLINE} | Example Gazette", "Home", "21 September 2020", HEADLINE, BODY, BODY2,
             *FOOTER]
    a = render(dump_with_chrome_marks(lines, {0, 1, 2, 6, 7, 8, 9}))
    assert (a.headline, a.date_published) == (HEADLINE, "2020-09-21")
