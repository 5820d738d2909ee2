"""What a block looks like and where it sits, as numbers: the input of the content model.

Whole-page text dumps are mostly menus, link lists, footers and teasers that no phrase list
names. These features describe a block by its shape (length, stop words, sentence
punctuation, capitals, digits, separators) and by its neighbourhood (the blocks around it,
its distance from the densest run of prose), in the spirit of jusText and BTE.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import cache
from itertools import accumulate, compress, repeat
from operator import add, itemgetter, mul, sub, truediv
from typing import Any, AnyStr

import regex

from .phrasebook import available_languages, words_of
from .textutil import COUNTED_WORD, DATEISH, WORD

_SENTENCE_ENDERS = ".!?…。！？"
_CLOSERS = "\"'”’»)]」』）"  # may follow the sentence's last mark: `He said "no."`
_ENDERS = frozenset(_SENTENCE_ENDERS)
_SEPARATORS = regex.compile(r"\s[|•·»›/]\s|\s[|]|[|]\s")
_SENTENCE_BREAK = regex.compile(r"[.!?…][\"'”’»)\]]*\s+\p{Lu}")
_URLISH = regex.compile(r"https?://|www\.|@\w|\.(?:com|org|net)\b", regex.IGNORECASE)

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
    # Where the headline is: a short block that repeats one of the page's first lines (the
    # <title> of a dump, "Headline | Site"); the article starts right below it.
    "headline_echo",
    "after_headline",
    "near_headline",
    # The document as a whole, the same for all its blocks: a whole-page dump has long runs
    # of short lines (menus, link lists) around its text; already extracted text has few.
    "doc_blocks",
    "doc_chrome_share",
    "doc_lead",
    "doc_trail",
    "doc_short_run",
)
# Features whose values hardly ever repeat (one per block): bisected, not remembered.
UNREPEATED = frozenset({"position", "position_sq"})
# Features that are the same for every block of a document: scored once per document.
DOCUMENT = frozenset(name for name in NAMES if name.startswith("doc_"))
# Features that are 0.0 or 1.0 only: the content model scores them together.
FLAGS = frozenset({
    "short", "ends_sentence", "urlish", "dateish", "prose",
    *(f"{side}{d}_{name}" for d in (1, 2) for side in ("prev", "next")
      for name in ("ends_sentence", "prose")),
    "in_main_run", "before_main_run", "after_main_run", "in_largest_run", "labelled_junk",
    "comments_above", "repeated", "meta_line", "prose_x_after_main", "prose_x_comments_above",
    "short_x_in_main", "headline_echo", "after_headline", "near_headline",
})
# A short line with a date or time and no sentence ending: "Posted by: Jo | May 5, 2012 at 5:41
# AM". One above the text is the byline; a string of them means readers' comments below.
_META_MAX_WORDS = 25
_MAX_METAS = 5
_RUN_GAP = 3  # non-prose blocks a run of prose may skip over (a caption, an ad line)
_TOP = 3  # the first blocks, where a dump has the page title
_ECHO_WORDS = (3, 30)  # a headline's length in words
_NEAR = 3  # blocks below the headline that count as right below it
_ECHO_SHARE = 0.7  # of a headline's words that must open one of the first blocks
_SHORT_WORDS = 4  # a menu item or a link is at most this long


@cache
def stopwords() -> frozenset[str]:
    return frozenset(w.casefold() for w in words_of("stopwords", "words", available_languages()))


# Character classes of ASCII text, counted in C: the bytes a class does NOT contain are
# deleted and what is left is counted. Built from the str methods and from WORD itself, so
# they agree with them; the block separator (NUL) is never deleted.
def _not(test: str) -> bytes:
    return bytes(c for c in range(1, 256) if c >= 128 or not getattr(chr(c), test)())


_NOT_ALPHA, _NOT_DIGIT, _NOT_UPPER = _not("isalpha"), _not("isdigit"), _not("isupper")
_NOT_PUNCT = bytes(c for c in range(128) if chr(c).isalnum() or chr(c).isspace())
# ASCII word characters stay, every other byte (but NUL) becomes a space: then split. And
# the same with every upper-case letter as "U" and every other word character as "w".
_WORD_BYTES = bytes(c if c == 0 or WORD.fullmatch(chr(c)) else 32 for c in range(256))
_CAPS_BYTES = bytes(
    c if c == 0 else 32 if not WORD.fullmatch(chr(c)) else 85 if chr(c).isupper() else 119
    for c in range(256)
)


@cache
def _word_char(char: str) -> bool:
    """A letter or digit for ``WORD`` or ``DATEISH`` (a non-ASCII one would be a "?")."""
    return WORD.fullmatch(char) is not None
_ASCII_RUN = re.compile("[\x00-\x7f]+")
_FIRST = itemgetter(0)
_FIRST_BYTE = itemgetter(slice(0, 1))
_FIRST_TWO = itemgetter(slice(0, 2))
_LAST = itemgetter(slice(-1, None))
_SEPARATOR_CHARS = "|•·»›/"  # every _SEPARATORS match has one
_URL_NEEDLES = (b"://", b"www.", b"@", b".com", b".org", b".net")  # every _URLISH match, one
_SEP = "\x00"  # joins a document's blocks: no pattern here matches it


def _ends_sentence(text: str) -> bool:
    """``[.!?…。]`` then closing quotes or brackets at the end (before a final newline)."""
    if text.endswith("\n"):
        text = text[:-1]
    text = text.rstrip(_CLOSERS)
    return bool(text) and text[-1] in _SENTENCE_ENDERS


def shape(text: str, stop: frozenset[str]) -> tuple[float, ...]:
    """Features of one block on its own (``SHAPE`` order): the definition of each feature.
    ``document_columns`` computes the same numbers for all blocks at once."""
    words = COUNTED_WORD.findall(text)  # a Chinese or Japanese character is a word
    n = len(words)
    chars = len(text) or 1
    letters = sum(map(str.isalpha, text))
    digits = sum(map(str.isdigit, text))
    upper = sum(map(str.isupper, text))
    punct = len(text) - sum(map(str.isalnum, text)) - sum(map(str.isspace, text))
    ends = 1.0 if _ends_sentence(text) else 0.0
    if n:
        stop_share = sum(w.casefold() in stop for w in words) / n
        caps = sum(w[0].isupper() for w in words) / n
        mean_len = sum(map(len, words)) / n / 10
    else:
        stop_share = caps = mean_len = 0.0
    return (
        math.log1p(n),
        math.log1p(chars),
        1.0 if 0 < n <= 3 else 0.0,
        ends,
        stop_share,
        caps,
        upper / (letters or 1),
        digits / chars,
        punct / chars,
        min(len(_SEPARATORS.findall(text)), 5) / 5,
        math.log1p(len(_SENTENCE_BREAK.findall(text))),
        mean_len,
        1.0 if _URLISH.search(text) else 0.0,
        1.0 if DATEISH.search(text) else 0.0,
        text.count(",") / max(n, 1),
        1.0 if (n >= 8 and ends) or n >= 40 else 0.0,
    )


def _split(data: Any, count: int) -> list[Any]:
    """``count`` blocks joined by NUL (str or bytes), apart again."""
    if count == 0:
        return []
    if count == 1:
        return [data]
    return data.split(b"\0" if isinstance(data, bytes) else _SEP)


def _blocks_with(text: AnyStr, starts: list[int], needles: Sequence[AnyStr]) -> set[int]:
    """Indices of the blocks (starting at ``starts`` in ``text``) holding any needle."""
    found: set[int] = set()
    for needle in needles:
        pos = text.find(needle)
        while pos >= 0:
            block = bisect_right(starts, pos) - 1
            found.add(block)
            if block + 1 >= len(starts):
                break
            pos = text.find(needle, starts[block + 1])
    return found


def _starts(texts: Sequence[str]) -> list[int]:
    """Where each block begins in ``_SEP.join(texts)``."""
    return [0, *accumulate(map(add, map(len, texts[:-1]), repeat(1)))]


def _shape_columns(texts: list[str], stop: frozenset[str]) -> list[list[float]]:
    """``shape`` of every block, as ``SHAPE`` columns, computed a document at a time: the
    blocks are joined, their other characters replaced by "?" (one byte each, so offsets
    hold), and counted by C loops (bytes.translate, split, count), with a regex search
    only in the blocks where a cheap test says a pattern can match. A block with a letter
    or digit outside ASCII is tokenised by ``COUNTED_WORD`` instead (each Chinese or
    Japanese character a word)."""
    n = len(texts)
    joined = _SEP.join(texts)
    if joined.count(_SEP) != n - 1 or "\n" in joined:
        return [list(c) for c in zip(*(shape(t, stop) for t in texts), strict=True)]
    data = joined.encode("ascii", "replace")
    lowered = data.lower()
    starts = _starts(texts)
    others = [i for i, t in enumerate(texts) if not t.isascii()]
    extras = [_ASCII_RUN.sub("", texts[i]) for i in others]
    exotic = [i for i, extra in zip(others, extras, strict=True) if any(map(_word_char, extra))]

    # Words, from the bytes: non-word bytes become spaces; "U" marks an upper-case letter.
    words = list(map(bytes.split, _split(lowered.translate(_WORD_BYTES), n)))
    marked = _split(data.translate(_CAPS_BYTES), n)
    n_words = list(map(len, words))
    n_stop = list(map(sum, map(map, repeat(_stop_bytes(stop).__contains__), words)))
    n_caps = list(map(add, map(bytes.count, marked, repeat(b" U")),
                      map(bytes.startswith, marked, repeat(b"U"))))
    word_chars = list(map(sub, map(len, marked), map(bytes.count, marked, repeat(b" "))))
    for i in exotic:  # a "?" split a word or stands for a digit: the regex, as in shape()
        found = COUNTED_WORD.findall(texts[i])
        n_words[i] = len(found)
        n_stop[i] = sum(w.casefold() in stop for w in found)
        n_caps[i] = sum(w[0].isupper() for w in found)
        word_chars[i] = sum(map(len, found))

    # Character classes: ASCII in C ("?" stands for each other character), then the others.
    letters, digits, upper, punct = (
        list(map(len, _split(data.translate(None, table), n)))
        for table in (_NOT_ALPHA, _NOT_DIGIT, _NOT_UPPER, _NOT_PUNCT)
    )
    for i, extra in zip(others, extras, strict=True):
        letters[i] += sum(map(str.isalpha, extra))
        digits[i] += sum(map(str.isdigit, extra))
        upper[i] += sum(map(str.isupper, extra))
        punct[i] -= sum(map(str.isalnum, extra)) + sum(map(str.isspace, extra))

    # Patterns: one scan of the document, or a search in the blocks that can match.
    breaks = [0] * n
    for m in _SENTENCE_BREAK.finditer(joined):
        breaks[bisect_right(starts, m.start()) - 1] += 1
    separators = [0] * n
    for i in _blocks_with(joined, starts, _SEPARATOR_CHARS):
        separators[i] = min(len(_SEPARATORS.findall(texts[i])), 5)
    urlish = [0.0] * n
    for i in _blocks_with(lowered, starts, _URL_NEEDLES):
        urlish[i] = 1.0 if _URLISH.search(texts[i]) else 0.0
    dateish = [0.0] * n
    for i in {*compress(range(n), digits), *exotic}:
        dateish[i] = 1.0 if DATEISH.search(texts[i]) else 0.0

    lengths = list(map(len, texts))
    ends = [
        1.0 if e else 0.0
        for e in map(_ENDERS.__contains__, map(_LAST, map(str.rstrip, texts, repeat(_CLOSERS))))
    ]
    return [
        list(map(math.log1p, n_words)),
        [math.log1p(c or 1) for c in lengths],
        [1.0 if 0 < k <= 3 else 0.0 for k in n_words],
        ends,
        [s / k if k else 0.0 for s, k in zip(n_stop, n_words, strict=True)],
        [c / k if k else 0.0 for c, k in zip(n_caps, n_words, strict=True)],
        [u / (a or 1) for u, a in zip(upper, letters, strict=True)],
        [d / (c or 1) for d, c in zip(digits, lengths, strict=True)],
        [p / (c or 1) for p, c in zip(punct, lengths, strict=True)],
        [s / 5 for s in separators],
        list(map(math.log1p, breaks)),
        [c / k / 10 if k else 0.0 for c, k in zip(word_chars, n_words, strict=True)],
        urlish,
        dateish,
        [c / (k or 1) for c, k in zip(map(str.count, texts, repeat(",")), n_words, strict=True)],
        [1.0 if (k >= 8 and e) or k >= 40 else 0.0 for k, e in zip(n_words, ends, strict=True)],
    ]


@cache
def _stop_bytes(stop: frozenset[str]) -> frozenset[bytes]:
    return frozenset(w.encode("ascii") for w in stop if w.isascii())


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


def _shifted(column: list[float], d: int) -> tuple[list[float], list[float]]:
    """The column as seen ``d`` blocks up and ``d`` blocks down (0 past either end)."""
    n = len(column)
    pad = [0.0] * min(d, n)
    return pad + column[: max(n - d, 0)], column[d:] + pad


def document_columns(texts: Sequence[str], junk: Sequence[str | None]) -> list[list[float]]:
    """The features of every block, one column per name of ``NAMES``: computed a column at a
    time, so a document costs a few passes in C rather than a Python loop per feature.
    ``junk[i]`` is the category an earlier filter gave block ``i`` (None if none): a
    "comments" line above is a strong hint that the prose below is readers' comments."""
    stop = stopwords()
    n = len(texts)
    if n == 0:
        return [[] for _ in NAMES]
    own = _shape_columns(list(texts), stop)
    columns = list(own)
    by_name = dict(zip(SHAPE, own, strict=True))
    for d in (1, 2):
        shifted = [_shifted(by_name[name], d) for name in CONTEXT]
        columns += [up for up, _ in shifted] + [down for _, down in shifted]
    prose = by_name["prose"]
    words = list(map(math.expm1, by_name["log_words"]))
    prose_words = list(map(mul, words, prose))
    run_start, run_end = main_run([w if p else -8.0 for w, p in zip(words, prose, strict=True)])
    runs = _runs(prose, prose_words)
    total = sum(prose_words) or 1.0
    largest = max((r[2] for r in runs), default=0.0)
    run_of = [0.0] * n
    for start, end, size in runs:
        run_of[start:end] = [size] * (end - start)
    keys = list(map(str.casefold, texts))
    firsts = list(map(" ".join, map(_FIRST_TWO, map(str.split, keys, repeat(None), repeat(2)))))
    seen, prefixes = Counter(keys), Counter(firsts)
    short_meta = math.log1p(_META_MAX_WORDS)
    meta = [
        1.0 if lw <= short_meta and date and not end else 0.0
        for lw, date, end in zip(
            by_name["log_words"], by_name["dateish"], by_name["ends_sentence"], strict=True
        )
    ]
    # Windows of 11 blocks around each: sums as differences of running totals (exact: the
    # prose flags and word counts are whole numbers).
    los = [0] * min(6, n) + list(range(1, n - 5))
    his = list(range(6, n + 1)) + [n] * min(5, n)
    cum_prose = [0.0, *accumulate(prose)]
    counts = map(round, words)
    cum_words = [0, *accumulate(k if p else 0 for k, p in zip(counts, prose, strict=True))]
    inside = [0.0] * run_start + [1.0] * (run_end - run_start) + [0.0] * (n - run_end)
    after = [0.0] * run_end + [1.0] * (n - run_end)
    first_comment = next((i for i, j in enumerate(junk) if j == "comments"), n)
    comments_above = [0.0] * min(first_comment + 1, n) + [1.0] * (n - first_comment - 1)
    metas_above = [min(m, _MAX_METAS) / _MAX_METAS for m in accumulate([0.0, *meta[:-1]])]
    positions = [i / n for i in range(n)]
    columns += [
        list(map(truediv, map(sub, map(cum_prose.__getitem__, his),
                              map(cum_prose.__getitem__, los)), map(sub, his, los))),
        list(map(math.log1p, map(sub, map(cum_words.__getitem__, his),
                                 map(cum_words.__getitem__, los)))),
        inside,
        [1.0] * run_start + [0.0] * (n - run_start),
        after,
        [min(run_start - i, 50) / 50 for i in range(run_start)]
        + [0.0] * (run_end - run_start)
        + [min(i - run_end + 1, 50) / 50 for i in range(run_end, n)],
        [r / total for r in run_of],
        [1.0 if r and r == largest else 0.0 for r in run_of],
        positions,
        [p**2 for p in positions],
        [1.0 if j else 0.0 for j in junk],
        comments_above,
        [1.0 if seen[k] > 1 else 0.0 for k in keys],
        meta,
        metas_above,
        [min(prefixes[f] - 1, 5) / 5 for f in firsts],
        list(map(mul, prose, after)),
        list(map(mul, prose, metas_above)),
        list(map(mul, prose, comments_above)),
        list(map(mul, by_name["short"], inside)),
    ]
    columns += _headline_columns(keys, list(map(round, words)))
    columns += _document_columns(prose, list(map(round, words)))
    return columns


