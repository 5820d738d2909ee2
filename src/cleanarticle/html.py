"""HTML mode: extractors find the main text, the pipeline cleans it, the markup fills the rest.

trafilatura, readability-lxml and (with the ``extractors`` extra) Resiliparse each give a
main text; ``extract.vote`` merges them and judges every line, and the ``Extractors`` filter
marks the lines it rejected. What sits inside the article container stays with all of them:
captions, "Recommended" lines, copyright and newsletter prompts. So the text goes through
the same filters as scraped text, and the metadata the markup declares (title, author,
date, site name, categories) fills the fields the text itself does not show.

Three filters differ (``html_pipeline``), because the extractors have already cut the page
chrome: the header filter assumes the title-like lines above the lead are chrome around the
headline, which holds for a whole-page dump but not here, where such lines are subheads,
list items or verse; ``PageTitle`` takes its place and only recognises the page title where
the text repeats it. The content filter, which finds the article among the chrome, and the
duplicates filter are left out. (Measured on the dev corpora, see the README's "HTML mode".)

trafilatura is imported inside the functions, so ``import cleanarticle`` stays fast for
plain-text users.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from .article import Article
from .document import Document
from .extract import readability, resiliparse, vote
from .features import stopwords
from .filters.content import Content
from .filters.duplicates import Duplicates
from .filters.header import Header
from .pipeline import Pipeline, default_pipeline
from .textutil import REGEX_TIMEOUT, WORD, same_words

# No white space in the pattern: "\s*" on both sides is quadratic on a run of spaces.
_AUTHOR_SEPARATOR = regex.compile(r"[;,&]|\band\b", regex.IGNORECASE)
_PREFIX_WORDS = 3  # a title run into the lead is found when it has at least this many words
_OPENING = 5  # paragraphs a headline's subject should turn up in
_SHORT_OPENING = 12  # content words: fewer is too little text to say a title is off-topic
_COMPOUND_PART = 4  # letters: a title word inside an opening word counts from this length
# Han, Hiragana, Katakana, Hangul, Thai: written without spaces between words.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]+")
_TITLE_SEPARATOR = regex.compile(r"\s+[|:»·\u2013\u2014-]+\s+")  # | : » · en and em dash -


@dataclass(frozen=True, slots=True)
class Extracted:
    """What trafilatura found in a page: the main text (one paragraph per line) and metadata.

    ``text`` is what the pipeline cleans, as trafilatura gave it: the offsets of
    ``Article.removed`` index it.
    """

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    categories: tuple[str, ...] = ()
    rejected: tuple[tuple[int, str], ...] = ()  # (line number, reason): not article, by vote
    # The parsed page, for trafilatura's search of it for an author name, which is run only
    # when neither the text nor the meta tags name one (6 ms a page: an eighth of HTML mode).
    tree: Any = dataclasses.field(default=None, repr=False, compare=False)


# What ``surrogateescape`` makes of a bad byte; lxml stops a paragraph at it.
_LONE_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_ELEMENT = regex.compile(r"<[A-Za-z]")
_HOST = regex.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")


def extract(html: str, url: str | None = None) -> Extracted:
    """The main text and metadata of ``html``; empty when there is none (never raises on markup).

    User comments are left out and nothing is fetched from the network (``url`` only helps
    the metadata). With readability-lxml installed (a dependency), its text and, with the
    ``extractors`` extra, Resiliparse's are merged with trafilatura's and every line is
    judged (``extract.vote``); the lines judged not article are in ``Extracted.rejected``.
    """
    if not isinstance(html, str):
        raise TypeError(f"clean_html() takes the page as str, not {type(html).__name__}")
    if not html.strip():
        return Extracted("")
    page = parse(html, url)
    if page is None:
        return Extracted("")
    html, tree, text = page
    rejected: tuple[tuple[int, str], ...] = ()
    if readability.available():
        verdict = vote.judge(candidates(html, tree, text), anchors(tree))
        text, rejected = verdict.text, tuple(verdict.rejected.items())
    if not text.strip():
        return Extracted("")
    return dataclasses.replace(_markup_metadata(tree, url), text=text, rejected=rejected,
                               tree=tree)


def parse(html: str, url: str | None = None) -> tuple[str, Any, str] | None:
    """The page as the extractors read it (its markup, wrapped in a document if it was a
    fragment; the lxml tree), and trafilatura's text of it; None if lxml cannot parse it."""
    html = _LONE_SURROGATE.sub("\ufffd", html)  # lxml cuts the text at one
    from trafilatura.utils import load_html

    tree = load_html(html)
    doc = _bare_extraction(tree, url) if tree is not None else None
    if (doc is None or not (doc.text or "").strip()) and _is_fragment(html):
        # trafilatura rejects markup that does not start like a document and holds a single
        # element (``<div>...</div>``, a CMS export wrapper): give it the document it expects.
        html = f"<html><body>{html}</body></html>"
        tree = load_html(html)
        doc = _bare_extraction(tree, url) if tree is not None else None
    if tree is None:
        return None
    return html, tree, (doc.text or "") if doc is not None else ""


