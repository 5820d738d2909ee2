"""Copyright filter: a copyright or rights notice (phrases in ``phrases/<lang>.toml``, table ``[copyright]``)."""

from __future__ import annotations

from .. import registry
from .base import PhraseFilter


class Copyright(PhraseFilter):
    name = "copyright"
    category = "copyright"
    what = "a copyright or rights notice"


registry.register(Copyright.name, Copyright)
