"""Fast paths must decide exactly what the slow code they skip would have decided."""

from __future__ import annotations

import dataclasses
import gzip
import json
import math
from functools import cache
from pathlib import Path

import ftfy
import pytest
from ftfy.badness import MOJIBAKE_CATEGORIES, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

import cleanarticle
from cleanarticle import features, phrasebook, prefilter
from cleanarticle.article import Article, Dateline
from cleanarticle.document import Document, Line, _split_lines
from cleanarticle.filters.base import PhraseFilter
from cleanarticle.filters.captions import Captions, _at_most_words
from cleanarticle.filters.duplicates import word_key
from cleanarticle.filters.repair import _CONFIG, _badness_probe, looks_bad, needs_ftfy
from cleanarticle.prefilter import _WHITE_SPACE, starts
from cleanarticle.textutil import WORD, word_count

from .conftest import SEEDS

# Text made of the characters ftfy's heuristics and fixers look at, plus ordinary ones.
_MOJIBAKE_CHARS = "".join(MOJIBAKE_CATEGORIES.values()).replace("-", "")
_CHARS = st.one_of(
    st.sampled_from(_MOJIBAKE_CHARS + "ÃÂØÙàœŒ°×²³√≈‚Äвђ¢βΒΓ€ā&;#\r\x85\u2028\x1b\x00\ufeff’—…é"),
    st.sampled_from("abcXYZ .,!?'\"\t0123456789"),
    st.characters(),
)
_TEXTS = st.lists(_CHARS, max_size=40).map("".join)


def test_the_badness_probe_reads_the_installed_ftfy() -> None:
    probe = _badness_probe()
    assert probe is not None, "ftfy's badness regex changed shape: the repair fast path is off"
    assert probe[1] <= 16


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_looks_bad_is_is_bad(text: str) -> None:
    assert looks_bad(text) == is_bad(text)


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_text_that_skips_ftfy_is_text_ftfy_leaves_alone(text: str) -> None:
    if not needs_ftfy(text):
        assert ftfy.fix_and_explain(text, config=_CONFIG).text == text


def test_known_mojibake_goes_to_ftfy() -> None:
    assert needs_ftfy("The cafÃ© reopened")
    assert needs_ftfy("Fish &amp; chips")
    assert needs_ftfy("e\u0301")  # not NFC
    assert not needs_ftfy("It’s the council’s “final” offer — for now…")


def test_a_language_list_start_admits_the_list_not_every_word_starting_with_a_code() -> None:
    found = starts(r"(en|de|fr)( ?\| ?(en|de|fr))+")
    assert found is not None
    assert "en | fr" in found and "en|de" in found
    assert not any("entertainment".startswith(s) for s in found)


def _documents(devcorpus_path: Path | None) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append("Home | News\nFollow us on Twitter\nen | fr | de\nEntertainment\n© 2024 Example")
    if devcorpus_path is not None:
        with gzip.open(devcorpus_path, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i % 70 == 0:
                    texts.append(json.loads(line)["text_dump"])
    return texts


def _reference(f: PhraseFilter, doc: Document) -> None:
    """What a phrase filter did before it asked the prefilter for candidate blocks."""
    hits = []
    for block in list(doc.free()):
        hit = f.matcher.match_all(block.text)
        if hit:
            doc.mark(block, f.category, f.reason(hit))
            hits.append((block, hit))
    f.after_phrases(doc, hits)


def test_phrase_filters_label_what_matching_every_free_block_labels(
    devcorpus_path: Path,
) -> None:
    pipeline = cleanarticle.default_pipeline()
    for text in _documents(devcorpus_path):
        fast, slow = Document(text), Document(text)
        for f in pipeline:
            fast.current_filter = slow.current_filter = f.name
            f(fast)
            if isinstance(f, PhraseFilter):
                _reference(f, slow)
            else:
                f(slow)
        assert [b.labels for b in fast.blocks] == [b.labels for b in slow.blocks]


def _asdict_reference(article: Article) -> dict[str, object]:
    data = dataclasses.asdict(article)
    data["paragraphs"] = list(article.paragraphs)
    data["authors"] = list(article.authors)
    data["removed"] = [dataclasses.asdict(r) for r in article.removed]
    data["notes"] = list(article.notes)
    data["text"] = article.text
    return data


@pytest.mark.parametrize("dateline", [None, Dateline("BEIRUT", "AP", "BEIRUT (AP) —")])
def test_to_dict_is_asdict_with_lists(dateline: Dateline | None) -> None:
    article = cleanarticle.clean((SEEDS / "000_b23dd6c7955de8c6.txt").read_text("utf-8"))
    article = dataclasses.replace(article, dateline=dateline, authors=("Jane Doe",))
    assert article.removed and article.stats
    fast, slow = article.to_dict(), _asdict_reference(article)
    assert json.dumps(fast) == json.dumps(slow)  # same values and the same key order
    assert fast == slow


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_TEXTS, st.text(st.characters(max_codepoint=127))))
def test_duplicate_keys_are_the_word_lists(text: str) -> None:
    assert word_key(text) == " ".join(WORD.findall(text.casefold()))


