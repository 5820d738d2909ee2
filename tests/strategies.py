"""Hypothesis strategies for article-like documents, for the robustness properties.

A generated document is what a scraper hands over: an optional section, a headline, an
optional dek, a byline, a date line, body paragraphs (the first one behind a dateline), and
boilerplate of every category dropped in at random places, in random case, hard-wrapped at
random widths, with LF or CRLF line ends, and words from several scripts (Latin, Hebrew,
Arabic, CJK, emoji) inside the sentences.

Body sentences are real prose (8+ words, a full stop, several per paragraph) built from
vocabularies that hold no boilerplate phrase, so a paragraph that goes missing is the
library's doing, not an ambiguous input. Boilerplate comes from the phrase-case positives in
``tests/data/phrase_cases/*.toml`` (written for the phrase packs) plus the varied list below.
"""

from __future__ import annotations

import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PHRASE_CASES = Path(__file__).resolve().parent / "data" / "phrase_cases"

# --- prose ---------------------------------------------------------------------------------

SUBJECTS = [
    "The city council", "The health minister", "A spokesman for the regional government",
    "Local farmers", "The central bank", "Rescue teams from three provinces",
    "The company's chief executive", "Hospital officials", "Several opposition lawmakers",
    "The national weather agency", "A coalition of teachers", "Investigators",
    "The regional water authority", "Residents of the coastal district", "The football club",
    "The court in the capital", "Two independent auditors", "The transport ministry",
    "Veteran diplomats from both countries", "The university's research team",
]
VERBS = [
    "announced a detailed plan to rebuild", "said it would review", "warned about the cost of",
    "approved new funding for", "criticised the slow pace of", "promised to investigate",
    "spent most of the week inspecting", "released a long report on", "questioned the safety of",
    "agreed to share the burden of", "voted narrowly to delay", "described the damage to",
    "began an inquiry into", "called for an urgent debate about", "reported steady progress on",
    "published new figures on", "asked for a second opinion on", "pledged emergency money for",
    "ordered a full audit of", "raised fresh doubts about",
]
OBJECTS = [
    "the old bridge over the river", "the main hospital in the north", "the regional rail line",
    "the flooded farmland near the border", "the disputed harbour project",
    "the schools damaged by the storm", "the water supply of several villages",
    "the budget for next year", "the power grid in the eastern suburbs",
    "the new housing estate on the hill", "the fishing fleet in the bay",
    "the museum's collection of ancient maps", "the night bus service to the airport",
    "the vineyards along the southern slopes", "the shelter for homeless families",
    "the ferry link to the islands", "the steelworks on the edge of town",
    "the public library in the old quarter", "the dam above the mountain villages",
    "the cancer ward at the children's hospital", "the tram network in the city centre",
    "the salt marshes north of the port", "the prison on the peninsula",
    "the wind farm off the western coast",
]
TAILS = [
    "after months of delays", "on Tuesday morning", "despite strong objections from residents",
    "before the winter arrives", "according to documents seen by reporters",
    "in a statement released late on Friday", "as the cost of living kept rising",
    "following a heated public meeting", "with support from neighbouring towns",
    "while talks with the unions continued", "for the first time in a decade",
]
# Words from other scripts, dropped into sentences as a name or a quoted term would be.
FOREIGN = [
    "שלום", "ירושלים", "תל אביב", "السلام", "القاهرة", "دبي", "北京", "東京", "서울",
    "上海市", "Zürich", "São Paulo", "Kraków", "Ærøskøbing", "Đà Nẵng", "Ελλάδα", "Москва",
    "🚀", "🌊", "🇺🇦", "👍🏽",
]
QUOTED = [
    "officials said", "a witness told reporters", "the report concluded",
    "one resident said", "the statement added",
]

# --- metadata ------------------------------------------------------------------------------

