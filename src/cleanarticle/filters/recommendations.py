"""Recommendations filter: a recommendation or related-content link.

Phrases: table ``[recommendations]`` of ``phrases/<lang>.toml``.
"""

from __future__ import annotations

from .. import registry
from .base import PhraseFilter


class Recommendations(PhraseFilter):
    name = "recommendations"
    category = "recommendations"
    what = "a recommendation or related-content link"


registry.register(Recommendations.name, Recommendations)
