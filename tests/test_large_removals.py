"""The safety rail: an article whose cleaning would remove most of its prose is reported, and
``fix`` leaves it as it is, unless the user allows it (issue 13, "never lose the article").

The lost article is made by a filter that takes every block (what a content filter gone wrong
does), in this process, and by a user's phrase pattern that every paragraph holds, through
the real command.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import cleanarticle
from cleanarticle import Article, Document, Prose
from cleanarticle import config as configuration
from cleanarticle.batch import _dumps
from cleanarticle.textutil import is_prose, prose_chars

from .conftest import SEEDS
from .test_cli import cli

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
    assert is_prose(sentence)  # each character a word, and 。 ends the sentence
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


# --- configuration ---------------------------------------------------------------------------


def test_min_prose_kept_is_configurable_and_checked() -> None:
    assert configuration.parse({}).min_prose_kept == 0.1
    assert configuration.parse({"min-prose-kept": 0}).min_prose_kept == 0.0
    for bad in (-0.1, 1.5, "half", True):
        with pytest.raises(configuration.ConfigError, match="min-prose-kept must be a number"):
            configuration.parse({"min-prose-kept": bad})


# --- the command, in this process ------------------------------------------------------------


@cleanarticle.filter("harbour_only", register_it=False)
def harbour_only(doc: Document) -> None:
    """Takes everything from the harbour article only: one lost record among good ones."""
    if "harbour" in doc.source:
        everything(doc)


@pytest.fixture
def lost_pipeline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every command cleans with a filter that takes the harbour article whole."""
    build = configuration.Config.pipeline
    monkeypatch.setattr(configuration.Config, "pipeline", lambda c: build(c).append(harbour_only))
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.usefixtures("lost_pipeline")
def test_fix_leaves_a_lost_article_untouched_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.txt"
    data = ARTICLE.replace("\n", "\r\n").encode("utf-8")
    source.write_bytes(data)
    for args in ((), ("-q",)):
        code, out, err = cli(capsys, "fix", source, *args)
        assert code == 1  # something to review: a pre-commit hook fails
        assert source.read_bytes() == data  # byte for byte
        assert out == ""
        assert f"{source}: warning: left as it is: the fix would remove 100% of its " in err
        assert "(kept 0 of " in err and "most removed by the 'harbour_only' filter" in err
        assert "--allow-large-removals" in err
        summary = "Left 1 article untouched: the fix would remove most of its prose-like text"
        assert (summary in err) == (not args)  # -q: the warning, not the summary
        assert "Nothing to fix" not in err

    code, out, err = cli(capsys, "fix", source, "--allow-large-removals")
    assert code == 1 and f"fixed {source}" in out and "warning" not in err
    assert source.read_bytes() == b"Harbour reopens after storm repairs\r\n"


@pytest.mark.usefixtures("lost_pipeline")
def test_fix_on_stdin_writes_a_lost_article_back_as_it_was(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    code, out, err = cli(capsys, "fix", "-")
    assert code == 1 and out == ARTICLE
    assert err.startswith("-: warning: left as it is")


@pytest.mark.usefixtures("lost_pipeline")
def test_fix_in_jsonl_leaves_the_lost_record_and_fixes_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dirty = (SEEDS / "004_9dd528d7d0df1b00.txt").read_text(encoding="utf-8")
    lines = [json.dumps({"id": 1, "text": dirty}), json.dumps({"id": 2, "text": ARTICLE})]
    source = tmp_path / "c.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = cli(capsys, "fix", source)
    assert code == 1 and out == f"fixed {source} (1 span removed)\n"
    assert f"{source}:2: warning: left as it is" in err and f"{source}:1:" not in err
    new = source.read_text(encoding="utf-8").split("\n")
    assert new[1] == lines[1]  # the lost record, as it was
    assert json.loads(new[0])["text"] != dirty  # the other one fixed
    assert "Fixed 1 of 1 file" in err and "Left 1 article untouched" in err


@pytest.mark.usefixtures("lost_pipeline")
def test_check_reports_it_and_clean_writes_it_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    code, out, err = cli(capsys, "check", source)
    assert code == 1 and f"{source}:3: chrome: The harbour reopened" in out
    assert f"{source}: warning: 'cleanarticle fix' would leave this as it is" in err
    assert "1 article would lose most of its prose-like text: 'cleanarticle fix' leaves" in err
    code, out, err = cli(capsys, "check", source, "--allow-large-removals")
    assert code == 1 and "warning" not in err

    for fmt in ("text", "json", "jsonl"):
        code, out, err = cli(capsys, "clean", source, "--format", fmt)
        assert code == 0  # written as cleaned: the input is never touched
        assert f"{source}: warning: cleaning removed 100% of its prose-like text" in err
        assert "1 article lost most of its prose-like text" in err
    assert json.loads(out)["prose"]["kept"] == 0  # the JSON formats carry the measure
    code, out, err = cli(capsys, "clean", source, "--explain", "-o", tmp_path / "o")
    assert "warning: cleaning removed 100%" in err
    for args in (("-q",), ("--allow-large-removals",)):
        assert "warning" not in cli(capsys, "clean", source, *args)[2]


@pytest.mark.usefixtures("lost_pipeline")
def test_min_prose_kept_zero_in_the_config_turns_the_rail_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.cleanarticle]\nmin-prose-kept = 0\n")
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    code, out, err = cli(capsys, "fix", source)
    assert code == 1 and f"fixed {source}" in out and "warning" not in err
    assert source.read_text(encoding="utf-8") == "Harbour reopens after storm repairs\n"


# --- the command, as a user runs it ----------------------------------------------------------


def test_a_pattern_that_matches_every_paragraph_does_not_empty_the_file(tmp_path: Path) -> None:
    """An over-broad phrase pattern in the corpus's own configuration: the real command."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cleanarticle.phrases.paywall]\ncontains = ["harbour"]\n', encoding="utf-8"
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lost, fine = corpus / "lost.txt", corpus / "fine.txt"
    lost.write_text(ARTICLE, encoding="utf-8")
    fine.write_text("Council approves budget\n\nThe council approved the budget on Tuesday "
                    "after a long debate about roads.\n\nSubscribe to continue reading\n",
                    encoding="utf-8")
    before = lost.read_bytes()
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cleanarticle", *args, "corpus"],
                              cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)

    proc = run("fix")
    assert proc.returncode == 1, proc.stderr
    assert lost.read_bytes() == before
    assert "corpus/lost.txt: warning: left as it is" in proc.stderr
    assert "most removed by the 'paywall' filter" in proc.stderr
    assert "fixed corpus/fine.txt" in proc.stdout
    assert "Left 1 article untouched" in proc.stderr
    proc = run("fix", "--allow-large-removals")
    assert proc.returncode == 1 and "fixed corpus/lost.txt" in proc.stdout
    assert "harbour" not in lost.read_text(encoding="utf-8")