HEADLINE_WORDS = [
    "Flood", "Waters", "Rise", "Across", "Northern", "Valley", "Towns", "Council", "Delays",
    "Vote", "On", "Harbour", "Plan", "Talks", "Stall", "Over", "Rail", "Budget", "Farmers",
    "Count", "Cost", "Of", "Storm", "Museum", "Reopens", "After", "Long", "Repairs",
]
FIRST_NAMES = ["Jane", "Abby", "John", "Maria", "Yusuf", "Chen", "Olga", "Kwame", "Ana", "Li"]
LAST_NAMES = ["Doe", "Sewell", "Leicester", "García", "Demir", "Wang", "Petrova", "Mensah", "Roe"]
AGENCIES = ["Associated Press", "Reuters", "AFP"]
PLACES = ["BEIRUT", "PARIS", "NAIROBI", "SÃO PAULO", "TEL AVIV", "SEOUL", "KYIV", "LIMA"]
DATE_LINES = [
    "Published July 24, 2012 12:11 AM ET",
    "- 2026-01-05 09:50:26",
    "Updated 5 January 2026",
    "March 3, 2024",
]
SECTIONS = ["World", "Business", "Middle East", "Sport", "Climate"]

# --- boilerplate ---------------------------------------------------------------------------

# Varied boilerplate beyond the phrase cases, by category. Captions keep their case (the
# credit's capitals are what marks them), the others may be shouted or lower-cased.
OWN_BOILERPLATE: dict[str, list[str]] = {
    "paywall": [
        "Subscribe now",
        "Already a subscriber? Log in",
        "Create a free account",
        "To continue reading, please log in.",
        "You have reached your limit of free articles.",
        "Get unlimited digital access",
    ],
    "comments": [
        "Comments (34)",
        "Join the discussion",
        "Comments are closed.",
        "Leave a comment",
        "Please keep the discussion civil.",
    ],
    "recommendations": [
        "Recommended for you",
        "Related stories",
        "Most read",
        "You may also like",
        "Read more",
        "Trending now",
    ],
    "newsletter": [
        "Sign up for our daily newsletter",
        "Enter your email address",
        "Get the latest news delivered to your inbox.",
        "Thanks for signing up!",
    ],
    "engagement": [
        "Share this article on Facebook",
        "Was this article helpful?",
        "5 min read",
        "Share on Twitter",
        "Listen to this article",
    ],
    "copyright": [
        "© 2025 Example Media Group",
        "All rights reserved.",
        "Copyright © 2024 Northern Times",
        "This material may not be published, broadcast, rewritten or redistributed.",
    ],
    "navigation": [
        "Skip to main content",
        "Main menu",
        "Back to top",
        "Privacy policy",
        "We use cookies to improve your experience.",
        "Accept all cookies",
        "Advertisement",
    ],
    "caption": [
        "Rescue workers search the rubble on Monday (AP Photo/Jane Doe)",
        "Farmers inspect flooded fields near the river (Photo: Ana Roe/Reuters)",
        "Photo: Chen Wang/AFP",
        "Residents queue for water in the eastern suburbs (Getty Images)",
    ],
}
CASE_KEEPING = frozenset({"caption"})


