"""Phrase packs: per-language TOML data files of boilerplate patterns, compiled when needed.

Each ``phrases/<lang>.toml`` has one table per category with ``lines`` (patterns that must be
the whole line) and ``contains`` (patterns found anywhere in it). Adding a language is a
data-only change. See ``phrases/en.toml`` for the rules patterns must follow.
"""

from __future__ import annotations

import sys
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import regex

from .prefilter import NOTHING, Requirement, Scanner, each_cached
from .textutil import NAME_PARTICLES, REGEX_TIMEOUT, normalize_quotes

if TYPE_CHECKING:  # document.py imports this module (through features.py)
    from .document import Block, Document

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Decoration around a line that does not change what it says: "» Read more |", "[Share]".
_DECOR = " \t|•·»«›‹>*#–—_=~[]"
# What may follow a whole-line pattern: white space, then this punctuation ("Related :",
# "Subscribe now!"). The prefilter cuts the same tail off lines before comparing them.
_LINE_END = ".!?…:"
_LINE_SHAPE = "(?:{})\\s*[" + _LINE_END + "]*"
# Word boundaries only where the pattern itself starts/ends with a word character.
_CONTAINS_SHAPE = r"(?<!\w(?=\w))(?:{})(?!(?<=\w)\w)"
_FLAGS = regex.IGNORECASE | regex.MULTILINE
# What ties patterns of one alternation together: a group referred to by number or name
# (back reference, recursion, condition), or flags or a version for the whole pattern.
# A matcher with such a pattern runs the alternation.
_SHARED_STATE = regex.compile(r"\\[1-9g]|\(\?(?:P[=>]|&|R|\(|[+-]?\d|[\w^-]*\))")
_MAX_LINE = 300  # longer blocks are never a whole-line phrase
_UNIT_START = 12  # characters of a whole-line pattern's start that pick it for a line
# A "contains" hit in a long block only counts when hits are this dense (one per N words),
# so a real paragraph that quotes a phrase is not thrown away.
_LONG_BLOCK_WORDS = 60
_WORDS_PER_HIT = 40
_WORD = regex.compile(r"\w+")


def available_languages() -> tuple[str, ...]:
    folder = files("cleanarticle") / "phrases"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))


@cache
def load_pack(lang: str) -> dict[str, Any]:
    path = files("cleanarticle") / "phrases" / f"{lang}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        known = ", ".join(available_languages())
        raise ValueError(f"no phrase pack for language {lang!r}; available: {known}") from None


def languages_or_all(languages: Iterable[str] | None) -> tuple[str, ...]:
    """The languages a filter was given, or every pack there is."""
    return tuple(languages) if languages is not None else available_languages()


def alternation(patterns: Iterable[str]) -> str:
    """``a|b|c``, longest first, so a longer phrase wins over its own prefix."""
    return "|".join(sorted(set(patterns), key=len, reverse=True))


def words_of(table: str, key: str, languages: tuple[str, ...]) -> list[str]:
    """A word list from every pack, e.g. ``words_of("captions", "credit_labels", langs)``."""
    out: list[str] = []
    for lang in languages:
        value = load_pack(lang).get(table, {}).get(key, [])
        out.extend(value.split() if isinstance(value, str) else value)
    return out


# A byline or date stamp line is short; a longer line is text, whatever its first word.
_MAX_STAMP_CHARS = 100
_MAX_STAMP_WORDS = 12
_LETTERS = regex.compile(r"[\p{L}.]+")
_NUMERIC_DATE = regex.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}")


@dataclass(frozen=True, slots=True)
class _Stamps:
    """The ``[byline]`` and ``[dates]`` words of every pack, for ``opens_stamp``."""

    openers: frozenset[str]  # first words of a byline or date line
    prefix: regex.Pattern[str]  # "von", "a cura di"...
    in_names: frozenset[str]  # lower-case words a list of names may hold: "und", "dpa"
    dates: frozenset[str]  # every word a date line may hold
    months: frozenset[str]  # month and weekday names: a date line holds one


