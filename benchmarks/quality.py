"""Cleaning quality on the dev corpora: shingle F1 of cleanarticle and of the references.

    .venv/bin/python benchmarks/quality.py               # the tables, all rows, all pages
    .venv/bin/python benchmarks/quality.py --worst 10    # plus the 10 pages row 2 loses most
    .venv/bin/python benchmarks/quality.py --limit 20 --rows 1,2 --json out.json

Reads ``../shared/data/devcorpus.jsonl.gz`` and ``devcorpus-more.jsonl.gz`` (see their README
for the corpora and the metric, implemented in ``benchmarks/shingle.py``), skipping a file
that is absent and the whole run, with a message, when both are. All rows are computed in
the same run, pages spread over the CPU cores. Every source is reported on its own, with its
held-out half where it has one.

What is scored: the whole output of the baseline and reference rows; for cleanarticle rows,
the headline, dek and body where the gold keeps the page's title (Dragnet, CleanEval final,
CleanPortalEval), the body only elsewhere (CleanEval dev, as before; Readability, whose
expected output leaves out the title it reads as metadata).

Besides F1, each row counts the pages it *lost*: its output keeps under 20% of the gold's
tokens while its input held over 80% of them (an article deleted whole is data loss, not a
low score). The Readability pages also carry expected metadata: their headline, authors
and date are scored for text mode, HTML mode and trafilatura's own metadata
(``benchmarks/metadata.py``).

``split(page_id)`` is the fixed train/test split for anyone who tunes on these corpora: half
the pages of each source by a hash of the id; CleanEval dev pages are always "test".
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import zip_longest
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(ROOT))

import cleanarticle  # noqa: E402
from benchmarks import metadata  # noqa: E402
from benchmarks.shingle import Score, f1, score_pair, tokens  # noqa: E402
from cleanarticle.html import clean_extracted  # noqa: E402
from cleanarticle.html import extract as extract_html  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
CORPUS = DATA / "devcorpus.jsonl.gz"
CORPUS_MORE = DATA / "devcorpus-more.jsonl.gz"
SOURCES = ("dragnet", "cleaneval-dev", "cleaneval-final", "cleanportaleval", "readability")
HALVED = ("dragnet", "cleaneval-final", "cleanportaleval", "readability")  # have a test half
GROUPS = (*(g for s in SOURCES for g in (s, f"{s}-test") if g in SOURCES or s in HALVED), "all")
WITH_HEADER = frozenset({"dragnet", "cleaneval-final", "cleanportaleval"})
SCORED_TEXT = {s: "headline + dek + body" if s in WITH_HEADER else "body only" for s in SOURCES}
# A page is lost when the output keeps less than this share of the gold's tokens...
LOST_BELOW = 0.2
# ...while the input held more than this share of them.
LOST_INPUT = 0.8
# The C4 line rules only (datatrove's C4QualityFilter), no rule that drops a whole page:
# a page-level drop would score 0 and measure the corpus, not the line filter.
C4_SETTINGS: dict[str, Any] = {
    "split_paragraph": True,  # judge each line, as C4 did
    "remove_citations": True,  # "[1]", "[edit]" (wikipedia style)
    "filter_no_terminal_punct": True,  # keep lines ending in . ? ! " '
    "min_words_per_line": 3,
    "max_word_length": 1000,
    "filter_javascript": True,  # lines mentioning "javascript"
    "filter_policy": True,  # lines mentioning terms of use, privacy or cookie policy
    "min_num_sentences": -1,  # page-level: off
    "filter_lorem_ipsum": False,  # page-level: off
    "filter_curly_bracket": False,  # page-level: off
}


def split(page_id: str) -> str:
    """``"train"`` or ``"test"``: fixed per page, half of each source, CleanEval dev always
    test."""
    if page_id.startswith("cleaneval-dev/"):
        return "test"
    return "train" if hashlib.sha256(page_id.encode()).digest()[0] % 2 == 0 else "test"


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The corpus pages (``id``, ``source``, ``html``, ``text_dump``, ``gold``, and ``meta``
    on Readability pages), in id order."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def load_corpora(paths: Sequence[Path] = (CORPUS, CORPUS_MORE)) -> list[dict[str, Any]]:
    """The pages of every corpus file that exists, file by file."""
    return [page for path in paths if path.exists() for page in load_corpus(path)]


# --- the rows -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """What a row made of a page: the text it cleaned, the text scored, and the article."""

    input: str
    scored: str
    article: cleanarticle.Article | None = None


def scored_text(article: cleanarticle.Article, source: str) -> str:
    """The part of a cleanarticle result that the gold of ``source`` covers.

    Dragnet, CleanEval final and CleanPortalEval annotators kept the article's header:
    headline and standfirst (dek) count there. Byline and date lines, which they kept only
    sometimes, are not scored.
    """
    head = [article.headline, article.dek] if source in WITH_HEADER else []
    return "\n".join([*(h for h in head if h), *article.paragraphs])


def _dump(page: dict[str, str]) -> Output:
    return Output(page["text_dump"], page["text_dump"])


def _clean(page: dict[str, str]) -> Output:
    article = cleanarticle.clean(page["text_dump"])
    return Output(page["text_dump"], scored_text(article, page["source"]), article)


def _html(page: dict[str, str]) -> Output:
    # clean_html(html) in its two steps, to keep the text the filters saw.
    found = extract_html(page["html"])
    article = clean_extracted(found)
    return Output(found.text, scored_text(article, page["source"]), article)


@lru_cache(maxsize=2)  # rows 4 and 5 extract the same page
def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def _trafilatura(page: dict[str, str]) -> Output:
    text = trafilatura_text(page["html"])
    return Output(text, text)


def _clean_trafilatura(page: dict[str, str]) -> Output:
    text = trafilatura_text(page["html"])
    article = cleanarticle.clean(text)
    return Output(text, scored_text(article, page["source"]), article)


def _c4(page: dict[str, str]) -> Output:
    from datatrove.data import Document
    from datatrove.pipeline.filters.c4_filters import C4QualityFilter

    doc = Document(text=page["text_dump"], id=page["id"])
    kept = C4QualityFilter(**C4_SETTINGS).filter(doc)
    return Output(page["text_dump"], doc.text if kept is True else "")


def _justext(page: dict[str, str]) -> Output:
    import justext

    if not page["html"].strip():
        return Output("", "")
    paragraphs = justext.justext(page["html"], justext.get_stoplist("English"))
    return Output("", "\n".join(p.text for p in paragraphs if not p.is_boilerplate))


def _readability(page: dict[str, str]) -> Output:
    from cleanarticle.extract.readability import readability_text

    text = readability_text(page["html"])
    return Output(text, text)


def _resiliparse(page: dict[str, str]) -> Output:
    from resiliparse.extract.html2text import extract_plain_text

    text = extract_plain_text(page["html"], main_content=True) if page["html"].strip() else ""
    return Output(text, text)


@dataclass(frozen=True)
class Row:
    key: str
    number: str
    label: str
    run: Callable[[dict[str, str]], Output]
    needs: str = ""  # module that must be importable (optional benchmark dependency)


ROWS = (
    Row("dump", "1", "text dump unchanged (do nothing)", _dump),
    Row("clean", "2", "cleanarticle on the text dump", _clean),
    Row("html", "3", "cleanarticle on the HTML (clean_html)", _html),
    Row("trafilatura", "4", "trafilatura alone on the HTML", _trafilatura),
    Row("clean-trafilatura", "5", "cleanarticle on trafilatura's text", _clean_trafilatura),
    Row("c4", "R1", "datatrove C4 lines-only on the text dump", _c4, needs="datatrove"),
    Row("justext", "R2", "jusText on the HTML", _justext, needs="justext"),
    Row("readability", "R3", "readability-lxml on the HTML", _readability, needs="readability"),
    Row("resiliparse", "R4", "Resiliparse main content on the HTML", _resiliparse,
        needs="resiliparse"),
)
BY_KEY = {r.key: r for r in ROWS} | {r.number.lower(): r for r in ROWS}


def available(row: Row) -> bool:
    if not row.needs:
        return True
    try:
        __import__(row.needs)
    except ImportError:
        return False
    return True


# --- line diagnostics ---------------------------------------------------------------------


class Coverage:
    """Which lines of another text a text contains, judged on tokens as the metric is."""

    def __init__(self, text: str) -> None:
        toks = tokens(text)
        self._grams = {tuple(toks[i : i + 4]) for i in range(len(toks) - 3)}
        self._joined = "\x00" + "\x00".join(toks) + "\x00"

    def __contains__(self, line: str) -> bool:
        toks = tokens(line)
        if len(toks) < 4:
            return "\x00" + "\x00".join(toks) + "\x00" in self._joined
        grams = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
        return sum(g in self._grams for g in grams) >= len(grams) / 2


@dataclass
class Diagnosis:
    """A page's line-level errors: junk kept, body lost (and which filter lost it), body unseen."""

    kept: list[str] = field(default_factory=list)
    lost: list[tuple[str, str]] = field(default_factory=list)  # (line, filter/category or "")
    unseen: list[str] = field(default_factory=list)


