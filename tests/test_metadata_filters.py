"""Generality of the structural filters: positives worded unlike the seeds, and body sentences
using the same words that must survive (in the spirit of ftfy's "must not change" cases)."""

from __future__ import annotations

import pytest

import cleanarticle
from cleanarticle.filters.byline import Byline
from cleanarticle.filters.dates import Dates

BODY = (
    "The council approved the budget on Tuesday after a long debate about road repairs. "
    "Members said the vote would allow work to start before the winter."
)
BODY2 = "Residents had asked for the repairs for years, a petition signed by thousands said."


def article(*lines: str) -> cleanarticle.Article:
    return cleanarticle.clean("\n".join(lines))


# --- byline -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "authors", "publisher"),
    [
        ("By Maria Lopez", ["Maria Lopez"], None),
        ("By MARIA LOPEZ and TOM O'BRIEN", ["Maria Lopez", "Tom O'Brien"], None),
        ("By Jane Smith, Ali Hassan and Wei Chen", ["Jane Smith", "Ali Hassan", "Wei Chen"], None),
        ("Jane Smith and Ali Hassan, Reuters", ["Jane Smith", "Ali Hassan"], "Reuters"),
        ("By Jane Smith | Bloomberg", ["Jane Smith"], "Bloomberg"),
        ("By Byron York - Washington Examiner", ["Byron York"], "Washington Examiner"),
        ("By Karen de Young", ["Karen de Young"], None),
        ("BY KAREN DE YOUNG, Staff Writer", ["Karen de Young"], None),
        ("Written by Ana Souza", ["Ana Souza"], None),
    ],
)
def test_byline_positives(line: str, authors: list[str], publisher: str | None) -> None:
    a = article("Council passes budget after long debate", line, BODY, BODY2)
    assert a.byline == line
    assert list(a.authors) == authors
    assert a.publisher == publisher
    assert a.paragraphs == (BODY, BODY2)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the week, the council had approved the budget.",
        "By Tuesday the river had risen two metres.",
        "Byron York said the vote was a surprise.",
        "By The Numbers",
        "Jane Smith and Ali Hassan, neighbours",
        # Headlines that start like a byline in another language's pack ("Par", "Von").
        "Par For The Course",
        "Von Trier Returns To Cannes",
        "By Land And Sea",
    ],
)
def test_byline_negatives(line: str) -> None:
    assert Byline().parse(line) is None


# --- dates --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("- 2026-01-05 09:50:26", "2026-01-05T09:50:26"),
        ("July 24, 2012 12:11 AM", "2012-07-24T00:11:00"),
        ("Published: March 3, 2021", "2021-03-03"),
        ("Updated 5 Jan 2026, 2:30 p.m. ET", "2026-01-05T14:30:00"),
        ("Tuesday, 14 February 2023", "2023-02-14"),
        ("Posted on Sept. 9, 2019 at 7:05 PM", "2019-09-09T19:05:00"),
        ("2024-11-30T08:00:00Z", "2024-11-30T08:00:00"),
        ("April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm", "2019-04-28T06:01:00"),
        ("Oct 18, 2019 · 8 min read", "2019-10-18"),
    ],
)
def test_date_lines(line: str, iso: str) -> None:
    assert Dates().parse_line(line) == iso
    a = article("Council passes budget after long debate", line, BODY)
    assert a.date_published == iso
    assert a.paragraphs == (BODY,)


@pytest.mark.parametrize(
    "line",
    [
        "The law took effect on July 24, 2012 and was repealed two years later.",
        "Police said the crash happened on 5 Jan 2026 near the bridge.",
        "Elections 2024",
        "2026-13-45",
        "Call 555-2026-01 for tickets",
    ],
)
def test_date_negatives(line: str) -> None:
    assert Dates().parse_line(line) is None


