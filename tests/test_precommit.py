"""The pre-commit hooks, through the real ``pre-commit try-repo`` on a corpus repository.

``try-repo`` builds the hooks' environment from a git repository: the test commits a
snapshot of this working tree (tracked and new files, as a commit would hold them) and
points pre-commit at it, as a corpus repository's ``.pre-commit-config.yaml`` would. Each
``try-repo`` installs the package afresh into a new virtualenv (it keeps no cache between
calls), so the test makes three runs and no more: check alone on the dirty seeds, fix alone,
then both hooks on the fixed files. That is a minute or two of installing; it runs in the
default suite all the same, since CI is where the hooks must be proven to work.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleanarticle
from cleanarticle.fix import fix_text

from .conftest import ROOT, SEEDS

GIT = shutil.which("git")
pytestmark = [
    pytest.mark.skipif(GIT is None, reason="git is not installed: pre-commit needs it"),
    pytest.mark.skipif(
        importlib.util.find_spec("pre_commit") is None,
        reason="pre-commit is not installed (it is in the 'test' extra: pip install -e '.[test]')",
    ),
]


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        [str(GIT), "-c", "user.name=test", "-c", "user.email=test@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def snapshot_of_this_repository(dest: Path) -> Path:
    """A git repository holding this working tree's files (what a commit of it would hold)."""
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git repository: try-repo needs one")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    git("init", "-q", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "snapshot", cwd=dest)
    return dest


def try_repo(hooks: Path, corpus: Path, home: Path, *hook: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    environment.update(PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    environment.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), *hook, "--all-files"],
        cwd=corpus,
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
    )


def test_hooks_fail_on_dirty_articles_fix_them_then_pass(tmp_path: Path) -> None:
    hooks = snapshot_of_this_repository(tmp_path / "cleanarticle")
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    git("init", "-q", cwd=corpus)
    git("add", "-A", cwd=corpus)
    git("commit", "-q", "-m", "articles", cwd=corpus)
    before = {p.name: p.read_bytes().decode("utf-8") for p in sorted(corpus.glob("*.txt"))}
    dirty = {name for name, text in before.items() if cleanarticle.clean(text).boilerplate}
    assert dirty  # the seeds hold boilerplate, or this test proves nothing

    home = tmp_path / "pre-commit-home"
    check = try_repo(hooks, corpus, home, "cleanarticle-check")
    log = check.stdout + check.stderr
    assert "An error has occurred" not in log, log
    assert check.returncode == 1, log
    assert "cleanarticle (check)" in check.stdout and "Failed" in check.stdout, log
    for name in dirty:  # the spans are listed as path:line: category: text
        assert f"\n{name}:" in check.stdout, log
    assert git("status", "--porcelain", cwd=corpus) == ""  # check changes nothing

    fix = try_repo(hooks, corpus, home, "cleanarticle")
    log = fix.stdout + fix.stderr
    assert fix.returncode == 1, log
    assert "Failed" in fix.stdout and "files were modified by this hook" in fix.stdout, log
    for name, text in before.items():
        expected = fix_text(text, cleanarticle.clean(text).boilerplate)
        assert (corpus / name).read_bytes().decode("utf-8") == expected, name
    assert set(git("diff", "--name-only", cwd=corpus).split()) == dirty

    both = try_repo(hooks, corpus, home)  # every hook of the repository, on the fixed files
    log = both.stdout + both.stderr
    assert both.returncode == 0, log
    assert "cleanarticle (fix)" in both.stdout and "cleanarticle (check)" in both.stdout, log
    assert both.stdout.count("Passed") == 2, log
    assert set(git("diff", "--name-only", cwd=corpus).split()) == dirty  # nothing more changed
