"""Filters by name: the built-in ones, user functions, and third-party entry points.

A filter is any object with a ``name`` and a call that annotates a :class:`Document`.
Third parties publish theirs under the ``cleanarticle.filters`` entry-point group; the
entry point's value is a filter, a filter class, or a zero-argument factory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from .document import Document

ENTRY_POINT_GROUP = "cleanarticle.filters"


@runtime_checkable
class Filter(Protocol):
    """What the pipeline runs: it reads a document and labels blocks; it never edits text."""

    name: str

    def __call__(self, doc: Document) -> None: ...


class FunctionFilter:
    """Wraps a plain ``(doc) -> None`` function as a named filter."""

    def __init__(self, name: str, func: Callable[[Document], None]) -> None:
        self.name = name
        self.func = func
        self.__doc__ = func.__doc__

    def __call__(self, doc: Document) -> None:
        self.func(doc)

    def __repr__(self) -> str:
        return f"FunctionFilter({self.name!r})"


Factory = Callable[[], Filter]
_FACTORIES: dict[str, Factory] = {}
_from_entry_points: set[str] = set()
_entry_points_loaded = False


def register(name: str, factory: Factory, *, replace: bool = False) -> None:
    """Make ``factory()`` available as filter ``name``."""
    if name in _FACTORIES and not replace:
        raise ValueError(f"a filter named {name!r} is already registered")
    _FACTORIES[name] = factory


def filter(
    name: str, *, register_it: bool = True
) -> Callable[[Callable[[Document], None]], Filter]:
    """Decorator: turn ``def f(doc): ...`` into a named filter (and register it)."""

    def wrap(func: Callable[[Document], None]) -> Filter:
        made = FunctionFilter(name, func)
        if register_it:
            register(name, lambda: made, replace=True)
        return made

    return wrap


def get(name: str) -> Filter:
    """A new instance of the filter registered as ``name``."""
    if name not in _FACTORIES:
        _load_entry_points()
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise KeyError(f"no filter named {name!r}; known: {', '.join(available())}") from None
    made = factory()
    if not isinstance(made, Filter):
        raise TypeError(f"filter {name!r} has no name or is not callable: {made!r}")
    return made


def available() -> list[str]:
    _load_entry_points()
    return sorted(_FACTORIES)


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    from importlib.metadata import entry_points  # ~50 ms: only when a name is looked up

    _entry_points_loaded = True
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name not in _FACTORIES:
            _FACTORIES[ep.name] = _lazy(ep.load)
            _from_entry_points.add(ep.name)


def _lazy(load: Callable[[], object]) -> Factory:
    def factory() -> Filter:
        obj = load()
        if isinstance(obj, type) or (callable(obj) and not isinstance(obj, Filter)):
            obj = obj()
        return obj  # type: ignore[return-value]

    return factory


def reset_entry_points() -> None:
    """Forget loaded entry points, so newly installed plugins are found (used by tests)."""
    global _entry_points_loaded
    for name in _from_entry_points:
        _FACTORIES.pop(name, None)
    _from_entry_points.clear()
    _entry_points_loaded = False
