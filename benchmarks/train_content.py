"""Train the content model: a logistic regression over binned ``cleanarticle.features``.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/train_content.py  # writes src/cleanarticle/models/content.json

Trains on the Dragnet pages of the "train" half of the fixed split in ``quality.py`` only:
their text dumps, and trafilatura's text of their HTML (already extracted text, which the
filter must leave alone; texts the filter's gate skips are left out of the fit). Prints the
shingle F1 of the model's keep/drop decisions on both halves of both kinds and on
CleanEval-dev, so the split is reported, not assumed.
Each feature is cut into quantile bins and every bin gets its own weight (an additive model:
it can learn that both very short and very long lines are suspect, which a single weight per
feature cannot). The keep/drop thresholds are then tuned on the train half, with the
threshold of a second, small logistic regression on the doc_* features that tells a
whole-page dump from extracted text (below it the filter leaves the text alone).
A block is labelled "content" when most of its 4-gram shingles (or, for a short block, its
whole token sequence) occur in the page's gold text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from benchmarks.quality import CORPUS, load_corpus, split  # noqa: E402
from benchmarks.shingle import precision_recall, shingles, tokens  # noqa: E402
from cleanarticle.features import DOCUMENT, NAMES, document_features  # noqa: E402
from cleanarticle.filters.content import (  # noqa: E402
    _MIN_CHROME,
    before_content,
    decide,
    junk_categories,
    unlabelled_shape,
)

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


Data = tuple[str, str, list[str], list[list[float]], list[int]]


def text_data(page_id: str, kind: str, text: str, gold: str) -> Data:
    doc = before_content().run(text)
    texts = [b.text for b in doc.blocks]
    rows = document_features(texts, junk_categories(doc))
    return page_id, kind, texts, rows, block_labels(texts, gold)


def page_data(page: dict[str, str]) -> list[Data]:
    """The page's text dump, and for Dragnet also trafilatura's text of its HTML: the model
    must learn that already extracted text is mostly article (quality.py's row 5)."""
    import trafilatura

    out = [text_data(page["id"], page["source"], page["text_dump"], page["gold"])]
    if page["source"] == "dragnet":
        extracted = trafilatura.extract(page["html"], include_comments=False) or ""
        out.append(text_data(page["id"], "extracted", extracted, page["gold"]))
    return out


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


def bin_edges(values: np.ndarray) -> np.ndarray:
    """Quantile cut points, each moved halfway up to the next value seen, so a value equal to
    a quantile stays below it: a 0/1 feature that is mostly 0 still gets its own bin for 1
    (a cut at 0.0 itself would put 0 and 1 in the same bin, as bisect_right does)."""
    distinct = np.unique(values)
    cuts = np.unique(np.quantile(values, np.linspace(0, 1, BINS + 1)[1:-1]))
    edges = []
    for cut in cuts:
        above = distinct[distinct > cut]
        if len(above):
            edges.append((cut + above[0]) / 2)
    return np.unique(np.array(edges, dtype=float))


def one_hot(x: np.ndarray, edges: list[np.ndarray], offsets: np.ndarray) -> np.ndarray:
    """Each feature value as a one-hot vector of its quantile bin."""
    out = np.zeros((len(x), int(offsets[-1])))
    for j, e in enumerate(edges):
        out[np.arange(len(x)), offsets[j] + np.searchsorted(e, x[:, j], side="right")] = 1
    return out


def _grid() -> list[tuple[float, float, float]]:
    return [
        (inside, outside, cost)
        for inside in (0.2, 0.25, 0.3, 0.35)
        for outside in (0.7, 0.8, 0.9, 1.01)
        for cost in (0.25, 0.3, 0.35)
    ]


def _gated(rows: list[list[float]]) -> bool:
    """The filter's gate (``content._MIN_CHROME``), on the features: enough non-prose
    blocks that no earlier filter took."""
    junk, prose = NAMES.index("labelled_junk"), NAMES.index("prose")
    return sum(1 for row in rows if not row[junk] and not row[prose]) >= _MIN_CHROME


DOC = [NAMES.index(name) for name in NAMES if name in DOCUMENT]


def _keep(
    rows: list[list[float]], probs: np.ndarray, decision: tuple[float, ...], dump: float = 1.0
) -> np.ndarray:
    """The same decision as ``Content.__call__``: the gates (enough chrome, and ``dump``, the
    text's page-dump probability, at least the threshold in ``decision[3]`` if there is
    one), then ``content.decide`` (a main run, two thresholds, the lift of a page that
    kept little prose)."""
    if not _gated(rows) or (len(decision) > 3 and dump < decision[3]):
        return np.ones(len(probs), dtype=bool)
    junk, prose, words = map(NAMES.index, ("labelled_junk", "prose", "log_words"))
    chosen = decide(
        [float(p) for p in probs], [row[words] for row in rows], [row[prose] for row in rows],
        [not row[junk] for row in rows], (decision[0], decision[1], decision[2]),
    )
    return np.array(chosen.keep, dtype=bool)


def _f1(
    group: list[tuple[Data, np.ndarray, float]],
    gold: dict[str, Counter[tuple[str, ...]]],
    decision: tuple[float, ...],
) -> tuple[float, float, float]:
    """Shingle F1 (benchmarks/shingle.py) of the kept blocks, gold shingles counted once."""
    precision = recall = 0.0
    for (page_id, _, texts, rows, _labels), probs, dump in group:
        keep = _keep(rows, probs, decision, dump) if rows else []
        out = shingles("\n".join(t for t, k in zip(texts, keep, strict=False) if k))
        ref = gold[page_id]
        tp = sum((out & ref).values())
        p, r = precision_recall(tp, sum((out - ref).values()), sum((ref - out).values()))
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
        data = [d for found in pool.map(page_data, pages, chunksize=8) for d in found]
    train = [d for d in data if d[1] in ("dragnet", "extracted") and split(d[0]) == "train"]
    fitted = [d for d in train if _gated(d[3])]
    x = np.array([row for d in fitted for row in d[3]], dtype=float)
    y = np.array([label for d in fitted for label in d[4]], dtype=float)
    edges = [bin_edges(x[:, j]) for j in range(x.shape[1])]
    offsets = np.cumsum([0] + [len(e) + 1 for e in edges])
    weights, bias = fit(one_hot(x, edges, offsets), y, args.l2)

    def probabilities(rows: list[list[float]]) -> np.ndarray:
        z = one_hot(np.array(rows, dtype=float), edges, offsets) @ weights + bias
        return 1 / (1 + np.exp(-z))

    print(f"{len(fitted)} training texts ({len(train)} before the gate), {len(y)} blocks, "
          f"{y.mean():.1%} content")
    gold = {p["id"]: shingles(p["gold"]) for p in pages}
    # Is this text a whole-page dump? A logistic regression on the doc_* features of the
    # fitted texts (dumps against trafilatura's texts); below the tuned threshold the
    # filter leaves the text alone.
    doc_x = np.array([d[3][0] for d in fitted])[:, DOC]
    doc_w, doc_b = fit(doc_x, np.array([d[1] == "dragnet" for d in fitted], dtype=float), 0.1)

    def dump_probability(rows: list[list[float]]) -> float:
        """As ``Content.page_dump``: the text as it came, or its unlabelled blocks."""
        if not rows:
            return 1.0
        shapes = (np.array(rows[0])[DOC], np.array(unlabelled_shape(list(zip(*rows, strict=True)))))
        return float(1 / (1 + np.exp(-(max(shape @ doc_w for shape in shapes) + doc_b))))

    scored = {
        (d[0], d[1]): (d, probabilities(d[3]) if d[3] else np.zeros(0), dump_probability(d[3]))
        for d in data
    }
    best = max(
        (
            _f1([scored[d[0], d[1]] for d in train], gold, decision)[2],
            decision,
        )
        for decision in _grid()
    )[1]
    best = max(
        (_f1([scored[d[0], d[1]] for d in train], gold, (*best, t))[2], (*best, t))
        for t in (0.0, 0.1, 0.2, 0.3, 0.5)
    )[1]
    print(f"decision tuned on the train half: {best}")
    groups = {
        f"{kind} {half}": [d for d in data if d[1] == kind and split(d[0]) == half]
        for kind in ("dragnet", "extracted")
        for half in ("train", "test")
    }
    groups["cleaneval-dev"] = [d for d in data if d[1] == "cleaneval-dev"]
    for name, group in groups.items():
        precision, recall, f1 = _f1([scored[d[0], d[1]] for d in group], gold, best)
        print(
            f"{name:16} pages {len(group):5}  model-only P {precision:.3f} R {recall:.3f} "
            f"F1 {f1:.3f}"
        )
    model = {
        "about": "additive logistic model over binned cleanarticle.features.NAMES; "
        "trained by benchmarks/train_content.py on the Dragnet train half (text dumps and "
        "trafilatura's text of the same pages)",
        "features": list(NAMES),
        "edges": [[round(float(v), 6) for v in e] for e in edges],
        "weights": [
            [round(float(v), 5) for v in weights[offsets[j] : offsets[j + 1]]]
            for j in range(len(edges))
        ],
        "bias": round(bias, 5),
        "decision": dict(
            zip(("keep_inside", "keep_outside", "run_cost", "min_dump"), best, strict=True)
        ),
        "page_dump": {
            "features": [NAMES[j] for j in DOC],
            "weights": [round(float(v), 5) for v in doc_w],
            "bias": round(doc_b, 5),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {time.time() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
