"""Markup filter: lines of raw HTML left in scraped text (an ad's ``<a href=...><img ...>``
snippet, a template's ``<div class=...> <div ...>``, a CMS placeholder ``<$BlogItemBody$>``).

A line counts as markup when it holds at least three tags and the tags make up at least half
of its characters (spaces aside): an article about HTML quotes a tag or two inside its
sentences, and its code samples are short lines of one tag, which stay. Script code is left
alone on purpose: in the dev corpora every long line of JavaScript the dumps kept was an
article's own code sample.
"""

from __future__ import annotations

import regex

from .. import registry
from ..document import Document
from ..textutil import REGEX_TIMEOUT

# An opening or closing tag, a comment or CDATA opener, or a template tag, with at most 500
# characters of attributes: bounded, so a stray "<" never scans the rest of a long line.
_TAG = regex.compile(
    r"<(?:/?[A-Za-z][\w:-]{0,30}|!--|!\[CDATA\[|\$[A-Za-z]\w{0,40}\$)(?:[\s/][^<>]{0,500})?>"
)
_MIN_TAGS = 3
_TAG_SHARE = 0.5


class Markup:
    name = "markup"
    category = "markup"

    def __call__(self, doc: Document) -> None:
        for block in doc.free():
            text = block.text
            if text.count("<") < _MIN_TAGS or ">" not in text:
                continue  # the cheap test first: most lines hold no "<" at all
            try:
                tags = _TAG.findall(text, timeout=REGEX_TIMEOUT)
            except TimeoutError:
                continue
            solid = len(text) - text.count(" ")
            if len(tags) >= _MIN_TAGS and sum(map(len, tags)) >= _TAG_SHARE * solid:
                doc.mark(block, self.category,
                         f"raw HTML: {len(tags)} tags make up most of the line")


registry.register(Markup.name, Markup)
