"""Merge the extractors' texts and judge each line by who kept it and what it looks like.

The candidates are merged in page order: trafilatura's lines, with the lines only
readability-lxml kept slotted in after the last line both share (Resiliparse only votes: what
it alone keeps is as often chrome as article). Every merged line then gets a probability of
being article text from a small logistic model (``models/html.json``, trained on the train
halves of the dev corpora by ``benchmarks/train_html.py``): which extractors kept it, its
length and prose shape, the share of it that is link text in the page (a DOM signal: menus
and teaser lists are links), and where it sits. Lines below one half are not deleted but
named in ``Verdict.rejected``; the ``extractors`` filter marks them, so ``Article.removed``
shows each with its probability.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from ..textutil import WORD, is_prose

_GRAM = 4  # shingle size, as the corpus metric
_KEPT = 0.5  # a line is in a candidate when half of its shingles are
_ABSTAIN = 0.1  # a candidate with less than this share of trafilatura's words abstains


def _grams(words: Sequence[str]) -> list[tuple[str, ...]]:
    return list(zip(*(words[i:] for i in range(_GRAM)), strict=False))


class Shingles:
    """Which lines another text contains, judged on ``\\w+`` 4-grams as the metric is."""

    def __init__(self, texts: Iterable[Sequence[str]]) -> None:
        """``texts``: the token lists of the other text's lines (or link texts)."""
        self._grams: set[tuple[str, ...]] = set()
        joined = []
        for words in texts:
            self._grams.update(_grams(words))
            joined.append("\x00".join(words))
        self._joined = "\x00" + "\x00\x00".join(joined) + "\x00"

    def share(self, words: Sequence[str]) -> float:
        """The share of ``words``' shingles found (a short line: 1.0 if found whole)."""
        if len(words) < _GRAM:
            return float(bool(words) and "\x00" + "\x00".join(words) + "\x00" in self._joined)
        grams = _grams(words)
        return sum(g in self._grams for g in grams) / len(grams)


Tokenised = list[tuple[str, list[str]]]  # (line, its \w+ tokens)


def tokenised(text: str) -> Tokenised:
    """The non-blank lines of ``text``, stripped, each with its tokens."""
    return [(line, WORD.findall(line)) for line in map(str.strip, text.splitlines()) if line]


def merge(base: Tokenised, other: Tokenised, inside: Shingles) -> Tokenised:
    """``base``'s lines in order, with ``other``'s lines that ``base`` lacks (``inside`` holds
    ``base``'s shingles) inserted after the base line holding the last line the two share."""
    where: dict[tuple[str, ...], int] = {}
    for i, (_, words) in enumerate(base):
        for gram in _grams(words) or [tuple(words)]:
            where.setdefault(gram, i)
    after: dict[int, Tokenised] = {}
    position = -1
    for line, words in other:
        if not words:
            continue
        if inside.share(words) >= _KEPT:
            found = [where[g] for g in _grams(words) or [tuple(words)] if g in where]
            if found:
                position = max(position, min(found))
            continue
        after.setdefault(position, []).append((line, words))
    merged = list(after.get(-1, ()))
    for i, item in enumerate(base):
        merged.append(item)
        merged.extend(after.get(i, ()))
    return merged


@dataclass(frozen=True, slots=True)
class Verdict:
    """The merged text (a line per paragraph) and the lines the model finds are not article:
    line number (1-based) -> reason."""

    text: str
    rejected: dict[int, str]


FEATURES = (
    "trafilatura", "readability", "resiliparse", "trafilatura_x_readability",
    "trafilatura_x_resiliparse", "readability_x_resiliparse", "all_three",
    "log_words", "prose", "link_share", "position", "short_only_one",
)


def features(words: Sequence[str], line: str, shares: Sequence[float], links: float,
             position: float) -> list[float]:
    """One line's features, in ``FEATURES`` order (``shares``: trafilatura, readability,
    Resiliparse; the last is 0 when Resiliparse is absent)."""
    t, r, s = (float(x >= _KEPT) for x in shares)
    return [
        t, r, s, t * r, t * s, r * s, t * r * s,
        math.log1p(len(words)), float(is_prose(line)), links, position,
        float(len(words) < _GRAM and t + r + s <= 1),
    ]


_NAMES = ("trafilatura", "readability", "resiliparse")


def judge(candidates: dict[str, str], anchors: Iterable[str]) -> Verdict:
    """Merge trafilatura's and readability's text, and judge each line (see the module).

    ``candidates`` holds ``trafilatura`` and ``readability``, and ``resiliparse`` when it is
    installed (the model without it is used otherwise); ``anchors``: the page's link texts.
    """
    candidates = voting(candidates)
    if "readability" not in candidates:  # no second opinion: trafilatura's text as it is
        return Verdict("\n".join(line for line, _ in tokenised(candidates["trafilatura"])), {})
    merged, rows, shares = described(candidates, anchors)
    weights = model("resiliparse" in candidates)
    rejected = {}
    for number, (row, kept) in enumerate(zip(rows, shares, strict=True), start=1):
        z = weights["bias"] + sum(w * x for w, x in zip(weights["weights"], row, strict=True))
        prob = 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))
        if prob < weights["threshold"]:
            kept_by = ", ".join(n for n, x in zip(_NAMES, kept, strict=True) if x >= _KEPT)
            rejected[number] = (f"the extractors' vote: article probability {prob:.2f} "
                                f"(kept by {kept_by or 'none whole'})")
    return Verdict("\n".join(line for line, _ in merged), rejected)


def voting(candidates: dict[str, str]) -> dict[str, str]:
    """The candidates that vote: one with under a tenth of trafilatura's words found no
    article (readability-lxml gives up on some old table layouts, Resiliparse on some
    fragments) and abstains rather than vote every line out (9 of 2,274 pages had been
    emptied so)."""
    least = len(WORD.findall(candidates["trafilatura"])) * _ABSTAIN
    return {name: text for name, text in candidates.items()
            if name == "trafilatura" or len(WORD.findall(text)) >= least}


def described(
    candidates: dict[str, str], anchors: Iterable[str]
) -> tuple[Tokenised, list[list[float]], list[list[float]]]:
    """The merged lines, each line's features and the share of it each candidate holds
    (what ``judge`` decides on, and what ``benchmarks/train_html.py`` trains on)."""
    lines = {n: tokenised(candidates[n]) for n in _NAMES if n in candidates}
    voters = [Shingles(w for _, w in lines[n]) if n in lines else None for n in _NAMES]
    merged = merge(lines["trafilatura"], lines["readability"], voters[0])  # type: ignore[arg-type]
    links = Shingles(WORD.findall(a) for a in anchors)
    rows, shares = [], []
    for number, (line, words) in enumerate(merged, start=1):
        kept = [v.share(words) if v is not None else 0.0 for v in voters]
        rows.append(features(words, line, kept, links.share(words), number / len(merged)))
        shares.append(kept)
    return merged, rows, shares


@lru_cache(maxsize=2)
def model(with_resiliparse: bool) -> dict[str, Any]:
    """The weights for three candidates, or for two when Resiliparse is not installed."""
    data = json.loads((files("cleanarticle") / "models" / "html.json").read_text("utf-8"))
    if data["features"] != list(FEATURES):
        raise ValueError("models/html.json was trained on other features; retrain it")
    return data["three" if with_resiliparse else "two"]  # type: ignore[no-any-return]
