"""Comments filter: comment rules or a comment widget, and the readers' comment thread below
an article.

Phrases: table ``[comments]`` of ``phrases/<lang>.toml``. Its ``signatures`` are the words of
a comment's signature line ("Posted by: Jo | May 5, 2012 at 5:41 PM", "Jo says: ...", "At
5/5/2012 5:41 PM, Jo said..."), its ``post_footers`` the words of a blog post's footer
("Comments (3) | Trackbacks (0)").
"""

from __future__ import annotations

import functools
from collections import Counter
from itertools import pairwise

import regex

from .. import registry
from ..document import Block, Document
from ..phrasebook import Hit, alternation, words_of
from ..textutil import DATEISH, REGEX_TIMEOUT, WORD, is_prose, word_count
from .base import PhraseFilter

_SIGNATURE_WORDS = 20  # a signature line is short
# A signature line has at most _SIGNATURE_WORDS words, so at most this many characters
# (names, date, "Reply"...): a longer block is not read at all.
_SIGNATURE_CHARS = 300
_THREAD_GAP = 10  # paragraphs of prose from one signature to the next within a thread
# ...or this many times as many between two time stamps of the same form with no signature
# word (a long comment between "Jo June 27, 2012 at 2:43 pm" and "Al June 27, 2012 at 1:21
# pm"; "Posted by" lines so far apart are more often a blog's posts).
_SAME_FORM_GAP = 3
_THREAD_MIN = 3  # signatures that make a thread; one or two dated lines may be the post's own
# A name over a full time stamp is a signature without any signature word ("Shirley July 31,
# 2012 at 9:39 pm"): a year and a clock time on a line of at most this many words.
_STAMP_WORDS = 10
_CLOCK = regex.compile(r"\b\d{1,2}:\d\d(?:[ap]m)?\b", regex.IGNORECASE)  # 4:20, @04:20AM
_ARTICLE_MIN = 2  # paragraphs of prose above a thread that make the article it comments on
_USER_NAME_WORDS = 3  # a user name over a bare time stamp signs it
# A signature's form: its numbers, clock words and separators, without the signer's name.
_FORM = regex.compile(r"\d+|\b(?:at|on|am|pm)\b|[:@#/,|]")
_YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
# The first signature of a chain is the post's own stamp ("Posted on May 5, 2012 - 23
# Comments"), not a comment, when the article between it and the next signature holds this
# many times more prose than the thread's usual comment (and more than _OWN_MIN paragraphs).
_OWN_SHARE = 3
_OWN_MIN = 3


class Comments(PhraseFilter):
    name = "comments"
    category = "comments"
    what = "comment rules or a comment widget"

    def after_phrases(self, doc: Document, hits: list[tuple[Block, Hit]]) -> None:
        thread = self.thread(doc)
        if not thread:
            return
        first = thread[0]
        reason = (f"readers' comments: a thread of {len(thread)} signature lines from line "
                  f"{first.lines[0].number} ({first.text.strip()[:60]!r})")
        for block in doc.blocks[first.index :]:
            if not block.labels:
                doc.mark(block, self.category, reason)

    def thread(self, doc: Document) -> list[Block]:
        """The signature lines of the comment thread below the article, or [] if there is
        none: at least three, each within a few paragraphs of prose of the next, the last of
        them the last signature of the text, all below the first paragraph of prose. Dated
        lines of one signer are a blog's posts, not comments, and so are two post footers."""
        blocks = doc.blocks
        lead = next((b.index for b in blocks if b.whole is None and is_prose(b.text)), None)
        signature, footer = _patterns(self.languages)
        if lead is None or signature is None:
            return []
        signed = [b for b in blocks[lead + 1 :] if _is_signature(b.text, signature)]
        if len(signed) < _THREAD_MIN:
            return []
        chain = [signed[-1]]
        for block in reversed(signed[:-1]):
            limit = _THREAD_GAP
            if _form(block.text) == _form(chain[-1].text) and not signature.search(block.text):
                limit *= _SAME_FORM_GAP
            if _prose_between(blocks, block.index, chain[-1].index) > limit:
                break
            chain.append(block)
        chain.reverse()
        chain = _without_own_stamp(blocks, chain)
        if len(chain) < _THREAD_MIN or not _comments_between(blocks, chain):
            return []
        if _prose_between(blocks, lead - 1, chain[0].index) < _ARTICLE_MIN:
            return []  # no article above: the thread is the page (a forum), not its comments
        signers = Counter(_signer(blocks, b, self.languages) for b in chain)
        if signers.most_common(1)[0][1] * 2 > len(chain):
            return []  # one author's dated posts: a blog's front page
        if footer is not None:
            footers = sum(1 for b in chain if footer.search(b.text, timeout=REGEX_TIMEOUT))
            if footers >= 2:
                return []  # several posts, each with its comment count
        return chain


