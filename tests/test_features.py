"""features.py: the document-at-a-time columns agree with the per-block definition."""

from __future__ import annotations

import math

import pytest

from cleanarticle.features import (
    CONTEXT,
    FLAGS,
    NAMES,
    SHAPE,
    document_columns,
    document_features,
    main_run,
    shape,
    stopwords,
)

PROSE = (
    "The council said on Friday that the old bridge over the river would stay closed "
    "until the engineers had finished their inspection of the piers."
)
QUOTED = "“We will reopen it as soon as it is safe,” the mayor’s spokeswoman told reporters."
ACCENTED = "Café owners in Đà Nẵng and São Paulo said the naïve plan would not work."
MENU = ["Home", "News | Sports | Weather", "Contact us", "Log in"]
META = "Posted by Jo Smith | May 5, 2012 at 5:41 AM"
DOCUMENT = [
    *MENU,
    "Harbour bridge to close for repairs",
    META,
    PROSE,
    QUOTED,
    ACCENTED,
    "Read more at www.example.com or mail news@example.org",
    "Copyright © 2012 Example Gazette — all rights reserved",
    "中文新闻：大桥将关闭维修。",
    "שלום עולם",
    "Jo says: Great article! Reply",
    "1 2 3 ² ³ ١٢ Ⅻ",
    "",
    "   ",
    'He said "no."',
    "Ⓐ ǅ İstanbul ß ﬁnal",
]


def _by_block(texts: list[str]) -> list[list[float]]:
    """The columns the slow way: shape() of each block on its own."""
    stop = stopwords()
    return [list(c) for c in zip(*(shape(t, stop) for t in texts), strict=True)]


@pytest.mark.parametrize(
    "texts",
    [
        DOCUMENT,
        [PROSE],
        ["x"],
        MENU,
        [QUOTED, ACCENTED],
        ["tab\tseparated | line", "NUL\x00inside / a block", PROSE],  # a NUL: block by block
        ["two\nlines.", PROSE],  # a line break inside a block: block by block
    ],
)
def test_document_columns_match_shape_of_each_block(texts: list[str]) -> None:
    columns = document_columns(texts, [None] * len(texts))
    assert len(columns) == len(NAMES)
    assert all(len(c) == len(texts) for c in columns)
    assert columns[: len(SHAPE)] == _by_block(texts)


def test_context_columns_are_the_neighbours_shape() -> None:
    columns = dict(zip(NAMES, document_columns(DOCUMENT, [None] * len(DOCUMENT)), strict=True))
    for name in CONTEXT:
        own = columns[name]
        assert columns[f"prev1_{name}"] == [0.0, *own[:-1]]
        assert columns[f"next1_{name}"] == [*own[1:], 0.0]
        assert columns[f"prev2_{name}"] == [0.0, 0.0, *own[:-2]]
        assert columns[f"next2_{name}"] == [*own[2:], 0.0, 0.0]


def test_shape_measures() -> None:
    stop = stopwords()
    named = dict(zip(SHAPE, shape(PROSE, stop), strict=True))
    assert named["prose"] == 1.0 and named["ends_sentence"] == 1.0
    assert named["log_words"] == math.log1p(25)
    assert named["stopword_share"] > 0.3
    assert named["separators"] == 0.0 and named["urlish"] == 0.0 and named["dateish"] == 0.0
    menu = dict(zip(SHAPE, shape("News | Sports | Weather", stop), strict=True))
    assert menu["separators"] == 2 / 5 and menu["prose"] == 0.0 and menu["short"] == 1.0
    assert menu["capitalised_share"] == 1.0
    meta = dict(zip(SHAPE, shape(META, stop), strict=True))
    assert meta["dateish"] == 1.0 and meta["ends_sentence"] == 0.0
    link = dict(zip(SHAPE, shape("Read more at www.example.com", stop), strict=True))
    assert link["urlish"] == 1.0
    assert dict(zip(SHAPE, shape('He said "no."', stop), strict=True))["ends_sentence"] == 1.0
    assert dict(zip(SHAPE, shape("Read more", stop), strict=True))["ends_sentence"] == 0.0


def test_document_features_are_the_columns_as_rows() -> None:
    junk = [None] * len(DOCUMENT)
    junk[1] = "navigation"
    rows = document_features(DOCUMENT, junk)
    columns = document_columns(DOCUMENT, junk)
    assert rows == [list(r) for r in zip(*columns, strict=True)]
    assert document_columns([], []) == [[] for _ in NAMES]


