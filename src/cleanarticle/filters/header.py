"""Header filter: the section / kicker, headline and dek above the first body paragraph.

The header is the run of title-like lines (no sentence ending) before the lead, or before
the lines under a byline or date stamp below the title (those are the body, however they
read). Reading it from the bottom up:

* the dek (standfirst) is a long line under the headline with no closing full stop, or a
  prose line that the lead repeats, longer, right after it;
* the headline is the lowest title-like line above the dek (or the lead) that is no byline
  or date stamp ("Posted by Ann", "- 11.12.12", "May 9, 2012 by Ann"): those stay in the body,
  where the byline and dates filters did not take them, and the line above them is the title;
* the section is a short line just above the headline;
* anything higher up is page chrome (menus, site names) and is removed as navigation.

That reading holds for a whole page, where the other filters have marked most blocks as
boilerplate. A text that is already an article (extracted from HTML, hand-cleaned) has no
page around it (``_among_chrome``): when lines are left above its section and headline, they
are its own subheads, list items and kickers, so they stay, and the first title-like line is
taken as the headline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from .. import registry
from ..document import BOILERPLATE, Block, Document
from ..phrasebook import alternation, languages_or_all, words_of
from ..textutil import REGEX_TIMEOUT, WORD, is_prose, is_title_like, word_count
from .byline import Byline
from .dates import Dates
from .duplicates import word_key

_MAX_SECTION_WORDS = 5
_MIN_DEK_WORDS = 10
_LEAD_LOOKAHEAD = 3  # how many blocks after a prose line may repeat it as the lead
_REPEAT_SHARE = 0.8  # share of the dek's words the lead must contain, in order
_SKIP = 12  # words the lead may insert between two of the dek's
_CHROME_SHARE = 0.5  # share of blocks marked as boilerplate that makes the text a whole page
_TITLE_WINDOW = 40  # blocks above the lead in which a page's repeated title is looked for
_MIN_TITLE_WORDS = 2
_STAMP_WINDOW = 25  # blocks under a page's headline in which its byline and date are read
_DATE_ABOVE = 2  # blocks over a page's headline in which its date line is read
_BARE_NAME_GAP = 3  # how far under the headline a line of names alone is its byline
_MAX_PARTS = 8  # parts of a title looked at
_MIN_PREFIX_WORDS = 4  # a line the title starts with counts from this length...
_SUBTITLE = frozenset(".:!?…")  # ...when one of these follows it there
_MIN_REPEAT_WORDS = 3  # a line repeated elsewhere (not in the title) counts from this length
# Where a page title splits into the headline and the site's name: "Headline | Site",
# "Site - Headline", "Headline ✩ Site".
_TITLE_SEPARATOR = regex.compile(r"\s+[^\w\s]{1,3}\s+|\s*[|｜]\s*")
# Filters whose marks on a line near the lead the header reads again: the content model's
# guess (a short title among menus looks like one) and the second copy of a repeated title.
_REREAD = frozenset({"content", "duplicates"})


class Header:
    name = "header"

    def __init__(self, languages: Iterable[str] | None = None) -> None:
        langs = languages_or_all(languages)
        prefixes = alternation(regex.escape(p) for p in words_of("byline", "prefixes", langs))
        # "By Ann Lee", "- Posted by Ann Lee on May 2": a byline opener, maybe after a list mark
        self._byline = regex.compile(rf"^[-–—•*|\s]*(?:{prefixes})\s+\S", regex.IGNORECASE)
        self._dates = Dates(langs)
        self._bylines = Byline(langs)

    def __call__(self, doc: Document) -> None:
        zone: list[Block] = []
        stamps: set[int] = set()  # ids of the zone's byline and date stamps
        dek: Block | None = None
        lead: Block | None = None
        free = [b for b in doc.free() if not _has_role(b)]
        titled = stamped = False
        for i, block in enumerate(free):
            text = block.rest()
            if block.labels or is_prose(text) or _opens_body(text):
                if dek is None and not block.labels and self._repeated(text, free[i + 1 :]):
                    dek = block
                    continue
                lead = block
                break
            stamp = self._is_stamp(text)
            # Below a title, a byline or date stamp ends the header: the lines under it are
            # the body, however they read (a first paragraph that ends in a colon, say).
            if dek is not None or (stamped and not stamp):
                lead = block
                break
            zone.append(block)
            if stamp:
                stamps.add(id(block))
            stamped = stamped or (stamp and titled)
            titled = titled or not stamp
        among_chrome = _among_chrome(doc)
        title = self._page_title(doc, lead, among_chrome) if lead is not None else None
        if title is not None:
            headline: Block | None = title
            self._assign_title(doc, title, zone, stamps, lead, has_dek=dek is not None)
        else:
            headline = self._classify(doc, zone, stamps, has_dek=dek is not None,
                                      among_chrome=among_chrome, has_body=lead is not None)
            if headline is not None and among_chrome:
                self._read_stamps(doc, headline, lead)
        # A standfirst stands under a headline. With none above it, it is the text's first
        # paragraph (and cleaned text, which starts with it, would read it as the headline).
        if dek is not None and headline:
            doc.assign(dek, "dek", "standfirst: the lead repeats it, longer")

    def _page_title(self, doc: Document, lead: Block, among_chrome: bool) -> Block | None:
        """The title line nearest above the lead that the page repeats: its first line (a
        dump's ``<title>``, "Headline | Site") or a part of it, else, of three words or more,
        any other line word for word. The content filter may have marked it page chrome (a
        short line among menus), and duplicates its second copy: both are read again. In a
        text the filters found little chrome in, only the first line's repeat counts: it
        makes the text a page all the same (cleaned text holds its title once)."""
        above = doc.blocks[max(0, lead.index - _TITLE_WINDOW) : lead.index]
        candidates = []
        for block in reversed(above):
            text = block.text
            if (
                _rereadable(block) and is_title_like(text) and not is_prose(text)
                and not self._is_stamp(text)
            ):
                words = tuple(WORD.findall(text.casefold()))
                if len(words) >= _MIN_TITLE_WORDS:
                    candidates.append((block, words))
        # The longest part the page prints (the headline, not "Ann Lee" of "Headline | Ann
        # Lee | Site"), the nearest to the lead of its copies.
        parts = _title_parts(doc.blocks[0].text)
        if doc.blocks[0].is_free:
            # A first line no filter marked is no page's <title> but the text's own title,
            # and its copy word for word under it is a duplicate, not the headline.
            parts.discard(tuple(WORD.findall(doc.blocks[0].text.casefold())))
        named = [(len(words), -i, block) for i, (block, words) in enumerate(candidates)
                 if block.index > 0 and words in parts]
        if named:
            return max(named, key=lambda found: found[:2])[2]
        # A title the page prints without its subtitle: "Big Lie" under "Big Lie. How... | Site".
        first = doc.blocks[0].text
        ends = [m.end() for m in WORD.finditer(first.casefold())]
        starts = WORD.findall(first.casefold())
        for block, words in candidates:
            n = len(words)
            if (
                block.index > 0 and n >= _MIN_PREFIX_WORDS and n < len(ends)
                and tuple(starts[:n]) == words and first[ends[n - 1] :].lstrip()[:1] in _SUBTITLE
            ):
                return block
        if not among_chrome:
            return None
        counts = Counter(word_key(b.text) for b in doc.blocks)
        for block, words in candidates:
            if len(words) >= _MIN_REPEAT_WORDS and counts[" ".join(words)] > 1:
                return block
        return None

    def _assign_title(
        self, doc: Document, title: Block, zone: list[Block], stamps: set[int],
        lead: Block | None, has_dek: bool,
    ) -> None:
        """The page's repeated title is the headline: the zone's lines above it are chrome
        (the one right above it may be its section), a long line under it is its dek, and the
        other short lines between it and the lead are chrome too; stamps stay in the body."""
        reason = "title line above the article body that the page repeats"
        if not title.is_free:
            reason += " (read again: it was marked as page chrome)"
            # Its copies further down were kept as its first copy; now they repeat the
            # headline, as they would in the cleaned text, which starts with it.
            key, line = word_key(title.text), title.lines[0].number
            for block in doc.free():
                if block.index > title.index and word_key(block.text) == key:
                    doc.mark(block, "duplicate", f"repeats line {line} word for word")
        doc.assign(title, "headline", reason)
        above = [b for b in zone if b.index < title.index]
        below = [b for b in zone if b.index > title.index and id(b) not in stamps]
        if above and above[-1].index == title.index - 1 and word_count(above[-1].text) <= min(
            _MAX_SECTION_WORDS, word_count(title.text) - 1
        ):
            doc.assign(above.pop(), "section", "short kicker line above the headline")
        for block in above:
            doc.mark(block, "navigation", "short line above the headline (menu or page chrome)")
        self._read_stamps(doc, title, lead)
        below = [b for b in below if not _has_role(b)]
        if below and not has_dek and _reads_as_dek(below[0].text, title.text):
            doc.assign(below.pop(0), "dek", "standfirst: a long line under the headline "
                       "with no closing full stop")
        for block in below:
            doc.mark(block, "navigation", "short line between the headline and the lead")

    def _read_stamps(self, doc: Document, headline: Block, lead: Block | None) -> None:
        """The byline and date lines between a page's headline and its lead, read again where
        the content filter marked them (a short line among chrome), and a line of names alone
        right under the headline ("Ann Lee", no "By"): with the title above, it is a byline."""
        end = lead.index if lead else len(doc.blocks)
        # Names alone are a byline only where the page names that person again, in its title
        # ("Headline | Ann Lee | Site") or on a line of their own (the author box, "More by"):
        # a section label ("Personal Health") under the headline looks the same, and most
        # pages print it once.
        lines = Counter(word_key(b.text) for b in doc.blocks)
        title = f" {word_key(doc.blocks[0].text)} "
        for block in doc.blocks[max(0, headline.index - _DATE_ABOVE) : headline.index]:
            if _rereadable(block) and not block.is_free:  # a date over the title: "May 2, 2012"
                iso = self._dates.parse_line(block.text, doc)
                if iso:
                    doc.assign(block, "date", f"date line: {iso} (read again: it was marked "
                               "as page chrome)", data=iso)
        for block in doc.blocks[headline.index + 1 : headline.index + 1 + _STAMP_WINDOW]:
            # Past the lead, only what the content filter took from beside it (a byline
            # printed after the first paragraph); free lines there are the body.
            if not _rereadable(block) or (block.index > end and block.is_free):
                continue
            again = "" if block.is_free else " (read again: it was marked as page chrome)"
            bare = block.index - headline.index <= _BARE_NAME_GAP and block.index < end
            if bare:
                key = word_key(block.text)
                bare = key != word_key(headline.text) and (lines[key] > 1 or f" {key} " in title)
            if self._bylines.take(doc, block, bare, again) or block.is_free:
                continue
            iso = self._dates.parse_line(block.text, doc)
            if iso:
                doc.assign(block, "date", f"date line: {iso}{again}", data=iso)

    def _classify(
        self, doc: Document, zone: list[Block], stamps: set[int], has_dek: bool,
        among_chrome: bool, has_body: bool,
    ) -> Block | None:
        """Assign the header's roles; the headline, if there is one."""
        roles, above = _read(zone, stamps, has_dek, has_body)
        # With no body below, there is no bottom of a header to read from: the last lines of a
        # text that is all short lines are its body, not a dek under its headline.
        if among_chrome or (not above and has_body):
            for role, (block, reason) in roles.items():
                doc.assign(block, role, reason)
            for block in above:
                doc.mark(block, "navigation", "short line above the headline (menu or page chrome)")
            return roles["headline"][0] if "headline" in roles else None
        # No page around the text: the lines above the title are its own (subheads, list
        # items, kickers) and stay; the article opens with its title.
        first = next((b for b in zone if id(b) not in stamps), None)
        if first is not None:
            doc.assign(first, "headline", "first title line of a text with no page around it")
        return first

    def _is_stamp(self, text: str) -> bool:
        """A byline or a date/time stamp: never the title, and it shows where the title ends."""
        if len(text) > 200:
            return False
        try:
            if self._byline.match(text, timeout=REGEX_TIMEOUT):
                return True
        except TimeoutError:
            return False
        return self._dates.contains_date(text)

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


def _read(
    zone: list[Block], stamps: set[int], has_dek: bool, has_body: bool
) -> tuple[dict[str, tuple[Block, str]], list[Block]]:
    """The header roles read from the bottom of the zone, and the lines left above them.
    With no body below, a long line under the headline is the body (the text's only
    paragraph), not a dek: cleaned text would have no paragraph, and the next cleaning
    would read it as the body."""
    zone = list(zone)
    roles: dict[str, tuple[Block, str]] = {}
    while zone and id(zone[-1]) in stamps:
        zone.pop()  # a byline or date stamp under the title (or dek): it stays in the body
    if not has_dek and len(zone) >= 2:
        last, above = zone[-1], zone[-2]
        n_last = word_count(last.text)
        if (
            n_last >= _MIN_DEK_WORDS
            and n_last > word_count(above.text)
            and id(above) not in stamps  # under a stamp, the long line is the title
        ):
            zone.pop()  # the dek, or with no body below, the text's one paragraph
            if has_body:
                roles["dek"] = (last, "standfirst: a long line under the headline "
                                "with no closing full stop")
    while zone and id(zone[-1]) in stamps:
        zone.pop()  # a stamp between the title and the dek stays in the body too
    if not zone:
        return roles, []
    headline = zone.pop()
    roles["headline"] = (headline, "title line above the article body")
    if zone and word_count(zone[-1].text) <= min(
        _MAX_SECTION_WORDS, word_count(headline.text) - 1
    ):
        roles["section"] = (zone.pop(), "short kicker line above the headline")
    return roles, zone


def _among_chrome(doc: Document) -> bool:
    """Most blocks are already marked as boilerplate: the text is a whole page, not an article.

    Only then do the lines above the headline read as page chrome. In text that is already an
    article (extracted from HTML, or hand-cleaned) they are its own subheads, list items and
    kickers (dev corpus, trafilatura's text: F1 +0.004 without marking them; whole-page dumps,
    where the other filters mark most blocks, unchanged).
    """
    marked = 0
    for block in doc.blocks:
        for label in block.labels:
            if label.kind == BOILERPLATE:
                marked += 1
                break
    return marked >= _CHROME_SHARE * len(doc.blocks)


def _opens_body(text: str) -> bool:
    """A long line that ends in a colon ("...and one of them stands out:") introduces what
    follows: the body starts with it, under a byline or not (the byline leaves the text)."""
    return text.endswith(":") and word_count(text) >= _MIN_DEK_WORDS


def _reads_as_dek(text: str, headline: str) -> bool:
    """Longer than the headline, long enough, and no copy of it with a tail ("199 Comments")."""
    words, title = WORD.findall(text.casefold()), WORD.findall(headline.casefold())
    return len(words) >= max(_MIN_DEK_WORDS, len(title) + 1) and words[: len(title)] != title


def _title_parts(title: str) -> set[tuple[str, ...]]:
    """The words of a page title and of each run of its parts between title separators."""
    parts = [tuple(WORD.findall(p.casefold())) for p in _TITLE_SEPARATOR.split(title)[:_MAX_PARTS]]
    return {
        tuple(w for part in parts[i:j] for w in part)
        for i in range(len(parts))
        for j in range(i + 1, len(parts) + 1)
    }


def _rereadable(block: Block) -> bool:
    """Free, or marked only by filters whose verdict the header may overturn."""
    return all(lab.kind == BOILERPLATE and lab.filter in _REREAD for lab in block.labels)


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
