"""The safety rail: an article whose cleaning would remove most of its prose is reported, and
``fix`` leaves it as it is, unless the user allows it (issue 13, "never lose the article").

The lost article is made by a filter that takes every block (what a content filter gone wrong
does).
"""

from __future__ import annotations

import json
import pickle

import cleanarticle
from cleanarticle import Article, Document, Prose
from cleanarticle.batch import _dumps
from cleanarticle.textutil import is_prose, prose_chars

from .conftest import SEEDS

PARAGRAPHS = [
    "The harbour reopened on Monday after three months of repairs to the storm wall, and "
    "the first ferries came in before noon with their decks full of passengers.",
    "Engineers said the new harbour wall was built to stand a storm twice as strong as the "
    "one that broke the old wall in January, when waves flooded the lower town.",
    "The council paid for most of the work on the harbour, and the rest came from a national "
    "fund for coastal towns hit by the winter storms.",
    "Fishermen, who had moored their boats in the next bay since January, said they were "
    "glad to be back in the harbour and hoped the catch would make up for the lost months.",
]
ARTICLE = "Harbour reopens after storm repairs\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
# A readers' thread longer than the article: many short comments, each under a name and date.
COMMENTS = "".join(
    f"\nReader{i} on 12 May 2026 at 10:{i:02d}\n"
    f"I walked past the harbour this morning and the new wall looks solid to me, well done "
    f"to everyone who worked through the winter on it, comment number {i}.\n"
    for i in range(12)
)


@cleanarticle.filter("everything", register_it=False)
def everything(doc: Document) -> None:
    """A filter gone wrong: every block is page chrome."""
    for block in list(doc.free()):
        doc.mark(block, "chrome", "takes everything")


@cleanarticle.filter("thread", register_it=False)
def thread(doc: Document) -> None:
    """Removes what follows the article's last paragraph: a readers' thread."""
    after = False
    for block in list(doc.free()):
        if after:
            doc.mark(block, "comments", "a readers' comment")
        after = after or block.text.startswith("Fishermen,")


EVERYTHING = cleanarticle.default_pipeline().append(everything)


# --- the measure ------------------------------------------------------------------------------


def test_prose_chars_is_is_prose_counted_in_characters() -> None:
    for text in [*PARAGRAPHS, "Home News Sport", "Share this story", "A short line.", ""]:
        assert bool(prose_chars(text)) == is_prose(text), text
    assert prose_chars(PARAGRAPHS[0]) == len(PARAGRAPHS[0].replace(" ", ""))


def test_prose_chars_reads_chinese_and_japanese_without_spaces() -> None:
    sentence = "港口在周一经过三个月的修复后重新开放，第一批渡轮在中午前抵达。"
    assert not is_prose(sentence)  # two "words" for \w+
    assert prose_chars(sentence) == len(sentence)  # no spaces: every character counts
    assert prose_chars("「港は月曜日に三か月の修理を終えて再開した。」") > 0
    assert prose_chars("首页新闻体育娱乐财经") == 0  # a menu: no sentence, few characters


def test_a_clean_article_keeps_its_prose() -> None:
    article = cleanarticle.clean(ARTICLE)
    total = sum(len(p.replace(" ", "")) for p in PARAGRAPHS)
    assert article.prose == Prose(total, total, 0)
    assert article.prose.kept_share == 1.0 and not article.prose.is_large_removal()


def test_an_article_taken_whole_is_a_large_removal() -> None:
    article = EVERYTHING.clean(ARTICLE)
    assert article.paragraphs == ()  # the headline was read before: it stays
    assert article.prose.kept == 0 and article.prose.input > 0
    assert article.prose.largest_removed_run == article.prose.input  # one piece
    assert article.prose.is_large_removal()
    assert not article.prose.is_large_removal(0.0)  # 0: the rail is off


def test_a_removed_thread_longer_than_the_article_is_not() -> None:
    article = cleanarticle.default_pipeline().append(thread).clean(ARTICLE + COMMENTS)
    assert len(article.paragraphs) == len(PARAGRAPHS)
    prose = article.prose
    assert prose.kept_share < 0.3  # most of the page's prose was the thread...
    assert prose.largest_removed_run < prose.kept  # ...cut into pieces by names and dates
    assert not prose.is_large_removal(0.5)


def test_a_paragraph_cut_in_part_counts_what_is_left() -> None:
    @cleanarticle.filter("tail", register_it=False)
    def tail(doc: Document) -> None:
        for block in doc.free():
            if block.text.startswith("Engineers"):
                doc.mark(block, "chrome", "the tail", start=block.text.index(" when "))

    article = cleanarticle.default_pipeline().append(tail).clean(ARTICLE)
    gone = len(PARAGRAPHS[1][PARAGRAPHS[1].index(" when ") :].replace(" ", ""))
    assert article.prose.input - article.prose.kept == gone
    assert article.prose.largest_removed_run == 0  # most of the paragraph stayed


def test_the_seeds_are_no_large_removal() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        assert not cleanarticle.clean(seed.read_text(encoding="utf-8")).prose.is_large_removal()


def test_prose_is_in_the_json_and_crosses_the_pipe() -> None:
    article = EVERYTHING.clean(ARTICLE)
    data = json.loads(article.to_json())
    assert data["prose"] == {"input": article.prose.input, "kept": 0,
                             "largest_removed_run": article.prose.input}
    assert Prose(**data["prose"]) == article.prose
    assert pickle.loads(_dumps(article)) == article
    assert Article(paragraphs=("Body.",)).prose == Prose()  # built by hand: nothing measured
    out = list(cleanarticle.clean_many([ARTICLE, ARTICLE], workers=2, pipeline=EVERYTHING))
    assert [a.prose for a in out] == [article.prose] * 2
