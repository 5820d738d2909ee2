"""Navigation filter: site navigation.

Phrases: table ``[navigation]`` of ``phrases/<lang>.toml``.
"""

from __future__ import annotations

from .. import registry
from .base import PhraseFilter


class Navigation(PhraseFilter):
    name = "navigation"
    category = "navigation"
    what = "site navigation"


registry.register(Navigation.name, Navigation)
