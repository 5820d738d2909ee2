"""The comments filter's thread rule: signed, dated comments below the article go, a blog's
own dated posts stay."""

from __future__ import annotations

import cleanarticle

ARTICLE = [
    "Council passes budget",
    "The council approved the budget on Tuesday after a long debate about road repairs. "
    "Members said the vote would allow work to start before the winter.",
    "Residents had asked for the repairs for years, a petition signed by thousands said.",
    "The first roads to be fixed will be those near the schools, the mayor told reporters.",
]
COMMENTS = [
    "Finally! The potholes on my street have been there since I moved in, years ago.",
    "I will believe it when I see the trucks on the road, not a day before that.",
    "Good news for cyclists, if the money really goes to the roads and not elsewhere.",
]
NAMES = ["Ellen", "Toni", "Gina Lee"]


def clean(*lines: str) -> cleanarticle.Article:
    return cleanarticle.clean("\n".join(lines))


def test_comments_signed_below_each_go() -> None:
    # As blogs print them: the post's own signature, then each comment above its own.
    thread = [x for name, text in zip(NAMES, COMMENTS, strict=True)
              for x in (text, f"Posted by: {name} | May 5, 2012 at 5:41 PM")]
    a = clean(*ARTICLE, "Posted by Jo Smith at May 5, 2012 9:01 AM", *thread)
    assert a.paragraphs == tuple(ARTICLE[1:])
    assert all(r.filter == "comments" for r in a.boilerplate)
    assert "a thread of 4 signature lines from line 5" in a.boilerplate[0].reason


def test_comments_signed_above_each_go_with_the_rest_of_the_page() -> None:
    thread = [x for name, text in zip(NAMES, COMMENTS, strict=True)
              for x in (f"{name} says: May 5, 2012 at 5:41 pm", text)]
    a = clean(*ARTICLE, *thread, "Leave a Reply", "Your email address will not be published.")
    assert a.paragraphs == tuple(ARTICLE[1:])


def test_a_dated_byline_above_the_article_is_not_a_thread() -> None:
    a = clean(ARTICLE[0], "Posted by Jo Smith on May 5, 2012 at 9:01 AM", *ARTICLE[1:],
              COMMENTS[0], f"Posted by: {NAMES[0]} | May 5, 2012 at 5:41 PM")
    assert COMMENTS[0] in a.paragraphs  # one or two signed lines make no thread
    assert set(ARTICLE[1:]) <= set(a.paragraphs)


def test_a_blogs_own_dated_posts_stay() -> None:
    posts = [x for text in COMMENTS for x in (text, "Posted by msshell at 05:31 PM")]
    a = clean(*ARTICLE, *posts)
    assert set(COMMENTS) <= set(a.paragraphs)


def test_posts_with_their_comment_counts_stay() -> None:
    posts = [x for name, text in zip(NAMES, COMMENTS, strict=True)
             for x in (text, f"Posted by {name} at 05:46 | Comments (0) | Trackbacks (0)")]
    a = clean(*ARTICLE, *posts)
    assert set(COMMENTS) <= set(a.paragraphs)


def test_signatures_far_apart_are_no_thread() -> None:
    filler = [f"Paragraph {i} of the story goes on about the roads and the budget vote."
              for i in range(12)]
    lines = [*ARTICLE]
    for name in NAMES:
        lines += [f"Posted by: {name} | May 5, 2012 at 5:41 PM", *filler]
    a = clean(*lines)
    assert set(filler) <= set(a.paragraphs)


def test_short_lines_between_comments_do_not_break_the_thread() -> None:
    # Avatars, "Reply" and vote links between the comments: the content filter takes them
    # later, and cleaning the result again must find the same thread, so only the comments'
    # own paragraphs count as the distance between two signatures.
    widgets = ["Reply", "Like", "Report", "Share", "0 points", "avatar", "Flag", "Quote",
               "Permalink", "Follow", "Vote up", "Vote down"]
    thread = [x for name, text in zip(NAMES, COMMENTS, strict=True)
              for x in (f"{name} says: May 5, 2012 at 5:41 pm", text, *widgets)]
    a = clean(*ARTICLE, *thread)
    assert not set(COMMENTS) & set(a.paragraphs)
    again = cleanarticle.clean(a.to_text())
    assert again.paragraphs == a.paragraphs


