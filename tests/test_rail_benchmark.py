"""benchmarks/rail.py: how it classes a page, how it counts, and a tiny run on the corpus so
it cannot rot."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cleanarticle import Prose

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import rail


def test_pages_are_lost_partial_or_fine_by_the_gold_they_kept() -> None:
    assert rail.classify(1.0, 0.1) == "lost"
    assert rail.classify(0.7, 0.1) == "partial"  # the input never held the article whole
    assert rail.classify(1.0, 0.5) == "partial"
    assert rail.classify(1.0, 0.85) == "fine"
    assert rail.classify(0.5, 0.45) == "fine"  # all the input had to give, nearly


def test_fire_counts_per_input_source_and_class() -> None:
    lost, fine = Prose(1000, 0, 1000), Prose(1000, 900, 100)
    cases = [
        rail.Case("dragnet/1", "dragnet", "dump", "lost", lost),
        rail.Case("dragnet/2", "dragnet", "dump", "fine", fine),
        rail.Case("readability/a", "readability", "gold", "fine", fine),
    ]
    counts = rail.fire_counts(cases, 0.1)
    assert counts["dump"]["dragnet"] == {"lost": [1, 1], "partial": [0, 0], "fine": [0, 1]}
    assert counts["dump"]["all"]["lost"] == [1, 1]
    assert counts["gold"]["readability"]["fine"] == [0, 1]
    assert rail.fire_counts(cases, 0.0)["dump"]["all"]["lost"] == [0, 1]  # 0: the rail is off


def test_a_tiny_run_on_the_corpus(
    devcorpus_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert rail.main(["--corpus", str(devcorpus_path), "--limit", "3", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "min_prose_kept = 0.1: fired / pages" in out and "3 pages (" in out