def _headline_columns(keys: list[str], counts: list[int]) -> list[list[float]]:
    """``headline_echo``, ``after_headline``, ``near_headline``: a block of 3-30 words that
    one of the first blocks holds again (the page title, "Headline | Site") is the headline,
    also with a few words of its own after it ("Headline 524" with a comment count); the
    first such block counts."""
    n = len(keys)
    low, high = _ECHO_WORDS
    tops = [k.split() for k in keys[:_TOP]]
    openers = {t[0] for t in tops if t}
    echo = [0.0] * n
    # Below the first blocks, "in one of them" is one search of them joined by NUL (a key
    # holding NUL itself is asked of each).
    top_joined = _SEP.join(keys[:_TOP])
    for i in range(1, n):
        if not low <= counts[i] <= high:
            continue
        key = keys[i]
        if i >= _TOP and _SEP not in key:
            inside_top = key in top_joined
        else:
            inside_top = any(map(str.__contains__, keys[: min(i, _TOP)], repeat(key)))
        if inside_top:
            echo[i] = 1.0
            continue
        if key.split(None, 1)[0] not in openers:
            continue
        words = key.split()
        needed = max(low, math.ceil(_ECHO_SHARE * len(words)))
        if any(_common_prefix(words, t) >= needed for t in tops[: min(i, _TOP)]):
            echo[i] = 1.0
    first = next((i for i in range(n) if echo[i]), n)
    after = [0.0] * min(first + 1, n) + [1.0] * (n - first - 1)
    near = [1.0 if 0 < i - first <= _NEAR else 0.0 for i in range(n)]
    return [echo, after, near]