def test_duplicate_keys_split_ascii_where_the_regex_does() -> None:
    for code in range(128):
        text = f"Ab{chr(code)}Cd"
        assert word_key(text) == " ".join(WORD.findall(text.casefold())), code


def test_duplicate_keys_treat_every_other_character_as_the_regex_does() -> None:
    for code in [*range(128, 0x10000), *range(0x10000, 0x110000, 97)]:
        text = f"It{chr(code)}s “Ab” — Cd"
        assert word_key(text) == " ".join(WORD.findall(text.casefold())), hex(code)


def test_white_space_is_every_isspace_character() -> None:
    assert set(_WHITE_SPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_TEXTS, st.sampled_from(
    ["Follow us", "en | fr", "Share this:", "\u0130", "Comments (3)", "a\x00b", "x" * 301]
)), max_size=8))
def test_scanning_a_document_at_once_is_scanning_each_line(texts: list[str]) -> None:
    cleanarticle.clean("build every default matcher")
    scanner = phrasebook._scanner
    scanner.seen("x")  # built
    assert scanner._scan_all(texts) == [scanner._scan(text) for text in texts]


# Lines made of what the caption patterns look for: brackets, credit labels and sources,
# slash credits, paragraph openers, and other characters in between.
_CAPTION_PIECES = st.sampled_from([
    "(", ")", " (", ") ", "Photo: ", "Photo by ", "Foto: ", "(Getty Images)", "Getty Images",
    "(AP Photo/Jane Doe)", "Jane Doe/Flash90", "Reuters", "AFP/Getty", "/", ";", ":", " ",
    "Jane", "doe", "A", "“", "‘", "'", '"', "É", "ß", "x" * 30, "The mayor spoke",
])
_CAPTION_PARTS = st.lists(st.one_of(_CAPTION_PIECES, _CHARS), max_size=15).map("".join)
_CREDITS = st.sampled_from(["(Getty Images)", "(AP Photo/Jane Doe)", "(Jane Roe/Flash90)",
                            "(Photo: Jane Doe)", "(dpa/picture alliance)", "(Foto: ANP)"])
_CAPTION_TEXTS = st.one_of(
    st.lists(st.one_of(_CAPTION_PIECES, _CHARS), max_size=30).map("".join),
    st.tuples(_CAPTION_PARTS, _CREDITS, _CAPTION_PARTS).map("".join),  # a credit inside
)


@cache
def _captions() -> Captions:
    return Captions()


@settings(max_examples=600, deadline=None)
@given(_CAPTION_TEXTS)
def test_caption_bracket_tests_decide_what_the_patterns_decide(text: str) -> None:
    captions = _captions()
    assert captions._bracket_free
    ends = captions._ends_with_credit
    assert (ends.search(text, captions._credit_from(text)) is None) == (ends.search(text) is None)
    if not captions._may_glue(text):
        assert captions._glued.match(text) is None


