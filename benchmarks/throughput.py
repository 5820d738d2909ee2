"""Throughput of cleanarticle against its peers, all on the same reproducible batch.

    python benchmarks/throughput.py                  # 50,000 documents, every row
    python benchmarks/throughput.py --docs 5000 --json out.json
    python benchmarks/throughput.py --rss 10000,100000   # peak RSS as the batch grows

The batch is drawn with a fixed seed from ``seeds/`` and, when ``../shared/data`` has it,
the text dumps of the development corpus; HTML rows draw from its pages. Each row runs in a
fresh process (so peak RSS is its own) over the same documents:

* the ``\\w+`` floor: one tokenising pass in Python, the least any cleaner can cost;
* datatrove's C4 line filter (lines-only: no sentence splitting), jusText on the text's lines;
* cleanarticle in plain-text mode through ``clean_many``, with 1..N worker processes, and
  N independent one-process cleaners at once (the ceiling N workers could reach here);
* the ``cleanarticle`` CLI end to end on the batch as a folder of files and as one JSONL file;
* trafilatura alone and cleanarticle's HTML mode on the same pages;
* one ``cleanarticle check FILE`` (fresh process: start-up included), as a pre-commit hook runs it.

Machines are noisy; the ratios between rows of one run are the figures to track. The table
shows the load average before and after, so a busy machine is visible.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import pickle
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEVCORPUS = ROOT.parent / "shared" / "data" / "devcorpus.jsonl.gz"
CLI = [sys.executable, "-m", "cleanarticle"]


# ---------------------------------------------------------------------------------------------
# The batch


def load_pools(devcorpus: Path | None) -> dict[str, list[str]]:
    """The documents batches are drawn from: texts (seeds + dumps) and HTML pages."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    pages: list[str] = []
    if devcorpus is not None and devcorpus.exists():
        with gzip.open(devcorpus, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                texts.append(record["text_dump"])
                pages.append(record["html"])
    return {"text": texts, "html": pages}


def batch(pool: list[str], n: int, seed: int) -> Iterator[str]:
    """``n`` documents drawn from ``pool`` with ``seed``: the same for every row of a run."""
    rng = random.Random(seed)
    for _ in range(n):
        yield pool[rng.randrange(len(pool))]


# ---------------------------------------------------------------------------------------------
# Rows: each runs in its own process and returns its measures. A row's function does its
# setup (imports, building the cleaner: not timed) and returns the timed part.

Runner = Callable[[Iterator[str]], int]


def row_floor(_: argparse.Namespace) -> Runner:
    word = re.compile(r"\w+")
    return lambda docs: sum(len(word.findall(text)) for text in docs)


def row_c4(_: argparse.Namespace) -> Runner:
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter

    # Lines only: no sentence splitting (it needs a tokenizer model), the rest as in C4.
    c4 = C4QualityFilter(min_num_sentences=-1)

    def run(docs: Iterator[str]) -> int:
        return sum(c4.filter(Document(text=text, id=str(i))) is True for i, text in enumerate(docs))

    return run


def row_justext(_: argparse.Namespace) -> Runner:
    import html

    import justext

    stoplist = justext.get_stoplist("English")

    def run(docs: Iterator[str]) -> int:
        kept = 0
        for text in docs:
            markup = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
            if markup:
                kept += sum(not p.is_boilerplate for p in justext.justext(markup, stoplist))
        return kept

    return run


def _clean_many(args: argparse.Namespace, wrap: Callable[[str], Any]) -> Runner:
    import cleanarticle
    from cleanarticle.batch import warm_up

    # Built and warmed up before the clock starts (forked workers inherit it), as the CLI does.
    pipeline = cleanarticle.default_pipeline()
    warm_up(pipeline)

    def run(docs: Iterator[str]) -> int:
        items = (wrap(doc) for doc in docs)
        results = cleanarticle.clean_many(items, workers=args.workers, pipeline=pipeline)
        return sum(isinstance(result, cleanarticle.Article) for result in results)

    return run


def row_clean(args: argparse.Namespace) -> Runner:
    return _clean_many(args, str)


def row_trafilatura(_: argparse.Namespace) -> Runner:
    import trafilatura

    # The settings HTML mode uses, so the difference between the two rows is the cleaning.
    return lambda docs: sum(
        trafilatura.bare_extraction(
            page, include_comments=False, with_metadata=True, include_tables=True
        )
        is not None
        for page in docs
    )


def row_clean_html(args: argparse.Namespace) -> Runner:
    import trafilatura  # noqa: F401  (imported before the clock, as in the trafilatura row)

    from cleanarticle.batch import Page

    return _clean_many(args, Page)


ROWS: dict[str, tuple[str, Callable[[argparse.Namespace], Runner]]] = {
    "floor": ("text", row_floor),
    "c4": ("text", row_c4),
    "justext": ("text", row_justext),
    "clean": ("text", row_clean),
    "trafilatura": ("html", row_trafilatura),
    "clean_html": ("html", row_clean_html),
}


def run_row(args: argparse.Namespace) -> None:
    """(In the row's own process.) Time one row over the batch and print its measures."""
    kind, func = ROWS[args.row]
    with open(f"{args.pool}.{kind}", "rb") as fh:
        pool = pickle.load(fh)  # only this row's kind: the peak RSS is the row's, not the pool's
    n = args.html_docs if kind == "html" else args.docs
    size = sum(len(d.encode("utf-8")) for d in batch(pool, n, args.seed))
    _reset_peak_rss()
    start = time.perf_counter()
    runner = func(args)
    setup = time.perf_counter() - start
    cpu_before, children_before = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = runner(batch(pool, n, args.seed))
    seconds = time.perf_counter() - start
    print(json.dumps({
        "docs": n,
        "mb": size / 1e6,
        "setup_s": setup,
        "seconds": seconds,
        "out": out,
        "rss_mb": _peak_rss_mb(),
        "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        # CPU seconds: unlike the wall clock, a busy machine hardly moves them, so they show
        # what workers cost on top of the cleaning (pickling, pipes, the parent's reordering).
        "cpu_s": _cpu(resource.RUSAGE_SELF) - cpu_before,
        "worker_cpu_s": _cpu(resource.RUSAGE_CHILDREN) - children_before,  # joined workers
    }))


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _reset_peak_rss() -> None:
    """Forget the peak so far: a forked child starts with its parent's (it survives exec)."""
    with contextlib.suppress(OSError):  # not Linux: the figure includes the start-up
        Path("/proc/self/clear_refs").write_text("5")


def _peak_rss_mb() -> float:
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _row_command(args: argparse.Namespace, row: str, workers: int) -> list[str]:
    return [
        sys.executable, __file__, "--row", row, "--pool", args.pool,
        "--docs", str(args.docs), "--html-docs", str(args.html_docs), "--seed", str(args.seed),
        "--workers", str(workers),
    ]


def _row_result(code: int, stdout: str, stderr: str) -> dict[str, Any]:
    if code != 0:
        return {"error": stderr.strip().splitlines()[-1] if stderr.strip() else "failed"}
    return json.loads(stdout.strip().splitlines()[-1])


def measure(args: argparse.Namespace, row: str, **extra: Any) -> dict[str, Any]:
    command = _row_command(args, row, extra.get("workers", 1))
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return {**_row_result(done.returncode, done.stdout, done.stderr), **extra}


def measure_independent(args: argparse.Namespace, copies: int) -> dict[str, Any]:
    """``copies`` one-process cleaners over the batch at once, sharing nothing: the most that
    ``copies`` workers could reach on this machine, whatever the pool does. Where each one's
    CPU per document grows over the lone process's, the cores slow each other down (shared
    caches and memory bandwidth, clock, a hypervisor's siblings): no pool design gets that back.
    """
    running = [
        subprocess.Popen(
            _row_command(args, "clean", 1), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(copies)
    ]
    each = []
    for process in running:
        stdout, stderr = process.communicate()
        each.append(_row_result(process.returncode, stdout, stderr))
    failed = [m for m in each if "error" in m]
    if failed:
        return failed[0]
    return {
        "docs": sum(m["docs"] for m in each),
        "mb": sum(m["mb"] for m in each),
        "seconds": max(m["seconds"] for m in each),  # the batch is done when the last one is
        "cpu_s": sum(m["cpu_s"] for m in each),
        "rss_mb": max(m["rss_mb"] for m in each),
        "copies": copies,
        "each": each,
    }


# ---------------------------------------------------------------------------------------------
# The CLI, end to end


def measure_cli(args: argparse.Namespace, pools: dict[str, list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    docs = list(batch(pools["text"], args.docs, args.seed))
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    with tempfile.TemporaryDirectory(prefix="cleanarticle-bench-") as tmp:
        folder, jsonl, clean = Path(tmp, "in"), Path(tmp, "batch.jsonl"), Path(tmp, "out")
        folder.mkdir()
        for i, text in enumerate(docs):
            (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        with jsonl.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(docs):
                fh.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
        del docs
        runs = {
            "cli_folder": [*CLI, "clean", str(folder), "-o", str(clean), "-q"],
            "cli_jsonl": [
                *CLI, "clean", str(jsonl), "--format", "jsonl", "-q", "--max-bytes", "100GB",
                "-o", str(Path(tmp, "out-jsonl")),
            ],
        }
        for name, command in runs.items():
            cpu_before = _cpu(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            seconds = time.perf_counter() - start
            if done.returncode not in (0, 1):
                out[name] = {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
            else:
                # The CLI's CPU includes its workers' (it waits for them) and its start-up.
                cpu = _cpu(resource.RUSAGE_CHILDREN) - cpu_before
                out[name] = {"docs": args.docs, "mb": size, "seconds": seconds, "cpu_s": cpu}
    return out


def measure_one_file(repeat: int) -> dict[str, Any]:
    """Wall time of ``cleanarticle check FILE`` in a fresh process, as a pre-commit hook runs."""
    seed = sorted(SEEDS.glob("*.txt"))[0]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([*CLI, "check", str(seed)], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import cleanarticle.cli"],
        capture_output=True, text=True, check=False,
    ).stderr
    heavy = sorted(
        (int(m.group(2)), m.group(3).strip())
        for m in re.finditer(r"import time:\s+(\d+) \|\s+(\d+) \|(.*)", imports)
    )[-5:]
    return {
        "first_s": times[0],
        "median_s": statistics.median(times),
        "slowest_imports_ms": [(name, us / 1000) for us, name in reversed(heavy)],
    }


# ---------------------------------------------------------------------------------------------
# The table


def rate(m: dict[str, Any]) -> float | None:
    return m["docs"] / m["seconds"] if "seconds" in m and m["seconds"] > 0 else None


def cpu_per_doc(m: dict[str, Any]) -> float | None:
    """CPU milliseconds per document, this process and its workers together."""
    if "cpu_s" not in m or not m.get("docs"):
        return None
    return (m["cpu_s"] + m.get("worker_cpu_s", 0.0)) / m["docs"] * 1000


def table(results: dict[str, Any], args: argparse.Namespace) -> str:
    r = results["rows"]
    lines = [
        f"batch: {args.docs} text documents, {args.html_docs} HTML pages, seed {args.seed}; "
        f"{results['cores']} cores; load average {results['load_before']:.2f} before, "
        f"{results['load_after']:.2f} after",
        "",
        "| row | docs/s | MB/s | CPU ms/doc (workers) | peak RSS MB (workers) | ratio |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    base = rate(r.get("clean w=1", {}))
    base_cpu = cpu_per_doc(r.get("clean w=1", {}))
    ceiling = {m["copies"]: rate(m) for m in r.values() if "copies" in m}
    html_base = rate(r.get("clean_html w=1", {}))
    for name, m in r.items():
        if "error" in m:
            lines.append(f"| {name} | failed: {m['error'][:60]} | | | | |")
            continue
        docs_s = rate(m)
        assert docs_s is not None
        rss = f"{m['rss_mb']:.0f}" if "rss_mb" in m else ""
        if m.get("worker_rss_mb"):
            rss += f" ({m['worker_rss_mb']:.0f})"
        cpu = cpu_per_doc(m)
        cpu_cell = "" if cpu is None else f"{cpu:.1f}"
        if m.get("worker_cpu_s"):
            cpu_cell += f" ({m['worker_cpu_s'] / m['docs'] * 1000:.1f})"
        ratio = ""
        if name.startswith("clean w=") and name != "clean w=1" and base:
            ratio = f"speed-up {docs_s / base:.2f}x"
            if cpu is not None and base_cpu:
                ratio += f"; CPU per doc {cpu / base_cpu:.2f}x of 1 process"
            top = ceiling.get(m.get("workers"))
            if top:
                ratio += f"; {docs_s / top:.0%} of {m['workers']} independent"
        elif "copies" in m and base:
            ratio = f"ceiling: speed-up {docs_s / base:.2f}x"
            if cpu is not None and base_cpu:
                ratio += f"; CPU per doc {cpu / base_cpu:.2f}x of 1 process"
        elif name in ("floor", "c4", "justext") and base:
            ratio = f"cleanarticle (1 process) = {base / docs_s:.2f}x this"
        elif name == "trafilatura" and html_base:
            ratio = f"HTML mode (1 process) = {html_base / docs_s:.2f}x this"
        lines.append(
            f"| {name} | {docs_s:,.0f} | {m['mb'] / m['seconds']:.2f} | {cpu_cell} | {rss} "
            f"| {ratio} |"
        )
    one = results.get("one_file")
    if one:
        lines += [
            "",
            f"`cleanarticle check FILE` (fresh process): first {one['first_s']:.2f} s, "
            f"median {one['median_s']:.2f} s; slowest imports: "
            + ", ".join(f"{n} {ms:.0f} ms" for n, ms in one["slowest_imports_ms"]),
        ]
    return "\n".join(lines)


def rss_scaling(args: argparse.Namespace, sizes: list[int]) -> str:
    lines = ["| docs | workers | seconds | peak RSS MB (parent) | peak RSS MB (a worker) |",
             "| ---: | ---: | ---: | ---: | ---: |"]
    for n in sizes:
        args.docs = n
        m = measure(args, "clean", workers=args.rss_workers)
        if "error" in m:
            lines.append(f"| {n} | {args.rss_workers} | failed: {m['error']} | | |")
            continue
        lines.append(f"| {n} | {args.rss_workers} | {m['seconds']:.0f} | {m['rss_mb']:.0f} | "
                     f"{m['worker_rss_mb']:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=50_000, help="text documents (50,000)")
    parser.add_argument("--html-docs", type=int, default=500,
                        help="HTML pages for the trafilatura rows (500: trafilatura is slow)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip", default="", help="comma-separated: peers,cli,html,one-file")
    parser.add_argument("--devcorpus", type=Path, default=DEVCORPUS)
    parser.add_argument("--json", type=Path, help="also write the measures here")
    parser.add_argument("--rss", help="only peak RSS at these batch sizes, e.g. 10000,100000")
    parser.add_argument("--rss-workers", type=int, default=2)
    parser.add_argument("--one-file-runs", type=int, default=5)
    # Internal: run one row in this process.
    parser.add_argument("--row", help=argparse.SUPPRESS)
    parser.add_argument("--pool", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.row:
        run_row(args)
        return 0

    skip = set(filter(None, args.skip.split(",")))
    pools = load_pools(args.devcorpus)
    if not pools["html"]:
        print(f"no dev corpus at {args.devcorpus}: seeds only, no HTML rows", file=sys.stderr)
        skip.add("html")
    with tempfile.TemporaryDirectory(prefix="cleanarticle-bench-") as tmp:
        args.pool = str(Path(tmp, "pool"))
        for kind, pool in pools.items():
            with open(f"{args.pool}.{kind}", "wb") as fh:
                pickle.dump(pool, fh)
        return _run(args, pools, skip)


def _run(args: argparse.Namespace, pools: dict[str, list[str]], skip: set[str]) -> int:
    if args.rss:
        print(rss_scaling(args, [int(n) for n in args.rss.split(",")]))
        return 0
    results: dict[str, Any] = {"cores": os.cpu_count(), "load_before": os.getloadavg()[0]}
    rows: dict[str, Any] = {}
    if "peers" not in skip:
        rows["floor"] = measure(args, "floor")
        rows["c4"] = measure(args, "c4")
        rows["justext"] = measure(args, "justext")
    for w in range(1, args.max_workers + 1):
        rows[f"clean w={w}"] = measure(args, "clean", workers=w)
    for w in range(2, args.max_workers + 1):
        rows[f"clean {w} independent"] = measure_independent(args, w)
    if "cli" not in skip:
        for name, m in measure_cli(args, pools).items():
            rows[name] = m
    if "html" not in skip:
        rows["trafilatura"] = measure(args, "trafilatura")
        rows["clean_html w=1"] = measure(args, "clean_html", workers=1)
    results["rows"] = rows
    if "one-file" not in skip:
        results["one_file"] = measure_one_file(args.one_file_runs)
    results["load_after"] = os.getloadavg()[0]
    print(table(results, args))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
