"""Newsletter filter: a newsletter sign-up prompt.

Phrases: table ``[newsletter]`` of ``phrases/<lang>.toml``.
"""

from __future__ import annotations

from .. import registry
from .base import PhraseFilter


class Newsletter(PhraseFilter):
    name = "newsletter"
    category = "newsletter"
    what = "a newsletter sign-up prompt"


registry.register(Newsletter.name, Newsletter)
