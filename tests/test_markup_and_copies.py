"""Raw HTML lines (filters/markup.py) and the body copied again in one block
(filters/duplicates.py): both leave, each with its reason; what resembles them stays."""

from __future__ import annotations

import cleanarticle

PARAGRAPHS = [
    "The council voted on Monday to close the old bridge over the river for repairs that "
    "could take two years, the mayor said.",
    "Engineers found cracks in two of the piers last month and the council decided to close "
    "the bridge to traffic until further notice.",
    "Local shop owners said the closure would hurt trade in the old quarter where most of "
    "their customers arrive by car from the north.",
]


def removed_by(article: cleanarticle.Article, name: str) -> list[str]:
    return [r.text for r in article.removed if r.filter == name]


def test_a_line_of_ad_markup_goes() -> None:
    ad = ("<a href='http://ads.example.com/click?n=1' target='_blank'><img "
          "src='http://ads.example.com/view?n=1' border='0' alt=''></a>")
    template = '<div> <div class="acHeadline hidden" > </div> <div class="dropdown">'
    a = cleanarticle.clean("\n".join(["Bridge to close", ad, *PARAGRAPHS, template]))
    assert removed_by(a, "markup") == [ad, template]
    assert a.paragraphs == tuple(PARAGRAPHS)


def test_tags_quoted_in_a_sentence_or_one_tag_of_a_sample_stay() -> None:
    lines = [
        "Bridge to close",
        "Wrap the warning in <strong> and the date in <time> so readers see both at once.",
        '<form action="process.php" method="post">',
        *PARAGRAPHS,
    ]
    a = cleanarticle.clean("\n".join(lines))
    assert removed_by(a, "markup") == []
    assert set(lines[1:]) <= set(a.paragraphs)


def test_the_body_repeated_in_one_line_goes_and_the_paragraphs_stay() -> None:
    copy = " ".join(PARAGRAPHS)
    a = cleanarticle.clean("\n".join(["Bridge to close", *PARAGRAPHS, copy]))
    assert a.paragraphs == tuple(PARAGRAPHS)
    [reason] = [r.reason for r in a.removed if r.filter == "duplicates"]
    assert reason == "repeats the paragraphs of lines 2, 3, 4 in one block"


def test_a_long_paragraph_quoting_one_other_or_standing_first_stays() -> None:
    quoting = PARAGRAPHS[0] + " Critics said the repairs were needed years ago and that " \
        "the council had ignored three reports about the piers since the last election."
    a = cleanarticle.clean("\n".join(["Bridge to close", *PARAGRAPHS, quoting]))
    assert quoting in a.paragraphs  # one paragraph quoted is no copy of the body
    summary = " ".join(PARAGRAPHS)
    b = cleanarticle.clean("\n".join(["Bridge to close", summary, *PARAGRAPHS]))
    assert removed_by(b, "duplicates") == []  # the first of the two stays, as for lines