def test_flags_are_zero_or_one() -> None:
    junk = [None] * len(DOCUMENT)
    junk[2] = "comments"
    columns = dict(zip(NAMES, document_columns(DOCUMENT, junk), strict=True))
    assert set(NAMES) >= FLAGS
    for name in FLAGS:
        assert set(columns[name]) <= {0.0, 1.0}, name
    assert columns["comments_above"][:3] == [0.0, 0.0, 0.0]
    assert set(columns["comments_above"][3:]) == {1.0}
    assert columns["meta_line"][DOCUMENT.index(META)] == 1.0
    assert columns["meta_line"][DOCUMENT.index(PROSE)] == 0.0


def test_main_run_is_the_maximum_sum_span() -> None:
    assert main_run([-1.0, 2.0, 3.0, -10.0, 4.0]) == (1, 3)
    assert main_run([-1.0, -2.0]) == (0, 0)
    assert main_run([]) == (0, 0)


def _named(texts: list[str]) -> dict[str, list[float]]:
    return dict(zip(NAMES, document_columns(texts, [None] * len(texts)), strict=True))


def test_headline_echo_marks_the_title_repeated_below() -> None:
    texts = [
        "Harbour bridge to close for repairs | Example Gazette",
        *MENU,
        "Harbour bridge to close for repairs",
        PROSE,
        QUOTED,
        "Most read",
    ]
    named = _named(texts)
    headline = texts.index("Harbour bridge to close for repairs")
    assert named["headline_echo"] == [1.0 if i == headline else 0.0 for i in range(len(texts))]
    assert named["after_headline"] == [1.0 if i > headline else 0.0 for i in range(len(texts))]
    assert named["near_headline"][headline + 1 : headline + 4] == [1.0, 1.0, 1.0]
    assert named["near_headline"][: headline + 1] == [0.0] * (headline + 1)


def test_no_headline_echo_without_a_repeated_title() -> None:
    texts = ["Example Gazette", *MENU, "Harbour bridge to close for repairs", PROSE, "News"]
    named = _named(texts)
    assert set(named["headline_echo"]) == {0.0}
    assert set(named["after_headline"]) == {0.0}
    assert set(named["near_headline"]) == {0.0}


def test_document_features_tell_a_page_dump_from_extracted_text() -> None:
    dump = _named([*MENU, *MENU, "Harbour bridge to close for repairs", PROSE, QUOTED, *MENU])
    extracted = _named(["Harbour bridge to close for repairs", PROSE, QUOTED, PROSE])
    for name in ("doc_blocks", "doc_chrome_share", "doc_lead", "doc_trail", "doc_short_run"):
        assert len(set(dump[name])) == 1 and len(set(extracted[name])) == 1, name
        assert dump[name][0] > extracted[name][0], name
    assert extracted["doc_trail"][0] == 0.0
    assert dump["doc_lead"][0] == math.log1p(2 * len(MENU) + 1)
    assert dump["doc_short_run"][0] == math.log1p(2 * len(MENU))


def test_headline_echo_with_a_count_after_it() -> None:
    texts = [
        "Harbour bridge to close for repairs - Example Gazette",
        *MENU,
        "Harbour bridge to close for repairs 524",
        PROSE,
        "Harbour bridge plans: readers write 12 letters",  # shares two words only
    ]
    named = _named(texts)
    assert named["headline_echo"] == [0.0] * 5 + [1.0, 0.0, 0.0]


def test_chinese_and_japanese_words_are_counted_by_character() -> None:
    """No spaces between words: each character counts, and 。 ends the sentence, so a
    paragraph reads as prose and a menu of four characters as a short line."""
    from cleanarticle.features import SHAPE, document_columns, shape, stopwords
    from cleanarticle.textutil import is_prose, word_count

    paragraph = "港口在周一经过三个月的修复后重新开放，第一批渡轮在中午前抵达。"
    texts = [paragraph, "首页新闻", "「港は月曜日に三か月の修理を終えて再開した。」"]
    assert word_count(paragraph) == 29 and is_prose(paragraph)  # every character but ，。
    columns = document_columns(texts, [None] * len(texts))
    prose, short = SHAPE.index("prose"), SHAPE.index("short")
    assert [columns[prose][i] for i in range(3)] == [1.0, 0.0, 1.0]
    for i, text in enumerate(texts):
        assert shape(text, stopwords())[short] == columns[short][i]
