"""Byte-identical output check for speed work: record ``clean(text).to_json()`` for every
input, change the code, record again, compare. A speed-up must change no output.

    python benchmarks/equivalence.py record before.jsonl.gz
    python benchmarks/equivalence.py record after.jsonl.gz --extra texts.jsonl.gz
    python benchmarks/equivalence.py compare before.jsonl.gz after.jsonl.gz

The inputs are the seeds, every text dump of the development corpus (``../shared/data``,
skipped when absent), its every dump cleaned once more (cleaning twice must be stable, and
the second run sees a text with no page around it), and the texts of ``--extra`` JSON Lines
files (``{"id": ..., "text": ...}`` per line, e.g. trafilatura's text of each page).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import cleanarticle

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEVCORPUS = ROOT.parent / "shared" / "data" / "devcorpus.jsonl.gz"


def inputs(extras: Sequence[Path]) -> Iterator[tuple[str, str]]:
    """(id, text) of every input, in a fixed order."""
    for path in sorted(SEEDS.glob("*.txt")):
        yield f"seed/{path.name}", path.read_text(encoding="utf-8")
    if DEVCORPUS.exists():
        with gzip.open(DEVCORPUS, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                yield f"dump/{record['id']}", record["text_dump"]
                yield f"again/{record['id']}", cleanarticle.clean(record["text_dump"]).text
    else:
        print(f"{DEVCORPUS} not found: seeds and extras only", file=sys.stderr)
    for extra in extras:
        with gzip.open(extra, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                yield f"{extra.name}/{record['id']}", record["text"]


def record(out: Path, extras: Sequence[Path]) -> int:
    count = 0
    with gzip.open(out, "wt", encoding="utf-8") as fh:
        for doc_id, text in inputs(extras):
            fh.write(json.dumps({"id": doc_id, "out": cleanarticle.clean(text).to_json()}) + "\n")
            count += 1
    print(f"{count} documents recorded in {out}")
    return 0


def _read(path: Path) -> dict[str, str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {r["id"]: r["out"] for r in map(json.loads, fh)}


def compare(a: Path, b: Path) -> int:
    old, new = _read(a), _read(b)
    if old.keys() != new.keys():
        print(f"different inputs: {len(old.keys() ^ new.keys())} ids in only one file")
        return 1
    differ = [doc_id for doc_id in old if old[doc_id] != new[doc_id]]
    print(f"{len(old)} documents compared, {len(differ)} differ")
    for doc_id in differ[:20]:
        print(f"  {doc_id}")
    return 1 if differ else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="clean every input and store its JSON")
    rec.add_argument("out", type=Path)
    rec.add_argument("--extra", type=Path, action="append", default=[],
                     help="JSON Lines (gzip) of {id, text} to clean too")
    cmp = sub.add_parser("compare", help="compare two recordings")
    cmp.add_argument("a", type=Path)
    cmp.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.command == "record":
        return record(args.out, args.extra)
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
