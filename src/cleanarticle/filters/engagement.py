"""Engagement filter: a share, rating or feedback widget (phrases in ``phrases/<lang>.toml``, table ``[engagement]``)."""

from __future__ import annotations

from .. import registry
from .base import PhraseFilter


class Engagement(PhraseFilter):
    name = "engagement"
    category = "engagement"
    what = "a share, rating or feedback widget"


registry.register(Engagement.name, Engagement)