def test_the_date_lines_taken_do_not_move_the_window_down() -> None:
    # The first fifteen blocks are searched. A date line taken leaves the text, so counting
    # it would let a second cleaning reach one block further (and take a line this did not).
    paragraphs = [f"Paragraph {i} of the story says the council met again that day."
                  for i in range(14)]
    a = article(*paragraphs, "May 5, 2012", "May 6, 2012", BODY)
    assert [r.text for r in a.removed if r.filter == "dates"] == ["May 5, 2012", "May 6, 2012"]
    again = cleanarticle.clean(a.to_text())
    assert again.paragraphs == a.paragraphs


# --- dateline -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lead", "place", "agency", "raw"),
    [
        ("WASHINGTON (Reuters) - The Senate voted on Friday to extend the program.",
         "Washington", "Reuters", "WASHINGTON (Reuters) -"),
        ("SAN FRANCISCO, Calif. – Tech firms reported strong earnings on Thursday.",
         "San Francisco, Calif.", None, "SAN FRANCISCO, Calif. –"),
        ("NEW DELHI (AP) — Monsoon rains flooded parts of the capital on Sunday.",
         "New Delhi", "AP", "NEW DELHI (AP) —"),
        ("Berlin -- The coalition agreed on a new budget late on Wednesday.",
         "Berlin", None, "Berlin --"),
        ("KYIV, Ukraine (AP) — Air raid sirens sounded across the country overnight.",
         "Kyiv, Ukraine", "AP", "KYIV, Ukraine (AP) —"),
    ],
)
def test_dateline_positives(lead: str, place: str, agency: str | None, raw: str) -> None:
    a = article("Headline of the story goes here", lead, BODY)
    assert a.dateline == cleanarticle.Dateline(place, agency, raw)
    assert a.paragraphs[0] == lead[len(raw) :].strip()


@pytest.mark.parametrize(
    "lead",
    [
        "Officials — who spoke on condition of anonymity — said the talks had stalled.",
        "The minister - a former banker - resigned on Monday after the vote.",
        "Paris - based designers said the show would go ahead in March as planned.",
        "In Paris -- as in London -- the rents keep climbing for the third year.",
    ],
)
def test_dateline_negatives(lead: str) -> None:
    a = article("Headline of the story goes here", lead, BODY)
    assert a.dateline is None
    assert a.paragraphs[0] == lead


# --- header: section, headline, dek -------------------------------------------------------

def test_headline_dek_and_section() -> None:
    a = article(
        "Local Politics",
        "Council passes budget after long debate",
        "Road repairs will start before winter under a plan approved by a narrow margin",
        BODY,
    )
    assert a.section == "Local Politics"
    assert a.headline == "Council passes budget after long debate"
    assert a.dek == "Road repairs will start before winter under a plan approved by a narrow margin"
    assert a.paragraphs == (BODY,)


def test_lead_that_ends_with_full_stop_is_not_a_dek() -> None:
    a = article("Council passes budget after long debate", BODY, BODY2)
    assert a.dek is None
    assert a.paragraphs == (BODY, BODY2)


def test_dek_repeated_longer_as_lead() -> None:
    dek = "The council approved the budget on Tuesday after a long debate."
    a = article("Council passes budget", dek, BODY, BODY2)
    assert a.dek == dek
    assert a.paragraphs == (BODY, BODY2)


def test_with_no_headline_above_it_a_repeated_line_is_no_dek() -> None:
    # Cleaned text starts with its dek; had it been kept as a dek with no headline, cleaning
    # that text again would read it as the headline.
    dek = "The council approved the budget on Tuesday after a long debate."
    a = article(dek, BODY, BODY2)
    assert (a.headline, a.dek) == (None, None)
    assert a.paragraphs == (dek, BODY, BODY2)


def test_a_long_line_under_a_stamp_is_the_headline_not_a_dek() -> None:
    title = "Pan-Fried Polenta with Chickpea Stew, King Oyster Mushrooms and Fig Puree"
    a = article("November 1, 2012 | 5 Comments", title, BODY, BODY2)
    assert (a.headline, a.dek) == (title, None)
    again = cleanarticle.clean(a.to_text())
    assert (again.headline, again.dek) == (a.headline, a.dek)


