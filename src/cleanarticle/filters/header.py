"""Header filter: the section / kicker, headline and dek above the first body paragraph.

The header is the run of title-like lines (no sentence ending) before the lead. Reading it
from the bottom up:

* the dek (standfirst) is a long line under the headline with no closing full stop, or a
  prose line that the lead repeats, longer, right after it;
* the headline is the title-like line just above the dek (or above the lead);
* the section is a short line just above the headline;
* anything higher up is page chrome (menus, site names) and is removed as navigation.
"""

from __future__ import annotations

from .. import registry
from ..document import BOILERPLATE, Block, Document
from ..textutil import WORD, is_prose, word_count

_MAX_SECTION_WORDS = 5
_MIN_DEK_WORDS = 10
_LEAD_LOOKAHEAD = 3  # how many blocks after a prose line may repeat it as the lead
_REPEAT_SHARE = 0.8  # share of the dek's words the lead must contain, in order
_SKIP = 12  # words the lead may insert between two of the dek's


class Header:
    name = "header"

    def __call__(self, doc: Document) -> None:
        zone: list[Block] = []
        dek: Block | None = None
        free = [b for b in doc.free() if not _has_role(b)]
        for i, block in enumerate(free):
            text = block.rest()
            if block.labels or is_prose(text):
                if dek is None and not block.labels and self._repeated(text, free[i + 1 :]):
                    dek = block
                    doc.assign(block, "dek", "standfirst: the lead repeats it, longer")
                    continue
                break
            if dek is not None:
                break
            zone.append(block)
        self._classify(doc, zone, has_dek=dek is not None)

    def _classify(self, doc: Document, zone: list[Block], has_dek: bool) -> None:
        if not zone:
            return
        if not has_dek and len(zone) >= 2:
            last, above = zone[-1], zone[-2]
            n_last = word_count(last.text)
            if n_last >= _MIN_DEK_WORDS and n_last > word_count(above.text):
                doc.assign(zone.pop(), "dek", "standfirst: a long line under the headline "
                           "with no closing full stop")
        headline = zone.pop()
        doc.assign(headline, "headline", "title line above the article body")
        if zone and word_count(zone[-1].text) <= min(
            _MAX_SECTION_WORDS, word_count(headline.text) - 1
        ):
            doc.assign(zone.pop(), "section", "short kicker line above the headline")
        for block in zone:
            doc.mark(block, "navigation", "short line above the headline (menu or page chrome)")

    @staticmethod
    def _repeated(text: str, following: list[Block]) -> bool:
        """The lead, in the next few blocks, contains this line's words almost all in order."""
        words = WORD.findall(text.casefold())
        for block in following[:_LEAD_LOOKAHEAD]:
            other = WORD.findall(block.rest().casefold())
            if (
                len(other) >= len(words)
                and words[-1] in other  # the lead says all the dek says, its end included
                and _in_order_share(words, other) >= _REPEAT_SHARE
            ):
                return True
        return False


def _has_role(block: Block) -> bool:
    return any(label.kind != BOILERPLATE for label in block.labels)


def _in_order_share(short: list[str], long: list[str]) -> float:
    """Share of ``short``'s words found in ``long`` in the same order (greedy subsequence)."""
    if not short:
        return 0.0
    found, pos = 0, 0
    for word in short:
        try:
            pos = long.index(word, pos, pos + _SKIP) + 1
            found += 1
        except ValueError:
            continue
    return found / len(short)


registry.register(Header.name, Header)
