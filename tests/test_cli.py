"""The ``cleanarticle`` command: real subprocesses for what a user runs, ``main()`` for details.

Subprocess tests pay the interpreter start and the pipeline build (about a second each), so
the contract goes through them and the many small cases run in this process.
"""

from __future__ import annotations

import gzip
import inspect
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleanarticle
from cleanarticle import cli as cli_module
from cleanarticle import config as configuration
from cleanarticle.cli import main
from cleanarticle.fix import fix_text

from .conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
CHECK_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<category>[\w-]+): (?P<text>.+)$")


def env() -> dict[str, str]:
    """The test's environment without colour switches, so output is plain and predictable."""
    clean_env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    clean_env["COLUMNS"] = "100"
    return clean_env


def run(
    *args: str | Path, cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m cleanarticle ARGS`` in ``cwd`` (outside the repo: no pyproject is found)."""
    proc = subprocess.run(
        [sys.executable, "-m", "cleanarticle", *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env(),
        timeout=300,
    )
    out = subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )
    assert "Traceback" not in out.stderr, out.stderr
    return out


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def library(path: Path) -> cleanarticle.Article:
    return cleanarticle.clean(read(path))


def as_json(article: cleanarticle.Article) -> object:
    return json.loads(article.to_json())


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the seeds."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


# --- through a real subprocess ---------------------------------------------------------------


def test_seeds_folder_to_json_equals_the_library(tmp_path: Path) -> None:
    # The console script, with no sub-command: clean is the default.
    script = Path(sys.executable).with_name("cleanarticle")
    out = tmp_path / "out"
    proc = subprocess.run(
        [script, SEEDS, "--format", "json", "-o", out],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env(),
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [f.stem + ".json" for f in SEED_FILES]
    for seed in SEED_FILES:
        written = json.loads((out / f"{seed.stem}.json").read_text(encoding="utf-8"))
        assert written == as_json(library(seed))
    assert proc.stdout == ""  # quiet: results in files, summary on stderr
    assert "Cleaned 5 articles from 5 files" in proc.stderr
    assert "docs/s" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_jsonl_in_and_out_keeps_the_other_fields(tmp_path: Path) -> None:
    records = [
        {"id": i, "url": f"https://example.org/{i}", "body": read(seed), "tags": ["a", {"b": 1}]}
        for i, seed in enumerate(SEED_FILES)
    ]
    source = tmp_path / "batch.jsonl.gz"
    source.write_bytes(
        gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode("utf-8"))
    )
    proc = run("clean", source, "--text-field", "body", "--format", "jsonl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(records)
    for line, record, seed in zip(lines, records, SEED_FILES, strict=True):
        out = json.loads(line)
        article = library(seed)
        for key in ("id", "url", "tags"):
            assert out[key] == record[key]
        assert out["body"] == article.text
        assert "text" not in out  # the body is in the record's own text field
        assert out["headline"] == article.headline
        assert out["removed"] == as_json(article)["removed"]  # type: ignore[index]


def test_html_file_goes_through_trafilatura(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    proc = run("clean", page, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out == as_json(cleanarticle.clean_html(HTML_PAGE))
    assert out["headline"] == "Harbour reopens after storm repairs"
    assert "Sport" not in out["text"]  # the menu: trafilatura's job
    assert "Recommended for you" not in out["text"]  # inside the article: the pipeline's job
    assert any(r["filter"] == "recommendations" for r in out["removed"])


def test_stdin_to_stdout(tmp_path: Path) -> None:
    seed = SEED_FILES[3]
    cleaned = run("-", "-q", cwd=tmp_path, stdin=seed.read_bytes())
    assert cleaned.returncode == 0, cleaned.stderr
    assert cleaned.stdout == library(seed).to_text() + "\n"


def test_check_fails_on_the_seeds_and_passes_once_fixed(corpus: Path) -> None:
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    check = run("check", corpus, cwd=corpus.parent)
    assert check.returncode == 1
    reported = [CHECK_LINE.match(line) for line in check.stdout.splitlines()]
    assert all(reported), check.stdout
    expected = sum(len(library(seed).boilerplate) for seed in SEED_FILES)
    assert len(reported) == expected
    assert {p.name for p in corpus.iterdir()} == set(before)
    assert all((corpus / name).read_bytes() == data for name, data in before.items())

    first = run("fix", corpus, cwd=corpus.parent)
    assert first.returncode == 1
    changed = {name for name, data in before.items() if (corpus / name).read_bytes() != data}
    assert changed == {seed.name for seed in SEED_FILES if library(seed).boilerplate}
    assert first.stdout.count("fixed ") == len(changed)

    after_first = {p.name: p.read_bytes() for p in corpus.iterdir()}
    second = run("fix", corpus, cwd=corpus.parent)
    assert second.returncode == 0, second.stdout  # idempotent: nothing left to do
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == after_first
    assert run("check", corpus, cwd=corpus.parent).returncode == 0


def test_a_file_that_fails_to_decode_does_not_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_FILES[0], folder / "a_good.txt")
    (folder / "b_latin1.txt").write_bytes("Caf\xe9 society\n".encode("latin-1"))
    (folder / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    shutil.copy(SEED_FILES[1], folder / "d_good.txt")
    out = tmp_path / "out"
    proc = run("clean", folder, "-o", out, cwd=tmp_path)
    assert proc.returncode == 2
    assert sorted(p.name for p in out.iterdir()) == ["a_good.txt", "d_good.txt"]
    assert "b_latin1.txt: error: not valid utf-8: byte 0xe9 at offset 3 (line 1)" in proc.stderr
    assert "c_binary.txt: error: binary file" in proc.stderr
    assert "2 errors" in proc.stderr


def test_errors_outrank_changes_and_encoding_can_be_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 society\n".encode("latin-1"))
    shutil.copy(SEED_FILES[4], tmp_path / "dirty.txt")
    code, out, err = cli(capsys, "fix", tmp_path)
    assert code == 2  # an error outranks "changed"
    assert "fixed" in out and "latin1.txt: error: not valid utf-8" in err
    assert cli(capsys, "check", latin1, "--encoding", "latin-1")[0] == 0


CRASH_BEFORE_RENAME = """
import os, sys
from cleanarticle import cli as cli_module
from cleanarticle import config as configuration
from cleanarticle.cli import main
def crash(src, dst):
    os._exit(70)  # killed after the temporary file is written, before it replaces the file
os.replace = crash
main(sys.argv[1:])
"""


def test_an_interrupted_fix_leaves_the_original_intact(corpus: Path) -> None:
    target = corpus / SEED_FILES[0].name
    original = target.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-c", CRASH_BEFORE_RENAME, "fix", str(target)],
        cwd=corpus.parent,
        capture_output=True,
        # No prefilter cache on disk: with a cold one, storing it is the first os.replace.
        env={**env(), "CLEANARTICLE_CACHE_DIR": ""},
        timeout=300,
    )
    assert proc.returncode == 70
    assert target.read_bytes() == original
    leftovers = [p for p in corpus.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".")  # hidden: never an input
    # The next run is not confused by the leftover and fixes the file.
    assert main(["fix", str(corpus), "-q"]) == 1
    assert target.read_text(encoding="utf-8") == fix_text(
        original.decode("utf-8"), library(SEED_FILES[0]).boilerplate
    )


def test_parallel_workers_give_the_serial_result_in_order(tmp_path: Path) -> None:
    texts = [read(seed) for seed in SEED_FILES]
    source = tmp_path / "many.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for i in range(60):
            fh.write(json.dumps({"n": i, "text": texts[i % len(texts)]}) + "\n")
    parallel = run("clean", source, "--format", "jsonl", "-j", "2", "-q", cwd=tmp_path)
    assert parallel.returncode == 0, parallel.stderr
    records = [json.loads(line) for line in parallel.stdout.splitlines()]
    assert [r["n"] for r in records] == list(range(60))
    articles = [as_json(cleanarticle.clean(text)) for text in texts]
    for record in records:
        expected = dict(articles[record["n"] % len(texts)])  # type: ignore[call-overload]
        assert record == {"n": record["n"], **expected}


def test_a_reader_that_goes_away_stops_the_run_quietly(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):  # about 600 KB of JSON: more than a pipe holds
        shutil.copy(SEED_FILES[0], folder / f"{i:02d}.txt")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleanarticle", "clean", str(folder), "--format", "json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline() == b"{\n"
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=300) == 141  # the status of a SIGPIPE death, as Unix tools give
    assert err == "", err  # no traceback, no error per file


@pytest.mark.parametrize("command", [None, "clean", "check", "fix"])
def test_help_reads_well(tmp_path: Path, command: str | None) -> None:
    proc = run(*([command] if command else []), "--help", cwd=tmp_path)
    assert proc.returncode == 0
    text = proc.stdout
    assert text.startswith("usage: cleanarticle")
    assert max(len(line) for line in text.splitlines()) <= 100
    if command is None:
        for word in ("clean", "check", "fix", "examples:", "exit status"):
            assert word in text
    else:
        for option in ("--include", "--exclude", "--text-field", "--max-bytes", "-j N", "-q"):
            assert option in text
    if command == "clean":
        assert "-o OUT" in text and "--format" in text and "--explain" in text


# --- in this process: the details ------------------------------------------------------------


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No colour, and a working folder with no pyproject.toml above it."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_a_fixed_seed_has_no_boilerplate_left(seed: Path) -> None:
    text = read(seed)
    article = cleanarticle.clean(text)
    fixed = fix_text(text, article.boilerplate)
    again = cleanarticle.clean(fixed)
    assert again.boilerplate == ()
    assert fix_text(fixed, again.boilerplate) == fixed
    # The article itself is untouched: same metadata, same body.
    assert again.paragraphs == article.paragraphs
    assert (again.headline, again.dek, again.byline, again.dateline, again.date_published) == (
        article.headline,
        article.dek,
        article.byline,
        article.dateline,
        article.date_published,
    )
    # Only deletions: every line of the fixed file is a line of the original, in order.
    original_lines = iter(text.splitlines())
    for line in fixed.splitlines():
        if line.strip():
            assert any(line in candidate for candidate in original_lines), line


def test_fix_on_stdin_writes_the_fixed_text_to_stdout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = SEED_FILES[3]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed.read_bytes())))
    code, out, _ = cli(capsys, "fix", "-", "-q")
    assert code == 1  # it changed something
    assert out == fix_text(read(seed), library(seed).boilerplate)


def _removal(text: str, part: str, line: int) -> cleanarticle.Removal:
    start = text.index(part)
    return cleanarticle.Removal(part, start, start + len(part), line, "f", "c", "r")


def test_fix_keeps_line_endings_and_the_missing_final_newline() -> None:
    text = "Headline\r\nBody one.\r\n\r\nSubscribe now\r\n\r\nBody two.\r\nLog in"
    removals = [_removal(text, "Subscribe now", 4), _removal(text, "Log in", 7)]
    assert fix_text(text, removals) == "Headline\r\nBody one.\r\n\r\nBody two."


def test_fix_cuts_a_glued_span_and_drops_leading_blank_lines() -> None:
    text = "Skip to content\n\nTitle\nJane Doe (Photo/AP)Officials said.\n"
    removals = [_removal(text, "Skip to content", 1), _removal(text, "Jane Doe (Photo/AP)", 4)]
    assert fix_text(text, removals) == "Title\nOfficials said.\n"
    assert fix_text("a b c\n", [_removal("a b c\n", "b", 1)]) == "a c\n"


def test_fix_keeps_blank_lines_it_did_not_bring_together() -> None:
    text = "Title\n\n\nBody.\nRead more\n\nEnd.\n\n\n"
    assert fix_text(text, [_removal(text, "Read more", 5)]) == "Title\n\n\nBody.\n\nEnd.\n\n\n"


def test_fix_in_place_keeps_bom_crlf_permissions_and_symlinks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = SEED_FILES[4]
    target = tmp_path / "real.txt"
    target.write_bytes(b"\xef\xbb\xbf" + seed.read_bytes().replace(b"\n", b"\r\n"))
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    code, out, _ = cli(capsys, "fix", link)
    assert code == 1 and "fixed" in out
    assert link.is_symlink()  # written through the link, not replaced by a file
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert cli(capsys, "fix", target)[0] == 0


def test_fix_on_jsonl_rewrites_only_the_records_that_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dirty, clean_text = read(SEED_FILES[4]), read(SEED_FILES[1])
    lines = [
        json.dumps({"id": 1, "text": clean_text}, ensure_ascii=False),
        json.dumps({"id": 2, "text": dirty, "x": "é"}, separators=(",", ":")),
        "{not json",
        "",
        json.dumps({"id": 3, "text": dirty}, ensure_ascii=False),
    ]
    source = tmp_path / "c.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = cli(capsys, "fix", source)
    assert code == 2  # the bad line is an error; it is kept as it was
    assert f"{source}:3: error: not valid JSON" in err
    new = source.read_text(encoding="utf-8").split("\n")
    assert new[0] == lines[0] and new[2] == lines[2] and new[3] == ""
    fixed = fix_text(dirty, cleanarticle.clean(dirty).boilerplate)
    # Same style as the original line: compact separators, ASCII escapes.
    assert new[1] == json.dumps({"id": 2, "text": fixed, "x": "é"}, separators=(",", ":"))
    assert json.loads(new[4]) == {"id": 3, "text": fixed}
    code, out, _ = cli(capsys, "check", source)
    assert code == 2 and out == ""  # clean now, but the bad line is still reported


def test_check_reports_jsonl_records_by_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "c.jsonl"
    source.write_text(
        "\n".join(json.dumps({"text": read(s)}) for s in SEED_FILES[3:5]) + "\n", encoding="utf-8"
    )
    code, out, _ = cli(capsys, "check", source)
    assert code == 1
    lines = {int(m["line"]) for m in map(CHECK_LINE.match, out.splitlines()) if m}
    assert lines == {1, 2}


def test_explain_shows_metadata_and_removals_by_filter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "clean", SEED_FILES[0], "--explain", "-o", tmp_path / "o")
    assert code == 0
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "headline  Syrian and Israeli officials set to resume US-mediated talks in Paris" in out
    assert "authors: Abby Sewell, John Leicester" in out
    assert "dateline  BEIRUT (AP) —  (place: Beirut; agency: AP)" in out
    assert "  recommendations\n    line 10: " in out
    assert "      - Recommended for you" in out
    assert "lines 16-24: " in out  # a wrapped paragraph is one entry
    # Without -o the articles go to stdout, so the explanation goes to stderr.
    code, out, err = cli(capsys, SEED_FILES[0], "--explain")
    assert "line 10" in err and "line 10" not in out


def test_colour_only_when_asked_or_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = cli(capsys, "check", SEED_FILES[4])
    assert "\x1b[31mduplicate\x1b[0m" in out


def test_folders_skip_hidden_and_git_and_honour_globs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "in"
    for rel in ("a.txt", "sub/b.md", ".git/c.txt", ".hidden/d.txt", "drafts/e.txt", "f.txt.gz"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = SEED_FILES[4].read_bytes()
        path.write_bytes(gzip.compress(data) if rel.endswith(".gz") else data)
    (root / ".dot.txt").write_bytes(SEED_FILES[4].read_bytes())
    (root / "notes.csv").write_text("a,b\n", encoding="utf-8")
    code, out, _ = cli(capsys, "check", root, "--exclude", "drafts")
    assert code == 1
    paths = sorted({line.split(":")[0] for line in out.splitlines()})
    assert paths == [str(root / "a.txt"), str(root / "f.txt.gz"), str(root / "sub" / "b.md")]
    code, out, _ = cli(capsys, "check", root, "--include", "*.md")
    assert {line.split(":")[0] for line in out.splitlines()} == {str(root / "sub" / "b.md")}


def test_symlinks_are_not_followed_out_of_the_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(SEED_FILES[4].read_bytes())
    root = tmp_path / "in"
    root.mkdir()
    (root / "inside.txt").write_bytes(SEED_FILES[4].read_bytes())
    (root / "escape.txt").symlink_to(outside)
    (root / "alias.txt").symlink_to(root / "inside.txt")
    (root / "loop").symlink_to(root, target_is_directory=True)
    code, out, err = cli(capsys, "check", root)
    assert code == 1
    assert "escape.txt: skipped: symbolic link to" in err
    assert {line.split(":")[0] for line in out.splitlines()} == {
        str(root / "alias.txt"),
        str(root / "inside.txt"),
    }


def test_link_loops_and_broken_links_are_skipped_not_fatal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "ok.txt").write_bytes(SEED_FILES[4].read_bytes())
    (root / "a.txt").symlink_to(root / "b.txt")
    (root / "b.txt").symlink_to(root / "a.txt")
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    code, out, err = cli(capsys, "check", root)
    assert code == 1  # the real file was still checked
    assert f"{root / 'a.txt'}: skipped: symbolic link loop" in err
    assert f"{root / 'gone.txt'}: skipped: broken symbolic link" in err
    assert {line.split(":")[0] for line in out.splitlines()} == {str(root / "ok.txt")}


def test_fix_leaves_a_file_that_changed_while_it_was_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "story.txt"
    target.write_bytes(SEED_FILES[4].read_bytes())
    edit = "A paragraph another program added meanwhile.\n"
    work = cli_module._work

    def work_then_edit(item: object) -> object:
        if isinstance(item, cli_module.Doc):  # another program edits while the text is cleaned
            with target.open("a", encoding="utf-8") as fh:
                fh.write(edit)
        return work(item)  # type: ignore[arg-type]

    monkeypatch.setattr(cli_module, "_work", work_then_edit)
    code, out, err = cli(capsys, "fix", "-j", "1", target)
    assert code == 2 and out == ""
    assert f"{target}: error: changed while it was being fixed" in err
    assert target.read_bytes() == SEED_FILES[4].read_bytes() + edit.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]  # no temporary file left


def test_output_folder_inside_an_input_folder_is_refused_unless_excluded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "in"
    shutil.copytree(SEEDS, root)
    code, _, err = cli(capsys, "clean", root, "-o", root / "out")
    assert code == 2
    assert "is inside the input folder" in err and "--exclude out" in err
    assert not (root / "out").exists()
    code, _, _ = cli(capsys, "clean", root, "-o", root / "out", "--exclude", "out")
    assert code == 0
    assert len(list((root / "out").iterdir())) == len(SEED_FILES)
    assert cli(capsys, "clean", root, "-o", root / "out", "--exclude", "out")[0] == 0


def test_input_errors_are_reported_with_path_and_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 400, encoding="utf-8")
    bad_gz = tmp_path / "bad.txt.gz"
    bad_gz.write_bytes(b"not gzip at all")
    utf16 = tmp_path / "wide.txt"
    utf16.write_bytes("\ufeffSkip to main content\nA line of body text.\n".encode("utf-16-le"))
    page = tmp_path / "p.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    code, out, err = cli(capsys, "check", big, bad_gz, utf16, missing, page, "--max-bytes", "1k")
    assert code == 2
    assert f"{big}: error: 2.0 KB, over the --max-bytes limit (1.0 KB)" in err
    assert f"{bad_gz}: error: not a valid gzip file" in err
    assert f"{missing}: error: no such file or folder" in err
    assert f"{page}: error: check reads text and JSONL files, not HTML" in err
    assert out.startswith(f"{utf16}:1: navigation: Skip to main content")


def test_usage_errors_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "check")[0] == 2
    code, _, err = cli(capsys, "check", SEEDS, "--config", tmp_path / "nope.toml")
    assert code == 2 and "no such file" in err
    with pytest.raises(SystemExit) as exc:
        main(["clean", "-j", "0", str(SEEDS)])
    assert exc.value.code == 2
    assert "not a positive whole number" in capsys.readouterr().err


def test_config_in_pyproject_is_found_walking_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "corpus"\n\n'
        "[tool.cleanarticle]\n"
        'disable = ["duplicates"]\n'
        'exclude = ["skip_me"]\n'
        "[tool.cleanarticle.phrases.paywall]\n"
        'lines = ["Members get more"]\n',
        encoding="utf-8",
    )
    (tmp_path / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "deep" / "er")
    article = tmp_path / "a.txt"
    repeated = "Fishermen sailed back in the morning, and traffic was back to normal by noon.\n"
    article.write_text(
        "Harbour reopens after storm repairs\n"
        "The old harbour reopened on Monday after three months of repairs to the sea wall.\n"
        f"Members get more\n{repeated}{repeated}",
        encoding="utf-8",
    )
    (tmp_path / "skip_me").mkdir()
    (tmp_path / "skip_me" / "b.txt").write_bytes(SEED_FILES[4].read_bytes())
    code, out, _ = cli(capsys, "check", tmp_path)
    assert code == 1
    assert out.splitlines() == [f"{article}:3: paywall: Members get more"]  # no duplicate
    assert cli(capsys, "check", article, "--no-config")[1].splitlines() == [
        f"{article}:5: duplicate: {repeated.strip()}"
    ]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('disabel = ["captions"]', "unknown key 'disabel' (did you mean 'disable'?)"),
        ('disable = ["caption"]', "disable: no filter 'caption' (did you mean 'captions'?)"),
        ('languages = ["xx"]', "languages: no phrase pack 'xx'; available: "),
        (
            "[phrases.paywal]\nlines = ['x']",
            "no phrase category 'paywal' (did you mean 'paywall'?)",
        ),
        ("[phrases.paywall]\nline = ['x']", "unknown key 'line' (did you mean 'lines'?)"),
        ("[phrases.paywall]\nlines = ['(']", "bad pattern '('"),
        ('include = "*.txt"', "include must be a list of strings"),
        ("disable = [", "not valid TOML"),
    ],
)
def test_config_mistakes_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], toml: str, message: str
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text(toml + "\n", encoding="utf-8")
    code, out, err = cli(capsys, "check", SEEDS, "--config", settings)
    assert code == 2 and out == ""
    assert err.startswith(f"cleanarticle: error: {settings}: ")
    assert message in err


def test_config_languages_and_disable_change_the_pipeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = tmp_path / "pyproject.toml"
    settings.write_text(
        '[tool.cleanarticle]\nlanguages = ["en"]\ndisable = ["captions"]\n', encoding="utf-8"
    )
    seed = SEEDS / "002_46f79c55c40cc560.txt"
    _, out, _ = cli(capsys, "check", seed, "--config", settings)
    expected = cleanarticle.default_pipeline().without("captions")
    for f in list(expected):
        if "languages" in inspect.signature(type(f)).parameters:
            expected = expected.replace(f.name, type(f)(languages=["en"]))
    spans = expected.clean(read(seed)).boilerplate
    assert [line.split(": ", 1)[1] for line in out.splitlines()] == [
        f"{r.category}: {r.text}" for r in spans
    ]
    assert "caption" not in out  # disabled
    names = configuration.load(settings).pipeline().names
    assert "captions" not in names and "paywall" in names


def test_outputs_mirror_the_tree_and_name_clashes_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "in"
    (root / "2024" / "jan").mkdir(parents=True)
    (root / "2024" / "jan" / "a.txt.gz").write_bytes(gzip.compress(SEED_FILES[0].read_bytes()))
    (root / "b.html").write_text(HTML_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    assert cli(capsys, "clean", root, "-o", out, "--format", "jsonl")[0] == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["2024/jan/a.jsonl", "b.jsonl"]
    record = json.loads((out / "2024/jan/a.jsonl").read_text(encoding="utf-8"))
    assert record["source"] == str(root / "2024" / "jan" / "a.txt.gz")
    (root / "b.txt").write_bytes(SEED_FILES[1].read_bytes())
    code, _, err = cli(capsys, "clean", root, "-o", out)
    assert code == 2 and "would both be written to" in err


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour reopens after storm repairs</title>
<meta name="author" content="Jane Roe"></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Harbour reopens after storm repairs</h1>
<p>The old harbour of the town reopened on Monday after three months of repairs to the sea
wall that the winter storms had broken in two places.</p>
<p>Fishermen who had moored their boats in the next bay for the whole winter sailed back in
the morning, and the harbour master said traffic would be back to normal within a week.</p>
<p>Recommended for you</p>
<p>The council spent most of its emergency budget on the work, and the mayor said a second
phase, to raise the wall by half a metre, would begin in the autumn if money is found.</p>
</article>
<footer><p>Copyright 2026 Example News. All rights reserved.</p></footer>
</body></html>
"""


@cleanarticle.filter("sleepy_cli", register_it=False)
def sleepy_filter(doc: cleanarticle.Document) -> None:
    """A pathological page: it never finishes on its own."""
    if "PLEASE SLEEP" in doc.source:
        time.sleep(60)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_over_the_time_limit_is_an_error_line_and_the_batch_goes_on(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    jobs: str,
) -> None:
    build = configuration.Config.pipeline
    monkeypatch.setattr(configuration.Config, "pipeline", lambda c: build(c).append(sleepy_filter))
    source = tmp_path / "batch.jsonl"
    records = [{"text": read(seed)} for seed in SEED_FILES[:3]]
    records.insert(1, {"text": "PLEASE SLEEP\n" + read(SEED_FILES[0])})
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    started = time.monotonic()
    code, out, err = cli(capsys, "clean", source, "-j", jobs, "--time-limit", "0.5")
    assert time.monotonic() - started < 30  # not stalled for the 60 s the page asks for
    assert code == 2
    assert f"{source}:2: error: took longer than the time limit of 0.5 s (--time-limit)" in err
    texts = [json.loads(line)["text"] for line in out.splitlines()]
    assert texts == [library(seed).to_text() for seed in SEED_FILES[:3]]


def test_time_limit_must_be_a_number_of_seconds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for bad in ("-1", "soon", "nan", "inf"):
        with pytest.raises(SystemExit) as exit_info:
            main(["check", str(SEED_FILES[0]), "--time-limit", bad])
        assert exit_info.value.code == 2
        assert "not a number of seconds" in capsys.readouterr().err
    assert cli(capsys, "check", SEED_FILES[0], "--time-limit", "0")[0] == 1  # 0: no limit