def test_lines_above_the_headline_of_an_extracted_article_stay() -> None:
    # no chrome around the text: the short lines on top are the article's own
    a = article("Series preview", "What to watch this weekend", "Council passes budget", BODY,
                BODY2)
    assert a.headline == "Series preview"
    assert a.paragraphs == ("What to watch this weekend", "Council passes budget", BODY, BODY2)
    assert not [r for r in a.boilerplate if r.filter == "header"]
    again = cleanarticle.clean(a.to_text())
    assert (again.headline, again.paragraphs) == (a.headline, a.paragraphs)


def test_lines_above_the_headline_of_a_page_dump_are_chrome() -> None:
    chrome = [
        "Skip to main content", "Sign up for our newsletter", "Recommended for you",
        "Most read", "Accept cookies", "Subscribe now",
    ]
    a = article(*chrome, "Example Gazette", "Local", "Council passes budget after long debate",
                BODY, "Related stories", "Comments", "Follow us on Twitter", "All rights reserved")
    assert a.headline == "Council passes budget after long debate"
    assert a.section == "Local"
    assert a.paragraphs == (BODY,)
    removed = [r for r in a.boilerplate if r.filter == "header"]
    assert [r.text for r in removed] == ["Example Gazette"]


@pytest.mark.parametrize("stamp", ["- 11.12.12", "- 2:46 PM", "Post written by Ann Lee.",
                                   "Posted May 9, 2012 in Politics"])
def test_a_stamp_under_the_title_is_no_headline_and_stays(stamp: str) -> None:
    a = article("Council passes budget", stamp, BODY, BODY2)
    assert a.headline == "Council passes budget"
    assert stamp in a.paragraphs


@pytest.mark.parametrize(
    ("stamp", "authors", "iso"),
    [
        ("May 9, 2012 by Ann Lee", ["Ann Lee"], "2012-05-09"),
        ("on March 10, 2015 by Ann Lee", ["Ann Lee"], "2015-03-10"),
        ("By ANN LEE JAN. 13, 2017", ["Ann Lee"], "2017-01-13"),
        ("Ann Lee - Apr 16, 2015 8:02 pm UTC", ["Ann Lee"], "2015-04-16T20:02:00"),
        ("// By Ann Lee • Nov 11, 2020", ["Ann Lee"], "2020-11-11"),
        ("Posted by Max Fisher on October 29, 2012 at 6:48 pm", ["Max Fisher"],
         "2012-10-29T18:48:00"),
        ("by Ann Lee @annlee February 1, 2016: 12:41 PM ET", ["Ann Lee"], "2016-02-01"),
        ("By Ann Lee and Tom Roe March 18 at 3:57 PM Follow @annlee", ["Ann Lee", "Tom Roe"],
         None),
        ("by Ann Lee 22 Dec 2016 651", ["Ann Lee"], "2016-12-22"),  # a share count
        ("by Ann Lee Monday, 5 March 2012", ["Ann Lee"], "2012-03-05"),
        ("by annlee on January 31, 2011", ["annlee"], "2011-01-31"),  # a user name
        ("Posted by Ann on Tuesday July 24, @12:06PM", ["Ann"], None),
    ],
)
def test_a_byline_with_its_date_gives_both(stamp: str, authors: list[str], iso: str | None
                                           ) -> None:
    a = article("Council passes budget", stamp, BODY, BODY2)
    assert a.headline == "Council passes budget"
    assert (list(a.authors), a.date_published) == (authors, iso)
    assert a.paragraphs == (BODY, BODY2)


@pytest.mark.parametrize(
    ("line", "authors", "publisher"),
    [
        ("Ann Lee, CNN Business", ["Ann Lee"], "CNN Business"),
        ("By Tom Krisher, AP Auto Writer", ["Tom Krisher"], "AP"),
        ("By Reuters", [], "Reuters"),
        ("By CBS News", [], "CBS News"),
        ("By Ann Lee, Senior Staff Technologist, Speech and Privacy Project", ["Ann Lee"], None),
        ("By Gina Roberts-Grey eHow Contributor", ["Gina Roberts-Grey"], None),
        ("By Ann Lee @annlee", ["Ann Lee"], None),
        ("By Ann Lee, MA", ["Ann Lee"], None),
    ],
)
def test_organisations_and_posts_are_no_authors(line: str, authors: list[str],
                                                publisher: str | None) -> None:
    assert Byline().parse(line) == {"authors": authors, "publisher": publisher}


