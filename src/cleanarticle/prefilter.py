"""A literal prefilter for phrase patterns: rule out most lines without running a regex.

Running every category's big alternation over every line costs far more than the rest of
the pipeline. Almost every line matches nothing, and every match of a pattern such as
``join our (\\w+ )?newsletter`` must contain ``"join our "``. So each pattern is parsed once
and reduced to

* its exact set of strings, when it is finite and small (``"(main )?menu"``): a whole-line
  pattern then needs a set lookup only;
* else, for a whole-line pattern, the strings a matching line must start with;
* else a set of *required literals*: every match contains at least one of them.

One Aho-Corasick scan of a line (quote-normalised and casefolded, as the regexes see it)
finds the literals of every category at once, and the line's whole-line form is looked up
once; a category's patterns then run only on the lines admitted for it, and of them only
those the line's literals, whole-line form and start admit (each pattern's requirement is
kept, ``Requirement.each``; a matcher's own scanner answers for them). The derivation
only ever over-approximates (a pattern it cannot read is "always run"), so results are
identical with and without the prefilter; ``tests/test_throughput_smoke.py`` checks that.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import sys
import threading
import unicodedata
import warnings
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, product, repeat
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from . import sre as _sre_module
from . import textutil as _textutil
from .io import write_atomic
from .sre import constants as _c
from .sre import parser as _sre_parse
from .textutil import normalize_quotes

# re's parser (``sre.py``) reads the subset of ``regex`` syntax the phrase packs use; anything
# it cannot read, or reads differently, makes the pattern "unknown" (always run).
_MAX_EXACT = 256  # largest finite set of strings kept per pattern
_MAX_REPEAT_EXPANSION = 8
# Largest set of starts kept per pattern: they become one trie regex, which stays fast.
_MAX_STARTS = 512
# \p{Lu} and friends: re cannot parse them; any one character is all we need to know.
_PROPERTY = re.compile(r"\\[pP](?:\{[^}]*\}|\w)")
# regex-only syntax that re would read as literals: fuzzy constraints such as {e<=1}.
_FUZZY = re.compile(r"\{[^}]*[<>=][^}]*\}")
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT))
_GROUPS = (_c.SUBPATTERN, getattr(_c, "ATOMIC_GROUP", _c.SUBPATTERN))


def _quote_map() -> dict[str, str] | None:
    """What ``normalize_quotes`` rewrites (None if it is not a character-for-character map)."""
    probe = "".join(
        chr(cp)
        for lo, hi in ((0x20, 0x250), (0x2000, 0x2070), (0x3000, 0x3020), (0xFF00, 0xFF60))
        for cp in range(lo, hi)
    )
    out = normalize_quotes(probe)
    if len(out) != len(probe):
        return None
    return {a: b for a, b in zip(probe, out, strict=True) if a != b}


# Patterns run on quote-normalised text, so lines are normalised before they are scanned,
# and a pattern character that normalisation removes can never match.
_QUOTE_MAP = _quote_map()
_GONE = frozenset(_QUOTE_MAP or ())
_HAS_QUOTE = re.compile("[" + re.escape("".join(_GONE)) + "]") if _GONE else None


def _normalise_quotes(text: str) -> str:
    """``normalize_quotes``, with str.replace (C speed) where that gives the same result."""
    if not _QUOTE_MAP or set(_QUOTE_MAP.values()) & _GONE:
        return normalize_quotes(text)
    for old, new in _QUOTE_MAP.items():
        text = text.replace(old, new)
    return text

# ``regex`` matches dotted/dotless i case-insensitively with i/I; casefold does not.
_DOTTED_I, _DOTLESS_I = "\u0130", "\u0131"
_TURKIC_I = str.maketrans({_DOTTED_I: "i", _DOTLESS_I: "i"})


def fold(text: str) -> str:
    """The form literals and lines are compared in (after quote normalisation)."""
    if _DOTTED_I in text or _DOTLESS_I in text:
        text = text.translate(_TURKIC_I)
    return text.casefold()


# Every character str.isspace() accepts (tests check the list against all of Unicode), so
# ``rstrip(chars + _WHITE_SPACE)`` is ``cut_tail`` in one call.
_WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Joins a document's lines for one pass; casefold neither makes nor removes it.
_SEPARATOR = "\x00"


def cut_tail(text: str, chars: str) -> str:
    """``text`` without the white space and ``chars`` that end it."""
    end = len(text)
    while end and (text[end - 1] in chars or text[end - 1].isspace()):
        end -= 1
    return text[:end]


# ---------------------------------------------------------------------------------------------
# What a pattern can match


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
_NEVER = _Info(exact=frozenset())  # a character normalisation removes


class _CharWeights(dict[str, float]):
    """A character's share of ``_weight``, found once per character."""

    def __missing__(self, ch: str) -> float:
        weight = self[ch] = 0.3 if ch == " " else 1.0 if ch.isalnum() else 3.0
        return weight