def diagnose(out: Output, gold: str) -> Diagnosis:
    in_gold, in_output, in_input = Coverage(gold), Coverage(out.scored), Coverage(out.input)
    why: dict[int, str] = {}
    if out.article is not None:
        for r in out.article.removed:
            why.setdefault(r.line, f"{r.filter}/{r.category}")
    diag = Diagnosis()
    source = out.input or out.scored
    for number, line in enumerate(source.splitlines(), start=1):
        if not tokens(line):
            continue
        good, kept = line in in_gold, line in in_output
        if kept and not good:
            diag.kept.append(line.strip())
        elif good and not kept:
            diag.lost.append((line.strip(), why.get(number, "")))
    diag.unseen = [line for line in gold.splitlines() if line not in in_input]
    return diag


# --- running ------------------------------------------------------------------------------


def gold_share(text: str, gold: str) -> float:
    """The share of the gold's tokens (as a multiset) that ``text`` holds."""
    want = Counter(tokens(gold))
    if not want:
        return 1.0
    have = Counter(tokens(text))
    return sum((want & have).values()) / sum(want.values())


def is_lost(shares: tuple[float, float]) -> bool:
    """The row deleted the article: its input held it, its output does not."""
    held, kept = shares
    return held > LOST_INPUT and kept < LOST_BELOW


