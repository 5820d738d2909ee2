"""Recommendations filter: a recommendation or related-content link (phrases in ``phrases/<lang>.toml``, table ``[recommendations]``)."""

from __future__ import annotations

from .. import registry
from .base import PhraseFilter


class Recommendations(PhraseFilter):
    name = "recommendations"
    category = "recommendations"
    what = "a recommendation or related-content link"


registry.register(Recommendations.name, Recommendations)