def test_caption_bracket_tests_admit_the_caption_shapes() -> None:
    captions = _captions()
    glued = "Jane Doe (Jane Roe/Flash90)Senior officials met on Monday."
    assert captions._may_glue(glued) and captions._glued.match(glued)
    ends = "Protesters in Paris on Monday (AP Photo/Jane Doe)"
    assert captions._ends_with_credit.search(ends, captions._credit_from(ends))
    assert not captions._may_glue("The council (which met on Monday) agreed.")


def _headline_echo_reference(keys: list[str], counts: list[int]) -> list[float]:
    """``headline_echo`` as first written: each block asked of each of the first blocks."""
    low, high = features._ECHO_WORDS
    tops = [k.split() for k in keys[: features._TOP]]
    openers = {t[0] for t in tops if t}
    echo = [0.0] * len(keys)
    for i in range(1, len(keys)):
        if not low <= counts[i] <= high:
            continue
        if any(keys[i] in top for top in keys[: min(i, features._TOP)]):
            echo[i] = 1.0
            continue
        words = keys[i].split()
        if words[0] not in openers:
            continue
        needed = max(low, math.ceil(features._ECHO_SHARE * len(words)))
        if any(
            features._common_prefix(words, t) >= needed for t in tops[: min(i, features._TOP)]
        ):
            echo[i] = 1.0
    return echo


_TITLE_WORDS = st.sampled_from(["mayor", "quits", "after", "vote", "|", "site", "\x00", "x"])
_KEYS = st.lists(st.lists(_TITLE_WORDS, min_size=1, max_size=12).map(" ".join), max_size=12)


@settings(max_examples=500, deadline=None)
@given(_KEYS, st.data())
def test_headline_echo_is_each_block_asked_of_the_first_blocks(keys: list[str], data) -> None:
    keys = [*keys, *data.draw(st.lists(st.sampled_from(keys), max_size=6))] if keys else keys
    counts = [len(k.split()) for k in keys]
    assert features._headline_columns(keys, counts)[0] == _headline_echo_reference(keys, counts)


def test_free_blocks_are_the_blocks_with_no_whole_label(devcorpus_path: Path) -> None:
    pipeline = cleanarticle.default_pipeline()
    partly_labelled = 0
    for text in _documents(devcorpus_path):
        doc = pipeline.run(text)
        assert list(doc.free()) == [b for b in doc.blocks if b.whole is None]
        partly_labelled += sum(1 for b in doc.blocks if b.labels and b.whole is None)
    assert partly_labelled  # labelled spans that leave the block free were seen


def _split_lines_reference(source: str) -> list[Line]:
    """Lines as first written: a Python loop over every line, blank ones too."""
    lines, pos = [], 0
    for number, raw in enumerate(source.splitlines(keepends=True), start=1):
        text = raw.strip()
        if text:
            start = pos + raw.find(text[0])
            lines.append(Line(number, start, start + len(text), text))
        pos += len(raw)
    return lines


_LINE_CHARS = st.one_of(
    st.sampled_from("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029 \t\xa0\u3000ab."), st.characters()
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_LINE_CHARS, max_size=60).map("".join))
def test_lines_are_the_stripped_lines_at_their_offsets(source: str) -> None:
    lines = _split_lines(source)
    assert lines == _split_lines_reference(source)
    assert all(source[line.start : line.end] == line.text for line in lines)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "bb", " ", ".", "é", "\u0301", "日本", "_", "-"]),
                max_size=40).map("".join), st.integers(0, 12))
def test_a_short_text_has_at_most_that_many_words(text: str, most: int) -> None:
    assert _at_most_words(text, most) == (word_count(text) <= most)


@settings(max_examples=300, deadline=None)
@given(st.frozensets(st.text(max_size=3), max_size=5), st.lists(st.characters(), max_size=6))
def test_appending_a_run_of_literals_is_appending_each(strings: frozenset[str], chars) -> None:
    expected = strings
    for ch in chars:
        expected = frozenset(a + ch for a in expected)
    assert prefilter._appended(strings, list(chars)) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(st.sampled_from(" a1.é"), st.characters()), max_size=30))
def test_literal_weights_are_the_sum_over_characters(literal: str) -> None:
    assert prefilter._weight(literal) == sum(
        0.3 if ch == " " else 1.0 if ch.isalnum() else 3.0 for ch in literal
    )
