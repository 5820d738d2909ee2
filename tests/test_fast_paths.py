"""Fast paths must decide exactly what the slow code they skip would have decided."""

from __future__ import annotations

import ftfy
from ftfy.badness import MOJIBAKE_CATEGORIES, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanarticle.filters.repair import _CONFIG, _badness_probe, looks_bad, needs_ftfy

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
