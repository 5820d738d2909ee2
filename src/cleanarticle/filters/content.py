"""Content filter: judges each block by what it looks like and where it sits, and removes the
page chrome that no phrase list names (menus, link lists, footers, teasers, comments).

A small additive logistic model (``models/content.json``, trained on the development corpus
by ``benchmarks/train_content.py``) gives every block a probability of being article text from the
features in ``features.py``. The article is then the run of blocks with the most probable
text in it (maximum-sum subarray); inside it a block needs a modest probability to stay,
outside it a high one. Every removal says the probability and where the block was.
Text that is not a whole-page dump (already extracted article text: few runs of short lines,
nothing much before the first paragraph) is left alone: a second small logistic model in the
same file judges that from the whole-document features, of the text as it came and of the
blocks no earlier filter labelled (what a second cleaning sees).
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from itertools import repeat
from operator import add, itemgetter, mul
from typing import Any

from .. import registry
from ..document import BOILERPLATE, Document
from ..features import (
    DOCUMENT,
    FLAGS,
    NAMES,
    PAGE_SHAPE,
    UNREPEATED,
    document_columns,
    main_run,
    page_shape,
)
from ..pipeline import DEFAULT_FILTERS, Pipeline
from ..textutil import is_prose

# The model knows whole-page dumps. A text with fewer short, non-prose lines left than this
# (an article with a widget or two, which the phrase filters took) is not one: left alone.
_MIN_CHROME = 8
# Bin lookups remembered per feature; a table is emptied when it reaches this size, so a
# continuous feature cannot grow it without bound over a large corpus.
_MAX_REMEMBERED = 4096


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    model = json.loads((files("cleanarticle") / "models" / "content.json").read_text("utf-8"))
    shape = [f"doc_{name}" for name in PAGE_SHAPE]
    if model["features"] != list(NAMES) or model["page_dump"]["features"] != shape:
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


class _Bins(dict[float, float]):
    """The weight of the bin a feature value falls in, found once per distinct value."""

    def __init__(self, edges: list[float], weights: list[float]) -> None:
        super().__init__()
        self.edges, self.weights = edges, weights

    def __missing__(self, value: float) -> float:
        if len(self) >= _MAX_REMEMBERED:
            self.clear()
        weight = self[value] = self.weights[bisect_right(self.edges, value)]
        return weight


class _Flags(dict[tuple[float, ...], float]):
    """The summed weight of a combination of 0/1 features, found once per combination: one
    lookup per block instead of one per feature."""

    def __init__(self, bins: list[_Bins]) -> None:
        super().__init__()
        self.bins = bins

    def __missing__(self, values: tuple[float, ...]) -> float:
        if len(self) >= _MAX_REMEMBERED:
            self.clear()
        weight = self[values] = sum(map(_Bins.__getitem__, self.bins, values))
        return weight


class Content:
    name = "content"
    category = "page_chrome"

    def __init__(self) -> None:
        model = load_model()
        self.edges, self.weights, self.bias = model["edges"], model["weights"], model["bias"]
        # A feature whose bins all weigh 0 adds nothing to any score: not looked up.
        used = [
            (j, _Bins(e, w)) for j, (e, w) in enumerate(zip(self.edges, self.weights, strict=True))
            if any(w)
        ]
        self.bins = [
            (j, bins) for j, bins in used if NAMES[j] not in FLAGS | DOCUMENT | UNREPEATED
        ]
        self.bisected = [(j, bins) for j, bins in used if NAMES[j] in UNREPEATED]
        self.document_bins = [(j, bins) for j, bins in used if NAMES[j] in DOCUMENT]
        self.flag_columns = [j for j, _ in used if NAMES[j] in FLAGS]
        self.flags = _Flags([bins for j, bins in used if NAMES[j] in FLAGS])
        decision = model["decision"]
        self.keep_inside = decision["keep_inside"]
        self.keep_outside = decision["keep_outside"]
        self.run_cost = decision["run_cost"]
        # Is the text a whole-page dump at all? Already extracted text is left alone.
        dump = model["page_dump"]
        self.min_dump = decision["min_dump"]
        self.dump_weights = dump["weights"]
        self.dump_columns = [NAMES.index(name) for name in dump["features"]]
        self.dump_bias = dump["bias"]

    def __call__(self, doc: Document) -> None:
        blocks = doc.blocks
        if not _enough_chrome(doc):
            return
        columns = document_columns([b.text for b in blocks], junk_categories(doc))
        if self.page_dump(columns) < self.min_dump:
            return
        # Marking a block frees no other: which blocks are free is known up front.
        free_ids = set(map(id, doc.free()))
        free = [id(b) in free_ids for b in blocks]
        probs = self.probabilities(columns)
        decision = self.decide(probs, columns[_LOG_WORDS], columns[_PROSE], free)
        start, end = decision.run
        blocks_run = f"the main text (blocks {start + 1}-{end})"
        tail = {True: f", inside {blocks_run}", False: f", outside {blocks_run}"}
        lifted = (f"; lifted {decision.lift:+.1f} (the page kept little prose)"
                  if decision.lift else "")
        for i, (block, prob) in enumerate(zip(blocks, decision.probs, strict=True)):
            if decision.keep[i] or not free[i]:
                continue
            inside = start <= i < end
            reason = f"looks like page chrome: content probability {prob:.2f}{lifted}{tail[inside]}"
            doc.mark(block, self.category, reason)

    def decide(
        self, probs: list[float], log_words: Sequence[float], prose: Sequence[float],
        free: Sequence[bool],
    ) -> Decision:
        return decide(probs, log_words, prose, free,
                      (self.keep_inside, self.keep_outside, self.run_cost))

    def page_dump(self, columns: Sequence[list[float]]) -> float:
        """How likely the text is a whole-page dump (menus, link lists and all) rather than
        extracted article text, from its shape as it came and from the shape of the blocks no
        earlier filter labelled, whichever looks more like a dump. The second is the text a
        second cleaning sees: a text the first pass left alone is not a dump the next time."""
        whole = [columns[j][0] for j in self.dump_columns]
        z = self.dump_bias + max(
            sum(map(mul, self.dump_weights, whole)),
            sum(map(mul, self.dump_weights, unlabelled_shape(columns))),
        )
        return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))

    def probabilities(self, columns: Sequence[list[float]]) -> list[float]:
        """Each feature's value falls in a bin, and each bin has its own weight: the score of
        every block is the bias plus its bins' weights, summed a column at a time (the 0/1
        features in one lookup, the whole-document ones once)."""
        if not columns[0]:
            return []
        weights = [_lookup(bins, columns[j]) for j, bins in self.bins]
        weights += [
            _lookup(bins.weights, list(map(bisect_right, repeat(bins.edges), columns[j])))
            for j, bins in self.bisected
        ]
        if self.flag_columns:
            flags = zip(*(columns[j] for j in self.flag_columns), strict=True)
            weights.append(_lookup(self.flags, list(flags)))
        bias = self.bias + sum(bins[columns[j][0]] for j, bins in self.document_bins)
        return [
            1 / (1 + math.exp(-(30.0 if z > 30.0 else -30.0 if z < -30.0 else z)))
            for z in map(add, repeat(bias), map(sum, zip(*weights, strict=True)))
        ]

def _lookup(table: Any, keys: list[Any]) -> Sequence[float]:
    """``[table[k] for k in keys]``, the lookups done by one C call (``itemgetter``)."""
    if len(keys) == 1:
        return [table[keys[0]]]
    return itemgetter(*keys)(table)  # type: ignore[no-any-return]


_LOG_WORDS, _PROSE, _JUNK = map(NAMES.index, ("log_words", "prose", "labelled_junk"))
# A page whose kept text holds less prose than this share of its largest run of free prose
# kept too little: the model's probabilities are low all over it (a long menu, an odd
# layout, a long report with lists between its sections), so they are lifted until its
# most article-like prose block reaches _LIFT_TO, and the page is decided again.
_LITTLE = 0.5
_LIFT_TO = 0.9
_LIFT_GAP = 10  # non-prose blocks (headings, lists, a table) a run of prose may span


@dataclass(frozen=True, slots=True)
class Decision:
    """Which blocks stay, the main run, and the probabilities the choice was made with
    (``lift``: what was added to their log-odds, 0 when the model's own were used)."""

    keep: list[bool]
    run: tuple[int, int]
    probs: list[float]
    lift: float = 0.0


def decide(
    probs: list[float], log_words: Sequence[float], prose: Sequence[float],
    free: Sequence[bool], thresholds: tuple[float, float, float],
) -> Decision:
    """Keep a block inside the main run (the run of blocks whose (probability - cost) *
    words adds up highest) when its probability reaches the inside threshold, outside it
    when it reaches the outside one. When that keeps little of the page's prose, decide
    again with lifted probabilities: a page is not judged to hold no article because its
    model scores are low everywhere."""
    first = _decide(probs, log_words, thresholds)
    words = [max(math.expm1(lw), 1.0) if p and f else 0.0
             for lw, p, f in zip(log_words, prose, free, strict=True)]
    kept = sum(w for w, k in zip(words, first.keep, strict=True) if k)
    if kept >= _LITTLE * _largest_run(words, prose):
        return first
    best = max((p for p, w in zip(probs, words, strict=True) if w), default=1.0)
    lift = _logit(_LIFT_TO) - _logit(best)
    if lift <= 0:
        return first
    lifted = [_sigmoid(_logit(p) + lift) for p in probs]
    second = _decide(lifted, log_words, thresholds)
    return Decision(second.keep, second.run, lifted, lift)


def _decide(
    probs: list[float], log_words: Sequence[float], thresholds: tuple[float, float, float]
) -> Decision:
    inside_t, outside_t, cost = thresholds
    start, end = main_run(
        [(p - cost) * max(math.expm1(lw), 1.0) for p, lw in zip(probs, log_words, strict=True)]
    )
    keep = [p >= (inside_t if start <= i < end else outside_t) for i, p in enumerate(probs)]
    return Decision(keep, (start, end), probs)


def _largest_run(words: Sequence[float], prose: Sequence[float]) -> float:
    """Words of the largest run of free prose, its blocks at most ``_LIFT_GAP`` other
    blocks apart."""
    best = total = 0.0
    gap = 0
    for w, p in zip(words, prose, strict=True):
        if w:
            total, gap = total + w, 0
        elif not p:
            gap += 1
            if gap > _LIFT_GAP:
                total, gap = 0.0, 0
        best = max(best, total)
    return best


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


def unlabelled_shape(columns: Sequence[Sequence[float]]) -> tuple[float, ...]:
    """``page_shape`` of the blocks no earlier filter labelled, from a document's columns."""
    kept = [i for i, junk in enumerate(columns[_JUNK]) if not junk]
    prose, log_words = columns[_PROSE], columns[_LOG_WORDS]
    return page_shape([prose[i] for i in kept], [round(math.expm1(log_words[i])) for i in kept])


def _enough_chrome(doc: Document) -> bool:
    """At least ``_MIN_CHROME`` free blocks that are not prose, and some prose: with no
    prose at all there is no article to find among the chrome (and judging such a text
    would change once its labelled lines are gone: cleaning twice must change nothing)."""
    count = 0
    prose = False
    for block in doc.free():
        if is_prose(block.text):
            prose = True
        else:
            count += 1
        if prose and count >= _MIN_CHROME:
            return True
    return False


registry.register(Content.name, Content)
