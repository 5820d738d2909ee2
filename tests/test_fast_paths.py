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


# ---------------------------------------------------------------------------------------------
# Phrase matchers run only the patterns the prefilter admits for a line, one at a time: the
# same hit as the alternation of every pattern (``match_all``).


def _default_matchers() -> list[phrasebook.PhraseMatcher]:
    return [f.matcher for f in cleanarticle.default_pipeline() if isinstance(f, PhraseFilter)]


def test_phrase_matchers_match_one_pattern_at_a_time_on_corpus_blocks(
    devcorpus_path: Path,
) -> None:
    matchers = _default_matchers()
    assert all(m._one_at_a_time for m in matchers)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    with gzip.open(devcorpus_path, "rt", encoding="utf-8") as fh:
        texts += [json.loads(line)["text_dump"] for i, line in enumerate(fh) if i % 40 == 7]
    hits = long_hits = 0
    for text in texts:
        for block in Document(text).blocks:
            for m in matchers:
                fast = m.match(block.text)
                assert fast == m.match_all(block.text), (block.text[:200], m)
                hits += fast is not None
                long_hits += fast is not None and fast.how == "contains" and (
                    word_count(block.text) > phrasebook._LONG_BLOCK_WORDS
                )
    assert hits > 300 and long_hits  # whole lines, contains, and dense long blocks were seen


# Patterns made to disagree on order: a pattern and its own prefix, the same phrase in two
# languages, a later pattern that matches earlier in the text, word-boundary edges.
_TOY_LINES = {
    "en": ["home", r"home( page)?", r"more (news|stories)", r"share( this)?", r"\d+ comments?"],
    "fr": ["accueil", "home page", r"plus d'\w+", "share this"],
    "user": [r"more \w+", "menu"],
}
_TOY_CONTAINS = {
    "en": ["sign up", r"sign up for (our|the) newsletter", r"news\w*", r"read more"],
    "de": ["newsletter", "up for", r"mehr lesen", r"sign"],
    "user": [r"our news", r"(?:the|our) newsletter"],
}
_TOY_WORDS = st.sampled_from([
    "home", "page", "more", "news", "stories", "share", "this", "accueil", "plus", "d'infos",
    "sign", "up", "for", "our", "the", "newsletter", "newsletters", "read", "mehr", "lesen",
    "menu", "3", "comments", "comment", "Home", "SIGN", "News", "x", "signup", "d’actu",
])
_TOY_SEPARATORS = st.sampled_from([" ", " ", " ", ". ", ": ", " | ", "", "\u00a0", "-", "\n"])
_TOY_TEXTS = st.one_of(
    st.lists(st.tuples(_TOY_WORDS, _TOY_SEPARATORS), max_size=8),
    st.lists(st.tuples(_TOY_WORDS, _TOY_SEPARATORS), min_size=55, max_size=160),
).map(lambda pairs: "".join(w + s for w, s in pairs))


@cache
def _toy_matcher() -> phrasebook.PhraseMatcher:
    return phrasebook.PhraseMatcher(_TOY_LINES, _TOY_CONTAINS)


@settings(max_examples=600, deadline=None)
@given(_TOY_TEXTS)
def test_one_pattern_at_a_time_is_the_alternation_on_patterns_that_compete(text: str) -> None:
    m = _toy_matcher()
    assert m._one_at_a_time
    assert m.match(text) == m.match_all(text)


def test_one_pattern_at_a_time_keeps_the_alternations_order_and_count() -> None:
    m = _toy_matcher()
    assert m.match("Home page") == phrasebook.Hit("line", "Home page", "en")
    assert m.match("More stuff!") == phrasebook.Hit("line", "More stuff!", "user")
    # Leftmost wins over pattern order; on a tie, the earlier pattern (and language).
    assert m.match("a newsletter and sign up") == phrasebook.Hit("contains", "newsletter", "en")
    assert m.match("the newsletter") == phrasebook.Hit("contains", "the newsletter", "user")
    assert m.match("sign up for our newsletter") == phrasebook.Hit(
        "contains", "sign up", "en"
    )
    filler = "word " * 100
    assert m.match(filler + "sign up") is None  # one hit in 101 words: too sparse
    dense = "sign up " + filler[:200] + "read more " + filler[:190] + "newsletter"
    assert m.match(dense) == m.match_all(dense) == phrasebook.Hit("contains", "sign up", "en")


