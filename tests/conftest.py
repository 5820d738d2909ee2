"""Shared test fixtures: where the seeds, their expected answers and the dev corpus live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = Path(__file__).resolve().parent / "data" / "expected"
DEVCORPUS = ROOT.parent / "shared" / "data" / "devcorpus.jsonl.gz"


@pytest.fixture(scope="session")
def devcorpus_path() -> Path:
    if not DEVCORPUS.exists():
        pytest.skip(f"development corpus not found at {DEVCORPUS} (it lives in ../shared/data)")
    return DEVCORPUS
