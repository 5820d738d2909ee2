"""Content filter: judges each block by what it looks like and where it sits, and removes the
page chrome that no phrase list names (menus, link lists, footers, teasers, comments).

A small additive logistic model (``models/content.json``, trained on the development corpus
by ``benchmarks/train_content.py``) gives every block a probability of being article text from the
features in ``features.py``. The article is then the run of blocks with the most probable
text in it (maximum-sum subarray); inside it a block needs a modest probability to stay,
outside it a high one. Every removal says the probability and where the block was.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from functools import lru_cache
from importlib.resources import files
from typing import Any

from .. import registry
from ..document import BOILERPLATE, Document
from ..features import NAMES, document_features, main_run
from ..pipeline import DEFAULT_FILTERS, Pipeline
from ..textutil import is_prose

# The model knows whole-page dumps. A text with fewer short, non-prose lines left than this
# (an article with a widget or two, which the phrase filters took) is not one: left alone.
_MIN_CHROME = 8


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    model = json.loads((files("cleanarticle") / "models" / "content.json").read_text("utf-8"))
    if model["features"] != list(NAMES):
        raise ValueError("models/content.json was trained on other features; retrain it")
    return model


def junk_categories(doc: Document) -> list[str | None]:
    """The boilerplate category already given to each block, or None."""
    out: list[str | None] = []
    for block in doc.blocks:
        whole = block.whole
        out.append(whole.category if whole is not None and whole.kind == BOILERPLATE else None)
    return out


def before_content() -> Pipeline:
    """The default filters that run before this one (the model is trained on their labels)."""
    names = list(DEFAULT_FILTERS)
    return Pipeline.from_names(names[: names.index("content")])


class Content:
    name = "content"
    category = "page_chrome"

    def __init__(self) -> None:
        model = load_model()
        self.edges, self.weights, self.bias = model["edges"], model["weights"], model["bias"]
        decision = model["decision"]
        self.keep_inside = decision["keep_inside"]
        self.keep_outside = decision["keep_outside"]
        self.run_cost = decision["run_cost"]

    def __call__(self, doc: Document) -> None:
        blocks = doc.blocks
        if sum(1 for b in doc.free() if not is_prose(b.text)) < _MIN_CHROME:
            return
        rows = document_features([b.text for b in blocks], junk_categories(doc))
        probs = [self.probability(row) for row in rows]
        start, end = self.main_run(probs, rows)
        for i, block in enumerate(blocks):
            if not block.is_free:
                continue
            inside = start <= i < end
            if probs[i] >= (self.keep_inside if inside else self.keep_outside):
                continue
            where = "inside" if inside else "outside"
            doc.mark(
                block,
                self.category,
                f"looks like page chrome: content probability "
                f"{probs[i]:.2f}, {where} the main text (blocks {start + 1}-{end})",
            )

    def probability(self, row: list[float]) -> float:
        """Each feature's value falls in a bin, and each bin has its own weight."""
        z = self.bias + sum(
            w[bisect_right(e, x)] for e, w, x in zip(self.edges, self.weights, row, strict=False)
        )
        return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))

    def main_run(self, probs: list[float], rows: list[list[float]]) -> tuple[int, int]:
        """The run of blocks whose (probability - cost) * words adds up highest."""
        return main_run(
            [
                (p - self.run_cost) * max(math.expm1(row[0]), 1.0)
                for p, row in zip(probs, rows, strict=True)
            ]
        )


registry.register(Content.name, Content)
