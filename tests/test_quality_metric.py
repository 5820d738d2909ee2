"""The shingle F1 of benchmarks/shingle.py, and the quality benchmark that uses it.

The synthetic cases pin the metric's definition (../shared/data/README.md); the corpus tests
check it reproduces the README's "do nothing" numbers and that the benchmark script runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cleanarticle
from benchmarks import metadata
from benchmarks.quality import (
    ROWS,
    Output,
    diagnose,
    gold_share,
    is_lost,
    load_corpus,
    scored_text,
    split,
)
from benchmarks.shingle import Score, f1, match, precision_recall, score_pair, shingles

from .conftest import ROOT


def words(n: int, start: int = 0) -> str:
    return " ".join(f"w{i}" for i in range(start, start + n))


def test_tokens_are_unicode_word_runs_and_case_is_kept() -> None:
    assert shingles("Ça va, l'été!") == {("Ça", "va", "l", "été"): 1}
    assert shingles("The the") != shingles("the the")


def test_shingles_are_a_multiset_of_4_grams() -> None:
    assert sum(shingles(words(10)).values()) == 7
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2


def test_short_and_empty_texts() -> None:
    assert shingles("one two") == {("one", "two"): 1}
    assert shingles("  ... ") == {}


def test_identical_texts_score_one() -> None:
    assert score_pair(words(20), words(20)) == (1.0, 1.0)


def test_both_empty_is_perfect_and_empty_output_is_zero() -> None:
    assert score_pair("", "") == (1.0, 1.0)
    assert score_pair("", words(10)) == (0.0, 0.0)
    assert score_pair(words(10), "") == (0.0, 0.0)


def test_counts_are_normalised_per_document() -> None:
    gold = words(13)  # 10 shingles
    output = words(13) + " " + words(13, start=100)  # the 10, 3 bridging the two, 10 junk
    tp, fp, fn = match(output, gold)
    assert (tp, fp, fn) == pytest.approx((10 / 23, 13 / 23, 0.0))
    precision, recall = precision_recall(tp, fp, fn)
    assert precision == pytest.approx(10 / 23)
    assert recall == 1.0


def test_repeated_shingles_count_each_time() -> None:
    gold = "a b c d"
    precision, recall = score_pair("a b c d a b c d", gold)
    # output has ("a","b","c","d") twice, plus 3 bridging shingles: 1 tp, 4 fp
    assert (precision, recall) == (pytest.approx(1 / 5), 1.0)


def test_averages_are_taken_before_f1() -> None:
    score = Score.of([(1.0, 0.0), (0.0, 1.0)])
    assert (score.precision, score.recall) == (0.5, 0.5)
    assert score.f1 == 0.5  # harmonic mean of the averages, not the mean of per-page F1 (0)
    assert f1(0.0, 0.0) == 0.0
    assert Score.of([]).pages == 0


def test_split_is_fixed_and_halves_dragnet() -> None:
    ids = [f"dragnet/{i}" for i in range(1000)]
    train = sum(split(i) == "train" for i in ids)
    assert 420 < train < 580
    assert [split(i) for i in ids] == [split(i) for i in ids]
    assert split("cleaneval-dev/3") == "test"
    halves = [split(f"cleaneval-final/{i}") for i in range(400)]
    assert 150 < halves.count("train") < 250


def test_a_page_is_lost_when_its_input_held_the_gold_and_its_output_does_not() -> None:
    gold = words(50)
    assert gold_share(words(9), gold) == pytest.approx(9 / 50)
    assert gold_share(words(80), gold) == 1.0
    assert gold_share("anything", "") == 1.0
    assert is_lost((gold_share(words(80), gold), gold_share(words(9), gold)))
    assert not is_lost((gold_share(words(30), gold), 0.0))  # the input never held it
    assert not is_lost((1.0, gold_share(words(11), gold)))


def test_headline_matches_the_title_or_the_title_without_its_site() -> None:
    assert metadata.headline_exact("Top Gear in Iran", "Top Gear in Iran | BBC News")
    assert metadata.headline_exact("top gear in iran!", "BBC News - Top Gear in Iran")
    assert not metadata.headline_exact("BBC News", "Top Gear in Iran | BBC News")
    assert not metadata.headline_exact("Top Gear", "Top Gear in Iran")
    assert not metadata.headline_exact(None, "Top Gear in Iran")
    assert metadata.token_f1("Top Gear", "Top Gear in Iran") == pytest.approx(2 / 3)


def test_authors_are_read_from_the_expected_byline() -> None:
    assert metadata.expected_authors("By Ana Sandoiu") == {("ana", "sandoiu")}
    assert metadata.expected_authors("Par Sébastien Farcis") == {("sébastien", "farcis")}
    assert metadata.expected_authors("Stella Kim, Jennifer Jett and Bo Li") == {
        ("stella", "kim"), ("jennifer", "jett"), ("bo", "li")}
    found = metadata.found_authors(("Stella Kim",), "CNN")
    assert metadata.set_f1(found, metadata.expected_authors("Stella Kim, Jennifer Jett")) == (
        pytest.approx(2 / 3))
    assert metadata.found_authors((), "Reuters") == {("reuters",)}


def test_metadata_page_score_and_summary() -> None:
    meta = {"headline": "A Title | Site", "byline": "By Jo Lee", "date": "2015-04-30T07:19:58"}
    found = metadata.Found("A Title", ("Jo Lee",), None, "2015-04-30")
    page = metadata.score(found, meta)
    assert (page.headline_exact, page.author_f1, page.date_exact) == (1.0, 1.0, 1.0)
    empty = metadata.score(metadata.Found(None, ("Jo Lee",), None, None), {"headline": "T"})
    assert empty.author_f1 is None and empty.authors_unexpected
    summary = metadata.summary([page, empty])
    assert summary["headline_exact"] == (0.5, 2)
    assert summary["author_f1"] == (1.0, 1)
    assert summary["authors_unexpected"] == (1.0, 2)


def test_scored_text_keeps_the_header_where_the_gold_does() -> None:
    article = cleanarticle.Article(paragraphs=("Body one.", "Body two."), headline="Title")
    assert scored_text(article, "dragnet") == "Title\nBody one.\nBody two."
    with_dek = cleanarticle.Article(paragraphs=("Body.",), headline="Title", dek="Dek line")
    assert scored_text(with_dek, "dragnet") == "Title\nDek line\nBody."
    assert scored_text(article, "cleaneval-dev") == "Body one.\nBody two."
    assert scored_text(article, "readability") == "Body one.\nBody two."
    assert scored_text(article, "cleanportaleval") == "Title\nBody one.\nBody two."


def test_diagnosis_finds_junk_kept_and_body_lost() -> None:
    body = "The council voted on Monday to close the old bridge for repairs."
    lost = "Engineers said the work would take at least two years to finish."
    text = f"Home | News | Sport\n{body}\n{lost}\nShare this story on Facebook now"
    out = Output(text, f"Home | News | Sport\n{body}\nShare this story on Facebook now")
    diag = diagnose(out, f"{body}\n{lost}")
    assert diag.kept == ["Home | News | Sport", "Share this story on Facebook now"]
    assert diag.lost == [(lost, "")]
    assert diag.unseen == []


def test_rows_have_unique_keys_and_numbers() -> None:
    assert len({r.key for r in ROWS}) == len({r.number for r in ROWS}) == len(ROWS)


def test_do_nothing_baseline_matches_the_corpus_readme(devcorpus_path: Path) -> None:
    pages = load_corpus(devcorpus_path)
    expected = {  # ../shared/data/README.md, "Evaluation metric"
        "dragnet": (1351, 0.377, 0.990, 0.546),
        "cleaneval-dev": (56, 0.784, 0.958, 0.863),
        None: (1407, 0.393, 0.989, 0.563),
    }
    for source, (n, precision, recall, f) in expected.items():
        score = Score.of(
            score_pair(p["text_dump"], p["gold"])
            for p in pages
            if source is None or p["source"] == source
        )
        got = (score.pages, round(score.precision, 3), round(score.recall, 3), round(score.f1, 3))
        assert got == (n, precision, recall, f), source


def test_benchmark_script_runs_on_a_few_pages(devcorpus_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "quality.json"
    cmd = [sys.executable, str(ROOT / "benchmarks" / "quality.py"), "--limit", "20",
           "--corpus", str(devcorpus_path), "--worst", "2", "--json", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "1. text dump unchanged" in done.stdout
    assert "headline + dek + body" in done.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["rows"]["dump"]["all"]["pages"] == 20
    assert data["rows"]["dump"]["all"]["lost"] == 0
    assert set(data["rows"]) >= {"dump", "clean", "html", "trafilatura", "clean-trafilatura"}
    assert len(data["worst"]["pages"]) == 2


def test_benchmark_script_skips_without_the_corpus(tmp_path: Path) -> None:
    cmd = [sys.executable, str(ROOT / "benchmarks" / "quality.py"),
           "--corpus", str(tmp_path / "absent.jsonl.gz")]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0
    assert "skipped" in done.stdout and "absent.jsonl.gz" in done.stdout