@cache
def _stamps() -> _Stamps:
    langs = available_languages()
    prefixes = words_of("byline", "prefixes", langs)
    months = {w.casefold() for key in ("months", "weekdays") for w in words_of("dates", key, langs)}
    dates = set(months)
    for key in ("words", "joiners", "ordinals", "at"):
        dates.update(part.casefold() for w in words_of("dates", key, langs) for part in w.split())
    in_names = {w.casefold() for w in words_of("byline", "conjunctions", langs)}
    in_names.update(w.casefold() for w in words_of("byline", "publishers", langs))
    return _Stamps(
        openers=frozenset({p.split()[0].rstrip(",:").casefold() for p in prefixes} | dates),
        prefix=regex.compile(
            rf"(?:{alternation(regex.escape(p) for p in prefixes)})\s+", regex.IGNORECASE
        ),
        in_names=frozenset(in_names | set(NAME_PARTICLES) | {"&", "|", "-", "–", "—", "/"}),
        dates=frozenset(dates),
        months=frozenset(months),
    )


def opens_stamp(line: str) -> bool:
    """The line is a byline ("von Anna Schmidt", "di Mario Rossi") or a date stamp ("lundi 5
    janvier 2026") in any pack's words: it stands on its own even when it starts in lower
    case, so the line above (a headline) is not unwrapped into it. Cheap for the lines that
    are not: the first word decides most of them."""
    stamps = _stamps()
    first = line.split(None, 1)[0].rstrip(",:").casefold()  # "lunes, 5 de enero..."
    if first not in stamps.openers or len(line) > _MAX_STAMP_CHARS or line[-1] in ".!?;:,":
        return False
    words = line.split()
    if len(words) > _MAX_STAMP_WORDS:
        return False
    m = stamps.prefix.search(line)
    if m is not None and _dated_words(line[: m.start()], stamps, whole=True):
        names = line[m.end() :].replace(",", " ").split()
        dated = False
        while names and _dated_words(names[-1], stamps):
            names.pop()  # "by Ann Lee @annlee May 2, 2012": the names, then their stamp
            dated = True
        if names and names[0][0].isupper() and sum(w[0].isupper() for w in names) >= 2 and all(
            w[0].isupper() or w.casefold() in stamps.in_names for w in names
        ):
            return True
        if dated and len(names) == 1 and names[0][0].isalpha():
            return True  # "by annlee on May 2, 2012": a user name and a date
    if not any(c.isdigit() for c in line):
        return False
    found = [w.strip(".").casefold() for w in _LETTERS.findall(line) if w.strip(".")]
    return all(w in stamps.dates for w in found) and (
        any(w in stamps.months for w in found) or _NUMERIC_DATE.search(line) is not None
    )


def _dated_words(text: str, stamps: _Stamps, whole: bool = False) -> bool:
    """Only date words, numbers, handles and punctuation: the date part of "on May 2, 2012
    by Ann Lee" (``whole``: all of ``text``, which may be empty), or one such word."""
    for word in text.split():
        word = word.strip(".,:;|•·-–—/()")
        if word and not (word[0] == "@" or any(c.isdigit() for c in word)
                         or word.casefold() in stamps.dates):
            return False
        if not whole:
            return True
    return whole or not text.split()


@dataclass(frozen=True, slots=True)
class Hit:
    how: str  # "line" or "contains"
    text: str  # what matched
    lang: str