_CHAR_WEIGHTS = _CharWeights()


def _weight(literal: str) -> float:
    """How rare a literal is: punctuation beats letters, and letters beat spaces."""
    return sum(map(_CHAR_WEIGHTS.__getitem__, literal))


def _score(literals: frozenset[str]) -> float:
    if not literals:
        return float("inf")  # cannot match at all
    return min(_weight(s) for s in literals) - 0.001 * len(literals)


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    return frozenset(x + y for x in a for y in b)


def _appended(strings: frozenset[str], run: list[str]) -> frozenset[str]:
    """Each of ``strings`` followed by the characters of ``run``, which is emptied."""
    suffix = "".join(run)
    run.clear()
    return frozenset(s + suffix for s in strings)


def _sequence(items: Iterable[tuple[object, object]]) -> _Info:
    current: frozenset[str] = frozenset({""})
    candidates: list[frozenset[str]] = []
    finite = True
    run: list[str] = []  # literal characters (the common case) not yet added to ``current``
    for op, arg in items:
        if op is _c.LITERAL and chr(arg) not in _GONE:  # type: ignore[arg-type]
            run.append(fold(chr(arg)))  # type: ignore[arg-type]
            continue
        if run:
            current = _appended(current, run)
        info = _node(op, arg)
        if info.exact is not None and len(current) * len(info.exact) <= _MAX_EXACT:
            current = _product(current, info.exact)
            continue
        finite = False
        done = _Info(exact=current).as_required()
        if done is not None:
            candidates.append(done)
        if info.exact is not None:
            current = info.exact
        else:
            if info.required is not None:
                candidates.append(info.required)
            current = frozenset({""})
    if run:
        current = _appended(current, run)
    if finite:
        return _Info(exact=current)
    done = _Info(exact=current).as_required()
    if done is not None:
        candidates.append(done)
    return _Info(required=max(candidates, key=_score)) if candidates else _UNKNOWN


def _node(op: object, arg: object) -> _Info:
    if op is _c.LITERAL:
        return _char(chr(arg))  # type: ignore[arg-type]
    if op is _c.IN:
        chars: set[str] = set()
        for item_op, item_arg in arg:  # type: ignore[attr-defined]
            if item_op is not _c.LITERAL:
                return _UNKNOWN  # ranges, classes, negation: any character
            chars.update(_char(chr(item_arg)).exact or ())
        return _Info(exact=frozenset(chars)) if len(chars) <= 8 else _UNKNOWN
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _EMPTY  # anchors and lookarounds consume nothing
    if op in _GROUPS:
        return _sequence(arg[-1] if op is _c.SUBPATTERN else arg)  # type: ignore[index]
    if op is _c.BRANCH:
        return _branch([_sequence(alt) for alt in arg[1]])  # type: ignore[index]
    if op in _REPEATS:
        low, high, sub = arg  # type: ignore[misc]
        return _repeat(low, high, _sequence(sub))
    return _UNKNOWN


def _char(ch: str) -> _Info:
    if ch in _GONE:
        return _NEVER
    return _Info(exact=frozenset({fold(ch)}))


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