def test_signature_words_come_from_every_pack() -> None:
    kommentare = [
        "Endlich! Die Schlaglöcher in meiner Straße sind seit Jahren da, das wurde Zeit.",
        "Ich glaube es erst, wenn die Bagger wirklich auf der Straße stehen, vorher nicht.",
        "Gute Nachricht für Radfahrer, wenn das Geld wirklich in die Straßen geht.",
    ]
    thread = [x for name, text in zip(NAMES, kommentare, strict=True)
              for x in (f"{name} schrieb am 5. Mai 2012 um 17:41", text)]
    a = clean(*ARTICLE, *thread)
    assert a.paragraphs == tuple(ARTICLE[1:])


def test_a_name_over_a_time_stamp_signs_a_comment() -> None:
    # No signature word at all: "Shirley July 31, 2012 at 9:39 pm" above each comment.
    thread = [x for name, text in zip(NAMES, COMMENTS, strict=True)
              for x in (f"{name} July 31, 2012 at 9:39 pm", text)]
    a = clean(*ARTICLE, *thread)
    assert a.paragraphs == tuple(ARTICLE[1:])


def test_the_posts_own_stamp_above_the_story_is_not_the_threads_first_comment() -> None:
    thread = [x for name, text in zip(NAMES, COMMENTS, strict=True)
              for x in (f"On May 5, 2012 at 10:52 am {name} said:", text, "Reply")]
    tagline = "A blog where culture, food and travel meet, written on the road."
    story = [*ARTICLE[1:], "Work on the bridge will follow next spring, the council said.",
             "The opposition voted against the plan, calling it too little and far too late."]
    a = clean(tagline, ARTICLE[0], "Posted on May 5th, 2012 • 3 Comments", *story, *thread)
    assert set(story) <= set(a.paragraphs)
    assert not set(COMMENTS) & set(a.paragraphs)


def test_stamps_stacked_in_the_header_are_no_thread() -> None:
    header = ["Posted at 02:29 PM ET, 03/27/2013", "Mar 27, 2013 06:29 PM EDT",
              "By Hayley Tsukayama | 02:29 PM ET, 03/27/2013"]
    a = clean("Tech news", COMMENTS[0], ARTICLE[0], *header, *ARTICLE[1:])
    assert set(ARTICLE[1:]) <= set(a.paragraphs)


def test_a_forum_thread_with_no_article_above_it_is_the_page() -> None:
    posts = [x for name, text in zip(NAMES, COMMENTS, strict=True)
             for x in (name, "06-29-2004, 08:12 AM", text)]
    a = clean("Roads forum", "Board index", *posts)
    assert set(COMMENTS) <= set(a.paragraphs)


def test_bare_time_stamps_under_user_names_sign_comments() -> None:
    thread = [x for name, text in zip(["broper", "mtcountrygrl", "OniKaze"], COMMENTS,
                                      strict=True)
              for x in (name, "Posted on August 9, 2012 at 11:40am", text, "Report Post »")]
    a = clean(*ARTICLE, *thread)
    assert not set(COMMENTS) & set(a.paragraphs)
    # one blogger's dated posts, the same stamp under no user name, stay
    posts = [x for text in COMMENTS for x in ("Posted on August 9, 2012 at 11:40am", text)]
    assert set(COMMENTS) <= set(clean(*ARTICLE, *posts).paragraphs)


def test_a_long_comment_does_not_split_a_thread_of_time_stamps() -> None:
    long_comment = [f"Line {i} of a very long comment, which goes on about the road works."
                    for i in range(15)]
    thread = [f"{NAMES[0]} June 27, 2012 at 2:43 pm", COMMENTS[0],
              f"{NAMES[1]} June 27, 2012 at 3:10 pm", *long_comment,
              f"{NAMES[2]} June 27, 2012 at 4:01 pm", COMMENTS[1],
              "Al June 28, 2012 at 1:21 am", COMMENTS[2]]
    a = clean(*ARTICLE, *thread)
    assert a.paragraphs == tuple(ARTICLE[1:])