class PhraseMatcher:
    """One category's patterns from several languages.

    A line is matched against only the patterns the prefilter admits for it, each compiled
    on its own the first time a line needs it: the packs hold about a thousand patterns, and
    a line is admitted for a handful. ``match_all`` runs them all as one alternation per
    kind (the reference the fast path must equal), compiled on first use.
    """

    def __init__(
        self,
        lines: dict[str, list[str]],
        contains: dict[str, list[str]],
    ) -> None:
        self._args = (lines, contains)
        # (language, pattern) in the order of the alternation: the first that matches wins.
        self._line_units = [(lang, p) for lang, patterns in lines.items() for p in patterns]
        self._contains_units = [(lang, p) for lang, patterns in contains.items() for p in patterns]
        self._has_lines = bool(self._line_units)
        self._has_contains = bool(self._contains_units)
        line_needs = each_cached([p for _, p in self._line_units], tail=_LINE_END)
        contains_needs = each_cached([p for _, p in self._contains_units])
        # Which lines can match at all, found without running the regexes (see prefilter.py).
        self._index = _know(Requirement.merge(line_needs), Requirement.merge(contains_needs))
        # Which of this matcher's patterns a line can match: pattern i of the lines is need
        # i, pattern j of the contains is need len(lines) + j. Line starts are cut short
        # (a line starting with a start starts with its cut): the lines asked about are
        # already admitted, and the starts' trie regex then compiles in a few ms.
        self._units = Scanner(
            (*((need.with_starts_cut(_UNIT_START), NOTHING) for need in line_needs),
             *((NOTHING, need) for need in contains_needs)),
            strip=_DECOR, tail=_LINE_END, max_line=_MAX_LINE,
        )
        self._unit_regexes: dict[int, regex.Pattern[str]] = {}
        self._whole: tuple[regex.Pattern[str] | None, regex.Pattern[str] | None] | None = None
        # One at a time equals the alternation when every pattern is read (the prefilter
        # knows what it needs) and none refers to a group by number or sets global flags.
        self._one_at_a_time = not any(
            need.always for need in (*line_needs, *contains_needs)
        ) and not any(_SHARED_STATE.search(p) for _, p in (*self._line_units,
                                                            *self._contains_units))
        if self._one_at_a_time:
            for i, (lang, _) in enumerate((*self._line_units, *self._contains_units)):
                if lang == "user":
                    self._unit_regex(i)  # a user's bad pattern fails here, not mid-batch
        else:
            self._compiled()

    def __reduce__(self) -> tuple[type[PhraseMatcher], tuple[Any, ...]]:
        """Rebuilt from its patterns in a worker process, so the shared scanner knows them."""
        return PhraseMatcher, self._args

    def candidates(self, doc: Document) -> list[Block]:
        """The blocks of ``doc`` the prefilter admits for this matcher, in order: ``match``
        returns None for every other block. One pass over the document serves all matchers."""
        return [doc.blocks[i] for i in _admitted(doc).get(self._index, ())]

    def match(self, text: str) -> Hit | None:
        seen = _scanner.seen(text)
        try_lines = self._index in seen.lines and self._has_lines
        try_contains = self._index in seen.contains and self._has_contains
        if not (try_lines or try_contains):
            return None
        if not self._one_at_a_time:
            return self.match_all(text, try_lines=try_lines, try_contains=try_contains)
        units = self._units.seen(text)
        text = normalize_quotes(text)
        if try_lines and units.lines and len(text) <= _MAX_LINE:
            hit = self._line_hit(text.strip(_DECOR), sorted(units.lines))
            if hit is not None:
                return hit
        if not try_contains or not units.contains:
            return None
        return self._contains_hit(text, sorted(units.contains))

    def match_all(
        self, text: str, *, try_lines: bool = True, try_contains: bool = True
    ) -> Hit | None:
        """``match`` without the prefilter: every pattern runs (the reference it must equal)."""
        lines, contains = self._compiled()
        text = normalize_quotes(text)
        if try_lines and lines is not None and len(text) <= _MAX_LINE:
            m = _timed(lines.fullmatch, text.strip(_DECOR))
            if m:
                return Hit("line", m.group().strip(), m.lastgroup or "")
        if not try_contains or contains is None:
            return None
        m = _timed(contains.search, text)
        if not m:
            return None
        n_words = len(_WORD.findall(text))
        if n_words > _LONG_BLOCK_WORDS:
            try:
                hits = sum(1 for _ in contains.finditer(text, timeout=REGEX_TIMEOUT))
            except TimeoutError:
                return None
            if hits * _WORDS_PER_HIT < n_words:
                return None
        return Hit("contains", m.group(), m.lastgroup or "")

    def _compiled(self) -> tuple[regex.Pattern[str] | None, regex.Pattern[str] | None]:
        """Every pattern as one alternation per kind, compiled once (on first use)."""
        if self._whole is None:
            lines, contains = self._args
            self._whole = (_compile(lines, _LINE_SHAPE), _compile(contains, _CONTAINS_SHAPE))
        return self._whole

    def _line_hit(self, line: str, admitted: list[int]) -> Hit | None:
        """The first admitted pattern, in alternation order, that is the whole line."""
        for i in admitted:
            lang = self._line_units[i][0]
            if lang == "user":
                try:
                    m = self._unit_regex(i).fullmatch(line, timeout=REGEX_TIMEOUT)
                except TimeoutError:
                    return None  # as the alternation's time-out: no whole-line match
            else:
                # A pack pattern on a line of at most _MAX_LINE characters: the regex safety
                # tests run each one so on hostile lines, and a time-out costs a few µs a call.
                m = self._unit_regex(i).fullmatch(line)
            if m:
                return Hit("line", m.group().strip(), lang)
        return None

    def _contains_hit(self, text: str, admitted: list[int]) -> Hit | None:
        """What the alternation's ``search`` finds, from the admitted patterns alone: the
        leftmost match, the earliest pattern on a tie; in a long block, only when the
        matches (the alternation's ``finditer``, one pattern's next match at a time) are
        dense enough. Every match holds a literal, so none is empty."""
        n_lines = len(self._line_units)
        try:
            found = {i: self._unit_regex(i).search(text, timeout=REGEX_TIMEOUT) for i in admitted}
            first = _leftmost(found)
            if first is None:
                return None
            m = found[first]
            hit = Hit("contains", m.group(), self._contains_units[first - n_lines][0])
            n_words = len(_WORD.findall(text))
            hits = 1
            while n_words > _LONG_BLOCK_WORDS and hits * _WORDS_PER_HIT < n_words:
                end = m.end()
                for i, later in found.items():
                    if later is not None and later.start() < end:
                        found[i] = self._unit_regex(i).search(text, end, timeout=REGEX_TIMEOUT)
                following = _leftmost(found)
                if following is None:
                    return None
                hits, m = hits + 1, found[following]
        except TimeoutError:
            return None
        return hit

    def _unit_regex(self, i: int) -> regex.Pattern[str]:
        """Pattern ``i`` (lines first, then contains) in its shape, compiled once."""
        compiled = self._unit_regexes.get(i)
        if compiled is None:
            n_lines = len(self._line_units)
            if i < n_lines:
                source = _LINE_SHAPE.format(self._line_units[i][1])
            else:
                source = _CONTAINS_SHAPE.format(self._contains_units[i - n_lines][1])
            compiled = self._unit_regexes[i] = regex.compile(source, _FLAGS)
        return compiled


