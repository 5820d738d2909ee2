"""What a block looks like and where it sits, as numbers: the input of the content model.

Whole-page text dumps are mostly menus, link lists, footers and teasers that no phrase list
names. These features describe a block by its shape (length, stop words, sentence
punctuation, capitals, digits, separators) and by its neighbourhood (the blocks around it,
its distance from the densest run of prose), in the spirit of jusText and BTE.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

import regex

from .phrasebook import available_languages, words_of
from .textutil import WORD

_SENTENCE_END = regex.compile(r"[.!?…。][\"'”’»)\]]*$")
_SEPARATORS = regex.compile(r"\s[|•·»›/]\s|\s[|]|[|]\s")
_SENTENCE_BREAK = regex.compile(r"[.!?…][\"'”’»)\]]*\s+\p{Lu}")
_URLISH = regex.compile(r"https?://|www\.|@\w|\.(?:com|org|net)\b", regex.IGNORECASE)
_DATEISH = regex.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b")

SHAPE = (
    "log_words",
    "log_chars",
    "short",  # 1-3 words
    "ends_sentence",
    "stopword_share",
    "capitalised_share",
    "upper_share",
    "digit_share",
    "punct_share",
    "separators",
    "log_sentences",
    "mean_word_len",
    "urlish",
    "dateish",
    "comma_share",
    "prose",
)
CONTEXT = ("log_words", "ends_sentence", "stopword_share", "prose")
NAMES = (
    *SHAPE,
    *(f"{side}{d}_{name}" for d in (1, 2) for side in ("prev", "next") for name in CONTEXT),
    "window_prose",
    "window_words",
    "in_main_run",
    "before_main_run",
    "after_main_run",
    "run_distance",
    "run_share",
    "in_largest_run",
    "position",
    "position_sq",
    "labelled_junk",
    "comments_above",
    "repeated",
    "meta_line",
    "metas_above",
    "prefix_repeats",
    # Interactions the additive model cannot form itself: prose is only article text where
    # it sits in the main run and before the readers' comments start.
    "prose_x_after_main",
    "prose_x_metas_above",
    "prose_x_comments_above",
    "short_x_in_main",
)
# A short line with a date or time and no sentence ending: "Posted by: Jo | May 5, 2012 at 5:41
# AM". One above the text is the byline; a string of them means readers' comments below.
_META_MAX_WORDS = 25
_MAX_METAS = 5
_RUN_GAP = 3  # non-prose blocks a run of prose may skip over (a caption, an ad line)


@cache
def stopwords() -> frozenset[str]:
    return frozenset(w.casefold() for w in words_of("stopwords", "words", available_languages()))


def shape(text: str, stop: frozenset[str]) -> list[float]:
    """Features of one block on its own."""
    words = WORD.findall(text)
    n = len(words)
    chars = len(text) or 1
    letters = sum(1 for c in text if c.isalpha()) or 1
    digits = sum(1 for c in text if c.isdigit())
    punct = sum(1 for c in text if not c.isalnum() and not c.isspace())
    ends = 1.0 if _SENTENCE_END.search(text) else 0.0
    stop_share = sum(1 for w in words if w.casefold() in stop) / n if n else 0.0
    caps = sum(1 for w in words if w[0].isupper()) / n if n else 0.0
    upper = sum(1 for c in text if c.isupper()) / letters
    prose = 1.0 if (n >= 8 and ends) or n >= 40 else 0.0
    return [
        math.log1p(n),
        math.log1p(chars),
        1.0 if 0 < n <= 3 else 0.0,
        ends,
        stop_share,
        caps,
        upper,
        digits / chars,
        punct / chars,
        min(len(_SEPARATORS.findall(text)), 5) / 5,
        math.log1p(len(_SENTENCE_BREAK.findall(text))),
        (sum(len(w) for w in words) / n / 10) if n else 0.0,
        1.0 if _URLISH.search(text) else 0.0,
        1.0 if _DATEISH.search(text) else 0.0,
        text.count(",") / max(n, 1),
        prose,
    ]


def main_run(values: Sequence[float]) -> tuple[int, int]:
    """The run of blocks whose values add up highest, as [start, end) (maximum-sum subarray,
    as in Body Text Extraction): here prose words against a cost per other block; in the
    content filter, probability-weighted words."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, value in enumerate(values):
        if total <= 0:
            total, start = 0.0, i
        total += value
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def document_features(texts: Sequence[str], junk: Sequence[str | None]) -> list[list[float]]:
    """One feature row per block, in ``NAMES`` order. ``junk[i]`` is the category an earlier
    filter gave block ``i`` (None if none): a "comments" line above is a strong hint that the
    prose below is readers' comments, not the article."""
    stop = stopwords()
    shapes = [shape(t, stop) for t in texts]
    n = len(texts)
    ctx_index = [SHAPE.index(name) for name in CONTEXT]
    empty = [0.0] * len(CONTEXT)
    prose = [s[SHAPE.index("prose")] for s in shapes]
    words = [math.expm1(s[0]) for s in shapes]
    prose_words = [w if p else 0.0 for w, p in zip(words, prose, strict=False)]
    run_start, run_end = main_run([w if p else -8.0 for w, p in zip(words, prose, strict=False)])
    runs = _runs(prose, prose_words)
    total = sum(prose_words) or 1.0
    largest = max((r[2] for r in runs), default=0.0)
    run_of = [0.0] * n
    for start, end, size in runs:
        for i in range(start, end):
            run_of[i] = size
    seen: dict[str, int] = {}
    for t in texts:
        key = t.casefold()
        seen[key] = seen.get(key, 0) + 1
    meta = [
        1.0 if s[0] <= math.log1p(_META_MAX_WORDS) and s[SHAPE.index("dateish")] and not s[3]
        else 0.0
        for s in shapes
    ]
    prefixes: dict[str, int] = {}
    firsts = [" ".join(t.casefold().split()[:2]) for t in texts]
    for f in firsts:
        prefixes[f] = prefixes.get(f, 0) + 1
    comments_above = 0.0
    metas_above = 0.0
    rows = []
    for i, own in enumerate(shapes):
        row = list(own)
        for d in (1, 2):
            for j in (i - d, i + d):
                row.extend([shapes[j][k] for k in ctx_index] if 0 <= j < n else empty)
        lo, hi = max(0, i - 5), i + 6
        window = prose[lo:hi]
        row.append(sum(window) / len(window))
        row.append(math.log1p(sum(prose_words[lo:hi])))
        inside = run_start <= i < run_end
        row.append(1.0 if inside else 0.0)
        row.append(1.0 if i < run_start else 0.0)
        row.append(1.0 if i >= run_end else 0.0)
        distance = 0 if inside else (run_start - i if i < run_start else i - run_end + 1)
        row.append(min(distance, 50) / 50)
        row.append(run_of[i] / total)
        row.append(1.0 if run_of[i] and run_of[i] == largest else 0.0)
        row.append(i / n)
        row.append((i / n) ** 2)
        row.append(1.0 if junk[i] else 0.0)
        row.append(comments_above)
        row.append(1.0 if seen[texts[i].casefold()] > 1 else 0.0)
        row.append(meta[i])
        row.append(min(metas_above, _MAX_METAS) / _MAX_METAS)
        row.append(min(prefixes[firsts[i]] - 1, 5) / 5)
        after = 1.0 if i >= run_end else 0.0
        row.append(prose[i] * after)
        row.append(prose[i] * min(metas_above, _MAX_METAS) / _MAX_METAS)
        row.append(prose[i] * comments_above)
        row.append(own[2] * (1.0 if inside else 0.0))
        if junk[i] == "comments":
            comments_above = 1.0
        metas_above += meta[i]
        rows.append(row)
    return rows


def _runs(prose: Sequence[float], prose_words: Sequence[float]) -> list[tuple[int, int, float]]:
    """Runs of prose blocks, allowing short gaps: (start, end, prose words in the run)."""
    runs = []
    start = end = -1
    size = 0.0
    for i, is_prose in enumerate(prose):
        if not is_prose:
            continue
        if start >= 0 and i - end <= _RUN_GAP:
            end, size = i + 1, size + prose_words[i]
        else:
            if start >= 0:
                runs.append((start, end, size))
            start, end, size = i, i + 1, prose_words[i]
    if start >= 0:
        runs.append((start, end, size))
    return runs
