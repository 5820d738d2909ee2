"""Idempotence on real pages: how often does cleaning cleanarticle's own output change it?

    .venv/bin/python benchmarks/idempotence.py                # all text dumps of the corpus
    .venv/bin/python benchmarks/idempotence.py --extracted    # plus trafilatura's text of each page
    .venv/bin/python benchmarks/idempotence.py --limit 50 --json out.json

The property tests check ``clean(clean(x).to_text()) == clean(x)`` on generated strings; this
counts it on the pages of ``../shared/data/devcorpus.jsonl.gz`` (skipped with a message when
absent). A text fails when the second pass gives another headline, dek or body. Each failure
is put down to what changed: the headline or dek, or body paragraphs the second pass took,
named by the filter and category that took them (``other`` when no removal holds them: the
header read a paragraph as its dek, say).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(ROOT))

import cleanarticle  # noqa: E402
from benchmarks.quality import CORPUS, load_corpus, trafilatura_text  # noqa: E402


def causes(text: str) -> list[str]:
    """What cleaning ``text``'s clean output again changes; empty when nothing does."""
    first = cleanarticle.clean(text)
    second = cleanarticle.clean(first.to_text())
    found = [field for field in ("headline", "dek")
             if getattr(first, field) != getattr(second, field)]
    if first.paragraphs != second.paragraphs:
        kept = set(second.paragraphs)
        lost = [p for p in first.paragraphs if p not in kept]
        takers = sorted({
            f"{r.filter}/{r.category}" for r in second.removed
            if r.text.strip() and any(r.text.strip() in p for p in lost)
        })
        found += [f"body: {taker}" for taker in takers] or ["body: other"]
    return found


def _check(item: tuple[str, dict[str, str]]) -> tuple[str, list[str]]:
    """In a worker: the page's text dump, or trafilatura's text of its HTML (quality.py's
    row 5 input), and what cleaning it twice changes."""
    kind, page = item
    text = page["text_dump"] if kind == "dump" else trafilatura_text(page["html"])
    return f"{kind}/{page['id']}", causes(text)


def items(pages: list[dict[str, str]], extracted: bool) -> Iterator[tuple[str, dict[str, str]]]:
    """(kind, page) for every page's text dump, and for trafilatura's text if asked."""
    for kind in ("dump", "extracted") if extracted else ("dump",):
        for page in pages:
            yield kind, page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--extracted", action="store_true",
                        help="also trafilatura's text of each page's HTML")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (all cores)")
    parser.add_argument("--json", type=Path, help="write the failing ids and their causes here")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}: nothing to measure", file=sys.stderr)
        return 0
    pages = load_corpus()[: args.limit]
    with Pool(args.jobs) as pool:
        results = pool.map(_check, list(items(pages, args.extracted)), chunksize=8)
    failing = {doc_id: found for doc_id, found in results if found}
    by_kind = Counter(doc_id.split("/", 1)[0] for doc_id, _ in results)
    failed_kind = Counter(doc_id.split("/", 1)[0] for doc_id in failing)
    for kind, total in by_kind.items():
        share = failed_kind[kind] / total if total else 0.0
        print(f"{kind:10} {total:5} texts, {failed_kind[kind]:4} change when cleaned again "
              f"({share:.1%})")
    tally = Counter(cause for found in failing.values() for cause in found)
    for cause, count in tally.most_common():
        print(f"  {count:4}  {cause}")
    if args.json:
        args.json.write_text(json.dumps(failing, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
