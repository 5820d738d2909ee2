"""A literal prefilter for phrase patterns: rule out most lines without running a regex.

Running every category's big alternation over every line costs far more than the rest of
the pipeline. Almost every line matches nothing, and every match of a pattern such as
``(sign up|subscribe) to (our|the) newsletter`` must contain ``" to "`` … or better
``"newsletter"``. So each pattern is parsed once and reduced to

* its exact set of strings, when it is finite and small (``"(main )?menu"``): a whole-line
  pattern then needs a set lookup only;
* else a set of *required literals*: every match contains at least one of them.

One Aho-Corasick scan of a casefolded line finds the literals of every category at once;
a category's regex runs only on the lines that hold one of its literals. The derivation
only ever over-approximates (a pattern it cannot read is "always run"), so results are
identical with and without the prefilter; ``tests/test_throughput_smoke.py`` checks that.
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product
from typing import NamedTuple

import ahocorasick

from .textutil import normalize_quotes

# re's parser reads the subset of ``regex`` syntax the phrase packs use; anything it cannot
# read, or reads differently, makes the pattern "unknown" (always run).
if sys.version_info >= (3, 11):
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover
    import sre_constants as _c
    import sre_parse as _sre_parse

_MAX_EXACT = 256  # largest finite set of strings kept per pattern
_MAX_REPEAT_EXPANSION = 8
# \p{Lu} and friends: re cannot parse them; any one character is all we need to know.
_PROPERTY = re.compile(r"\\[pP](?:\{[^}]*\}|\w)")
# regex-only syntax that re would read as literals: fuzzy constraints such as {e<=1}.
_FUZZY = re.compile(r"\{[^}]*[<>=][^}]*\}")


def _normalised_chars() -> frozenset[str]:
    """Characters ``normalize_quotes`` rewrites, and what it rewrites them to."""
    probe = "".join(
        chr(cp)
        for lo, hi in ((0x20, 0x250), (0x2000, 0x2070), (0x3000, 0x3020), (0xFF00, 0xFF60))
        for cp in range(lo, hi)
    )
    out = normalize_quotes(probe)
    if len(out) != len(probe):  # not a character-for-character map: trust no character
        return frozenset(probe)
    return frozenset(a + b for a, b in zip(probe, out, strict=True) if a != b)


# Lines are scanned raw, but patterns run on quote-normalised text: a literal never holds a
# character that normalisation touches.
_QUOTES = frozenset("".join(_normalised_chars()))
# ``regex`` matches dotted/dotless i case-insensitively with i/I; casefold does not.
_DOTTED_I, _DOTLESS_I = "\u0130", "\u0131"
_TURKIC_I = str.maketrans({_DOTTED_I: "i", _DOTLESS_I: "i"})


def fold(text: str) -> str:
    """The form both literals and lines are compared in."""
    if _DOTTED_I in text or _DOTLESS_I in text:
        text = text.translate(_TURKIC_I)
    return text.casefold()


@dataclass(frozen=True, slots=True)
class _Info:
    """What a pattern piece can match: an exact finite set, or literals it must contain."""

    exact: frozenset[str] | None = None
    required: frozenset[str] | None = None

    def as_required(self) -> frozenset[str] | None:
        if self.exact is not None:
            return None if "" in self.exact else self.exact
        return self.required


_UNKNOWN = _Info()
_EMPTY = _Info(exact=frozenset({""}))
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT))


def _weight(literal: str) -> float:
    """How rare a literal is: punctuation beats letters, and letters beat spaces."""
    return sum(0.3 if ch == " " else 1.0 if ch.isalnum() else 3.0 for ch in literal)


def _score(literals: frozenset[str]) -> float:
    return min(_weight(s) for s in literals) - 0.001 * len(literals)


def _sequence(items: Iterable[tuple[object, object]]) -> _Info:
    current: frozenset[str] = frozenset({""})
    candidates: list[frozenset[str]] = []
    finite = True
    for op, arg in items:
        info = _node(op, arg)
        if info.exact is not None and len(current) * len(info.exact) <= _MAX_EXACT:
            current = frozenset(a + b for a in current for b in info.exact)
            continue
        finite = False
        done = _Info(exact=current).as_required()
        if done:
            candidates.append(done)
        if info.exact is not None:
            current = info.exact
        else:
            if info.required:
                candidates.append(info.required)
            current = frozenset({""})
    if finite:
        return _Info(exact=current)
    done = _Info(exact=current).as_required()
    if done:
        candidates.append(done)
    return _Info(required=max(candidates, key=_score)) if candidates else _UNKNOWN


def _node(op: object, arg: object) -> _Info:
    if op is _c.LITERAL:
        ch = chr(arg)  # type: ignore[arg-type]
        return _UNKNOWN if ch in _QUOTES else _Info(exact=frozenset({fold(ch)}))
    if op is _c.IN:
        chars = set()
        for item_op, item_arg in arg:  # type: ignore[attr-defined]
            if item_op is not _c.LITERAL or chr(item_arg) in _QUOTES:
                return _UNKNOWN  # ranges, classes, negation: any character
            chars.add(fold(chr(item_arg)))
        return _Info(exact=frozenset(chars)) if len(chars) <= 8 else _UNKNOWN
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _EMPTY  # anchors and lookarounds consume nothing
    if op is _c.SUBPATTERN:
        return _sequence(arg[-1])  # type: ignore[index]
    if op is getattr(_c, "ATOMIC_GROUP", _UNKNOWN):
        return _sequence(arg)  # type: ignore[arg-type]
    if op is _c.BRANCH:
        return _branch([_sequence(alt) for alt in arg[1]])  # type: ignore[index]
    if op in _REPEATS:
        low, high, sub = arg  # type: ignore[misc]
        return _repeat(low, high, _sequence(sub))
    return _UNKNOWN


def _branch(alternatives: list[_Info]) -> _Info:
    if all(alt.exact is not None for alt in alternatives):
        union = frozenset().union(*(alt.exact for alt in alternatives))  # type: ignore[arg-type]
        if len(union) <= _MAX_EXACT:
            return _Info(exact=union)
    required = [alt.as_required() for alt in alternatives]
    if any(r is None for r in required):
        return _UNKNOWN
    return _Info(required=frozenset().union(*required))  # type: ignore[arg-type]


def _repeat(low: int, high: int, sub: _Info) -> _Info:
    if sub.exact is not None and high <= _MAX_REPEAT_EXPANSION:
        counts = range(low, high + 1)
        if sum(len(sub.exact) ** n for n in counts) <= _MAX_EXACT:
            return _Info(exact=frozenset(
                "".join(parts) for n in counts for parts in product(sub.exact, repeat=n)
            ))
    if low == 0:
        return _UNKNOWN
    return _Info(required=sub.as_required())


def analyse(pattern: str) -> _Info:
    """The exact strings or required literals of a ``regex`` pattern, casefolded."""
    if _FUZZY.search(pattern):
        return _UNKNOWN
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set": regex reads it otherwise
            tree = _sre_parse.parse(_PROPERTY.sub(r"\\w", pattern), re.IGNORECASE)
    except (re.error, FutureWarning, RecursionError, OverflowError):
        return _UNKNOWN
    return _sequence(list(tree))


def minimal(literals: Iterable[str]) -> frozenset[str]:
    """Drop literals that contain another one: a line holding the longer holds the shorter."""
    kept: list[str] = []
    for lit in sorted(set(literals), key=len):
        if not any(k in lit for k in kept):
            kept.append(lit)
    return frozenset(kept)


@dataclass(frozen=True, slots=True)
class Requirement:
    """When a set of patterns can match a line: ``literals`` (any one inside it) or ``exact``
    (the whole, stripped line is one of them); ``always`` when some pattern is unreadable."""

    literals: frozenset[str]
    exact: frozenset[str]
    always: bool

    def admits(self, seen: Seen) -> bool:
        """Could one of the patterns match the line ``seen`` describes?"""
        return (
            self.always
            or (seen.line is not None and seen.line in self.exact)
            or not self.literals.isdisjoint(seen.literals)
        )

    @classmethod
    def of(cls, patterns: Iterable[str], *, tail: re.Pattern[str] | None = None) -> Requirement:
        """``tail`` set: whole-line patterns, compared after ``tail`` is cut off both sides."""
        literals: set[str] = set()
        exact: set[str] = set()
        always = False
        for pattern in patterns:
            info = analyse(pattern)
            if tail is not None and info.exact is not None:
                exact.update(tail.sub("", s) for s in info.exact)
            elif (required := info.as_required()) is not None:
                literals.update(required)
            else:
                always = True
        return cls(minimal(literals), frozenset(exact), always)


class Seen(NamedTuple):
    """What the scanner saw in a line: the literals in it, and its whole-line form."""

    literals: frozenset[str]
    line: str | None  # decoration stripped, casefolded, tail cut; None if too long


class Scanner:
    """One automaton over the literals of every matcher, with a memo per line.

    Phrase filters ask about the same line once per category; the first ask scans it, the
    others read the memo. The memo is bounded and cleared when full.
    """

    _MEMO_SIZE = 20_000

    def __init__(
        self, literals: frozenset[str], *, strip: str, tail: re.Pattern[str], max_line: int
    ) -> None:
        self.literals = literals
        self._strip, self._tail, self._max_line = strip, tail, max_line
        self._automaton = ahocorasick.Automaton()
        for lit in literals:
            self._automaton.add_word(lit, lit)
        if literals:
            self._automaton.make_automaton()
        self._memo: dict[str, Seen] = {}

    def grown(self, literals: frozenset[str]) -> Scanner:
        """This scanner if it knows ``literals``, else a new one that knows them too."""
        if literals <= self.literals:
            return self
        return Scanner(
            self.literals | literals, strip=self._strip, tail=self._tail, max_line=self._max_line
        )

    def seen(self, text: str) -> Seen:
        seen = self._memo.get(text)
        if seen is None:
            folded = fold(text)
            found = (
                frozenset(lit for _, lit in self._automaton.iter(folded))
                if self.literals
                else frozenset()
            )
            line = None
            if len(text) <= self._max_line:
                line = self._tail.sub("", fold(text.strip(self._strip)))
            seen = Seen(found, line)
            if len(self._memo) >= self._MEMO_SIZE:
                self._memo.clear()
            self._memo[text] = seen
        return seen
