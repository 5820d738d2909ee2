"""The throughput benchmark runs (tiny), and the fast paths never change a result.

Timings are never asserted: only that every row produced figures, and that the phrase
prefilter (prefilter.py) gives exactly what running every pattern gives.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanarticle import phrasebook
from cleanarticle.document import Document
from cleanarticle.phrasebook import PhraseMatcher, available_languages, load_pack, matcher
from cleanarticle.prefilter import analyse, cut_tail, fold, minimal, starts

from .conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "benchmarks"))
import throughput

CATEGORIES = sorted(
    {
        category
        for lang in available_languages()
        for category, table in load_pack(lang).items()
        if isinstance(table, dict) and ("lines" in table or "contains" in table)
    }
)


def matchers() -> list[PhraseMatcher]:
    return [matcher(category, available_languages()) for category in CATEGORIES]


# ---------------------------------------------------------------------------------------------
# The benchmark


def test_benchmark_smoke_run_text_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    code = throughput.main([
        "--docs", "200", "--max-workers", "2", "--devcorpus", str(tmp_path / "absent.jsonl.gz"),
        "--one-file-runs", "1", "--json", str(out),
    ])
    assert code == 0
    table = capsys.readouterr().out
    results = json.loads(out.read_text(encoding="utf-8"))
    rows = results["rows"]
    assert set(rows) == {
        "floor", "c4", "justext", "clean w=1", "clean w=2", "clean 2 independent",
        "cli_folder", "cli_jsonl",
    }
    for name, row in rows.items():
        assert "error" not in row, (name, row)
        assert row["docs"] == 200 * row.get("copies", 1) and row["seconds"] > 0, name
    assert rows["clean w=1"]["out"] == 200  # every document gave an article
    assert rows["clean w=2"]["worker_cpu_s"] > 0  # the workers' CPU is counted
    assert rows["clean w=1"]["worker_cpu_s"] == 0  # one process: no workers
    assert [m["out"] for m in rows["clean 2 independent"]["each"]] == [200, 200]
    assert "speed-up" in table and "cleanarticle (1 process) =" in table
    assert "CPU per doc" in table
    assert re.search(r"\| clean 2 independent \| .*ceiling: speed-up [\d.]+x", table)
    assert re.search(r"\| clean w=2 \| .*of 2 independent", table)
    assert results["one_file"]["median_s"] > 0


def test_benchmark_smoke_run_html_rows(
    tmp_path: Path, devcorpus_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = tmp_path / "small.jsonl.gz"  # the first pages only: reading all 132 MB takes long
    with gzip.open(devcorpus_path, "rt", encoding="utf-8") as fh, gzip.open(small, "wt") as out:
        for line in itertools.islice(fh, 6):
            out.write(line)
    code = throughput.main([
        "--docs", "20", "--html-docs", "4", "--max-workers", "1", "--skip", "peers,cli,one-file",
        "--devcorpus", str(small),
    ])
    assert code == 0
    table = capsys.readouterr().out
    assert re.search(r"\| trafilatura \| [\d,]+ .*HTML mode \(1 process\) = [\d.]+x this", table)
    assert re.search(r"\| clean_html w=1 \| [\d,]+ ", table)


def test_batches_are_reproducible() -> None:
    pool = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert list(throughput.batch(pool, 50, 7)) == list(throughput.batch(pool, 50, 7))
    assert list(throughput.batch(pool, 50, 7)) != list(throughput.batch(pool, 50, 8))


# ---------------------------------------------------------------------------------------------
# The prefilter: what it derives from patterns


@pytest.mark.parametrize(
    ("pattern", "exact", "required"),
    [
        ("(main )?menu", {"menu", "main menu"}, None),
        ("Sign up for an? (new|free) account",
         {"sign up for a new account", "sign up for a free account",
          "sign up for an new account", "sign up for an free account"}, None),
        (r"more from \w+( \w+){0,3}", None, {"more from "}),
        (r"(\d+|no) comments so far", None, {" comments so far"}),
        (r"reported from (?-i:\p{Lu})[\p{L}-]*", None, {"reported from "}),
        ("don't miss", {"don't miss"}, None),
        ("don\u2019t miss", set(), None),  # quotes are normalised first: this never matches
        (r"\w+", None, None),  # anything: always run
        ("[[:alpha:]]+ foo", None, None),  # regex-only syntax re would misread: always run
        ("(?:abc){e<=1}", None, None),  # fuzzy matching: always run
        ("(unclosed", None, None),
    ],
)
def test_analyse(pattern: str, exact: set[str] | None, required: set[str] | None) -> None:
    info = analyse(pattern)
    assert info.exact == (frozenset(exact) if exact is not None else None)
    if exact is None:
        assert info.as_required() == (frozenset(required) if required is not None else None)


def test_minimal_keeps_the_shortest_literal_of_a_family() -> None:
    assert minimal(["subscribe now", "subscribe", "sub scribe", "newsletter"]) == {
        "subscribe", "sub scribe", "newsletter",
    }


def test_whole_line_patterns_drop_a_closing_optional_space_and_know_their_start() -> None:
    assert analyse(r"(publicit\u00e9|pub)\s?", tail=".:").exact == {"publicit\u00e9", "pub"}
    assert analyse(r"(publicit\u00e9|pub)\s?").exact is None
    assert starts(r"more (stories|from \w+)") == {"more stories", "more from "}
    assert starts(r"comments?( \(\d+\))?") == {"comment", "comments"}
    assert starts(r"\d+ comments") is None
    assert cut_tail("Related : .", ".:") == "Related"


def test_fold_matches_regex_case_insensitivity_for_turkish_i() -> None:
    assert fold("\u0130STANBUL \u0131stanbul Istanbul") == "istanbul istanbul istanbul"


# ---------------------------------------------------------------------------------------------
# The prefilter never changes a match


def _pieces() -> list[str]:
    """Fragments that make lines near the patterns: literals, exact lines, and their edges."""
    out: set[str] = set()
    for m in matchers():
        need_lines, need_contains = phrasebook._scanner.needs[m._index]
        out.update(list(need_lines.exact)[:40])
        out.update(list(need_lines.starts)[:40])
        out.update(list(need_lines.literals)[:40])
        out.update(list(need_contains.literals)[:40])
    return sorted(out)


PIECES = _pieces()
NOISE = st.sampled_from([
    " ", "  ", ":", ".", "!", " :", "…", "|", "»", "•", "(", ")", "'", "\u2019", "\u00a0",
    "2024", "12", "\u0130", "\u0131", "ß", "the", "news", "Paris", "\t", "-", "—", "/", "a",
])
LINES = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.sampled_from(PIECES).map(str.upper),
        st.sampled_from(PIECES).map(str.title),
        NOISE,
    ),
    max_size=6,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_prefiltered_match_equals_running_every_pattern(line: str) -> None:
    for m in matchers():
        assert m.match(line) == m.match_all(line), (line, m)


def test_prefilter_on_real_lines(devcorpus_path: Path) -> None:
    """Every block of the seeds and of 12 dev corpus dumps: same hits with and without it."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    with gzip.open(devcorpus_path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 50 == 0:
                texts.append(json.loads(line)["text_dump"])
            if len(texts) >= 17:
                break
    hits = 0
    for text in texts:
        for block in Document(text).blocks:
            for m in matchers():
                fast = m.match(block.text)
                assert fast == m.match_all(block.text), (block.text, m)
                hits += fast is not None
    assert hits > 30  # the lines did exercise the patterns