_PIECES = sorted({
    piece
    for m in _default_matchers()
    for need in phrasebook._scanner.needs[m._index]
    for piece in [*sorted(need.exact)[:30], *sorted(need.starts)[:30],
                  *sorted(need.literals)[:60]]
})
_FILLER = st.sampled_from(["the", "council", "said", "on", "Monday", ".", ",", "2024", "a"])
_LONG_BLOCKS = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.sampled_from(_PIECES).map(str.title), _FILLER),
    min_size=1, max_size=140,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_LONG_BLOCKS)
def test_default_matchers_one_at_a_time_on_blocks_of_phrases_and_words(text: str) -> None:
    for m in _default_matchers():
        assert m.match(text) == m.match_all(text), (text, m)


def test_patterns_tied_together_keep_the_alternation() -> None:
    backref = phrasebook.PhraseMatcher({"user": [r"(?P<w>\w+) and (?P=w)"]}, {})
    fuzzy = phrasebook.PhraseMatcher({}, {"user": [r"(?:newsletter){e<=1}"]})
    plain = phrasebook.PhraseMatcher({"user": [r"bread and butter"]}, {})
    assert not backref._one_at_a_time and not fuzzy._one_at_a_time and plain._one_at_a_time
    for m, text in ((backref, "this and this"), (fuzzy, "Get our newsleter"),
                    (plain, "Bread and butter")):
        assert m.match(text) == m.match_all(text) is not None


@pytest.mark.parametrize("pattern", [
    r"(\w+) \1", r"(?P<w>\w+) (?P=w)", r"(?P<w>a)\g<w>", r"(a|b(?1))", r"(?R)?x", r"(?&w)",
    r"(?P>w)", r"(?-1)", r"(?i)news", r"(?V1)news", r"(a)?(?(1)b|c)",
])
def test_patterns_that_reach_beyond_themselves_are_known(pattern: str) -> None:
    assert phrasebook._SHARED_STATE.search(pattern)


def test_the_packs_patterns_stand_alone() -> None:
    for lang in phrasebook.available_languages():
        for table in phrasebook.load_pack(lang).values():
            if isinstance(table, dict):
                for pattern in (*table.get("lines", []), *table.get("contains", [])):
                    assert not phrasebook._SHARED_STATE.search(pattern), pattern


def test_phrase_patterns_compile_when_a_line_needs_them() -> None:
    lines = {lang: list(phrasebook.load_pack(lang)["navigation"].get("lines", []))
             for lang in ("en", "de")}
    contains = {lang: list(phrasebook.load_pack(lang)["navigation"].get("contains", []))
                for lang in ("en", "de")}
    m = phrasebook.PhraseMatcher(lines, contains)
    assert m._whole is None and not m._unit_regexes  # nothing compiled at start-up
    assert m.match("Home") == m.match_all("Home") is not None
    assert 0 < len(m._unit_regexes) <= 3
    with pytest.raises(Exception, match="missing"):
        phrasebook.PhraseMatcher({"user": ["(unclosed"]}, {})  # a user's pattern: at once


def test_phrase_matchers_survive_pickling() -> None:
    import pickle

    m = _toy_matcher()
    again = pickle.loads(pickle.dumps(m))
    for text in ("Home page", "sign up for our newsletter", "nothing here"):
        assert again.match(text) == m.match(text)


