"""Bad input, library and command line: a clear message or a safe result, and the batch goes on.

The library must return an article (or raise a clear ``TypeError`` for a non-string) for
any ``str``. The command line is run for real, in a subprocess, over one folder that holds
every kind of bad file at once: each gets its own specific message on stderr, the good
files are still written, nothing is written outside the output folder and no symbolic link
leads out of the input folder. ``pytest -m slow`` adds a 50 MB single-line file.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

import cleanarticle
from cleanarticle.render import render, unaccounted

PROSE = (
    "The council said the old bridge over the river would stay closed until Monday "
    "because engineers found cracks in its main supports."
)
ARTICLE = f"Bridge Closed After Engineers Find Cracks\n\n{PROSE}\n"
PACKAGE_ROOT = Path(cleanarticle.__file__).resolve().parent.parent


def accounted_for(text: str) -> None:
    """Every non-white-space character is kept or reported, at the right offsets."""
    doc = cleanarticle.default_pipeline().run(text)
    article = render(doc)
    assert not unaccounted(doc, article)
    article.to_json()


# --- the library ---------------------------------------------------------------------------

LIBRARY_INPUTS = {
    "empty": "",
    "only white space": "  \n\t\r\n \u3000\u00a0 \n",
    "NUL characters": f"Head\x00line\n\n{PROSE}\x00\x00",
    "only NULs": "\x00" * 100,
    "lone surrogates": f"Headline \udc80 here\n\n{PROSE} \ud800",
    "control characters": f"\x1b[31mHeadline\x1b[0m\x07\n\n{PROSE}\x08",
    "CR-only line ends": ARTICLE.replace("\n", "\r"),
    "Unicode line separators": ARTICLE.replace("\n", "\u2028"),
    "byte-order mark": "\ufeff" + ARTICLE,
    "right-to-left override": "\u202e" + ARTICLE,
    "only punctuation": "!?.,;:" * 1000,
    "one long word": "x" * 1_000_000,
    "mojibake": ARTICLE.replace("closed", "closed at the cafÃ©"),
    "many blank lines": "\n" * 100_000 + ARTICLE,
    "a 5 MB single line": (PROSE + " ") * 40_000,
}


@pytest.mark.parametrize("name", sorted(LIBRARY_INPUTS))
def test_library_gives_a_safe_result(name: str) -> None:
    accounted_for(LIBRARY_INPUTS[name])


def test_white_space_only_gives_an_empty_article() -> None:
    for text in ("", "  \n\t\r\n \u3000 \n"):
        article = cleanarticle.clean(text)
        assert article.paragraphs == () and article.headline is None and article.removed == ()


def test_mojibake_is_repaired_in_the_body() -> None:
    article = cleanarticle.clean(LIBRARY_INPUTS["mojibake"])
    assert "café" in article.text and "Ã" not in article.text


def test_a_long_single_line_is_kept_whole() -> None:
    text = LIBRARY_INPUTS["a 5 MB single line"]
    assert cleanarticle.clean(text).paragraphs == (text.strip(),)


# --- the command line ----------------------------------------------------------------------


def cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "cleanarticle", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=600,
        text=stdin is None,
    )


@dataclass(frozen=True)
class Case:
    """A bad file, and the message (or, when None, the output text) it must get."""

    name: str
    data: bytes | None  # None: made by the fixture (links, folders, sparse files)
    message: str | None = None
    output: str | None = None


PASSWORD_FILE = Path("/etc/passwd")
CASES = [
    Case("empty.txt", b"", output=""),
    Case("whitespace.txt", b"  \n\t\r\n   ", output=""),
    Case("nul.txt", ARTICLE.encode() + b"\x00\x00 more", "binary file (it contains NUL bytes)"),
    Case("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "binary file"),
    Case("invalid-utf8.txt", ARTICLE.encode() + b"caf\xe9 \xff\xfe",
         "not valid utf-8: byte 0xe9 at offset"),
    Case("cp1252.txt", ("Headline \u201cQuoted\u201d\n\n" + PROSE).encode("cp1252"),
         "not valid utf-8: byte 0x93 at offset 9 (line 1); pass --encoding"),
    Case("latin1.txt", (ARTICLE + "Café, façade.").encode("latin-1"), "pass --encoding"),
    Case("utf16-bom.txt", (ARTICLE + "Zürich.").encode("utf-16"), output="Zürich."),
    Case("mojibake.txt", ARTICLE.replace("closed", "closed at the cafÃ©").encode(),
         output="closed at the café"),
    Case("bomb.txt.gz", gzip.compress(b" " * 60_000_000),
         "unpacks to over the --max-bytes limit (50.0 MB)"),
    Case("badgz.txt.gz", b"not gzip at all", "not a valid gzip file"),
    Case("huge.txt", None, "1.1 GB, over the --max-bytes limit (50.0 MB)"),
    Case("records.jsonl", None),
    Case("ok.txt", ARTICLE.encode(), output=PROSE),
]


def _gzip_named(data: bytes, stored_name: str) -> bytes:
    """A gzip file whose header names another file (``gzip -N`` would restore that name)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=stored_name, mode="wb", fileobj=buffer, mtime=0) as fh:
        fh.write(data)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bad_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One ``cleanarticle clean IN -o OUT`` over a folder of every bad input."""
    base = tmp_path_factory.mktemp("bad")
    folder = base / "in"
    folder.mkdir()
    for case in CASES:
        if case.data is not None:
            (folder / case.name).write_bytes(case.data)
    with open(folder / "huge.txt", "wb") as fh:  # 1 GiB, sparse: costs no disk
        fh.truncate(1 << 30)
    (folder / "records.jsonl").write_text(
        json.dumps({"id": "../../../evil", "text": ARTICLE}) + "\n"
        + "{bad json\n[1, 2]\n" + json.dumps({"id": 3}) + "\n" + json.dumps({"text": 5}) + "\n",
        encoding="utf-8",
    )
    (folder / "named.txt.gz").write_bytes(_gzip_named(ARTICLE.encode(), "../../evil.txt"))
    (folder / "folder.txt").mkdir()  # a folder with a text suffix
    (folder / "leak.txt").symlink_to(PASSWORD_FILE)  # a link out of the input folder
    (folder / "linked-folder").symlink_to(Path("/etc"), target_is_directory=True)
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    out = base / "out"
    unreadable = Path("/proc/self/mem")  # reading it at offset 0 fails, even for root
    done = cli("clean", str(folder), str(unreadable), "-o", str(out))
    return base, done


def _stderr_line(done: subprocess.CompletedProcess[str], name: str) -> str:
    lines = [line for line in done.stderr.splitlines() if f"{name}:" in line]
    assert lines, f"no message for {name}:\n{done.stderr}"
    return lines[0]


@pytest.mark.parametrize("case", [c for c in CASES if c.message], ids=lambda c: c.name)
def test_each_bad_file_gets_its_own_message(
    bad_run: tuple[Path, subprocess.CompletedProcess[str]], case: Case
) -> None:
    base, done = bad_run
    line = _stderr_line(done, case.name)
    assert "error:" in line and case.message in line, line
    assert "Traceback" not in done.stderr
    assert not (base / "out" / case.name).exists()


@pytest.mark.parametrize("case", [c for c in CASES if c.output is not None], ids=lambda c: c.name)
def test_good_and_odd_files_are_still_cleaned(
    bad_run: tuple[Path, subprocess.CompletedProcess[str]], case: Case
) -> None:
    base, _ = bad_run
    written = (base / "out" / case.name).read_text(encoding="utf-8")
    assert case.output in written
    if not case.output:
        assert written.strip() == ""


def test_the_batch_goes_on_and_fails_at_the_end(
    bad_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, done = bad_run
    assert done.returncode == 2, done.stderr
    assert "error: cannot read: Input/output error" in _stderr_line(done, "/proc/self/mem")
    assert "errors (see above)" in done.stderr


def test_jsonl_lines_get_their_own_messages(
    bad_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    base, done = bad_run
    assert "records.jsonl:2: error: not valid JSON" in done.stderr
    assert "records.jsonl:3: error: a JSON list, not an object" in done.stderr
    assert "records.jsonl:4: error: no 'text' field" in done.stderr
    assert "records.jsonl:5: error:" in done.stderr and "'text' field" in done.stderr
    records = (base / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(r)["id"] for r in records] == ["../../../evil"]


def test_nothing_is_written_outside_the_output_folder(
    bad_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """Names from JSONL ids and from gzip headers never become paths."""
    base, _ = bad_run
    written = sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file())
    outside = [p for p in written if not p.startswith(("in/", "out/"))]
    assert outside == []
    assert not list(base.parent.glob("evil*")) and not list(base.glob("evil*"))
    assert (base / "out" / "named.txt").read_text(encoding="utf-8").strip().endswith(PROSE)


def test_links_out_of_the_input_folder_are_not_followed(
    bad_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    base, done = bad_run
    assert "leak.txt: skipped: symbolic link to /etc/passwd, outside" in done.stderr
    secret = PASSWORD_FILE.read_text(encoding="utf-8").splitlines()[0]
    for path in (base / "out").rglob("*"):
        if path.is_file():
            assert secret not in path.read_text(encoding="utf-8", errors="replace")
    assert not (base / "out" / "linked-folder").exists()
    assert not (base / "out" / "broken.txt").exists()


def test_an_encoding_can_be_named(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    tail = " Café \u2013 naïve."
    path.write_bytes(("Headline \u201cQuoted\u201d\n\n" + PROSE + tail).encode("cp1252"))
    done = cli("clean", "--encoding", "cp1252", str(path))
    assert done.returncode == 0, done.stderr
    assert tail.strip() in done.stdout


def test_invalid_utf8_on_stdin_is_an_error_not_a_traceback() -> None:
    done = cli("clean", "-", stdin=b"Headline\n\ncaf\xe9\n")
    assert done.returncode == 2
    stderr = done.stderr.decode()
    assert "-: error: not valid utf-8: byte 0xe9 at offset 13 (line 3)" in stderr
    assert "Traceback" not in stderr


@pytest.mark.slow
def test_a_50_mb_single_line_is_cleaned(tmp_path: Path) -> None:
    """Just under the default --max-bytes: read, cleaned and written whole."""
    line = (PROSE + " ") * (50_000_000 // (len(PROSE) + 1))
    path = tmp_path / "line.txt"
    path.write_text(line, encoding="utf-8")
    done = cli("clean", str(path), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "line.txt").read_text(encoding="utf-8").strip() == line.strip()


# --- HTML: no network, no external entities, hostile markup -------------------------------


class _Listener:
    """A loopback TCP server that counts connections (it must see none)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


