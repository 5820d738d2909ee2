"""Map a function over many items in worker processes: results in input order, memory bounded.

``ProcessPoolExecutor.map`` reads its whole input before the first result comes back, which
for a folder of a million articles means every text in memory at once. Here at most a few
chunks per worker are in flight, so reading, cleaning and writing overlap in small steps.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 16  # items per task: big enough to hide the pickling round trip, small for order
AHEAD = 3  # chunks in flight per worker


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
) -> Iterator[R]:
    """``map(func, items)`` on ``workers`` processes (in this one if ``workers <= 1``).

    ``initializer(*initargs)`` runs once in each process that calls ``func`` (to build the
    pipeline once, not once per item). Results come back in the order of ``items``.
    """
    if workers <= 1:
        initializer(*initargs)
        yield from map(func, items)
        return
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(initializer, initargs))
    try:
        pending: deque[Future[list[R]]] = deque()
        iterator = iter(items)
        for chunk in iter(lambda: list(islice(iterator, CHUNK)), []):
            pending.append(pool.submit(_run_chunk, func, chunk))
            if len(pending) >= workers * AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _init_worker(initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    # Ctrl-C goes to the whole process group: the parent stops the run and reports it once;
    # workers must not each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    initializer(*initargs)


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]
