"""Shingle F1: the text-extraction metric of the dev corpus (``../shared/data/README.md``).

It is the metric of the Scrapinghub (Zyte) article-extraction benchmark, kept exact so our
numbers compare with the README's and with published ones:

1. tokens are ``\\w+`` matches (Unicode, case kept);
2. a text is the multiset of its 4-grams of consecutive tokens (fewer than 4 tokens give one
   shorter shingle, no tokens give none);
3. per document, tp/fp/fn are counted on the multisets and divided by their sum, so every
   document weighs the same whatever its length;
4. per-document precision and recall (1 and 1 when there is nothing to get wrong, 0 and 0
   when nothing is right) are averaged over documents separately, and F1 is the harmonic mean
   of the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

TOKEN = re.compile(r"\w+")
N = 4


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def shingles(text: str, n: int = N) -> Counter[tuple[str, ...]]:
    """The multiset of n-grams of ``text``'s tokens."""
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks)


def match(output: str, gold: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one document: they sum to 1 unless both texts are empty."""
    out, ref = shingles(output), shingles(gold)
    tp = sum((out & ref).values())
    fp = sum((out - ref).values())
    fn = sum((ref - out).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def precision_recall(tp: float, fp: float, fn: float) -> tuple[float, float]:
    """One document's precision and recall, with the benchmark's conventions for edge cases."""
    if fp == fn == 0:
        return 1.0, 1.0
    if tp == 0:
        return 0.0, 0.0
    return tp / (tp + fp), tp / (tp + fn)


def score_pair(output: str, gold: str) -> tuple[float, float]:
    """(precision, recall) of one output against its gold text."""
    return precision_recall(*match(output, gold))


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Score:
    """A set of documents: averaged precision and recall, and F1 of the two averages."""

    pages: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @classmethod
    def of(cls, pairs: Iterable[tuple[float, float]]) -> Score:
        """Aggregate per-document (precision, recall) pairs."""
        items = list(pairs)
        if not items:
            return cls(0, 0.0, 0.0)
        return cls(
            len(items),
            sum(p for p, _ in items) / len(items),
            sum(r for _, r in items) / len(items),
        )

    def to_dict(self) -> dict[str, float | int]:
        return {
            "pages": self.pages,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }
