"""The result of cleaning: an immutable, typed article that explains itself."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place (and agency) a story was filed from, as cut off the front of the lead."""

    place: str
    agency: str | None
    raw: str


@dataclass(frozen=True, slots=True)
class Removal:
    """One span that left the body: what it was, where it was, who removed it and why.

    ``kind`` is ``"boilerplate"`` for junk, or ``"field"`` for text that became metadata
    (headline, byline...). ``start``/``end`` are offsets into the input text and ``line`` its
    1-based line number, so the original can always be rebuilt.
    """

    text: str
    start: int
    end: int
    line: int
    filter: str
    category: str
    reason: str
    kind: str = "boilerplate"


# The rail's default: a body that keeps less than this share of the input's prose is a large
# removal (see Prose.is_large_removal; measured in benchmarks/rail.py).
MIN_PROSE_KEPT = 0.1


@dataclass(frozen=True, slots=True)
class Prose:
    """How much paragraph-like text the input held and the article kept: the measure of the
    safety rail against deleting an article whole.

    Counted in non-space characters of the blocks that read like prose
    (``textutil.prose_chars``). ``kept`` includes what became metadata (a dek);
    ``largest_removed_run`` is the most prose removed in one piece, consecutive prose
    blocks with nothing else between them: an article taken whole is such a run, a
    readers' thread is cut into short ones by its names and dates.
    """

    input: int = 0
    kept: int = 0
    largest_removed_run: int = 0

    @property
    def kept_share(self) -> float:
        """The share of the input's prose the article kept (1.0 when it held none)."""
        return self.kept / self.input if self.input else 1.0

    def is_large_removal(self, min_kept: float = MIN_PROSE_KEPT) -> bool:
        """Did cleaning probably delete the article itself? True when the article kept less
        than ``min_kept`` of the input's prose and less than half of the largest run it
        removed (0 turns the judgement off)."""
        return self.kept < min_kept * self.input and self.largest_removed_run > 2 * self.kept


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: body paragraphs, metadata, and every removed span."""

    paragraphs: tuple[str, ...]
    headline: str | None = None
    dek: str | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    dateline: Dateline | None = None
    date_published: str | None = None
    section: str | None = None
    credits: str | None = None
    removed: tuple[Removal, ...] = ()
    stats: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    prose: Prose = Prose()

    @property
    def text(self) -> str:
        """The body, paragraphs joined by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def boilerplate(self) -> tuple[Removal, ...]:
        """The removed spans that were junk (not metadata)."""
        return tuple(r for r in self.removed if r.kind == "boilerplate")

    def to_text(self) -> str:
        """The article as a clean text file: headline, dek, then the body."""
        head = [part for part in (self.headline, self.dek) if part]
        return "\n\n".join([*head, *self.paragraphs])

    def to_dict(self) -> dict[str, Any]:
        """The fields as plain data (what ``dataclasses.asdict`` gives, with lists for
        tuples, plus ``text``), built directly: asdict deep-copies every removal and cost
        more than cleaning the page."""
        data = {name: getattr(self, name) for name in _ARTICLE_FIELDS}
        data["paragraphs"] = list(self.paragraphs)
        data["authors"] = list(self.authors)
        if self.dateline is not None:
            data["dateline"] = {name: getattr(self.dateline, name) for name in _DATELINE_FIELDS}
        data["removed"] = [
            {name: getattr(r, name) for name in _REMOVAL_FIELDS} for r in self.removed
        ]
        data["stats"] = dict(self.stats)
        data["notes"] = list(self.notes)
        data["prose"] = {name: getattr(self.prose, name) for name in _PROSE_FIELDS}
        data["text"] = self.text
        return data

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def to_schema_org(self) -> dict[str, Any]:
        """A schema.org ``NewsArticle`` (JSON-LD) with the fields the text showed."""
        data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle"}
        optional = {
            "headline": self.headline,
            "alternativeHeadline": self.dek,
            "dateline": self.dateline.raw if self.dateline else None,
            "datePublished": self.date_published,
            "articleSection": self.section,
        }
        data.update({key: value for key, value in optional.items() if value})
        if self.authors:
            data["author"] = [{"@type": "Person", "name": name} for name in self.authors]
        if self.publisher:
            data["publisher"] = {"@type": "Organization", "name": self.publisher}
        data["articleBody"] = self.text
        return data


# Field names in declaration order: to_dict keeps the order asdict gave.
_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
_DATELINE_FIELDS = tuple(f.name for f in fields(Dateline))
_REMOVAL_FIELDS = tuple(f.name for f in fields(Removal))
_PROSE_FIELDS = tuple(f.name for f in fields(Prose))