# Metadata modes: the row whose article is read, and what it is called in the table.
META_MODES = {"clean": "text mode (clean)", "html": "HTML mode (clean_html)"}
TRAFILATURA_META = "trafilatura metadata"


@dataclass
class PageResult:
    id: str
    source: str
    split: str
    scores: dict[str, tuple[float, float]]
    shares: dict[str, tuple[float, float]] = field(default_factory=dict)  # (input, output)
    meta: dict[str, metadata.PageScore] = field(default_factory=dict)
    kept_lines: int = 0
    lost_by: Counter[str] = field(default_factory=Counter)


def _found(article: cleanarticle.Article) -> metadata.Found:
    return metadata.Found(article.headline, article.authors, article.publisher,
                          article.date_published)


def trafilatura_metadata(html: str) -> metadata.Found:
    """trafilatura's own metadata reading of a page (its default settings)."""
    import trafilatura

    meta = trafilatura.extract_metadata(html) if html.strip() else None
    if meta is None:
        return metadata.Found(None, (), None, None)
    authors = tuple(a.strip() for a in (meta.author or "").split(";") if a.strip())
    return metadata.Found(meta.title, authors, None, meta.date)


def _score_page(job: tuple[dict[str, Any], tuple[str, ...], str]) -> PageResult:
    page, keys, diagnosed = job
    result = PageResult(page["id"], page["source"], split(page["id"]), {})
    expected = page.get("meta")
    for key in keys:
        out = BY_KEY[key].run(page)
        result.scores[key] = score_pair(out.scored, page["gold"])
        result.shares[key] = (gold_share(out.input or out.scored, page["gold"]),
                              gold_share(out.scored, page["gold"]))
        if expected and key in META_MODES and out.article is not None:
            result.meta[META_MODES[key]] = metadata.score(_found(out.article), expected)
        if key == diagnosed:
            diag = diagnose(out, page["gold"])
            result.kept_lines = len(diag.kept)
            result.lost_by = Counter(reason or "not removed by a filter" for _, reason in diag.lost)
    if expected and result.meta:
        result.meta[TRAFILATURA_META] = metadata.score(
            trafilatura_metadata(page["html"]), expected
        )
    return result


