"""Paywall filter: a paywall, subscription or login prompt.

Phrases: table ``[paywall]`` of ``phrases/<lang>.toml``.
"""

from __future__ import annotations

from .. import registry
from .base import PhraseFilter


class Paywall(PhraseFilter):
    name = "paywall"
    category = "paywall"
    what = "a paywall, subscription or login prompt"


registry.register(Paywall.name, Paywall)
