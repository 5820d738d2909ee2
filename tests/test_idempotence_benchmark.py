"""benchmarks/idempotence.py: what it blames when a second cleaning changes the text, and a
tiny run on the corpus so it cannot rot."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import cleanarticle

from .conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "benchmarks"))
import idempotence

TEXT = (
    "Council approves the new budget\n\n"
    "The council approved the budget on Tuesday after a long debate about roads.\n\n"
    "Recommended for you\n\n"
    "Members said the vote was close and the debate would go on next year."
)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_the_seeds_clean_to_a_fixed_point(seed: Path) -> None:
    assert idempotence.causes(seed.read_text(encoding="utf-8")) == []


def test_a_second_pass_that_reads_another_header_is_blamed_on_the_headline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    second = cleanarticle.default_pipeline().without("header")
    passes = iter([cleanarticle.default_pipeline(), second])
    monkeypatch.setattr(idempotence.cleanarticle, "clean", lambda text: next(passes).clean(text))
    assert idempotence.causes(TEXT) == ["headline", "body: other"]


def test_body_text_a_second_pass_takes_is_blamed_on_the_filter_that_took_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = cleanarticle.default_pipeline().without("recommendations")
    passes = iter([first, cleanarticle.default_pipeline()])
    monkeypatch.setattr(idempotence.cleanarticle, "clean", lambda text: next(passes).clean(text))
    assert idempotence.causes(TEXT) == ["body: recommendations/recommendations"]


def test_a_tiny_run_on_the_corpus_reports_every_text(
    devcorpus_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["idempotence.py", "--limit", "3", "--jobs", "1",
                                      "--extracted"])
    assert idempotence.main() == 0
    out = capsys.readouterr().out
    assert "dump           3 texts" in out
    assert "extracted      3 texts" in out
