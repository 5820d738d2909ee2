"""Copyright filter: a copyright or rights notice.

Phrases: table ``[copyright]`` of ``phrases/<lang>.toml``.
"""

from __future__ import annotations

from .. import registry
from .base import PhraseFilter


class Copyright(PhraseFilter):
    name = "copyright"
    category = "copyright"
    what = "a copyright or rights notice"


registry.register(Copyright.name, Copyright)
