"""The ``cleanarticle`` command: clean text files and explain what was removed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import clean


def _explain(path: Path) -> None:
    article = clean(path.read_text(encoding="utf-8", errors="replace"))
    print(f"== {path}")
    print(f"headline: {article.headline}")
    print(f"byline:   {article.byline}  authors={list(article.authors)} "
          f"publisher={article.publisher}")
    dateline = article.dateline
    print(f"dateline: {dateline.raw + '  place=' + dateline.place if dateline else None}")
    print(f"body:     {len(article.paragraphs)} paragraphs")
    for r in article.boilerplate:
        print(f"  line {r.line:>3}  {r.filter:<16} {r.reason}")
        print(f"            {r.text[:100]!r}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cleanarticle", description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for root in args.paths:
        files = sorted(root.rglob("*.txt")) if root.is_dir() else [root]
        for path in files:
            _explain(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
