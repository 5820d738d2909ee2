"""Train the content model: a logistic regression over binned ``cleanarticle.features``.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/train_content.py  # writes src/cleanarticle/models/content.json

Trains on the Dragnet pages of the "train" half of the fixed split in ``quality.py`` only;
prints the block accuracy and the shingle F1 of the model's keep/drop decisions on the train
half, the held-out Dragnet half and CleanEval-dev, so the split is reported, not assumed.
Each feature is cut into quantile bins and every bin gets its own weight (an additive model:
it can learn that both very short and very long lines are suspect, which a single weight per
feature cannot). The keep/drop thresholds are then tuned on the train half.
A block is labelled "content" when most of its 4-gram shingles (or, for a short block, its
whole token sequence) occur in the page's gold text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from benchmarks.quality import CORPUS, load_corpus, split  # noqa: E402
from benchmarks.shingle import score_pair, tokens  # noqa: E402
from cleanarticle.features import NAMES, document_features, main_run  # noqa: E402
from cleanarticle.filters.content import before_content, junk_categories  # noqa: E402

MODEL = ROOT / "src" / "cleanarticle" / "models" / "content.json"


def block_labels(texts: list[str], gold: str) -> list[int]:
    gold_tokens = tokens(gold)
    gold_shingles = {tuple(gold_tokens[i : i + 4]) for i in range(len(gold_tokens) - 3)}
    joined = " " + " ".join(gold_tokens) + " "
    out = []
    for text in texts:
        toks = tokens(text)
        if len(toks) >= 4:
            shingles = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
            out.append(int(sum(s in gold_shingles for s in shingles) >= 0.5 * len(shingles)))
        else:
            out.append(int(bool(toks) and f" {' '.join(toks)} " in joined))
    return out


def page_data(page: dict[str, str]) -> tuple[str, str, list[str], list[list[float]], list[int]]:
    doc = before_content().run(page["text_dump"])
    texts = [b.text for b in doc.blocks]
    rows = document_features(texts, junk_categories(doc))
    return page["id"], page["source"], texts, rows, block_labels(texts, page["gold"])


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 30) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method (IRLS) with an L2 penalty."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.eye(d + 1) * l2
    penalty[-1, -1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + penalty @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w[:-1], float(w[-1])


BINS = 8


def one_hot(x: np.ndarray, edges: list[np.ndarray], offsets: np.ndarray) -> np.ndarray:
    """Each feature value as a one-hot vector of its quantile bin."""
    out = np.zeros((len(x), int(offsets[-1])))
    for j, e in enumerate(edges):
        out[np.arange(len(x)), offsets[j] + np.searchsorted(e, x[:, j], side="right")] = 1
    return out


def _grid() -> list[tuple[float, float, float]]:
    return [
        (inside, outside, cost)
        for inside in (0.2, 0.25, 0.3)
        for outside in (0.9, 0.95, 1.01)
        for cost in (0.25, 0.3, 0.35)
    ]


def _keep(rows: list[list[float]], probs: np.ndarray, decision: tuple[float, ...]) -> np.ndarray:
    """The same decision as ``Content.__call__``: a main run, then two thresholds."""
    inside_t, outside_t, cost = decision
    span = main_run(
        [(p - cost) * max(float(np.expm1(row[0])), 1.0) for p, row in zip(probs, rows, strict=True)]
    )
    inside = np.zeros(len(probs), dtype=bool)
    inside[span[0] : span[1]] = True
    return np.where(inside, probs >= inside_t, probs >= outside_t)


def _f1(
    group: list[tuple[tuple[Any, ...], np.ndarray]],
    gold: dict[str, str],
    decision: tuple[float, ...],
) -> tuple[float, float, float]:
    precision = recall = 0.0
    for (page_id, _, texts, rows, _labels), probs in group:
        keep = _keep(rows, probs, decision) if rows else []
        kept = "\n".join(t for t, k in zip(texts, keep, strict=False) if k)
        p, r = score_pair(kept, gold[page_id])
        precision, recall = precision + p, recall + r
    precision, recall = precision / len(group), recall / len(group)
    return precision, recall, 2 * precision * recall / ((precision + recall) or 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--l2", type=float, default=3.0)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}; nothing to train on", file=sys.stderr)
        return 1
    start = time.time()
    pages = load_corpus()
    with Pool() as pool:
        data = pool.map(page_data, pages, chunksize=8)
    train = [d for d in data if d[1] == "dragnet" and split(d[0]) == "train"]
    x = np.array([row for d in train for row in d[3]], dtype=float)
    y = np.array([label for d in train for label in d[4]], dtype=float)
    edges = [
        np.unique(np.quantile(x[:, j], np.linspace(0, 1, BINS + 1)[1:-1]))
        for j in range(x.shape[1])
    ]
    offsets = np.cumsum([0] + [len(e) + 1 for e in edges])
    weights, bias = fit(one_hot(x, edges, offsets), y, args.l2)

    def probabilities(rows: list[list[float]]) -> np.ndarray:
        z = one_hot(np.array(rows, dtype=float), edges, offsets) @ weights + bias
        return 1 / (1 + np.exp(-z))

    print(f"{len(train)} training pages, {len(y)} blocks, {y.mean():.1%} content")
    gold = {p["id"]: p["gold"] for p in pages}
    scored = {d[0]: (d, probabilities(d[3]) if d[3] else np.zeros(0)) for d in data}
    best = max(
        (
            _f1([scored[d[0]] for d in train], gold, decision)[2],
            decision,
        )
        for decision in _grid()
    )[1]
    print(f"decision tuned on the train half: {best}")
    groups = {
        "dragnet train": train,
        "dragnet test": [d for d in data if d[1] == "dragnet" and split(d[0]) == "test"],
        "cleaneval-dev": [d for d in data if d[1] == "cleaneval-dev"],
    }
    for name, group in groups.items():
        precision, recall, f1 = _f1([scored[d[0]] for d in group], gold, best)
        print(
            f"{name:14} pages {len(group):5}  model-only P {precision:.3f} R {recall:.3f} "
            f"F1 {f1:.3f}"
        )
    model = {
        "about": "additive logistic model over binned cleanarticle.features.NAMES; "
        "trained by benchmarks/train_content.py on the Dragnet train half",
        "features": list(NAMES),
        "edges": [[round(float(v), 6) for v in e] for e in edges],
        "weights": [
            [round(float(v), 5) for v in weights[offsets[j] : offsets[j + 1]]]
            for j in range(len(edges))
        ],
        "bias": round(bias, 5),
        "decision": dict(zip(("keep_inside", "keep_outside", "run_cost"), best, strict=False)),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {time.time() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
