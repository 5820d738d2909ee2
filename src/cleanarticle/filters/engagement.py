"""Engagement filter: a share, rating or feedback widget.

Phrases: table ``[engagement]`` of ``phrases/<lang>.toml``.
"""

from __future__ import annotations

from .. import registry
from .base import PhraseFilter


class Engagement(PhraseFilter):
    name = "engagement"
    category = "engagement"
    what = "a share, rating or feedback widget"


registry.register(Engagement.name, Engagement)
