"""cleanarticle: turn scraped news text into clean articles.

>>> import cleanarticle
>>> article = cleanarticle.clean(text)
>>> article.headline, article.paragraphs, article.removed

Every removed span says which filter removed it and why; see ``Article.removed``.
"""

from __future__ import annotations

from . import filters as _builtin_filters  # noqa: F401  (registers the built-in filters)
from .article import Article, Dateline, Prose, Removal
from .batch import Failure, Page, clean_many
from .document import Block, Document, Label
from .html import clean_html
from .pipeline import DEFAULT_FILTERS, Pipeline, default_pipeline
from .registry import Filter, available, filter, register

__all__ = [
    "DEFAULT_FILTERS",
    "Article",
    "Block",
    "Dateline",
    "Document",
    "Failure",
    "Filter",
    "Label",
    "Page",
    "Pipeline",
    "Prose",
    "Removal",
    "available",
    "clean",
    "clean_html",
    "clean_many",
    "default_pipeline",
    "filter",
    "register",
]

_default: Pipeline | None = None


def clean(text: str, *, pipeline: Pipeline | None = None) -> Article:
    """Clean one article's text with ``pipeline`` (the default pipeline if None)."""
    global _default
    if pipeline is None:
        if _default is None:
            _default = default_pipeline()
        pipeline = _default
    return pipeline.clean(text)