@pytest.mark.parametrize("line", ["Breaking News July 5, 2012", "BY TMZ STAFF",
                                  "Weekly Edition May 2, 2013", "Page Last Updated: 10/31/2012"])
def test_title_words_with_a_date_are_no_byline(line: str) -> None:
    assert Byline().parse_stamp(line) is None


@pytest.mark.parametrize("stamp", ["Published: November 7th, 2012 | Tags: NFL AM, Jacksonville"])
def test_a_long_stamp_under_the_title_is_no_dek(stamp: str) -> None:
    a = article("Council passes budget", stamp, BODY, BODY2)
    assert (a.headline, a.dek) == ("Council passes budget", None)
    assert a.paragraphs == (stamp, BODY, BODY2)


@pytest.mark.parametrize("page", [False, True], ids=["article", "page dump"])
def test_the_lines_under_a_stamp_below_the_title_are_the_body(page: bool) -> None:
    # A first paragraph that ends in a colon is no sentence, but under the byline it is no
    # dek either: the header ends at the stamp (it read as a dek on a page, and cleaning the
    # result again, with the dek put right under the headline, read it as body).
    opener = "Students of history will know the seven deadly sins, and one of them stands out:"
    chrome = ["Skip to main content", "Sign up for our newsletter", "Recommended for you",
              "Most read", "Accept cookies", "Subscribe now", "Related stories", "Comments"]
    a = article(*(chrome[:6] if page else []), "Council passes budget", "May 9, 2012 by Ann Lee",
                opener, BODY, BODY2, *(chrome[6:] if page else []))
    assert (a.headline, a.dek, a.authors) == ("Council passes budget", None, ("Ann Lee",))
    assert a.paragraphs == (opener, BODY, BODY2)
    again = cleanarticle.clean(a.to_text())
    assert (again.headline, again.dek, again.paragraphs) == (a.headline, a.dek, a.paragraphs)


@pytest.mark.parametrize("title", ["Stand by me, the mayor tells the council",
                                   "Budget passed by a narrow margin"])
def test_a_title_with_by_inside_is_still_the_headline(title: str) -> None:
    a = article("Local", title, BODY, BODY2)
    assert a.headline == title


def test_body_only_text_has_no_header() -> None:
    a = article(BODY, BODY2)
    assert a.headline is None and a.dek is None
    assert a.paragraphs == (BODY, BODY2)


# --- duplicates, captions, credits -------------------------------------------------------

def test_repeated_lines_are_duplicates() -> None:
    a = article("Council passes budget", BODY, "The vote in numbers", BODY2, "The vote in numbers")
    dupes = [r for r in a.boilerplate if r.category == "duplicate"]
    assert [r.line for r in dupes] == [5]


@pytest.mark.parametrize(
    "caption",
    [
        "Firefighters battle the blaze on Sunday. (AP Photo/Noah Berger)",
        "Protesters gather outside parliament (Photo: Jane Doe/Reuters)",
        "Photo: Getty Images",
        "Image credit: Wikimedia Commons",
        "The new bridge at dusk (Getty Images)",
        "Pictures: Maria Lopez",
        "Hikers on the ridge above the valley (Jane Roe/Flash90)",
    ],
)
def test_caption_positives(caption: str) -> None:
    a = article("Council passes budget", BODY, caption, BODY2)
    assert a.paragraphs == (BODY, BODY2)
    assert [r.category for r in a.boilerplate] == ["caption"]


def test_caption_glued_to_lead() -> None:
    a = article("Council passes budget", "Mayor Ana Ruiz (John Roe/Flash90)" + BODY, BODY2)
    assert a.paragraphs == (BODY, BODY2)
    assert a.boilerplate[0].text == "Mayor Ana Ruiz (John Roe/Flash90)"


