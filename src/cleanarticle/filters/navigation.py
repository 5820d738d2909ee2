"""Navigation filter: site navigation (phrases in ``phrases/<lang>.toml``, table ``[navigation]``)."""

from __future__ import annotations

from .. import registry
from .base import PhraseFilter


class Navigation(PhraseFilter):
    name = "navigation"
    category = "navigation"
    what = "site navigation"


registry.register(Navigation.name, Navigation)