def run(
    pages: Sequence[dict[str, Any]], keys: tuple[str, ...], diagnosed: str, jobs: int
) -> list[PageResult]:
    work = [(page, keys, diagnosed) for page in pages]
    if jobs <= 1:
        return [_score_page(job) for job in work]
    with Pool(jobs) as pool:
        return list(pool.imap(_score_page, work, chunksize=4))


def first_pages(pages: Sequence[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """The first ``n`` pages in id order, taken from each source in turn so all are scored."""
    queues = [[p for p in pages if p["source"] == s] for s in SOURCES]
    mixed = [p for group in zip_longest(*queues) for p in group if p is not None]
    return mixed[:n]


def in_group(result: PageResult, group: str) -> bool:
    if group == "all":
        return True
    if group.endswith("-test"):
        return result.source == group[: -len("-test")] and result.split == "test"
    return result.source == group


def table(results: list[PageResult], keys: Iterable[str]) -> dict[str, dict[str, Score]]:
    return {
        key: {
            group: Score.of(r.scores[key] for r in results if in_group(r, group))
            for group in GROUPS
        }
        for key in keys
    }


def lost_pages(results: list[PageResult], key: str) -> list[str]:
    return [r.id for r in results if is_lost(r.shares[key])]


def _groups(scores: dict[str, dict[str, Score]]) -> list[str]:
    return [g for g in GROUPS if any(s[g].pages for s in scores.values())]


def _matrix(
    scores: dict[str, dict[str, Score]], title: str, cell: Callable[[str, str], str]
) -> list[str]:
    groups = _groups(scores)
    width = max(len(f"{BY_KEY[k].number}. {BY_KEY[k].label}") for k in scores)
    cells = [max(len(g), 11) for g in groups]
    lines = [title, f"{'row':<{width}}" + "".join(
        f" | {g:>{w}}" for g, w in zip(groups, cells, strict=True))]
    lines.append(f"{'pages':<{width}}" + "".join(
        f" | {next(iter(scores.values()))[g].pages:>{w}}"
        for g, w in zip(groups, cells, strict=True)))
    lines.append("-" * len(lines[1]))
    for key in scores:
        row = BY_KEY[key]
        lines.append(f"{f'{row.number}. {row.label}':<{width}}" + "".join(
            f" | {cell(key, g):>{w}}" for g, w in zip(groups, cells, strict=True)))
    return lines


def format_table(scores: dict[str, dict[str, Score]], results: list[PageResult]) -> str:
    """F1 per source; precision and recall; pages lost."""
    f1s = _matrix(scores, "F1", lambda k, g: f"{scores[k][g].f1:.3f}")
    pr = _matrix(scores, "\nprecision / recall",
                 lambda k, g: f"{scores[k][g].precision:.3f}/{scores[k][g].recall:.3f}")
    lost = _matrix(
        scores,
        f"\npages lost (output keeps < {LOST_BELOW:.0%} of the gold's tokens, "
        f"input holds > {LOST_INPUT:.0%})",
        lambda k, g: str(sum(is_lost(r.shares[k]) for r in results if in_group(r, g))),
    )
    return "\n".join([*f1s, *pr, *lost])


def meta_table(results: list[PageResult]) -> dict[str, dict[str, dict[str, tuple[float, int]]]]:
    """Per metadata mode and group (Readability, its test half): each measure's summary."""
    modes = [m for m in (*META_MODES.values(), TRAFILATURA_META)
             if any(m in r.meta for r in results)]
    groups = ("readability", "readability-test")
    return {
        mode: {
            g: metadata.summary(r.meta[mode] for r in results if mode in r.meta and in_group(r, g))
            for g in groups
        }
        for mode in modes
    }


def format_meta(meta: dict[str, dict[str, dict[str, tuple[float, int]]]]) -> str:
    if not meta:
        return ""
    first = next(iter(meta.values()))["readability"]
    lines = [
        "\nMetadata on the Readability pages (expected headline, byline, date), "
        "all pages / test half:",
        f"{'mode':<24}" + "".join(f" | {m:>17}" for m in metadata.MEASURES)
        + " | names on no-byline pages",
        f"{'pages':<24}" + "".join(f" | {first[m][1]:>17}" for m in metadata.MEASURES)
        + f" | {first['authors_unexpected'][1]:>17}",
    ]
    for mode, by_group in meta.items():
        a, t = by_group["readability"], by_group["readability-test"]
        cells = "".join(f" | {a[m][0]:>8.3f} {t[m][0]:>8.3f}" for m in metadata.MEASURES)
        extra = f" | {int(a['authors_unexpected'][0]):>8} {int(t['authors_unexpected'][0]):>8}"
        lines.append(f"{mode:<24}{cells}{extra}")
    return "\n".join(lines)


def worst_pages(
    pages: Sequence[dict[str, str]], results: list[PageResult], key: str, n: int
) -> list[dict[str, Any]]:
    by_id = {p["id"]: p for p in pages}
    ranked = sorted(results, key=lambda r: (f1(*r.scores[key]), r.id))[:n]
    report = []
    for r in ranked:
        page = by_id[r.id]
        out = BY_KEY[key].run(page)
        diag = diagnose(out, page["gold"])
        precision, recall = r.scores[key]
        report.append({
            "id": r.id,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1(precision, recall), 4),
            "gold_words": len(tokens(page["gold"])),
            "kept": diag.kept,
            "lost": [{"line": line, "removed_by": why} for line, why in diag.lost],
            "unseen": diag.unseen,
        })
    return report


def format_worst(report: list[dict[str, Any]], key: str, shown: int = 8) -> str:
    row = BY_KEY[key]
    lines = [f"\nPages where row {row.number} ({row.label}) loses most (lowest page F1):"]
    for page in report:
        lines.append(
            f"\n== {page['id']}  F1 {page['f1']:.3f}  P {page['precision']:.3f}  "
            f"R {page['recall']:.3f}  ({page['gold_words']} gold words)"
        )
        lines.append(f"   wrongly kept ({len(page['kept'])} lines):")
        lines += [f"     + {_short(line)}" for line in page["kept"][:shown]]
        lines.append(f"   wrongly removed ({len(page['lost'])} lines):")
        lines += [
            f"     - {_short(item['line'])}  [{item['removed_by'] or 'not in the scored text'}]"
            for item in page["lost"][:shown]
        ]
        if page["unseen"] and key not in ("clean", "dump", "c4"):
            lines.append(f"   gold lines missing from the row's input ({len(page['unseen'])}):")
            lines += [f"     ? {_short(line)}" for line in page["unseen"][:shown]]
    return "\n".join(lines)


def format_totals(results: list[PageResult], key: str) -> str:
    kept = sum(r.kept_lines for r in results)
    lost: Counter[str] = Counter()
    for r in results:
        lost.update(r.lost_by)
    row = BY_KEY[key]
    parts = ", ".join(f"{why} {n}" for why, n in lost.most_common())
    return (
        f"Row {row.number} line errors over {len(results)} pages: {kept} junk lines kept; "
        f"{sum(lost.values())} gold lines lost ({parts or 'none'})"
    )


def _short(line: str, width: int = 110) -> str:
    return line if len(line) <= width else line[: width - 1] + "…"


def parse_rows(spec: str | None) -> tuple[str, ...]:
    if spec is None:
        return tuple(r.key for r in ROWS if available(r))
    keys = []
    for item in spec.split(","):
        row = BY_KEY.get(item.strip().lower())
        if row is None:
            choices = ", ".join(f"{r.number}={r.key}" for r in ROWS)
            raise SystemExit(f"quality.py: unknown row {item!r}; rows are {choices}")
        if not available(row):
            raise SystemExit(
                f"quality.py: row {row.number} needs the {row.needs!r} package: "
                "pip install -e '.[bench]'"
            )
        keys.append(row.key)
    return tuple(dict.fromkeys(keys))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, action="append",
                        help="a corpus file (repeatable; default: both dev corpora)")
    parser.add_argument("--source", choices=SOURCES, help="only this part of the corpus")
    parser.add_argument("--split", choices=("train", "test"), help="only this half (see split())")
    parser.add_argument("--limit", type=int, help="only N pages (the first of each source in turn)")
    parser.add_argument("--rows", help="comma-separated rows, by number or name (default: all)")
    parser.add_argument("--worst", type=int, default=0, metavar="N",
                        help="list the N pages the diagnosed row loses most on")
    parser.add_argument("--worst-row", default="clean", help="row to diagnose (default: 2)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    corpora = args.corpus or [CORPUS, CORPUS_MORE]
    absent = [str(path) for path in corpora if not path.exists()]
    if len(absent) == len(corpora):
        print(f"quality.py: skipped, no dev corpus at {', '.join(absent)} "
              "(they live in ../shared/data next to the repository)")
        return 0
    for path in absent:
        print(f"quality.py: {path} is absent, its pages are left out")
    keys = parse_rows(args.rows)
    diagnosed = parse_rows(args.worst_row)[0]
    if diagnosed not in keys:
        keys = (*keys, diagnosed)

    started = time.perf_counter()
    pages = load_corpora(corpora)
    if args.source:
        pages = [p for p in pages if p["source"] == args.source]
    if args.split:
        pages = [p for p in pages if split(p["id"]) == args.split]
    if args.limit is not None:
        pages = first_pages(pages, args.limit)
    if not pages:
        print("quality.py: no pages selected")
        return 1

    results = run(pages, keys, diagnosed, args.jobs)
    scores = table(results, keys)
    worst = worst_pages(pages, results, diagnosed, args.worst) if args.worst else []
    elapsed = time.perf_counter() - started

    meta = meta_table(results)
    print(format_table(scores, results))
    print(format_meta(meta))
    print("\nScored text: baseline and reference rows, their whole output; cleanarticle rows, "
          + "; ".join(f"{s}: {what}" for s, what in SCORED_TEXT.items()) + ".")
    print("<source>-test: the pages with split(id) == 'test' (held out from tuning).")
    lost = lost_pages(results, diagnosed)
    if lost:
        print(f"Pages row {BY_KEY[diagnosed].number} lost: {', '.join(lost)}")
    if "c4" in keys:
        settings = ", ".join(f"{k}={v}" for k, v in C4_SETTINGS.items())
        print(f"C4 row: datatrove C4QualityFilter({settings}).")
    print(format_totals(results, diagnosed))
    if worst:
        print(format_worst(worst, diagnosed))
    print(f"\n{len(pages)} pages, {len(keys)} rows, {args.jobs} processes, "
          f"{elapsed:.0f} s elapsed")

    if args.json:
        data = {
            "corpora": [str(path) for path in corpora if path.exists()],
            "elapsed_seconds": round(elapsed, 1),
            "scored_text": SCORED_TEXT,
            "c4_settings": C4_SETTINGS,
            "rows": {
                key: {"number": BY_KEY[key].number, "label": BY_KEY[key].label}
                | {g: s.to_dict() | {"lost": sum(is_lost(r.shares[key]) for r in results
                                                 if in_group(r, g))}
                   for g, s in scores[key].items() if s.pages}
                for key in keys
            },
            "metadata": {
                mode: {g: {m: {"mean": round(v, 4), "pages": n} for m, (v, n) in summary.items()}
                       for g, summary in by_group.items()}
                for mode, by_group in meta.items()
            },
            "pages": {
                r.id: {"source": r.source, "split": r.split}
                | {k: {"precision": round(p, 4), "recall": round(rc, 4),
                       "gold_share": [round(x, 4) for x in r.shares[k]]}
                   for k, (p, rc) in r.scores.items()}
                for r in results
            },
            "worst": {"row": diagnosed, "pages": worst},
        }
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"JSON written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