def _phrase_case_positives() -> dict[str, list[str]]:
    """Positives of every language's phrase cases, by category (empty if the files are absent)."""
    found: dict[str, list[str]] = {}
    for path in sorted(PHRASE_CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for category, table in data.items():
            if isinstance(table, dict):
                found.setdefault(category, []).extend(table.get("positives", []))
    return found


def boilerplate_pool() -> dict[str, list[str]]:
    """Every category's boilerplate: our own lines plus the phrase-case positives."""
    pool = {category: list(lines) for category, lines in OWN_BOILERPLATE.items()}
    for category, lines in _phrase_case_positives().items():
        pool.setdefault(category, []).extend(lines)
    return {category: sorted(set(lines)) for category, lines in pool.items()}


BOILERPLATE = boilerplate_pool()

# --- the generated document ----------------------------------------------------------------


@dataclass
class GeneratedArticle:
    """A generated input and what the properties need to know about it."""

    text: str
    body: list[str]  # each body paragraph as it must come out (dateline cut off the first)
    boilerplate: list[tuple[str, str]]  # (category, text as inserted) for each inserted block
    headline: str
    newline: str
    wrap: int | None
    notes: list[str] = field(default_factory=list)


@st.composite
def sentences(draw: st.DrawFn) -> tuple[str, str, str]:
    """(verb, object, sentence): a prose sentence of 8+ words ending in a full stop,
    sometimes with words from other scripts."""
    verb, obj = draw(st.sampled_from(VERBS)), draw(st.sampled_from(OBJECTS))
    parts = [draw(st.sampled_from(SUBJECTS)), verb, obj]
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(TAILS)))
    if draw(st.integers(0, 3)) == 0:
        parts.append("near " + draw(st.sampled_from(FOREIGN)))
    if draw(st.integers(0, 4)) == 0:
        parts.append(", " + draw(st.sampled_from(QUOTED)))
    return verb, obj, " ".join(parts).replace(" ,", ",") + "."


@st.composite
def bodies(draw: st.DrawFn) -> list[str]:
    """2 to 5 paragraphs of 2 to 4 sentences each. No verb and no object is used twice in a
    story: paragraphs that repeat each other's words in order are a known misreading (a dek
    repeated by the lead, see tests/test_regressions_found.py), and real stories vary."""
    sizes = draw(st.lists(st.integers(2, 4), min_size=2, max_size=5))
    n = sum(sizes)
    pool = draw(st.lists(sentences(), min_size=n, max_size=n,
                         unique_by=(lambda s: s[0], lambda s: s[1])))
    out, at = [], 0
    for size in sizes:
        out.append(" ".join(text for _, _, text in pool[at : at + size]))
        at += size
    return out


@st.composite
def headlines(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(HEADLINE_WORDS), min_size=4, max_size=9))
    if draw(st.booleans()):
        words.insert(draw(st.integers(1, len(words))), draw(st.sampled_from(FOREIGN[:9])))
    return " ".join(words)


@st.composite
def bylines(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 3))
    names = [f"{draw(st.sampled_from(FIRST_NAMES))} {draw(st.sampled_from(LAST_NAMES))}"
             for _ in range(n)]
    if draw(st.booleans()):
        names = [name.upper() for name in names]
    joined = names[0] if n == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    shape = draw(st.integers(0, 2))
    if shape == 0:
        return f"By {joined}"
    agency = draw(st.sampled_from(AGENCIES))
    return f"By {joined} - {agency}" if shape == 1 else f"By {joined}, {agency}"


@st.composite
def datelines(draw: st.DrawFn) -> str:
    place = draw(st.sampled_from(PLACES))
    agency = draw(st.sampled_from(["", " (AP)", " (Reuters)", " (AFP)"]))
    dash = draw(st.sampled_from(["\u2014", "--", "\u2013"])) if agency else "\u2014"
    return f"{place}{agency} {dash} "


@st.composite
def cased(draw: st.DrawFn, category: str, text: str) -> str:
    """The line in random case: as written, upper, lower or title (captions keep theirs)."""
    if category in CASE_KEEPING:
        return text
    how = draw(st.sampled_from(["as is", "upper", "lower", "title"]))
    return {"as is": text, "upper": text.upper(), "lower": text.lower(),
            "title": text.title()}[how]


@st.composite
def boilerplate_blocks(draw: st.DrawFn) -> tuple[str, str]:
    """(category, text) of one boilerplate block, any category, in random case."""
    category = draw(st.sampled_from(sorted(BOILERPLATE)))
    text = draw(st.sampled_from(BOILERPLATE[category]))
    return category, draw(cased(category, text))


# What ends a line so that the next one starts a new block (document.py's rule, restated).
_SENTENCE_END_CHARS = ".!?…:;\"\u201d\u2019»)]"


