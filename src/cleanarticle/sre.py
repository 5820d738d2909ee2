"""re's own pattern parser and its opcodes, for code that reads patterns instead of running
them: the phrase prefilter (``prefilter.py``) and the repair filter's ftfy shortcut."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from re import _constants as constants  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]
else:  # pragma: no cover
    import sre_constants as constants
    import sre_parse as parser

__all__ = ["constants", "parser"]
