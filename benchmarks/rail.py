"""The large-removal rail on the dev corpora: how often it fires where the article was lost,
and where the output was fine.

    .venv/bin/python benchmarks/rail.py                    # both corpora, the default threshold
    .venv/bin/python benchmarks/rail.py --thresholds 0.05,0.1,0.2,0.3 --source dragnet

Each page's text dump is cleaned (what ``clean`` and ``fix`` see), and so is its gold text, as
an already clean article. Each result falls in one of three classes by the share of the gold's
tokens it kept (``quality.gold_share``): *lost* (``quality.is_lost``: under 20% while the input
held over 80%), *fine* (at least 80% of what the input held), or *partial*. A rail is worth
having when it fires on most lost pages and on few fine ones; a fine page with a long readers'
thread removed is where a rail that only counts removed prose would go wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(ROOT))

import cleanarticle  # noqa: E402
from benchmarks.quality import (  # noqa: E402
    CORPUS,
    CORPUS_MORE,
    SOURCES,
    gold_share,
    is_lost,
    load_corpora,
    scored_text,
)
from cleanarticle.article import MIN_PROSE_KEPT, Prose  # noqa: E402

CLASSES = ("lost", "partial", "fine")
# A result is fine when it kept at least this share of the gold tokens its input held.
FINE = 0.8
INPUTS = ("dump", "gold")


@dataclass(frozen=True)
class Case:
    """One cleaned input: the page, which input (the text dump or the gold), its class, and
    what the article says about its prose."""

    id: str
    source: str
    input: str
    cls: str
    prose: Prose


def classify(held: float, kept: float) -> str:
    """``lost``, ``partial`` or ``fine`` from the gold shares of the input and the output."""
    if is_lost((held, kept)):
        return "lost"
    return "fine" if kept >= FINE * held else "partial"


def _cases(page: dict[str, Any]) -> list[Case]:
    out = []
    for kind, text in (("dump", page["text_dump"]), ("gold", page["gold"])):
        article = cleanarticle.clean(text)
        held = gold_share(text, page["gold"])
        kept = gold_share(scored_text(article, page["source"]), page["gold"])
        out.append(Case(page["id"], page["source"], kind, classify(held, kept), article.prose))
    return out


def run(pages: Sequence[dict[str, Any]], jobs: int) -> list[Case]:
    if jobs <= 1:
        return [case for page in pages for case in _cases(page)]
    with Pool(jobs) as pool:
        return [case for cases in pool.imap(_cases, pages, chunksize=4) for case in cases]


def fire_counts(cases: Sequence[Case], threshold: float) -> dict[str, dict[str, list[int]]]:
    """Per input and group (each source, and "all"): [fired, pages] per class."""
    counts: dict[str, dict[str, list[int]]] = {}
    for case in cases:
        for group in (case.source, "all"):
            by_class = counts.setdefault(case.input, {}).setdefault(
                group, {c: [0, 0] for c in CLASSES}
            )
            cell = by_class[case.cls]
            cell[0] += case.prose.is_large_removal(threshold)
            cell[1] += 1
    return {kind: {g: {c: by[g][c] for c in CLASSES} for g in (*SOURCES, "all") if g in by}
            for kind, by in counts.items()}


def format_counts(counts: dict[str, Any], threshold: float) -> str:
    lines = [f"\nmin_prose_kept = {threshold:g}: fired / pages"]
    for kind in INPUTS:
        if kind not in counts:
            continue
        what = "text dumps" if kind == "dump" else "gold text as input (already clean)"
        lines.append(f"  {what}")
        lines.append(f"    {'group':<16}" + "".join(f" | {c:>12}" for c in CLASSES))
        for group, by_class in counts[kind].items():
            cells = "".join(f" | {f'{n}/{total}':>12}" for n, total in
                            (by_class[c] for c in CLASSES))
            lines.append(f"    {group:<16}{cells}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, action="append",
                        help="a corpus file (repeatable; default: both dev corpora)")
    parser.add_argument("--source", choices=SOURCES, help="only this part of the corpus")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--thresholds", default=str(MIN_PROSE_KEPT),
                        help="comma-separated min_prose_kept values (default: %(default)s)")
    parser.add_argument("--fired", action="store_true",
                        help="list the pages the first threshold fires on, by class")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the counts as JSON")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    thresholds = [float(t) for t in args.thresholds.split(",")]

    corpora = args.corpus or [CORPUS, CORPUS_MORE]
    if not any(path.exists() for path in corpora):
        print(f"rail.py: skipped, no dev corpus at {', '.join(map(str, corpora))}")
        return 0
    started = time.perf_counter()
    pages = load_corpora(corpora)
    if args.source:
        pages = [p for p in pages if p["source"] == args.source]
    pages = pages[: args.limit]
    cases = run(pages, args.jobs)
    results = {t: fire_counts(cases, t) for t in thresholds}
    for t, counts in results.items():
        print(format_counts(counts, t))
    if args.fired:
        fired: dict[tuple[str, str], list[str]] = {}
        for case in cases:
            if case.prose.is_large_removal(thresholds[0]):
                fired.setdefault((case.input, case.cls), []).append(case.id)
        for (kind, cls), ids in sorted(fired.items()):
            print(f"\n{kind}, {cls} ({len(ids)}): {', '.join(ids)}")
    classes = Counter((c.input, c.cls) for c in cases)
    summary = ", ".join(f"{kind} {cls} {n}" for (kind, cls), n in sorted(classes.items()))
    print(f"\n{len(pages)} pages ({summary}), {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({str(t): c for t, c in results.items()}, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
