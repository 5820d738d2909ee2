"""Comments filter: comment rules or a comment widget.

Phrases: table ``[comments]`` of ``phrases/<lang>.toml``.
"""

from __future__ import annotations

from .. import registry
from .base import PhraseFilter


class Comments(PhraseFilter):
    name = "comments"
    category = "comments"
    what = "comment rules or a comment widget"


registry.register(Comments.name, Comments)
