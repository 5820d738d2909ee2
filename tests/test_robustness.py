"""Generated article-like documents: nothing crashes, no body text or junk goes unaccounted for.

The documents come from ``tests/strategies.py`` (headline, byline, dateline, prose paragraphs
in several scripts, boilerplate of every category at random places and in random case,
hard-wrapped at random widths, LF or CRLF). Each example is checked for five properties:

* **every body paragraph survives**: each generated body paragraph (the first one with its
  dateline cut off) is, white space aside, one of ``article.paragraphs``;
* **every inserted boilerplate block is removed or reported**: its text is not inside any
  paragraph, or a ``Removal`` in ``article.removed`` holds it;
* **removed + kept reconstruct the input**: every non-white-space character of the input lies
  in a line of a kept (not wholly labelled) block of ``default_pipeline().run(text)``, or in a
  ``Removal`` span of the rendered article, and each span's text is the input at its offsets:
  nothing vanishes without a record;
* **idempotence**: ``clean(article.to_text())`` gives the same headline, dek and paragraphs;
* **no false alarm**: with its body whole, the article is no large removal
  (``Prose.is_large_removal``), so ``fix`` would not refuse it.

None of them may raise. The default run tries a few hundred documents; ``pytest -m slow``
runs the same properties on a large budget.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import cleanarticle
from cleanarticle.render import render, unaccounted

from .strategies import GeneratedArticle, articles

PIPELINE = cleanarticle.default_pipeline()
DEFAULT_EXAMPLES = 200
SLOW_EXAMPLES = 5_000


def _squash(text: str) -> str:
    return " ".join(text.split())


def check_body_survives(generated: GeneratedArticle, article: cleanarticle.Article) -> None:
    """Each generated body paragraph is one of the article's paragraphs (white space aside)."""
    kept = {_squash(p) for p in article.paragraphs}
    for paragraph in generated.body:
        assert _squash(paragraph) in kept, f"body paragraph lost: {paragraph!r}"


def check_boilerplate_accounted(generated: GeneratedArticle, article: cleanarticle.Article) -> None:
    """Each inserted boilerplate block is out of the body, or a removal reports it."""
    body = [_squash(p) for p in article.paragraphs]
    removed = [_squash(r.text) for r in article.removed]
    for category, text in generated.boilerplate:
        block = _squash(text)
        if any(block in paragraph for paragraph in body):
            assert any(block in r for r in removed), (
                f"{category} boilerplate kept in the body and not reported: {text!r}"
            )


def check_reconstructs(text: str) -> None:
    """Every non-white-space character is in a kept block's lines or in a removal span."""
    doc = PIPELINE.run(text)
    article = render(doc)
    for r in article.removed:
        assert text[r.start : r.end] == r.text, r
    lost = [(i, text[i]) for i in unaccounted(doc, article)]
    assert not lost, f"characters vanished without a record: {lost[:10]}"


def check_idempotent(article: cleanarticle.Article) -> None:
    """Cleaning the clean text again changes neither its headline, dek nor body."""
    again = cleanarticle.clean(article.to_text())
    assert again.headline == article.headline
    assert again.dek == article.dek
    assert again.paragraphs == article.paragraphs


def check_no_false_alarm(article: cleanarticle.Article) -> None:
    """The body survived, so the safety rail must not take the article for lost."""
    assert not article.prose.is_large_removal(), article.prose


def check_all(generated: GeneratedArticle) -> None:
    article = PIPELINE.clean(generated.text)
    check_body_survives(generated, article)
    check_boilerplate_accounted(generated, article)
    check_reconstructs(generated.text)
    check_idempotent(article)
    check_no_false_alarm(article)


@settings(
    max_examples=DEFAULT_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(articles())
def test_generated_articles(generated: GeneratedArticle) -> None:
    """The five properties above, on a budget the default run can afford."""
    check_all(generated)


@pytest.mark.slow
@settings(
    max_examples=SLOW_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(articles())
def test_generated_articles_large_budget(generated: GeneratedArticle) -> None:
    """The same properties on a large budget (``pytest -m slow``)."""
    check_all(generated)


def test_strategy_covers_every_category() -> None:
    """The boilerplate pool has every phrase-pack category and captions, several lines each."""
    from .strategies import BOILERPLATE

    expected = {"paywall", "comments", "recommendations", "newsletter", "engagement",
                "copyright", "navigation", "caption"}
    assert expected <= set(BOILERPLATE)
    assert all(len(BOILERPLATE[c]) >= 4 for c in expected)


def test_properties_catch_a_lost_paragraph() -> None:
    """The checks fail when a paragraph really goes missing (they are not vacuous)."""
    generated = GeneratedArticle(
        text="Headline Words Here\n\nThe council met on Monday to discuss the old bridge.\n",
        body=["The council met on Monday to discuss the old bridge.", "A paragraph never sent."],
        boilerplate=[],
        headline="Headline Words Here",
        newline="\n",
        wrap=None,
    )
    with pytest.raises(AssertionError, match="body paragraph lost"):
        check_body_survives(generated, cleanarticle.clean(generated.text))


# --- coverage-guided fuzzing (atheris): the short run; see fuzz/fuzz_clean.py for the long one

FUZZ_SCRIPT = Path(__file__).resolve().parent.parent / "fuzz" / "fuzz_clean.py"
FUZZ_RUNS = {"text": 1_000, "html": 200}


@pytest.mark.parametrize("target", sorted(FUZZ_RUNS))
def test_short_fuzz_run(target: str, tmp_path: Path) -> None:
    """libFuzzer drives ``clean`` / ``clean_html`` from the seed articles for a few thousand
    inputs; any exception, lost character or input slower than 20 s fails the run."""
    if importlib.util.find_spec("atheris") is None:
        pytest.skip("atheris is not installed (pip install atheris): no fuzzing")
    corpus = tmp_path / "corpus"
    package_root = Path(cleanarticle.__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": f"{package_root}{os.pathsep}{FUZZ_SCRIPT.parent}"}
    subprocess.run([sys.executable, str(FUZZ_SCRIPT), "--seed-corpus", str(corpus)],
                   check=True, env=env, capture_output=True)
    args = [sys.executable, str(FUZZ_SCRIPT), f"-runs={FUZZ_RUNS[target]}", "-max_len=8192",
            "-timeout=20", "-seed=1", f"-artifact_prefix={tmp_path}/", str(corpus)]
    if target == "html":
        args.insert(2, "--html")
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    log = [line for line in done.stderr.splitlines() if not line.startswith("INFO: Instrumenting")]
    assert done.returncode == 0, "fuzzing found a failure:\n" + "\n".join(log[-60:])
    # libFuzzer counts the seed corpus it replays too, so it may report a few runs more.
    runs = re.search(r"Done (\d+) runs", done.stderr)
    assert runs is not None and int(runs.group(1)) >= FUZZ_RUNS[target], log[-5:]