def candidates(html: str, tree: Any, text: str) -> dict[str, str]:
    """Each installed extractor's main text of the page, trafilatura's first."""
    found = {"trafilatura": text, "readability": readability.readability_text(tree)}
    if resiliparse.available():
        found["resiliparse"] = resiliparse.resiliparse_text(html)
    return found


def anchors(tree: Any) -> list[str]:
    """The text of every link in the page: menus, teaser lists and tag clouds are links."""
    return [a.text_content() for a in tree.iter("a")]


def _bare_extraction(tree: Any, url: str | None) -> Any:
    """The main text of the parsed page (trafilatura copies the tree, ours stays whole).

    ``favor_recall``: trafilatura's default drops short paragraphs and list-like blocks of the
    article (subheads, short quotes, the last lines) more often than it keeps junk, and the
    filters and the vote remove much of the junk it then lets in (dev corpus, Dragnet F1
    0.920 -> 0.927). ``fast``: trafilatura's own fallback to its copy of readability and to
    jusText is left out when readability-lxml is a candidate of its own (a third of
    trafilatura's time).
    """
    import trafilatura

    return trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        with_metadata=False,
        include_tables=True,
        favor_recall=True,
        fast=readability.available(),
    )


def _markup_metadata(tree: Any, url: str | None) -> Extracted:
    """Title, author, date, site name and categories the markup declares, as trafilatura reads
    them, without its slowest searches.

    trafilatura's own metadata pass (``with_metadata=True``) took about as long as the text
    extraction (dev corpus: 100 pages, 2.9 s of CPU with it, 1.5 s without), most of it in
    XPath searches of the whole page for an author name, tags and a licence when the meta
    tags have none. HTML mode reads the meta tags, JSON-LD, title, date, site name and
    categories as trafilatura does, and takes the author from the meta tags and JSON-LD only:
    a byline in the text still gives the authors, but a name only printed in the page
    chrome is no longer found (HTML mode went from 0.73x to about 0.9x trafilatura's speed).
    """
    from trafilatura.metadata import (
        examine_meta,
        extract_catstags,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    meta = examine_meta(tree)
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD reader fails on broken JSON
        meta = extract_meta_json(tree, meta)
    page_url = meta.url or extract_url(tree, url)
    sitename = (meta.sitename or extract_sitename(tree) or "").lstrip("@")
    if sitename and "." not in sitename and not sitename[0].isupper():
        sitename = sitename.title()  # "example gazette" from a Twitter handle, as trafilatura
    if not sitename and page_url:  # the host name, as trafilatura falls back to it
        host = _HOST.match(page_url)
        sitename = host.group(1) if host else ""
    categories = meta.categories or extract_catstags("category", tree)
    return Extracted(
        text="",
        title=_clean_field(meta.title or extract_title(tree)),
        author=_clean_field(meta.author),
        date=_clean_field(_find_date(tree, page_url)),
        sitename=_clean_field(sitename),
        categories=tuple(c.strip() for c in categories or () if c and c.strip()),
    )


def _find_date(tree: Any, url: str | None) -> str | None:
    """htmldate's date as trafilatura finds it (extensive search), the quick search first:
    where the quick one finds a date the extensive one finds the same (dev corpora: 297 of 297
    pages), and it costs a quarter of the time (12 of HTML mode's 54 ms per page were dates).
    """
    from htmldate import find_date
    from trafilatura.settings import set_date_params

    for extensive in (False, True):
        params = set_date_params(extensive)
        params["url"] = url
        found = find_date(tree, **params)
        if found:
            return found  # type: ignore[no-any-return]
    return None


def _is_fragment(html: str) -> bool:
    """Markup with elements that fails trafilatura's test for a whole document ("html" up front).

    Text with no element at all (``plain words``, ``<<<>>>``) is no page, wrapped or not.
    """
    return "html" not in html[:50].lower() and _ELEMENT.search(html) is not None


def clean_html(html: str, url: str | None = None, *, pipeline: Pipeline | None = None) -> Article:
    """Clean a web page: main text by trafilatura, then the filters, then metadata merged.

    Fields the text shows (headline, byline, date line...) win; the page's markup fills the
    ones still empty, and ``Article.notes`` says which. A page with no main text (empty or
    invalid HTML) gives an empty article. ``pipeline`` runs with ``PageTitle`` in place of
    the built-in header filter (see ``html_pipeline``).
    """
    return clean_extracted(extract(html, url), pipeline=pipeline)


def clean_extracted(found: Extracted, *, pipeline: Pipeline | None = None) -> Article:
    """The second half of ``clean_html``: filter the extracted text, merge the metadata.

    The pipeline (the default one if None) runs with ``PageTitle`` in place of the built-in
    header filter (see ``html_pipeline``).
    """
    if not found.text.strip():
        return Article(paragraphs=(), notes=("HTML mode: trafilatura found no main text",))
    article = html_pipeline(found.title, pipeline, found.rejected).clean(found.text)
    return merge_metadata(article, found)


def html_pipeline(
    title: str | None, base: Pipeline | None = None, rejected: Iterable[tuple[int, str]] = ()
) -> Pipeline:
    """``base`` (the default pipeline if None) made for the extracted text.

    The built-in header filter is replaced by ``PageTitle(title)``, and the built-in content
    filter is left out: it finds the article among page chrome, which the extractors have
    already done, and on trafilatura's text it only removes body (dev corpus, Dragnet: F1
    0.908 with it, 0.920 without). The built-in duplicates filter is left out too: the
    extractors keep a paragraph the page prints twice only where the page shows it twice
    (train halves: CleanEval final 0.907 -> 0.911, Readability 0.929 -> 0.935, Dragnet
    0.938 either way). Filters of the user's own under those names stay. The
    lines the extractors' vote rejected are marked first, by ``Extractors(rejected)``.
    """
    pipeline = base or _default_pipeline()
    for f in list(pipeline):
        if (f.name == "content" and isinstance(f, Content)) or (
            f.name == "duplicates" and isinstance(f, Duplicates)
        ):
            pipeline = pipeline.without(f.name)
        elif f.name == "header" and isinstance(f, Header):
            pipeline = pipeline.replace("header", PageTitle(title))
    rejected = dict(rejected)
    return Pipeline([Extractors(rejected), *pipeline]) if rejected else pipeline


class Extractors:
    """Marks the lines the extractors' vote found are not article (``extract.vote``), so each
    shows in ``Article.removed`` with its probability instead of vanishing."""

    name = "extractors"
    category = "page_chrome"

    def __init__(self, rejected: Mapping[int, str]) -> None:
        self.rejected = rejected

    def __call__(self, doc: Document) -> None:
        for block in list(doc.free()):
            reasons = [self.rejected.get(line.number) for line in block.lines]
            if all(reasons):
                doc.mark(block, self.category, reasons[0] or "")
                continue
            start = 0  # a block's lines are joined by single spaces
            for line, reason in zip(block.lines, reasons, strict=True):
                if reason:
                    doc.mark(block, self.category, reason, start, start + len(line.text))
                start += len(line.text) + 1

    def __repr__(self) -> str:
        return f"Extractors({len(self.rejected)} lines)"


@functools.lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    """The default filters, built once: building them (phrase packs, patterns, the content
    model) cost more than cleaning a page with them (dev corpus: 2.2 of 4.4 ms per page)."""
    return default_pipeline()


class PageTitle:
    """Header filter for HTML mode: the block near the top that repeats the page title.

    Pages title themselves "Headline | Site" or "Site - Headline", so any part of the
    title between such separators counts too. Nothing else near the top is touched.
    """

    name = "header"
    _LOOKAHEAD = 3  # the title, when the text repeats it, is among the first blocks

    def __init__(self, title: str | None) -> None:
        self.title = title
        parts = _TITLE_SEPARATOR.split(title) if title else []
        self._candidates = [title, *parts] if len(parts) > 1 else [title] if title else []
        # Run into the lead, only the title or its longest part counts: a short part is
        # often the site's name, and a lead may well open with it ("The Example Gazette
        # reported...").
        self._prefixes = [title, max(parts, key=len)] if len(parts) > 1 else self._candidates

    def __call__(self, doc: Document) -> None:
        for i, block in enumerate(doc.free()):
            if i >= self._LOOKAHEAD:
                return
            if any(same_words(block.text, c) for c in self._candidates):
                doc.assign(block, "headline", "repeats the page title from the HTML markup")
                return
            for candidate in self._prefixes:
                end = _words_prefix(block.text, candidate)
                if end:
                    doc.assign(block, "headline", "repeats the page title from the HTML "
                               "markup, run into the first paragraph", 0, end)
                    return

    def __repr__(self) -> str:
        return f"PageTitle({self.title!r})"


def _words_prefix(text: str, title: str) -> int:
    """Where ``text`` stops repeating ``title`` word for word (case and punctuation aside),
    if it opens with it and goes on after it (trafilatura sometimes runs the headline into
    the lead: "3 New Hobbit Movie Posters [Pics] Those are beautiful..."); else 0."""
    words = WORD.findall(title)
    if len(words) < _PREFIX_WORDS:
        return 0
    pattern = r"\W*".join(map(regex.escape, words))
    found = regex.match(rf"\W*{pattern}\b[^\w\s]*", text, regex.IGNORECASE,
                        timeout=REGEX_TIMEOUT)
    if found is None or not WORD.search(text, found.end()):
        return 0
    return found.end()


def merge_metadata(article: Article, found: Extracted) -> Article:
    """Fill the article's empty fields from the page's markup, and note each one filled."""
    author = found.author
    if not author and not article.authors and found.tree is not None:
        from trafilatura.metadata import extract_author

        author = _clean_field(extract_author(found.tree))
    markup: dict[str, object] = {
        "headline": found.title,
        "authors": _authors(author),
        "date_published": _iso_date(found.date),
        "section": found.categories[0] if found.categories else None,
        "publisher": found.sitename,
    }
    filled = {
        name: value
        for name, value in markup.items()
        if value and not getattr(article, name)
    }
    notes = [f"{name} from the page markup (trafilatura)" for name in filled]
    if "headline" in filled and not _about(found.title or "", article.paragraphs):
        del filled["headline"]
        notes.remove("headline from the page markup (trafilatura)")
        notes.append("headline: the page title shares no word with the article's opening "
                     "(a site name or tagline), left out")
    if not notes:
        return article
    return dataclasses.replace(article, **filled, notes=(*article.notes, *notes))


def _about(title: str, paragraphs: tuple[str, ...]) -> bool:
    """Does the page title name something the article's opening paragraphs mention? A
    ``<title>`` that does not is the site's name or tagline ("The T-Shirt Blog Covering
    The Best in Nerd Fashion"), not the headline (dev corpus, HTML mode: F1 +0.0007).

    A title word counts when an opening word holds it or it holds one of four letters or
    more ("terrarium" in "terrariums", "Wahl" in "Bundestagswahl"); in scripts written
    without spaces, two characters in a row count as a word. An opening too short to judge
    by (under ``_SHORT_OPENING`` content words) takes the title.
    """
    if not paragraphs:
        return True  # nothing to judge it by
    text = " ".join(paragraphs[:_OPENING])
    opening, named = _content_words(text), _content_words(title)
    if len(opening) < _SHORT_OPENING or not opening.isdisjoint(named):
        return True
    if any(len(c) > 1 for c in _UNSPACED.findall(title)):
        return not _bigrams(text).isdisjoint(_bigrams(title))
    long = [w for w in named if len(w) >= _COMPOUND_PART]
    return any(w in o or (len(o) >= _COMPOUND_PART and o in w) for w in long for o in opening)


def _bigrams(text: str) -> set[str]:
    """Pairs of characters in a row of the scripts written without spaces."""
    return {run[i:i + 2] for run in _UNSPACED.findall(text) for i in range(len(run) - 1)}


def _content_words(text: str) -> set[str]:
    """Casefolded words of three letters or more that are not stop words or numbers."""
    stop = stopwords()
    words = WORD.findall(text.casefold())
    return {w for w in words if len(w) >= 3 and w not in stop and not w.isdigit()}


def _clean_field(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def _authors(author: str | None) -> tuple[str, ...]:
    """trafilatura joins several authors with "; "; pages also write "A, B and C"."""
    if not author:
        return ()
    return tuple(name.strip() for name in _AUTHOR_SEPARATOR.split(author) if name.strip())


def _iso_date(date: str | None) -> str | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).isoformat()
    except ValueError:
        return None