def _prefixes(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """The strings every match starts with (None when that can be the empty string)."""
    current: frozenset[str] = frozenset({""})
    for op, arg in items:
        info = _node(op, arg)
        if info.exact is not None and len(current) * len(info.exact) <= _MAX_EXACT:
            current = _product(current, info.exact)
            continue
        inner: frozenset[str] | None = None
        if op in _GROUPS:
            inner = _prefixes(list(arg[-1] if op is _c.SUBPATTERN else arg))  # type: ignore[index]
        elif op is _c.BRANCH:
            alts = [_prefixes(list(alt)) for alt in arg[1]]  # type: ignore[index]
            if all(a is not None for a in alts):
                inner = frozenset().union(*alts)  # type: ignore[arg-type]
        elif op in _REPEATS and arg[0] >= 1:  # type: ignore[index]
            inner = _prefixes(list(arg[2]))  # type: ignore[index]
        if inner is not None and "" not in inner:
            current = _product(current, _shortened(inner, _MAX_STARTS // len(current)))
        break
    return None if "" in current else current


def _shortened(prefixes: frozenset[str], most: int) -> frozenset[str]:
    """``prefixes`` cut to the longest length that leaves at most ``most`` strings (at least
    one character): a line starting with a prefix starts with its cut too. So a language
    list ``(en|de|...)( ?\\| ?(en|de|...))+`` admits "en | fr", not "Entertainment"."""
    longest = max(len(p) for p in prefixes)
    for size in range(longest, 1, -1):
        cut = frozenset(p[:size] for p in prefixes)
        if len(cut) <= most:
            return cut
    return frozenset(p[:1] for p in prefixes)


@lru_cache(maxsize=4096)
def _parse(pattern: str) -> tuple[tuple[object, object], ...] | None:
    if _QUOTE_MAP is None or _FUZZY.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set": regex reads it otherwise
            return tuple(_sre_parse.parse(_PROPERTY.sub(r"\\w", pattern), re.IGNORECASE))
    except (re.error, FutureWarning, RecursionError, OverflowError):
        return None


def _only_tail(op: object, arg: object, tail: str) -> bool:
    """An optional piece that can match only white space or ``tail`` characters."""
    if op not in _REPEATS or arg[0] != 0:  # type: ignore[index]
        return False
    sub = list(arg[2])  # type: ignore[index]
    if len(sub) != 1:
        return False
    sub_op, sub_arg = sub[0]
    if sub_op is _c.LITERAL:
        return chr(sub_arg) in tail or chr(sub_arg).isspace()  # type: ignore[arg-type]
    if sub_op is _c.IN:
        return all(
            (o is _c.LITERAL and (chr(a) in tail or chr(a).isspace()))
            or (o is _c.CATEGORY and a is _c.CATEGORY_SPACE)
            for o, a in sub_arg  # type: ignore[attr-defined]
        )
    return False


def analyse(pattern: str, *, tail: str | None = None) -> _Info:
    """The exact strings or required literals of a ``regex`` pattern, casefolded.

    With ``tail`` (whole-line patterns, compared after :func:`cut_tail`), optional white
    space or ``tail`` characters at the end of the pattern are left out.
    """
    parsed = _parse(pattern)
    if parsed is None:
        return _UNKNOWN
    items = list(parsed)
    while tail is not None and items and _only_tail(*items[-1], tail):
        items.pop()
    return _sequence(items)


def starts(pattern: str) -> frozenset[str] | None:
    """The casefolded strings every match of ``pattern`` starts with, if known."""
    parsed = _parse(pattern)
    return None if parsed is None else _prefixes(list(parsed))


def minimal(literals: Iterable[str]) -> frozenset[str]:
    """Drop literals that contain another one: a line holding the longer holds the shorter."""
    unique = set(literals)
    if not unique:
        return frozenset()
    automaton = ahocorasick.Automaton()
    for lit in unique:
        automaton.add_word(lit, len(lit))
    automaton.make_automaton()
    # A literal is kept when the only literal found inside it is itself.
    return frozenset(
        lit for lit in unique
        if all(size == len(lit) for _, size in automaton.iter(lit))
    )


# ---------------------------------------------------------------------------------------------
# When a set of patterns can match a line


@dataclass(frozen=True, slots=True)
class Requirement:
    """When some pattern of a set can match a line: it holds one of ``literals``, or (whole
    lines) its whole-line form is in ``exact`` or starts with one of ``starts``; ``always``
    when some pattern cannot be read."""

    literals: frozenset[str]
    exact: frozenset[str] = frozenset()
    starts: frozenset[str] = frozenset()
    always: bool = False

    @classmethod
    def each(cls, patterns: Iterable[str], *, tail: str | None = None) -> list[Requirement]:
        """One requirement per pattern (its literals not yet minimal): a matcher learns from
        them which of its patterns a line can match. ``tail`` set: whole-line patterns,
        compared after :func:`cut_tail` (``tail``)."""
        out: list[Requirement] = []
        for pattern in patterns:
            info = analyse(pattern, tail=tail)
            if tail is not None and info.exact is not None:
                out.append(cls(frozenset(), exact=frozenset(cut_tail(s, tail) for s in info.exact)))
                continue
            if tail is not None and (found := starts(pattern)):
                cut = frozenset(cut_tail(s, tail) for s in found)
                if all(cut):
                    out.append(cls(frozenset(), starts=cut))
                    continue
            required = info.as_required()
            out.append(cls(frozenset(), always=True) if required is None else cls(required))
        return out

    @classmethod
    def merge(cls, parts: Iterable[Requirement]) -> Requirement:
        """Met when one of ``parts`` is (literals made minimal: the scanner looks for fewer)."""
        literals: set[str] = set()
        exact: set[str] = set()
        prefixes: set[str] = set()
        always = False
        for part in parts:
            literals.update(part.literals)
            exact.update(part.exact)
            prefixes.update(part.starts)
            always = always or part.always
        return cls(minimal(literals), frozenset(exact), frozenset(prefixes), always)

    def with_starts_cut(self, size: int) -> Requirement:
        """This requirement, or a looser one: its starts cut to ``size`` characters."""
        return dataclasses.replace(self, starts=frozenset(s[:size] for s in self.starts))


NOTHING = Requirement(frozenset())  # no line meets it


# ---------------------------------------------------------------------------------------------
# Requirements kept between runs

# Where: this variable's folder ("" keeps nothing), else the user's cache folder.
CACHE_ENV = "CLEANARTICLE_CACHE_DIR"
_CACHE_PREFIX = "requirements-"


def cache_dir() -> Path | None:
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return Path(value) if value else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleanarticle"


@lru_cache(maxsize=1)
def _code_key() -> str | None:
    """What a requirement is computed from besides its pattern: this module, the pattern
    parser, quote normalisation and Python's case tables (None: unreadable, no cache)."""
    digest = hashlib.sha256(f"{sys.version}|{unicodedata.unidata_version}".encode())
    try:
        for module in (__file__, _sre_module.__file__, _sre_parse.__file__, _textutil.__file__):
            digest.update(Path(module).read_bytes())  # type: ignore[arg-type]
    except (OSError, TypeError):
        return None
    return digest.hexdigest()[:16]


def each_cached(patterns: list[str], *, tail: str | None = None) -> list[Requirement]:
    """``Requirement.each``, read back from the cache folder when an earlier run of the same
    code stored it: reading the packs' patterns costs a quarter of a second at start-up,
    which a one-file ``cleanarticle check`` pays on every call."""
    folder, code = cache_dir(), _code_key()
    if folder is None or code is None:
        return Requirement.each(patterns, tail=tail)
    what = json.dumps([tail, patterns], ensure_ascii=False)
    path = folder / f"{_CACHE_PREFIX}{code}-{hashlib.sha256(what.encode()).hexdigest()[:24]}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored["what"] == what and len(stored["needs"]) == len(patterns):
            return [
                Requirement(frozenset(lit), frozenset(exact), frozenset(start), always is True)
                for lit, exact, start, always in stored["needs"]
            ]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # absent, unreadable or not ours: computed again and stored
    needs = Requirement.each(patterns, tail=tail)
    _store(path, code, {"what": what, "needs": [
        [sorted(n.literals), sorted(n.exact), sorted(n.starts), n.always] for n in needs
    ]})
    return needs


def _store(path: Path, code: str, data: dict[str, object]) -> None:
    """Write ``path`` whole or not at all (other processes may read it meanwhile), and drop
    the files of other versions of the code. A folder that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        for old in path.parent.glob(f"{_CACHE_PREFIX}*.json"):
            if not old.name.startswith(f"{_CACHE_PREFIX}{code}-"):
                old.unlink(missing_ok=True)
    except OSError:
        return


def _trie(words: Iterable[str]) -> str:
    """A regex matching the longest of ``words`` that starts a string, as a trie (fast in re)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)


class Seen(NamedTuple):
    """Which matchers a line is admitted for: by whole line, and by contained phrase."""

    lines: frozenset[int]
    contains: frozenset[int]


class Scanner:
    """The requirements of every matcher, one automaton over all their literals, a memo.

    Phrase filters ask about the same line once per category: the first ask scans it and
    decides for every matcher, the others read the memo (bounded, cleared when full).
    """

    _MEMO_SIZE = 20_000

    def __init__(
        self,
        needs: tuple[tuple[Requirement, Requirement], ...] = (),
        *,
        strip: str,
        tail: str,
        max_line: int,
    ) -> None:
        self.needs = needs
        self._strip, self._tail, self._max_line = strip, tail, max_line
        self._built = False  # the automaton and tables are built on the first scan
        self._build_lock = threading.Lock()
        self._memo: dict[str, Seen] = {}

    def _build(self) -> None:
        with self._build_lock:  # once, whichever thread scans first
            if not self._built:
                self._build_tables()

    def _build_tables(self) -> None:
        by_literal: dict[str, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
        by_line: dict[str, set[int]] = defaultdict(set)
        by_start: dict[str, set[int]] = defaultdict(set)
        for i, (lines, contains) in enumerate(self.needs):
            for lit in lines.literals:
                by_literal[lit][0].add(i)
            for lit in contains.literals:
                by_literal[lit][1].add(i)
            for line in lines.exact:
                by_line[line].add(i)
            for start in lines.starts:
                by_start[start].add(i)
        self._always_lines = frozenset(i for i, (ln, _) in enumerate(self.needs) if ln.always)
        self._always_contains = frozenset(
            i for i, (_, ct) in enumerate(self.needs) if ct.always
        )
        self._by_line = {line: frozenset(ids) for line, ids in by_line.items()}
        # One anchored match finds the longest start a line has; every start that is a
        # prefix of that one is present too.
        self._starts = re.compile(_trie(by_start)) if by_start else None
        self._by_start = {
            start: frozenset().union(
                *(by_start[start[:n]] for n in range(1, len(start) + 1) if start[:n] in by_start)
            )
            for start in by_start
        }
        self._literals = len(by_literal)
        self._automaton = ahocorasick.Automaton()
        for lit, (lines_ids, contains_ids) in by_literal.items():
            self._automaton.add_word(lit, (frozenset(lines_ids), frozenset(contains_ids)))
        if by_literal:
            self._automaton.make_automaton()
        self._built = True  # last: a thread that reads it True finds every table complete

    def index(self, lines: Requirement, contains: Requirement) -> tuple[Scanner, int]:
        """This scanner, or a new one that also knows this matcher; and the matcher's number."""
        need = (lines, contains)
        if need in self.needs:
            return self, self.needs.index(need)
        grown = Scanner(
            (*self.needs, need), strip=self._strip, tail=self._tail, max_line=self._max_line
        )
        return grown, len(self.needs)

    def seen(self, text: str) -> Seen:
        seen = self._memo.get(text)
        if seen is None:
            if not self._built:
                self._build()
            seen = self._scan(text)
            if len(self._memo) >= self._MEMO_SIZE:
                self._memo.clear()
            self._memo[text] = seen
        return seen

    def seen_all(self, texts: list[str]) -> list[Seen]:
        """``seen`` for each of ``texts`` (a document's blocks), with one quote, case and
        literal pass over them all instead of one per line."""
        memo = self._memo
        out = [memo.get(text) for text in texts]
        todo = [i for i, seen in enumerate(out) if seen is None]
        if todo:
            if not self._built:
                self._build()
            fresh = self._scan_all([texts[i] for i in todo])
            if len(memo) + len(todo) > self._MEMO_SIZE:
                memo.clear()
            for i, seen in zip(todo, fresh, strict=True):
                out[i] = memo[texts[i]] = seen
        return out  # type: ignore[return-value]

    def _scan_all(self, texts: list[str]) -> list[Seen]:
        joined = _SEPARATOR.join(texts)
        if _HAS_QUOTE is not None and _HAS_QUOTE.search(joined):
            joined = _normalise_quotes(joined)
        folded_all = fold(joined)
        folded = folded_all.split(_SEPARATOR)
        if len(folded) != len(texts):  # a text holds the separator itself
            return [self._scan(text) for text in texts]
        hits: dict[int, list[tuple[frozenset[int], frozenset[int]]]] = {}
        if self._literals:
            ends = list(accumulate(len(f) + 1 for f in folded))  # where each line's part ends
            for end, found in self._automaton.iter(folded_all):
                hits.setdefault(bisect_right(ends, end), []).append(found)
        always_lines, always_contains = self._always_lines, self._always_contains
        nothing = Seen(always_lines, always_contains)
        too_long = Seen(frozenset(), always_contains)
        by_line, starts, by_start = self._by_line, self._starts, self._by_start
        max_line = self._max_line
        # cut_tail at C speed, then the whole-line lookups a line at a time in C: most lines
        # match nothing, and only those that do (or are too long) take the loop below.
        lines_cut = list(map(str.rstrip, map(str.strip, folded, repeat(self._strip)),
                             repeat(self._tail + _WHITE_SPACE)))
        exacts = list(map(by_line.get, lines_cut))
        started = list(map(starts.match, lines_cut)) if starts is not None else [None] * len(texts)
        out = [nothing] * len(texts)
        todo = {*hits, *compress(range(len(texts)), exacts), *compress(range(len(texts)), started),
                *(i for i, size in enumerate(map(len, texts)) if size > max_line)}
        for i in todo:
            lines, contains = always_lines, always_contains
            found = hits.get(i)
            if found:
                for more_lines, more_contains in found:
                    lines, contains = lines | more_lines, contains | more_contains
            if len(texts[i]) > max_line:
                out[i] = Seen(frozenset(), contains) if found else too_long
                continue
            exact = exacts[i]
            if exact:
                lines = lines | exact
            if (m := started[i]) is not None:
                lines = lines | by_start[m.group()]
            out[i] = Seen(lines, contains) if lines is not always_lines or found else nothing
        return out

    def _scan(self, text: str) -> Seen:
        if _HAS_QUOTE is not None and _HAS_QUOTE.search(text):
            text = _normalise_quotes(text)
        folded = fold(text)
        lines, contains = self._always_lines, self._always_contains
        if self._literals:
            for _, (more_lines, more_contains) in self._automaton.iter(folded):
                lines, contains = lines | more_lines, contains | more_contains
        if len(text) > self._max_line:
            return Seen(frozenset(), contains)  # no whole-line pattern is this long
        line = cut_tail(folded.strip(self._strip), self._tail)
        exact = self._by_line.get(line)
        if exact:
            lines = lines | exact
        if self._starts is not None and (m := self._starts.match(line)):
            lines = lines | self._by_start[m.group()]
        return Seen(lines, contains)