def joins(previous: str, line: str) -> bool:
    """Whether the library reads ``line`` as the hard-wrapped continuation of ``previous``."""
    return line[:1].islower() and previous[-1:] not in _SENTENCE_END_CHARS


def wrap(text: str, width: int | None, newline: str, *, breaks: str = "any") -> str:
    """Hard-wrap prose at ``width`` columns the way a text dump does (None: one line).

    ``breaks`` says which line breaks are kept (the others are put back together):
    ``"any"`` all of them; ``"mid-sentence"`` those after a line with no sentence end (a
    break after a full stop looks exactly like a paragraph break, so it is left out);
    ``"joinable"`` only those the library's line-joining rule reads as a wrap (before a
    lower-case word, after no sentence end).
    """
    if width is None:
        return text
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    keep = {
        "any": lambda prev, line: True,
        "mid-sentence": lambda prev, line: prev[-1:] not in _SENTENCE_END_CHARS,
        "joinable": joins,
    }[breaks]
    kept: list[str] = []
    for line in lines:
        if kept and not keep(kept[-1], line):
            kept[-1] += " " + line
        else:
            kept.append(line)
    return newline.join(kept)


@st.composite
def articles(
    draw: st.DrawFn,
    *,
    wrap_widths: tuple[int, ...] = (30, 45, 60, 72, 80),
    unambiguous: bool = True,
) -> GeneratedArticle:
    """A whole article-like document with boilerplate dropped in at random places.

    With ``unambiguous`` the layout avoids the two shapes the line-joining rule cannot read
    (see tests/test_regressions_found.py): a hard-wrapped line that starts with a capital in
    mid-sentence, and a lower-case line straight under a line with no sentence end. Without
    it, body lines still break only in mid-sentence: a break after a full stop inside a
    paragraph is the same text as a paragraph break, which no reader can undo.
    """
    breaks = "joinable" if unambiguous else "mid-sentence"
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    width = draw(st.one_of(st.none(), st.sampled_from(wrap_widths)))
    headline = draw(headlines())
    body = draw(bodies())
    dateline = draw(st.one_of(st.just(""), datelines()))

    # The skeleton, in order: (kind, text). Boilerplate goes into the gaps between pieces.
    pieces: list[tuple[str, str]] = []
    if draw(st.booleans()):
        pieces.append(("section", draw(st.sampled_from(SECTIONS))))
    pieces.append(("headline", headline))
    if draw(st.booleans()):
        dek = " ".join(draw(st.lists(st.sampled_from(HEADLINE_WORDS), min_size=12, max_size=16)))
        pieces.append(("dek", dek.capitalize()))
    pieces.append(("byline", draw(bylines())))
    if draw(st.booleans()):
        pieces.append(("date", draw(st.sampled_from(DATE_LINES))))
    for i, paragraph in enumerate(body):
        pieces.append(("body", (dateline if i == 0 else "") + paragraph))

    inserted: list[tuple[str, str]] = []
    n_junk = draw(st.integers(1, 8))
    for _ in range(n_junk):
        category, text = draw(boilerplate_blocks())
        at = draw(st.integers(0, len(pieces)))
        pieces.insert(at, ("junk:" + category, text))
        inserted.append((category, text))

    chunks: list[str] = []
    previous = ""
    for kind, text in pieces:
        chunk = wrap(text, width, newline, breaks=breaks) if kind == "body" else text
        if chunks and not (unambiguous and joins(previous, chunk)):
            chunks.append(draw(st.sampled_from([newline, newline * 2, newline * 3])))
        elif chunks:
            chunks.append(newline * 2)
        chunks.append(chunk)
        previous = chunk
    chunks.append(newline)
    return GeneratedArticle(
        text="".join(chunks),
        body=body,
        boilerplate=inserted,
        headline=headline,
        newline=newline,
        wrap=width,
    )
