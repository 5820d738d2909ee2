"""Small text measures shared by filters: words, sentence shape, capitalisation."""

from __future__ import annotations

import regex

# Every pattern run on input text gets this budget (seconds): a pathological line costs at
# most this much and is then treated as "no match" instead of hanging the batch.
REGEX_TIMEOUT = 1.0

WORD = regex.compile(r"\w+")
# Counting words: a Chinese or Japanese character is a word of its own (those scripts put no
# spaces between words), any other run of word characters one word.
_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}"
COUNTED_WORD = regex.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
# Lower-case words a person's name may hold ("Karen de Young", "Jan van der Berg", "Ursula von
# der Leyen"): the byline filter reads them as name words, a byline line may hold them.
NAME_PARTICLES = (
    "de", "da", "das", "do", "dos", "del", "della", "der", "den", "van", "von", "la", "le",
    "du", "di", "al", "bin", "ibn", "el", "ter", "ten",
)
# A year (19xx, 20xx) or a clock time: what a dated line (a timestamp, a signature) holds.
DATEISH = regex.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b")
_SENTENCE_END = regex.compile(r"[.!?…。！？][\"'”’»)\]」』）]*$")
# First letter of a word, and a letter after a hyphen or after O'/D'/L' (O'Brien, D'Angelo).
_CAPITALISE = regex.compile(r"^\p{L}|(?<=-)\p{L}|(?<=^\p{L}['’])\p{L}")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'"})
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "de",
        "del",
        "der",
        "des",
        "di",
        "du",
        "for",
        "from",
        "in",
        "into",
        "la",
        "le",
        "nor",
        "of",
        "on",
        "or",
        "the",
        "to",
        "upon",
        "van",
        "von",
        "vs",
        "via",
        "with",
    ]
)


def normalize_quotes(text: str) -> str:
    """Curly apostrophes to straight ones (same length, so offsets still hold)."""
    return text.translate(_QUOTES)


def word_count(text: str) -> int:
    """Words, each Chinese or Japanese character one (``COUNTED_WORD``)."""
    if text.isascii():
        return len(WORD.findall(text))
    return len(COUNTED_WORD.findall(text))


def ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


def is_prose(text: str) -> bool:
    """Reads like a body paragraph: enough words and a sentence ending."""
    n = word_count(text)
    return n >= 40 or (n >= 8 and ends_sentence(text))


# A long paragraph is settled by its first 40 words (8 with a sentence ending): the
# patterns stop there, so a long block costs no more than a short one.
_PROSE_WORD = rf"\W*+(?:[{_CJK}]|[^\W{_CJK}]++)"
_EIGHT_WORDS = regex.compile(rf"(?:{_PROSE_WORD}){{8}}")
_FORTY_WORDS = regex.compile(rf"(?:{_PROSE_WORD}){{40}}")


def prose_chars(text: str) -> int:
    """The non-space characters of ``text`` if it reads like a paragraph (``is_prose``),
    else 0: characters, not words, so that amounts compare alike in every script
    (``Article.prose``)."""
    ends = ends_sentence(text)
    # Most blocks are short lines of page chrome: settled by their length and ending before
    # any word is read (a word takes at least one character).
    if len(text) < (8 if ends else 40):
        return 0
    if (_EIGHT_WORDS if ends else _FORTY_WORDS).match(text) is None:
        return 0
    return sum(map(len, text.split()))


def is_title_like(text: str, max_words: int = 40) -> bool:
    """Could be a headline, kicker or dek: no sentence ending, not too long."""
    return 0 < word_count(text) <= max_words and not ends_sentence(text.rstrip("?!"))


def title_case(text: str) -> str:
    """``ABBY SEWELL`` -> ``Abby Sewell``, ``O'BRIEN`` -> ``O'Brien``; mixed case is left alone."""
    if not text.isupper():
        return text
    words = []
    for i, word in enumerate(text.lower().split(" ")):
        if i > 0 and word in _SMALL_WORDS:
            words.append(word)
        else:
            words.append(_CAPITALISE.sub(lambda m: m.group().upper(), word))
    return " ".join(words)


def same_words(a: str, b: str) -> bool:
    """Equal but for case, punctuation and spacing."""
    return WORD.findall(a.casefold()) == WORD.findall(b.casefold())
