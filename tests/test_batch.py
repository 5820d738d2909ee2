"""clean_many: ordered, lazy, bounded, and a slow or crashing document never stalls the batch."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import time
from collections.abc import Iterator

import pytest

import cleanarticle
from cleanarticle import Article, Document, Failure, clean_many

from .conftest import SEEDS

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def texts(n: int) -> list[str]:
    return [TEXTS[i % len(TEXTS)] for i in range(n)]


@cleanarticle.filter("sleepy", register_it=False)
def sleepy(doc: Document) -> None:
    """Sleeps on documents that ask for it: a pathological page."""
    if "PLEASE SLEEP" in doc.source:
        time.sleep(60)


@cleanarticle.filter("stuck", register_it=False)
def stuck(doc: Document) -> None:
    """Stuck where no alarm reaches it (as in C code): only killing the worker helps."""
    if "PLEASE HANG" in doc.source:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)


@cleanarticle.filter("crashy", register_it=False)
def crashy(doc: Document) -> None:
    if "PLEASE CRASH" in doc.source:
        os._exit(3)


@cleanarticle.filter("buggy", register_it=False)
def buggy(doc: Document) -> None:
    if "PLEASE RAISE" in doc.source:
        raise RuntimeError("a bug in a filter")


PIPELINE = cleanarticle.default_pipeline().append(sleepy).append(stuck).append(crashy)
PIPELINE = PIPELINE.append(buggy)


@pytest.mark.parametrize("workers", [1, 2])
def test_results_are_in_input_order_and_equal_clean(workers: int) -> None:
    batch = texts(23)
    out = list(clean_many(iter(batch), workers=workers, chunksize=3))
    assert len(out) == len(batch)
    for text, article in zip(batch, out, strict=True):
        assert isinstance(article, Article)
        assert article == cleanarticle.clean(text)


def test_input_is_read_lazily_and_only_a_bounded_amount_ahead() -> None:
    drawn = 0

    def source() -> Iterator[str]:
        nonlocal drawn
        for text in texts(200):
            drawn += 1
            yield text

    results = clean_many(source(), workers=2, chunksize=2, max_pending=6)
    assert drawn == 0  # nothing is read before the first result is asked for
    next(results)
    assert drawn <= 6 + 2
    for _ in range(20):
        next(results)
    assert drawn <= 21 + 6 + 2
    results.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_slow_document_becomes_a_timeout_failure(workers: int) -> None:
    batch = [*texts(4), "PLEASE SLEEP\n" + TEXTS[0], *texts(4)]
    out = list(clean_many(batch, workers=workers, pipeline=PIPELINE, time_limit=0.5, chunksize=2))
    assert out[4] == Failure(4, "took longer than the time limit of 0.5 s", "timeout")
    others = [r for i, r in enumerate(out) if i != 4]
    assert all(isinstance(r, Article) for r in others)
    expected = [cleanarticle.clean(t).headline for i, t in enumerate(batch) if i != 4]
    assert [r.headline for r in others] == expected


def test_a_worker_stuck_out_of_reach_of_the_alarm_is_replaced() -> None:
    batch = [*texts(3), "PLEASE HANG\n" + TEXTS[1], *texts(6)]
    out = list(clean_many(batch, workers=2, pipeline=PIPELINE, time_limit=0.3, chunksize=4))
    assert isinstance(out[3], Failure) and out[3].kind == "timeout"
    assert all(isinstance(r, Article) for i, r in enumerate(out) if i != 3)
    assert len(out) == len(batch)


def test_a_crashing_worker_fails_only_its_document() -> None:
    batch = [*texts(5), "PLEASE CRASH\n" + TEXTS[2], *texts(5)]
    out = list(clean_many(batch, workers=2, pipeline=PIPELINE, chunksize=3))
    assert isinstance(out[5], Failure)
    assert out[5].kind == "crash" and "exit code 3" in out[5].error
    assert all(isinstance(r, Article) for i, r in enumerate(out) if i != 5)


@pytest.mark.parametrize("workers", [1, 2])
def test_errors_and_bad_items_are_reported_not_raised(workers: int) -> None:
    batch: list[object] = [TEXTS[0], "PLEASE RAISE", b"bytes are not text", None, TEXTS[1]]
    out = list(clean_many(batch, workers=workers, pipeline=PIPELINE))  # type: ignore[arg-type]
    assert isinstance(out[0], Article) and isinstance(out[4], Article)
    assert out[1] == Failure(1, "RuntimeError: a bug in a filter", "error")
    assert out[2] == Failure(2, "item 2 is of type bytes, not str or Page", "error")
    assert out[3] == Failure(3, "item 3 is of type NoneType, not str or Page", "error")


def test_stopping_early_leaves_no_worker_behind() -> None:
    results = clean_many(texts(100), workers=2, chunksize=2)
    assert isinstance(next(results), Article)
    results.close()
    assert multiprocessing.active_children() == []


def test_an_empty_batch_gives_nothing() -> None:
    assert list(clean_many([], workers=2)) == []
    assert list(clean_many(iter(()), workers=1)) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"workers": 0}, "workers must be at least 1"),
        ({"chunksize": 0}, "chunksize must be at least 1"),
        ({"time_limit": 0}, "time_limit must be positive"),
        ({"max_pending": 0}, "max_pending must be at least 1"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        clean_many(TEXTS, **kwargs)  # type: ignore[arg-type]


def headline_and_spans(article: Article) -> tuple[str | None, int]:
    """A finish hook: what a caller keeps of each article (module level, so it pickles)."""
    if "PLEASE RAISE IN FINISH" in article.to_text():
        raise KeyError("a bug in the hook")
    return article.headline, len(article.boilerplate)


@pytest.mark.parametrize("workers", [1, 2])
def test_finish_runs_on_each_article_and_its_errors_are_failures(workers: int) -> None:
    raises = "PLEASE RAISE IN FINISH, the council said on Monday in a statement on the budget.\n\n"
    batch = [*texts(7), raises + TEXTS[0], TEXTS[3]]
    out = list(clean_many(batch, workers=workers, chunksize=2, finish=headline_and_spans))
    expected = [headline_and_spans(cleanarticle.clean(t)) for t in texts(7)]
    assert out[:7] == expected
    assert out[7] == Failure(7, "KeyError: 'a bug in the hook'", "error")
    assert out[8] == headline_and_spans(cleanarticle.clean(TEXTS[3]))


def test_a_result_that_cannot_be_sent_back_is_a_failure() -> None:
    out = list(clean_many(texts(3), workers=2, finish=lambda article: lambda: article))
    assert all(isinstance(r, Failure) and "cannot be sent back" in r.error for r in out)


def test_articles_cross_the_pipe_unchanged() -> None:
    from cleanarticle.batch import _dumps

    for text in TEXTS:
        article = cleanarticle.clean(text)
        assert article.removed  # the seeds have removed spans: the Removal path is exercised
        copy = pickle.loads(_dumps(article))
        assert copy == article and type(copy.removed[0]) is type(article.removed[0])


def test_removals_alone_cross_the_pipe_unchanged() -> None:
    """check and fix send back lists of removals, without their article."""
    from cleanarticle.batch import _dumps

    removed = list(cleanarticle.clean(TEXTS[0]).removed)
    assert pickle.loads(_dumps(removed)) == removed


def frozen_objects(article: Article) -> int:
    """A finish hook: how many objects the collector leaves alone in the worker."""
    import gc

    return gc.get_freeze_count()


def test_workers_leave_what_they_start_with_out_of_garbage_collection() -> None:
    out = list(clean_many(texts(3), workers=2, finish=frozen_objects))
    assert all(isinstance(n, int) and n > 10_000 for n in out)  # the built pipeline


def test_one_process_freezes_the_heap_only_while_the_batch_runs() -> None:
    import gc

    assert gc.get_freeze_count() == 0
    results = clean_many(texts(3), workers=1, finish=frozen_objects)
    assert next(results) > 10_000
    results.close()  # stopped early: unfrozen too
    assert gc.get_freeze_count() == 0
    assert [n > 10_000 for n in clean_many(texts(2), workers=1, finish=frozen_objects)] == [
        True, True,
    ]
    assert gc.get_freeze_count() == 0


def test_a_heap_the_caller_froze_stays_frozen() -> None:
    import gc

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert list(clean_many(texts(2), workers=1, finish=frozen_objects)) == [frozen, frozen]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_workers_are_forked_unless_a_thread_runs() -> None:
    import threading

    from cleanarticle.batch import _context

    assert _context().get_start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert _context() is multiprocessing.get_context()
    finally:
        stop.set()
        thread.join()
