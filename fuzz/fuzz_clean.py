"""Coverage-guided fuzzing of ``cleanarticle.clean`` and ``cleanarticle.clean_html`` (atheris).

Short run (what the test suite does, a few seconds each)::

    python fuzz/fuzz_clean.py -runs=1000 -max_len=8192 CORPUS_DIR
    python fuzz/fuzz_clean.py --html -runs=200 -max_len=8192 CORPUS_DIR

Long run (hours; libFuzzer adds the inputs that reach new code to CORPUS_DIR and writes each
failure as ``crash-<hash>`` / ``timeout-<hash>``, replayed by passing that file instead)::

    python fuzz/fuzz_clean.py --seed-corpus corpus          # the seeds, as text and as pages
    python fuzz/fuzz_clean.py -max_total_time=14400 -max_len=65536 -timeout=30 \
        -rss_limit_mb=4096 corpus

The input bytes are the document, decoded as UTF-8 (text: invalid bytes become lone
surrogates, as ``surrogateescape`` gives them, since a caller may pass any ``str``; HTML:
replaced). Besides "never raises" (a regex ``TimeoutError`` included), each text result
must account for its input: every removal's offsets point at its text, and every
non-white-space character is kept or reported. ``--html`` fuzzes ``clean_html`` instead.
"""

from __future__ import annotations

import html as html_escape
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["cleanarticle"]):
    import cleanarticle
    from cleanarticle.html import clean_html
    from cleanarticle.render import render, unaccounted

PIPELINE = cleanarticle.default_pipeline()


def check_text(text: str) -> None:
    """``clean`` does not raise, and nothing vanishes without a record."""
    doc = PIPELINE.run(text)
    article = render(doc)
    for r in article.removed:
        if text[r.start : r.end] != r.text:
            raise AssertionError(f"removal offsets do not point at its text: {r!r}")
    lost = [text[i] for i in unaccounted(doc, article)]
    if lost:
        raise AssertionError(f"characters vanished without a record: {lost[:20]!r}")
    article.to_json()


def check_html(html: str) -> None:
    """``clean_html`` does not raise on any markup, and its article serialises."""
    article = clean_html(html)
    article.to_json()


def text_input(data: bytes) -> None:
    check_text(data.decode("utf-8", errors="surrogateescape"))


def html_input(data: bytes) -> None:
    check_html(data.decode("utf-8", errors="replace"))


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_corpus(folder: Path) -> int:
    """Write the seed articles into ``folder`` as text and as HTML pages; returns the count."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_bytes(text.encode("utf-8"))
        lines = [line for line in text.splitlines() if line.strip()]
        title = html_escape.escape(lines[0]) if lines else ""
        body = "".join(f"<p>{html_escape.escape(line)}</p>" for line in lines[1:])
        page = (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a>"
                f"</nav><article><h1>{title}</h1>{body}</article></body></html>")
        (folder / f"{path.stem}.html").write_bytes(page.encode("utf-8"))
        n += 2
    return n


def main() -> None:
    argv = list(sys.argv)
    if len(argv) == 3 and argv[1] == "--seed-corpus":
        print(f"{seed_corpus(Path(argv[2]))} inputs written to {argv[2]}")
        return
    target = text_input
    if "--html" in argv:
        argv.remove("--html")
        target = html_input
    atheris.Setup(argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