def _common_prefix(a: list[str], b: list[str]) -> int:
    """How many first words two word lists share."""
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _document_columns(prose: list[float], counts: list[int]) -> list[list[float]]:
    """The ``doc_*`` features: ``page_shape`` of all blocks, the same for every block."""
    return [[v] * len(prose) for v in page_shape(prose, counts)]


# What ``page_shape`` returns, in order: the inputs of the content filter's page-dump gate.
PAGE_SHAPE = ("blocks", "chrome_share", "lead", "trail", "short_run")


def page_shape(prose: Sequence[float], counts: Sequence[int]) -> tuple[float, ...]:
    """Block count, share of non-prose blocks, blocks before the first and after the last
    prose block, longest run of short blocks (log scales): a whole-page dump has long runs
    of short lines around its text, already extracted text has few."""
    n = len(prose)
    if n == 0:
        return (0.0, 1.0, 0.0, 0.0, 0.0)
    lead = next((i for i, p in enumerate(prose) if p), n)
    trail = next((i for i, p in enumerate(reversed(prose)) if p), n)
    longest = run = 0
    for count in counts:
        run = run + 1 if count <= _SHORT_WORDS else 0
        longest = max(longest, run)
    return (
        math.log1p(n),
        1 - sum(prose) / n,
        math.log1p(lead),
        math.log1p(trail),
        math.log1p(longest),
    )


def document_features(texts: Sequence[str], junk: Sequence[str | None]) -> list[list[float]]:
    """One feature row per block, in ``NAMES`` order (the trainer's view of the columns)."""
    return [list(row) for row in zip(*document_columns(texts, junk), strict=True)]


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