_scanner = Scanner(strip=_DECOR, tail=_LINE_END, max_line=_MAX_LINE)
_scanner_lock = threading.Lock()


def _know(lines: Requirement, contains: Requirement) -> int:
    """Add a matcher to the scanner all matchers share; its number there."""
    global _scanner
    with _scanner_lock:
        _scanner, index = _scanner.index(lines, contains)
    return index


def _admitted(doc: Document) -> dict[int, list[int]]:
    """Matcher number -> indices of the blocks admitted for it, cached on the document for
    as long as the scanner and the blocks' texts stay the same."""
    scanner = _scanner
    texts = [block.text for block in doc.blocks]
    cached = doc._derived.get("phrase_admitted")
    if cached is not None and cached[0] is scanner and cached[1] == texts:
        return cached[2]  # type: ignore[no-any-return]
    table: defaultdict[int, list[int]] = defaultdict(list)
    for i, found in enumerate(scanner.seen_all(texts)):
        if found.lines or found.contains:
            for index in found.lines | found.contains:
                table[index].append(i)
    doc._derived["phrase_admitted"] = (scanner, texts, table)
    return table


def _compile(by_lang: dict[str, list[str]], shape: str) -> regex.Pattern[str] | None:
    parts = [
        f"(?P<{lang}>{shape.format('|'.join(patterns))})"
        for lang, patterns in by_lang.items()
        if patterns
    ]
    if not parts:
        return None
    return regex.compile("|".join(parts), _FLAGS)


def _timed(method: Any, text: str) -> regex.Match[str] | None:
    try:
        return method(text, timeout=REGEX_TIMEOUT)
    except TimeoutError:
        return None


def _leftmost(found: dict[int, regex.Match[str] | None]) -> int | None:
    """The key of the match that starts first; the smallest key on a tie (dicts keep order)."""
    best, best_start = None, -1
    for i, m in found.items():
        if m is not None and (best is None or m.start() < best_start):
            best, best_start = i, m.start()
    return best


@cache
def matcher(
    category: str,
    languages: tuple[str, ...],
    extra_lines: tuple[str, ...] = (),
    extra_contains: tuple[str, ...] = (),
) -> PhraseMatcher:
    """The compiled matcher for ``category`` (cached: compiled once per process)."""
    lines: dict[str, list[str]] = {}
    contains: dict[str, list[str]] = {}
    for lang in languages:
        table = load_pack(lang).get(category, {})
        lines[lang] = list(table.get("lines", []))
        contains[lang] = list(table.get("contains", []))
    if extra_lines:
        lines["user"] = list(extra_lines)
    if extra_contains:
        contains["user"] = list(extra_contains)
    return PhraseMatcher(lines, contains)
