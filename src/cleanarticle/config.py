"""Project configuration: ``[tool.cleanarticle]`` in ``pyproject.toml``, as ruff and black do it.

```toml
[tool.cleanarticle]
disable = ["captions"]              # filters to leave out of the pipeline
languages = ["en", "de"]            # phrase packs to use (default: all)
include = ["*.txt", "*.jsonl"]      # files to pick in folders (default: every kind we read)
exclude = ["drafts", "*.raw.txt"]   # files and folders to leave alone
min-prose-kept = 0.1                # below this share of its prose kept, an article is a
                                    # large removal: fix leaves it, all commands warn (0: off)

[tool.cleanarticle.phrases.paywall] # extra patterns for a category, as in phrases/<lang>.toml
lines = ["members only"]
contains = ["read the full story in our app"]
```

A mistake (an unknown key, filter, category or language, a bad pattern) is a
:class:`ConfigError` that says where it is and what would be valid: a typo must not
silently turn a filter back on in a corpus repository.
"""

from __future__ import annotations

import difflib
import inspect
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .article import MIN_PROSE_KEPT
from .filters.base import PhraseFilter
from .phrasebook import available_languages
from .pipeline import DEFAULT_FILTERS, Pipeline, default_pipeline
from .registry import Filter

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYS = ("disable", "exclude", "include", "languages", "min-prose-kept", "phrases")
PHRASE_KEYS = ("contains", "lines")


class ConfigError(ValueError):
    """The configuration is wrong; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Phrases:
    """Extra patterns for one phrase category (regular expressions, like the packs)."""

    lines: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Config:
    """The settings that change what is cleaned and which files are looked at."""

    disable: tuple[str, ...] = ()
    languages: tuple[str, ...] | None = None
    phrases: Mapping[str, Phrases] = field(default_factory=dict)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    min_prose_kept: float = MIN_PROSE_KEPT
    path: Path | None = None  # where it was read from, for messages

    def pipeline(self) -> Pipeline:
        """The default pipeline with this configuration applied."""
        return build_pipeline(self)


def find(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.cleanarticle]`` table, walking up."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            data = _read_toml(candidate)
            if isinstance(data.get("tool"), dict) and "cleanarticle" in data["tool"]:
                return candidate
    return None


def load(path: Path | None) -> Config:
    """The configuration in ``path``: its ``[tool.cleanarticle]`` table, or, in a file that is
    not a ``pyproject.toml``, the whole file. ``None`` gives the defaults."""
    if path is None:
        return Config()
    data = _read_toml(path)
    tool = data.get("tool")
    if isinstance(tool, dict) and "cleanarticle" in tool:
        return parse(tool["cleanarticle"], path, "[tool.cleanarticle]")
    if path.name == "pyproject.toml":
        raise ConfigError(f"{path}: no [tool.cleanarticle] table")
    return parse(data, path, "")


def parse(table: Any, path: Path | None = None, where: str = "") -> Config:
    """Check a configuration table and turn it into a :class:`Config`."""
    at = f"{path or '<config>'}: {where + ' ' if where else ''}"
    if not isinstance(table, dict):
        raise ConfigError(f"{at}must be a table")
    _no_unknown(table, KEYS, at)
    disable = _strings(table, "disable", at)
    known_filters = list(DEFAULT_FILTERS)
    for name in disable:
        if name not in known_filters:
            raise ConfigError(f"{at}disable: no filter {name!r}{_hint(name, known_filters)}")
    languages = _strings(table, "languages", at) if "languages" in table else None
    if languages is not None:
        known = available_languages()
        for lang in languages:
            if lang not in known:
                raise ConfigError(
                    f"{at}languages: no phrase pack {lang!r}; available: {', '.join(known)}"
                )
    return Config(
        disable=disable,
        languages=languages,
        phrases=_phrases(table.get("phrases", {}), disable, at),
        include=_strings(table, "include", at),
        exclude=_strings(table, "exclude", at),
        min_prose_kept=_share(table, "min-prose-kept", MIN_PROSE_KEPT, at),
        path=path,
    )


def phrase_categories() -> dict[str, str]:
    """Category -> filter name, for every phrase filter of the default pipeline."""
    return {f.category: f.name for f in default_pipeline() if isinstance(f, PhraseFilter)}


def _phrases(table: Any, disable: Sequence[str], at: str) -> dict[str, Phrases]:
    if not isinstance(table, dict):
        raise ConfigError(f"{at}phrases must be a table of categories")
    categories = phrase_categories()
    out = {}
    for category, entry in table.items():
        here = f"{at}phrases.{category}"
        if category not in categories:
            known = sorted(categories)
            raise ConfigError(f"{here}: no phrase category {category!r}{_hint(category, known)}")
        if categories[category] in disable:
            raise ConfigError(f"{here}: the {categories[category]!r} filter is disabled")
        if not isinstance(entry, dict):
            raise ConfigError(f"{here} must be a table with 'lines' and/or 'contains'")
        _no_unknown(entry, PHRASE_KEYS, f"{here}: ")
        phrases = Phrases(
            _strings(entry, "lines", f"{here}."), _strings(entry, "contains", f"{here}.")
        )
        for pattern in (*phrases.lines, *phrases.contains):
            try:
                regex.compile(pattern, regex.IGNORECASE)
            except regex.error as err:
                raise ConfigError(f"{here}: bad pattern {pattern!r}: {err}") from None
        out[category] = phrases
    return out


def build_pipeline(config: Config) -> Pipeline:
    """``default_pipeline()`` without the disabled filters, with languages and phrases set."""
    pipeline = default_pipeline().without(*config.disable)
    for f in list(pipeline):
        kwargs: dict[str, Any] = {}
        if config.languages is not None and _accepts(f, "languages"):
            kwargs["languages"] = config.languages
        extra = config.phrases.get(getattr(f, "category", ""))
        if extra is not None and isinstance(f, PhraseFilter):
            kwargs["extra_lines"] = extra.lines
            kwargs["extra_contains"] = extra.contains
        if kwargs:
            pipeline = pipeline.replace(f.name, type(f)(**kwargs))
    return pipeline


def _accepts(f: Filter, parameter: str) -> bool:
    try:
        return parameter in inspect.signature(type(f)).parameters
    except (TypeError, ValueError):
        return False


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror or err}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None


def _no_unknown(table: dict[str, Any], known: Sequence[str], at: str) -> None:
    for key in table:
        if key not in known:
            raise ConfigError(
                f"{at}unknown key {key!r}{_hint(key, known)} (known: {', '.join(known)})"
            )


def _strings(table: dict[str, Any], key: str, at: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{at}{key} must be a list of strings, not {value!r}")
    return tuple(value)


def _share(table: dict[str, Any], key: str, default: float, at: str) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ConfigError(f"{at}{key} must be a number from 0 to 1, not {value!r}")
    return float(value)


def _hint(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
