"""An ordered, immutable list of named filters; editing it returns a new pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import registry
from .article import Article
from .document import Document
from .registry import Filter
from .render import render

# Junk first, then metadata: the header filter looks for the headline among what is left.
DEFAULT_FILTERS = (
    "repair",
    "markup",
    "navigation",
    "paywall",
    "comments",
    "recommendations",
    "newsletter",
    "engagement",
    "captions",
    "copyright",
    "content",
    "duplicates",
    "byline",
    "dates",
    "credits",
    "header",
    "dateline",
)


class Pipeline:
    """Runs filters in order over a document, then renders the article."""

    def __init__(self, filters: Iterable[Filter]) -> None:
        self.filters: tuple[Filter, ...] = tuple(filters)
        names = self.names
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"filter names must be unique in a pipeline: {', '.join(dupes)}")

    @classmethod
    def from_names(cls, names: Iterable[str]) -> Pipeline:
        return cls(registry.get(name) for name in names)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.filters]

    def __iter__(self) -> Iterator[Filter]:
        return iter(self.filters)

    def __len__(self) -> int:
        return len(self.filters)

    def __repr__(self) -> str:
        return f"Pipeline({self.names})"

    def _index(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise KeyError(f"no filter {name!r} in this pipeline: {self.names}") from None

    def without(self, *names: str) -> Pipeline:
        for name in names:
            self._index(name)
        return Pipeline(f for f in self.filters if f.name not in names)

    def replace(self, name: str, new: Filter | str) -> Pipeline:
        i = self._index(name)
        return Pipeline([*self.filters[:i], _resolve(new), *self.filters[i + 1 :]])

    def insert_before(self, name: str, new: Filter | str) -> Pipeline:
        i = self._index(name)
        return Pipeline([*self.filters[:i], _resolve(new), *self.filters[i:]])

    def insert_after(self, name: str, new: Filter | str) -> Pipeline:
        i = self._index(name) + 1
        return Pipeline([*self.filters[:i], _resolve(new), *self.filters[i:]])

    def append(self, new: Filter | str) -> Pipeline:
        return Pipeline([*self.filters, _resolve(new)])

    def run(self, text: str) -> Document:
        """Label a document without rendering it (for tools that want the raw labels)."""
        if not isinstance(text, str):
            raise TypeError(
                f"cleanarticle cleans str, not {type(text).__name__}: decode bytes first "
                "(e.g. data.decode('utf-8', errors='replace'))"
            )
        doc = Document(text)
        for f in self.filters:
            doc.current_filter = f.name
            f(doc)
        doc.current_filter = ""
        return doc

    def clean(self, text: str) -> Article:
        return render(self.run(text))

    __call__ = clean


def _resolve(new: Filter | str) -> Filter:
    return registry.get(new) if isinstance(new, str) else new


def default_pipeline() -> Pipeline:
    """The built-in filters in their default order (a new pipeline each call)."""
    return Pipeline.from_names(DEFAULT_FILTERS)
