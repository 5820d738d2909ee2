"""The recommendations filter: a related-content heading takes the bulleted links under it."""

from __future__ import annotations

import pytest

import cleanarticle

BODY = (
    "The council approved the budget on Tuesday after a long debate about road repairs. "
    "Members said the vote would allow work to start before the winter."
)
BODY2 = "Residents had asked for the repairs for years, a petition signed by thousands said."
LINKS = ["- Five roads to fix before winter", "- The mayor's plan, explained in charts"]


def clean(*lines: str) -> cleanarticle.Article:
    return cleanarticle.clean("\n".join(["Council passes budget", *lines]))


@pytest.mark.parametrize("heading", ["Related posts:", "Most popular", "More from The Gazette"])
def test_the_bulleted_links_under_a_heading_go_with_it(heading: str) -> None:
    a = clean(BODY, BODY2, heading, *LINKS)
    assert a.paragraphs == (BODY, BODY2)
    items = [r for r in a.boilerplate if r.text in LINKS]
    assert [r.filter for r in items] == ["recommendations"] * 2
    assert all(f"under {heading!r}" in r.reason for r in items)


def test_the_list_ends_at_the_first_line_that_is_not_an_item() -> None:
    a = clean(BODY, "Related posts:", *LINKS, "The vote", BODY2, "- A list item of the article")
    assert a.paragraphs == (BODY, "The vote", BODY2, "- A list item of the article")


@pytest.mark.parametrize(
    "lines",
    [
        # a list of the article's own, under no heading
        (BODY, *LINKS, BODY2),
        # a phrase inside a longer line is a link, not a heading over a list
        (BODY, "Read more: the mayor's plan for the roads", *LINKS, BODY2),
    ],
)
def test_lists_under_no_heading_stay(lines: tuple[str, ...]) -> None:
    a = clean(*lines)
    assert all(item in a.paragraphs for item in LINKS)
