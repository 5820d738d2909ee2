"""readability-lxml's main text (the algorithm of Mozilla's Readability), one block per line.

Its summary is markup; the text of each block element becomes one line, as trafilatura
gives it, so that candidates line up line by line.
"""

from __future__ import annotations

import copy
import importlib.util
from typing import Any

_BLOCKS = frozenset({
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
})
_SKIPPED = frozenset({"script", "style", "noscript", "template"})


def available() -> bool:
    return importlib.util.find_spec("readability") is not None


def readability_text(page: str | Any) -> str:
    """The article readability-lxml finds in ``page`` (markup, or an lxml tree, which is
    copied: readability edits the tree it is given); "" when it finds none or fails."""
    import lxml.html
    from readability import Document

    if isinstance(page, str):
        if not page.strip():
            return ""
    else:
        page = copy.deepcopy(page)
    try:
        summary = Document(page).summary(html_partial=True)
        return block_lines(lxml.html.fromstring(summary)) if summary.strip() else ""
    except Exception:  # readability raises its own Unparseable, lxml its errors: no article
        return ""


def block_lines(root: Any) -> str:
    """The text of ``root``, a line per block element, white space collapsed."""
    lines: list[str] = []
    words: list[str] = []

    def flush() -> None:
        line = " ".join("".join(words).split())
        if line:
            lines.append(line)
        words.clear()

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:  # depth first without recursion: deeply nested markup must not overflow
        element, closing = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""
        if closing:
            if tag in _BLOCKS:
                flush()
            if element.tail:
                words.append(element.tail)
            continue
        if tag in _SKIPPED:
            if element.tail:
                words.append(element.tail)
            continue
        if tag in _BLOCKS:
            flush()
        if element.text and tag:
            words.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    flush()
    return "\n".join(lines)