def test_html_is_parsed_without_network_or_external_entities(tmp_path: Path) -> None:
    """External entities, DTDs, images, styles and frames that point at a live loopback
    server and at a local file: no connection is made and the file's text never appears."""
    from cleanarticle.html import clean_html

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    listener = _Listener()
    url = f"http://127.0.0.1:{listener.port}"
    body = f"<p>{PROSE}</p><p>{PROSE.replace('Monday', 'Tuesday')}</p>"
    pages = [
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">'
        f'<!ENTITY y SYSTEM "{url}/e">]><html><body><article><p>&x;&y;</p>{body}'
        "</article></body></html>",
        f'<!DOCTYPE html SYSTEM "{url}/x.dtd"><html><head><link rel="stylesheet" '
        f'href="{url}/a.css"><script src="{url}/a.js"></script><base href="{url}/">'
        f'</head><body><img src="{url}/i.png"><iframe src="{url}/f"></iframe>'
        f'<article><h1>Bridge</h1>{body}</article></body></html>',
        f'<html><body><article>{body}<object data="{url}/o"></object>'
        f'<svg><image href="{url}/s.png"/></svg><xi:include href="file://{secret}" '
        'xmlns:xi="http://www.w3.org/2001/XInclude"/></article></body></html>',
    ]
    try:
        for page in pages:
            article = clean_html(page)
            assert "TOP-SECRET-MARKER" not in article.to_json()
    finally:
        listener.close()
    assert listener.connections == 0


HOSTILE_HTML = {
    "billion laughs": '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + f"]><html><body><article><p>&i; {PROSE}</p></article></body></html>",
    "deep nesting": "<html><body><article>" + "<div>" * 5_000 + f"<p>{PROSE}</p>"
    + "</div>" * 5_000 + "</article></body></html>",
    "unclosed tags": "<p><b><i><span>" * 20_000 + PROSE,
    "huge attribute": f'<html><body><article><p title="{"a" * 2_000_000}">{PROSE}</p>'
    "</article></body></html>",
    "NUL and control characters": f"<html><body><article><p>\x00\x01\x1b {PROSE}</p>"
    "</article></body></html>",
    "not HTML": "\x89PNG\r\n\x1a\n" + "".join(map(chr, range(256))) * 100,
    "only a script": "<script>" + "x = 1;" * 100_000 + "</script>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_HTML))
def test_hostile_html_gives_an_article_or_a_note(name: str) -> None:
    """Each gives an article with text, or an empty one that says why in its notes."""
    from cleanarticle.html import clean_html

    article = clean_html(HOSTILE_HTML[name])
    assert article.paragraphs or article.notes
    article.to_json()
