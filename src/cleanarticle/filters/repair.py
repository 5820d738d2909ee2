"""Repair filter: fixes mojibake and broken Unicode with ftfy, in the view filters read.

The source text is never changed: the block's ``text`` becomes the repaired view, offsets
still point at the original, and each fix is explained in the article's ``notes``.
"""

from __future__ import annotations

import ftfy

from .. import registry
from ..document import Document

# Repair what is broken; leave typography alone (curly quotes, dashes and ligatures are the
# publisher's, and the expected output keeps them).
_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization="NFC",
    explain=True,
)


class Repair:
    """Unicode repair; white space needs none, since blocks are stripped lines."""

    name = "repair"

    def __call__(self, doc: Document) -> None:
        for block in doc.blocks:
            if block.text.isascii() and block.text.isprintable():
                continue
            fixed, steps = ftfy.fix_and_explain(block.text, config=_CONFIG)
            if fixed != block.text and fixed.strip():
                block.text = fixed.strip()
                names = ", ".join(f"{kind} {what}" for kind, what in steps or [])
                doc.notes.append(f"line {block.lines[0].number}: repaired text ({names})")


registry.register(Repair.name, Repair)
