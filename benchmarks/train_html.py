"""Train the extractors' vote (``src/cleanarticle/models/html.json``) on the dev corpora.

    .venv/bin/python benchmarks/train_html.py --cache /tmp/candidates.pkl

Only the train halves (``quality.split(id) == "train"``) are read. Each page's candidates
(trafilatura, readability-lxml, Resiliparse, the page's link texts) are computed as
``cleanarticle.html.extract`` computes them, and cached with ``--cache`` so a second run
does not extract again. Every merged line is labelled article when half of its shingles are
in the gold; a logistic regression (numpy, L2) is fitted on the lines, each page weighing
the same (a line weighs its share of its page's words, as the metric weighs shingles). The
threshold is the one with the best shingle F1 of the voted text on the same pages. Two
models are written: with Resiliparse, and without it for installs that lack it.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from benchmarks.quality import HALVED, load_corpora, split  # noqa: E402
from benchmarks.shingle import Score, score_pair  # noqa: E402
from cleanarticle import html  # noqa: E402
from cleanarticle.extract import vote  # noqa: E402
from cleanarticle.textutil import WORD  # noqa: E402

MODEL = ROOT / "src" / "cleanarticle" / "models" / "html.json"
L2 = 1.0
THRESHOLDS = [round(0.2 + 0.05 * i, 2) for i in range(13)]


def page_candidates(page: dict[str, Any]) -> tuple[str, dict[str, str], list[str]] | None:
    parsed = html.parse(page["html"]) if page["html"].strip() else None
    if parsed is None:
        return None
    markup, tree, text = parsed
    return page["id"], html.candidates(markup, tree, text), html.anchors(tree)


def lines_of(found: dict[str, str], anchors: list[str], gold: str, three: bool
             ) -> tuple[list[str], list[list[float]], list[float]]:
    """The merged lines of a page, their features and labels (as ``vote.judge`` sees them)."""
    shown = vote.voting(found if three else {k: v for k, v in found.items()
                                             if k != "resiliparse"})
    if "readability" not in shown or ("resiliparse" in shown) != three:
        return [], [], []  # judged by the other model, or not voted on
    merged, rows, _ = vote.described(shown, anchors)
    in_gold = vote.Shingles(WORD.findall(line) for line in gold.splitlines())
    labels = [float(in_gold.share(words) >= 0.5) for _, words in merged]
    return [line for line, _ in merged], rows, labels


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, float]:
    """Weighted L2 logistic regression by Newton's method."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], L2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(xb @ beta, -30, 30)))
        grad = xb.T @ (w * (p - y)) + reg * beta
        hess = (xb * (w * p * (1 - p))[:, None]).T @ xb + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def train(cache: dict[str, Any], pages: list[dict[str, Any]], three: bool) -> dict[str, Any]:
    per_page = []
    for page in pages:
        entry = cache.get(page["id"])
        if entry is None:
            continue
        lines, rows, labels = lines_of(entry[0], entry[1], page["gold"], three)
        if lines:
            per_page.append((page, lines, rows, labels))
    x, y, w = [], [], []
    for _, lines, rows, labels in per_page:
        words = np.array([max(len(WORD.findall(line)), 1) for line in lines], dtype=float)
        x += rows
        y += labels
        w += list(words / words.sum())
    weights, bias = fit(np.array(x), np.array(y), np.array(w))
    best = (-1.0, 0.5)
    for threshold in THRESHOLDS:
        scores = []
        for page, lines, rows, _ in per_page:
            z = np.array(rows) @ weights + bias
            keep = 1 / (1 + np.exp(-np.clip(z, -30, 30))) >= threshold
            text = "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
            scores.append(score_pair(text, page["gold"]))
        best = max(best, (Score.of(scores).f1, threshold))
    print(f"{'three' if three else 'two'} candidates: {len(x)} lines of {len(per_page)} pages,"
          f" train F1 {best[0]:.4f} at threshold {best[1]}")
    return {"weights": [round(float(v), 4) for v in weights], "bias": round(bias, 4),
            "threshold": best[1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, help="pickle of the candidates (read or written)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    pages = [p for p in load_corpora() if p["source"] in HALVED and split(p["id"]) == "train"]
    if not pages:
        print("train_html.py: no dev corpus")
        return 1
    if args.cache and args.cache.exists():
        cache = pickle.loads(args.cache.read_bytes())
    else:
        with Pool(args.jobs) as pool:
            found = pool.map(page_candidates, pages, chunksize=8)
        cache = {f[0]: (f[1], f[2]) for f in found if f is not None}
        if args.cache:
            args.cache.write_bytes(pickle.dumps(cache))
    model = {"features": list(vote.FEATURES), "three": train(cache, pages, True),
             "two": train(cache, pages, False)}
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"written to {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
