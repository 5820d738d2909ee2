"""In-place writes survive a crash: ``cleanarticle fix`` killed with SIGKILL at random moments.

Many files with boilerplate are fixed in place; the run is killed at random points while it
works through them. After every kill each file must be either the original or the complete
fixed version, byte for byte, never a partial write; the temporary files a kill leaves
behind are hidden (dot-files), so the next run skips them. The default run kills a few
times; ``pytest -m slow`` many more.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleanarticle

PACKAGE_ROOT = Path(cleanarticle.__file__).resolve().parent.parent
N_FILES = 150
JUNK = [
    "Skip to main content", "Subscribe now", "Recommended for you", "Comments (12)",
    "Sign up for our daily newsletter", "Share this article on Facebook", "All rights reserved.",
]


def _article(i: int) -> str:
    rng = random.Random(i)
    paragraphs = [
        f"Paragraph {k} of story {i}: the council said the old bridge over the river would "
        f"stay closed until Monday because engineers found cracks in its supports. " * 20
        for k in range(rng.randint(3, 8))
    ]
    lines = [f"Bridge Story Number {i}", "By Jane Doe", rng.choice(JUNK)]
    for paragraph in paragraphs:
        lines += [paragraph.strip(), rng.choice(JUNK)]
    return "\n\n".join(lines) + "\n"


def _fix(folder: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "cleanarticle", "fix", "-j", "1", "-q", str(folder)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


Versions = tuple[Path, dict[str, bytes], dict[str, bytes], tuple[float, float]]


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Versions:
    """The originals, their fixed versions (from one full run), and when that run starts
    writing and ends (its start-up is timed on an empty folder)."""
    base = tmp_path_factory.mktemp("crash")
    originals = base / "originals"
    originals.mkdir()
    for i in range(N_FILES):
        (originals / f"story{i:03}.txt").write_text(_article(i), encoding="utf-8")
    fixed = base / "fixed"
    shutil.copytree(originals, fixed)
    empty = base / "empty"
    empty.mkdir()
    start = time.perf_counter()
    _fix(empty).wait(timeout=600)
    startup = time.perf_counter() - start
    start = time.perf_counter()
    assert _fix(fixed).wait(timeout=600) == 1  # 1: files changed
    duration = time.perf_counter() - start
    before = {p.name: p.read_bytes() for p in originals.iterdir()}
    after = {p.name: p.read_bytes() for p in fixed.iterdir()}
    assert all(before[name] != after[name] for name in before)
    return base, before, after, (startup * 0.8, duration)


def _kill_rounds(versions: Versions, rounds: int) -> int:
    """Kill ``rounds`` runs at random moments; returns how many died in mid-batch."""
    base, before, after, (first, last) = versions
    rng = random.Random(20260105)
    mid_batch = 0
    for k in range(rounds):
        work = base / f"round{k}"
        shutil.copytree(base / "originals", work)
        process = _fix(work)
        time.sleep(rng.uniform(first, last))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        states = {"original": 0, "fixed": 0}
        for path in work.iterdir():
            if path.name.startswith("."):  # a temporary file the kill left behind
                continue
            data = path.read_bytes()
            assert data in (before[path.name], after[path.name]), (
                f"round {k}: {path.name} is neither the original nor the fixed version"
            )
            states["original" if data == before[path.name] else "fixed"] += 1
        assert sum(states.values()) == N_FILES
        mid_batch += bool(states["original"] and states["fixed"])
        shutil.rmtree(work)
    return mid_batch


def test_killed_fix_leaves_every_file_whole(versions: Versions) -> None:
    _kill_rounds(versions, rounds=3)


@pytest.mark.slow
def test_killed_fix_leaves_every_file_whole_many_times(versions: Versions) -> None:
    """30 kills; some must land in mid-batch, or the test would have proved nothing."""
    assert _kill_rounds(versions, rounds=30) > 0


def test_a_second_run_after_a_kill_finishes_the_job(versions: Versions) -> None:
    base, _, after, (first, last) = versions
    work = base / "resume"
    shutil.copytree(base / "originals", work)
    process = _fix(work)
    time.sleep((first + last) / 2)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert _fix(work).wait(timeout=600) in (0, 1)
    assert {p.name: p.read_bytes() for p in work.iterdir() if not p.name.startswith(".")} == after