@functools.lru_cache(maxsize=8)
def _patterns(
    languages: tuple[str, ...],
) -> tuple[regex.Pattern[str] | None, regex.Pattern[str] | None]:
    """The signature and post-footer patterns of the packs' ``[comments]`` tables."""
    flags = regex.IGNORECASE | regex.VERSION0
    signatures = alternation(words_of("comments", "signatures", languages))
    footers = alternation(words_of("comments", "post_footers", languages))
    return (
        regex.compile(rf"\b(?:{signatures})\b", flags) if signatures else None,
        regex.compile(rf"\b(?:{footers})", flags) if footers else None,
    )


def _is_signature(text: str, signature: regex.Pattern[str]) -> bool:
    """Short, dated, with a signature word, or a short line with a full time stamp (a year
    and a clock time). Runs on every block below the lead: the cheap tests (length, a
    digit) come first, the word count last."""
    if not (
        len(text) <= _SIGNATURE_CHARS
        and any(map(str.isdigit, text))
        and (DATEISH.search(text, timeout=REGEX_TIMEOUT) is not None
             or _CLOCK.search(text) is not None)
    ):
        return False
    if signature.search(text, timeout=REGEX_TIMEOUT) is not None:
        return word_count(text) <= _SIGNATURE_WORDS
    return (
        _CLOCK.search(text) is not None
        and _YEAR.search(text) is not None
        and word_count(text) <= _STAMP_WORDS
    )


def _comments_between(blocks: list[Block], chain: list[Block]) -> bool:
    """Most signatures of a thread are apart by a comment's prose: stamps stacked in an
    article's header ("Posted at 2:29 PM", "Updated 6:29 PM", "By Jo | 2:29 PM") are not."""
    apart = sum(1 for a, b in pairwise(chain) if _prose_between(blocks, a.index, b.index))
    return 2 * apart > len(chain) - 1


def _without_own_stamp(blocks: list[Block], chain: list[Block]) -> list[Block]:
    """The chain without the post's own stamps at its head: a signature whose distance to
    the next one is far more prose than any comment of the thread."""
    gaps = [_prose_between(blocks, a.index, b.index) for a, b in pairwise(chain)]
    while len(chain) > _THREAD_MIN:
        usual = sorted(gaps[1:])[len(gaps[1:]) // 2]
        if gaps[0] <= max(_OWN_MIN, _OWN_SHARE * usual):
            break
        chain, gaps = chain[1:], gaps[1:]
    return chain


def _prose_between(blocks: list[Block], start: int, end: int) -> int:
    """Paragraphs of prose between two blocks: a comment's length, which the short lines
    around it (avatars, "Reply" links) do not change when they leave the text."""
    return sum(1 for b in blocks[start + 1 : end] if is_prose(b.text))


def _form(text: str) -> str:
    """"Jo Lee June 27, 2012 at 2:43 pm" -> "0 , 0 at 0 : 0 pm": signatures of one thread
    share it whoever signs."""
    return " ".join("0" if m.isdigit() else m for m in _FORM.findall(text.casefold()))


def _signer(blocks: list[Block], block: Block, languages: tuple[str, ...]) -> str:
    """Who signs a signature line: its words of three letters or more that are no part of
    its date and time (numbers, "6:34pm", month and weekday names, "posted on ... at"); for a
    bare time stamp, the user name on the line above it ("broper" over "Posted on August 9,
    2012 at 11:40am")."""
    dated = _date_words(languages)
    name = " ".join(
        w for w in WORD.findall(block.text.casefold())
        if len(w) > 2 and w not in dated and not any(map(str.isdigit, w))
    )
    if name or block.index == 0:
        return name
    above = blocks[block.index - 1].text
    return above.casefold() if word_count(above) <= _USER_NAME_WORDS else ""


@functools.lru_cache(maxsize=8)
def _date_words(languages: tuple[str, ...]) -> frozenset[str]:
    """The packs' month and weekday names and the other words of a date line."""
    return frozenset(
        w.casefold()
        for key in ("months", "weekdays", "words")
        for w in words_of("dates", key, languages)
    )


registry.register(Comments.name, Comments)