def test_a_requirement_is_the_merge_of_each_patterns() -> None:
    for lang in phrasebook.available_languages():
        for table in phrasebook.load_pack(lang).values():
            if not isinstance(table, dict):
                continue
            for kind, tail in (("lines", phrasebook._LINE_END), ("contains", None)):
                patterns = table.get(kind, [])
                each = prefilter.Requirement.each(patterns, tail=tail)
                merged = prefilter.Requirement.merge(each)
                assert merged == prefilter.Requirement(**_reference_requirement(patterns, tail))


def _reference_requirement(patterns: list[str], tail: str | None) -> dict[str, object]:
    """A category's requirement as first written: one loop over the patterns."""
    literals: set[str] = set()
    exact: set[str] = set()
    prefixes: set[str] = set()
    always = False
    for pattern in patterns:
        info = prefilter.analyse(pattern, tail=tail)
        if tail is not None and info.exact is not None:
            exact.update(prefilter.cut_tail(s, tail) for s in info.exact)
            continue
        if tail is not None and (found := starts(pattern)):
            cut = {prefilter.cut_tail(s, tail) for s in found}
            if all(cut):
                prefixes.update(cut)
                continue
        required = info.as_required()
        if required is None:
            always = True
        else:
            literals.update(required)
    return {"literals": prefilter.minimal(literals), "exact": frozenset(exact),
            "starts": frozenset(prefixes), "always": always}


def test_requirements_read_back_from_the_cache_are_the_computed_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(prefilter.CACHE_ENV, str(tmp_path / "cache"))
    pack = phrasebook.load_pack("fr")["paywall"]
    for patterns, tail in ((pack["lines"], phrasebook._LINE_END), (pack["contains"], None)):
        computed = prefilter.Requirement.each(patterns, tail=tail)
        assert prefilter.each_cached(patterns, tail=tail) == computed  # computed and stored
        with monkeypatch.context() as m:
            m.setattr(prefilter.Requirement, "each", None)  # read back, not computed again
            assert prefilter.each_cached(patterns, tail=tail) == computed
        assert prefilter.each_cached(patterns[1:], tail=tail) == computed[1:]
    files = sorted((tmp_path / "cache").iterdir())
    assert len(files) == 4 and all(f.name.startswith("requirements-") for f in files)
    stale = tmp_path / "cache" / "requirements-0000-1111.json"
    stale.write_text("{}", encoding="utf-8")
    for f in files:
        f.write_text('{"what": 1', encoding="utf-8")  # damaged: computed again
    assert prefilter.each_cached(pack["contains"]) == prefilter.Requirement.each(pack["contains"])
    assert not stale.exists()  # another version of the code: dropped


def test_requirements_without_a_usable_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patterns = phrasebook.load_pack("en")["newsletter"]["contains"]
    expected = prefilter.Requirement.each(patterns)
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    for folder in ("", str(blocker / "cache")):  # switched off; cannot be made
        monkeypatch.setenv(prefilter.CACHE_ENV, folder)
        assert prefilter.each_cached(patterns) == expected
    assert list(tmp_path.iterdir()) == [blocker]


def test_a_scanner_first_used_by_several_threads_at_once_is_built_once() -> None:
    import threading

    cleanarticle.clean("build every default matcher")
    needs, shape = phrasebook._scanner.needs, {"strip": phrasebook._DECOR,
                                               "tail": phrasebook._LINE_END,
                                               "max_line": phrasebook._MAX_LINE}
    texts = [b.text for p in sorted(SEEDS.glob("*.txt"))
             for b in Document(p.read_text(encoding="utf-8")).blocks]
    expected = prefilter.Scanner(needs, **shape).seen_all(texts)
    shared = prefilter.Scanner(needs, **shape)
    builds: list[int] = []
    build = shared._build_tables
    shared._build_tables = lambda: (builds.append(1), build())  # type: ignore[method-assign]
    results: list[list[prefilter.Seen]] = []
    threads = [threading.Thread(target=lambda: results.append(shared.seen_all(texts)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert builds == [1] and results == [expected] * 4