def test_caption_repeated_without_credit() -> None:
    a = article("Council passes budget", BODY, "The mayor at the vote",
                "The mayor at the vote (Photo: City Hall)", BODY2)
    assert a.paragraphs == (BODY, BODY2)
    assert len(a.boilerplate) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "The photo, taken by a local resident, shows the bridge collapsing into the river.",
        "Speeds on the road (50 km/h in town) will be lowered from next month, officials said.",
        "The image of the burning ship was shared widely on social media on Monday night.",
        "Credit card debt rose by 4 percent in the third quarter, the central bank said.",
        "Photographs by the agency showed damage to dozens of homes along the coast.",
        "The band closes the record with a slower take (Melvins/Lustmord remix; 2012)",
    ],
)
def test_caption_negatives(sentence: str) -> None:
    a = article("Council passes budget", BODY, sentence, BODY2)
    assert a.paragraphs == (BODY, sentence, BODY2)


@pytest.mark.parametrize(
    "line",
    [
        "Maria Lopez reported from Madrid.",
        "Additional reporting by Tom Brown in London.",
        "Reporting by Jane Smith; Editing by Mark Heinrich",
        "Ali Hassan in Cairo contributed to this report.",
        "Wei Chen contributed reporting from Beijing.",
    ],
)
def test_credits(line: str) -> None:
    a = article("Council passes budget", BODY, BODY2, line)
    assert a.credits == line
    assert a.paragraphs == (BODY, BODY2)


def test_credit_words_in_body_are_kept() -> None:
    sentence = "The reporter who first reported from the scene said the fire spread quickly."
    a = article("Council passes budget", BODY, BODY2, sentence)
    assert a.credits is None
    assert a.paragraphs[-1] == sentence


@pytest.mark.parametrize(
    "tagline",
    [
        "(Reporting by Angel Krasimirov; editing by Ed Osmond)",
        "Maria Lopez reported from Madrid.",
        "Maria Lopez reported from Madrid. Tom Brown contributed to this report.",
    ],
)
def test_credits_glued_to_the_last_paragraph_leave_the_paragraph(tagline: str) -> None:
    last = "Ukraine are second from bottom in Group H, six behind the leaders England."
    a = article("Council passes budget", BODY, BODY2, f"{last} {tagline}")
    assert a.credits == tagline
    assert a.paragraphs == (BODY, BODY2, last)


def test_a_tagline_of_several_credits_is_taken_whole() -> None:
    line = "Maria Lopez reported from Madrid. Tom Brown contributed to this report."
    a = article("Council passes budget", BODY, BODY2, line)
    assert a.credits == line


# Picture stories: the captioned photos are the article, not something beside it.
GALLERY = [
    "Hong Kongers attend a charity Halloween parade in the centre. (Jane Doe/AFP/Getty Images)",
    "A girl dressed for Halloween meets other costumed revellers downtown. (John Roe/AFP)",
    "A mother carries her baby dressed up as a pumpkin for the night. (Getty Images)",
]


def test_a_gallery_of_captions_is_kept() -> None:
    intro = "Hong Kong does not trick or treat, but the city loves its Halloween parties."
    a = article("Halloween in Hong Kong", intro, *GALLERY)
    assert a.paragraphs == (intro, *GALLERY)
    assert not a.boilerplate


def test_a_story_that_is_one_captioned_photo_is_kept() -> None:
    a = article("Halloween in Hong Kong", GALLERY[0])
    assert a.paragraphs == (GALLERY[0],)


def test_captions_beside_a_longer_story_are_still_removed() -> None:
    a = article("Halloween in Hong Kong", BODY, GALLERY[0], BODY2, GALLERY[1])
    assert a.paragraphs == (BODY, BODY2)
    assert [r.category for r in a.boilerplate] == ["caption", "caption"]


@pytest.mark.parametrize(
    ("line", "authors"),
    [("By Anna di Maria", ("Anna di Maria",)), ("By Jan ter Horst", ("Jan ter Horst",))],
)
def test_bylines_take_every_name_particle_of_the_shared_list(line: str, authors: tuple) -> None:
    assert article("Council passes budget", line, BODY).authors == authors
