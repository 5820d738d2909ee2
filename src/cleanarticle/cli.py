"""The ``cleanarticle`` command: clean, check and fix article files, folders, stdin and JSONL.

It follows the habits of ruff and black: quiet by default, results on stdout, a summary and
the errors on stderr, and exit codes scripts can trust: 0 all good, 1 boilerplate found
(``check``) or files changed or left for review (``fix``), 2 an input or usage error (the
other files are still processed).

The safety rail: an article whose cleaning would remove most of its prose-like text
(``Prose.is_large_removal``) is probably lost, not cleaned. ``fix`` leaves it as it is,
``check`` and ``clean`` warn; ``--allow-large-removals`` (or ``min-prose-kept = 0``) lifts it.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

import regex

from . import config as configuration
from .article import Article, Prose, Removal
from .batch import Failure, Page, clean_many, warm_up
from .batch import usable_cores as cpu_count
from .fix import fix_text
from .io import (
    STDIN,
    AtomicFile,
    Decoded,
    FileChanged,
    InputError,
    Skipped,
    Source,
    decode,
    digest,
    discover,
    gunzip,
    gzip_bytes,
    jsonl_lines,
    matches,
    read_raw,
    split_ending,
    write_atomic,
)

COMMANDS = ("clean", "check", "fix")
FORMATS = ("text", "json", "jsonl")
DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_TIME_LIMIT = 5.0
# Below this much input, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 2_000_000

EXIT_OK, EXIT_FOUND, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141

EXAMPLES = """\
examples:
  cleanarticle scraped/ -o clean/                  clean a folder, mirror it as text files
  cleanarticle clean corpus.jsonl.gz --format jsonl > clean.jsonl
  cleanarticle clean page.html --explain           headline, body, and what was removed
  cat article.txt | cleanarticle -                 stdin to stdout
  cleanarticle check corpus/                       list boilerplate; exit 1 if any
  cleanarticle fix corpus/                         delete it in place; exit 1 if changed

exit status: 0 all good, 1 boilerplate found (check) or files changed (fix),
2 a file could not be read or a usage error (the other files are still processed).
fix leaves an article whose cleaning would remove most of its prose-like text as it is,
with a warning, and exits 1; --allow-large-removals fixes it anyway.
Settings: [tool.cleanarticle] in the nearest pyproject.toml, or --config FILE."""


class UsageError(Exception):
    """The command line asks for something impossible; said once, exit status 2."""


# ---------------------------------------------------------------------------------------------
# What the run reads: documents for clean_many, and the marks that pass around it.


@dataclass(frozen=True, slots=True)
class Doc:
    """One article to clean: a file's text, or one JSONL record's text field."""

    source: int  # index into the run's sources
    line: int  # JSONL line number, 0 for a whole file
    kind: str  # "text" or "html"
    text: str


@dataclass(frozen=True, slots=True)
class Failed:
    """A file or a record that could not be read: reported in its place in the output order."""

    source: int
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class End:
    """Every item of a file has been read: the file can be written once its results are in."""

    source: int


Item = Doc | Failed | End


def _work(doc: Doc) -> str | Page:
    """The work item ``clean_many`` gets for ``doc``: its text, or a Page in HTML mode."""
    return Page(doc.text) if doc.kind == "html" else doc.text


def _spans(article: Article) -> tuple[tuple[Removal, ...], Prose]:
    """(In a worker.) All check and fix need of an article: less to send back than all of it."""
    return article.boilerplate, article.prose


def _as_dict(article: Article) -> dict[str, Any]:
    """(In a worker.) ``to_dict`` is the costly part of writing JSON: done in parallel."""
    return article.to_dict()


def _as_text(article: Article) -> tuple[str, tuple[str, ...], Prose, str]:
    """(In a worker.) The text format's output, the categories the summary counts, and what
    the rail needs (the prose measure, the filter that removed most)."""
    spans = article.boilerplate
    return article.to_text(), tuple(r.category for r in spans), article.prose, _taker(spans)


def _taker(spans: Sequence[Removal] | Sequence[dict[str, Any]]) -> str:
    """The filter that removed the most text (non-space characters), for the rail's warning."""
    removed: Counter[str] = Counter()
    for r in spans:
        name, text = (r["filter"], r["text"]) if isinstance(r, dict) else (r.filter, r.text)
        removed[name] += sum(map(len, text.split()))
    return removed.most_common(1)[0][0] if removed else "-"


# ---------------------------------------------------------------------------------------------
# Command line.


class _Formatter(argparse.HelpFormatter):
    """Wraps one-line paragraphs to the terminal; keeps multi-line ones (examples) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = text.split("\n\n")
        return "\n\n".join(
            p if "\n" in p else super(_Formatter, self)._fill_text(p, width, indent)
            for p in paragraphs
        )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (its help is the command's manual)."""
    common = argparse.ArgumentParser(add_help=False)
    inputs = common.add_argument_group("input")
    inputs.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files and folders (searched recursively; hidden ones skipped), or - for stdin",
    )
    inputs.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="in folders, only take files matching GLOB (repeatable; default: every kind read)",
    )
    inputs.add_argument(
        "--exclude",
        action="append",
        metavar="GLOB",
        help="leave out files and folders matching GLOB, e.g. 'drafts' or '*.raw.txt' "
        "(repeatable; added to the configured ones)",
    )
    inputs.add_argument(
        "--text-field",
        default="text",
        metavar="NAME",
        help="the field of a JSONL record that holds the article (default: %(default)s)",
    )
    inputs.add_argument(
        "--input-format",
        choices=("text", "html", "jsonl"),
        help="how to read stdin and named files with an unknown suffix (default: text)",
    )
    inputs.add_argument(
        "--encoding",
        type=_encoding,
        help="read files in this encoding (default: UTF-8, or UTF-16 with a byte-order mark)",
    )
    inputs.add_argument(
        "--max-bytes",
        type=_byte_count,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help="refuse files larger than N, e.g. 200MB (default: 50MB)",
    )
    run = common.add_argument_group("run")
    run.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="worker processes (default: all cores, for inputs large enough to gain from it)",
    )
    run.add_argument(
        "--time-limit",
        type=_seconds,
        default=DEFAULT_TIME_LIMIT,
        metavar="SECONDS",
        help="give up on an article after this long and report it as an error; 0: no limit "
        "(default: %(default)g)",
    )
    run.add_argument(
        "--allow-large-removals",
        action="store_true",
        help="take an article even when cleaning would remove most of its prose-like text "
        "(by default fix leaves it as it is, and all commands warn: the article is probably "
        "lost, not cleaned)",
    )
    run.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar, summary or warnings (but check and fix still warn of large "
        "removals)",
    )
    run.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="settings file (default: [tool.cleanarticle] in the nearest pyproject.toml)",
    )
    run.add_argument(
        "--no-config", action="store_true", help="ignore configuration files; use the defaults"
    )

    parser = argparse.ArgumentParser(
        prog="cleanarticle",
        description="Clean scraped news articles: keep the body and metadata, remove "
        "boilerplate (paywall and newsletter prompts, comment rules, captions, "
        "'Recommended' lines...), and say what was removed and why.",
        epilog=EXAMPLES,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(
        dest="command",
        title="commands",
        metavar="{clean,check,fix}",
        description="clean is the default: 'cleanarticle PATH...' is 'cleanarticle clean PATH...'",
    )
    clean = commands.add_parser(
        "clean",
        parents=[common],
        help="write clean articles (text, JSON or JSONL) to a folder or stdout",
        description="Clean articles and write them out. Text (.txt, .md), HTML (.html, .htm, "
        "through trafilatura) and JSONL (.jsonl, one article per line) are read, gzipped or "
        "not. Without -o the result goes to stdout.",
        epilog="formats:\n"
        "  text   the headline, a blank line, the body (for JSONL input: the same records,\n"
        "         with the text field cleaned)\n"
        "  json   Article.to_dict() of each file (for JSONL input: a list, one per record)\n"
        "  jsonl  one record per article: the metadata, the removed spans and the body,\n"
        "         with a JSONL record's other fields carried over; loads into pandas or\n"
        "         Hugging Face datasets as is",
        formatter_class=_Formatter,
    )
    output = clean.add_argument_group("output")
    output.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="write one file per input under OUT, mirroring the input folders",
    )
    output.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: %(default)s)"
    )
    output.add_argument(
        "--explain",
        action="store_true",
        help="show each article's headline, byline, dateline and every removed span: line, "
        "filter, reason and text (on stderr when the articles go to stdout)",
    )
    commands.add_parser(
        "check",
        parents=[common],
        formatter_class=_Formatter,
        help="list boilerplate as path:line: category: text; exit 1 if any",
        description="Report every boilerplate span, one per line as 'path:line: category: "
        "text' (for JSONL, the line of the record), and warn of each article that fix would "
        "leave as it is (a large removal). Nothing is changed. Exit status 1 if anything was "
        "found, 0 if all files are clean. Reads text and JSONL files.",
    )
    commands.add_parser(
        "fix",
        parents=[common],
        formatter_class=_Formatter,
        help="delete boilerplate in place, keeping the article's lines as they were",
        description="Rewrite files in place without their boilerplate spans: the headline, "
        "dek, byline, dateline and body lines stay byte for byte, so the diff is easy to "
        "review. Running it twice changes nothing the second time. Each file is replaced "
        "at once (written next to it, then renamed) with its permissions kept. Exit status "
        "1 if a file was changed (the pre-commit convention). An article whose fix would "
        "remove most of its prose-like text is left as it is, with a warning, and the exit "
        "status is 1 too: it is probably lost, not cleaned (--allow-large-removals fixes it "
        "anyway). With - it reads stdin and writes the fixed text to stdout.",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help", "--version"):
        args_list.insert(0, "clean")
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(args_list)
    try:
        return Run(args).run()
    except (UsageError, configuration.ConfigError) as err:
        print(f"cleanarticle: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("\ncleanarticle: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, with the status of a SIGPIPE death.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as err:  # stdout itself failed (disk full behind a redirection...)
        print(f"cleanarticle: error: cannot write the output: {err}", file=sys.stderr)
        return EXIT_ERROR


# ---------------------------------------------------------------------------------------------
# A run.


class _FileSink:
    """One output file, written record by record and put in place when the input is done."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.file = AtomicFile(path)

    def write(self, text: str) -> None:
        self.file.write(text.encode("utf-8"))

    def commit(self) -> None:
        self.file.commit()

    def discard(self) -> None:
        self.file.discard()


class _StdoutSink:
    def __init__(self, run: Run) -> None:
        self.run = run

    def write(self, text: str) -> None:
        self.run._print(text, sys.stdout, end="")

    def commit(self) -> None:
        sys.stdout.flush()

    def discard(self) -> None:
        """Nothing to take back: stdout is a stream."""


@dataclass
class FileState:
    """What is kept about one input between reading it and finishing its result.

    Results are written as they come, so a large JSONL file is never held twice over: clean
    keeps only the records waiting for their article (text field emptied), fix only the
    original lines and the fixed texts, check only whether anything was found.
    """

    source: Source
    decoded: Decoded | None = None  # fix: to write the text back in its own encoding
    digest: bytes | None = None  # fix: the file's bytes as read, to refuse a changed file
    lines: list[str] = field(default_factory=list)  # fix, JSONL: the lines as read
    records: dict[int, dict[str, Any]] = field(default_factory=dict)  # clean, JSONL
    fixed: dict[int, str] = field(default_factory=dict)  # fix: line (0: whole file) -> text
    removed: int = 0  # fix: spans removed
    dirty: bool = False  # check: boilerplate found
    sink: _FileSink | _StdoutSink | None = None  # clean: where the output goes
    written: int = 0  # clean: records written so far
    failed: bool = False


@dataclass
class Stats:
    files: int = 0
    articles: int = 0
    errors: int = 0
    spans: Counter[str] = field(default_factory=Counter)
    dirty_files: int = 0  # check: files with boilerplate; fix: files changed
    large: int = 0  # articles whose cleaning removes most of their prose (fix: left as they were)
    started: float = field(default_factory=time.perf_counter)
    setup: float = 0.0  # seconds spent finding inputs and building the pipeline


class Run:
    """One invocation: find the inputs, clean them in order, write, summarise."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.mode: str = args.command
        self.config = self._load_config()
        self.exclude = (*self.config.exclude, *(args.exclude or ()))
        self.include = tuple(args.include or self.config.include)
        self.stats = Stats()
        self.states: dict[int, FileState] = {}
        self.sources: list[Source] = []
        self.output: Path | None = getattr(args, "output", None)
        self.format: str = getattr(args, "format", "text")
        self.explain: bool = getattr(args, "explain", False)
        # The rail: an article that keeps less of its prose is taken for lost (0: no rail).
        self.min_prose_kept = 0.0 if args.allow_large_removals else self.config.min_prose_kept
        # Results go to stdout unless written to files; explanations then go to stderr.
        self.explain_stream = (
            sys.stderr if self.mode == "clean" and self.output is None else sys.stdout
        )
        self.progress: Any = None

    # -- setup --------------------------------------------------------------------------------

    def _load_config(self) -> configuration.Config:
        if self.args.no_config and self.args.config:
            raise UsageError("--config and --no-config contradict each other")
        if self.args.no_config:
            return configuration.Config()
        path = self.args.config
        if path is not None and not path.is_file():
            raise UsageError(f"--config {path}: no such file")
        return configuration.load(path or configuration.find(Path.cwd()))

    def _paths(self) -> list[str]:
        paths = list(self.args.paths)
        if paths:
            return paths
        if self.mode == "clean" and not sys.stdin.isatty():
            return [STDIN]
        raise UsageError(f"nothing to {self.mode}: give files or folders (or - for stdin)")

    def _find_sources(self) -> None:
        kinds = ("text", "html", "jsonl") if self.mode == "clean" else ("text", "jsonl")
        paths = self._paths()
        if paths.count(STDIN) > 1:
            raise UsageError("stdin (-) can be read only once")
        found = discover(
            paths,
            kinds=kinds,
            include=self.include,
            exclude=self.exclude,
            input_format=self.args.input_format,
        )
        for item in found:
            if isinstance(item, InputError):
                self._error(str(item))
            elif isinstance(item, Skipped):
                self._warn(f"{item.display}: skipped: {item.reason}")
            elif item.kind == "html" and self.mode != "clean":
                self._error(
                    f"{item.display}: {self.mode} reads text and JSONL files, not HTML (a page "
                    "has no article lines to edit); use 'cleanarticle clean'"
                )
            else:
                self.sources.append(item)
        if self.output is not None:
            self._check_output_folder(paths)

    def _check_output_folder(self, paths: list[str]) -> None:
        assert self.output is not None
        if self.output.exists() and not self.output.is_dir():
            raise UsageError(f"-o {self.output}: exists and is not a folder")
        out = self.output.resolve()
        for root in paths:
            if root == STDIN or not Path(root).is_dir():
                continue
            real = Path(root).resolve()
            if out == real or out.is_relative_to(real):
                rel = PurePosixPath(out.relative_to(real).as_posix())
                hidden = any(part.startswith(".") for part in rel.parts)
                if out == real or not (hidden or matches(rel, self.exclude)):
                    raise UsageError(
                        f"the output folder {self.output} is inside the input folder {root}: "
                        f"choose another one, or --exclude {rel.as_posix() or '.'}"
                    )
        targets: dict[PurePosixPath, str] = {}
        for source in self.sources:
            target = self._output_rel(source)
            if target in targets:
                raise UsageError(
                    f"{source.display} and {targets[target]} would both be written to "
                    f"{self.output / target}; clean them separately"
                )
            targets[target] = source.display

    def _workers(self) -> int:
        if self.args.jobs:
            return self.args.jobs
        total = 0
        for source in self.sources:
            if source.path is None:  # stdin: one article, or a JSONL stream we cannot size
                return cpu_count() if source.kind == "jsonl" else 1
            try:
                total += source.path.stat().st_size * (4 if source.gzipped else 1)
            except OSError:
                continue
        return cpu_count() if total >= PARALLEL_MIN_BYTES else 1

    # -- the run ------------------------------------------------------------------------------

    def run(self) -> int:
        self._find_sources()
        if self.mode == "clean" and self.output is not None:
            try:
                self.output.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise UsageError(
                    f"-o {self.output}: cannot create: {err.strerror or err}"
                ) from None
        # Built and warmed up here first: a bad setting fails before any work, and forked
        # workers inherit the compiled phrase patterns instead of building them again.
        try:
            pipeline = self.config.pipeline()
            warm_up(pipeline)
        except (ImportError, LookupError, TypeError, ValueError, OSError) as err:
            # A filter (built-in or plugin) that cannot be built is not the input's fault.
            raise UsageError(f"cannot build the cleaning pipeline: {err}") from None
        self.stats.setup = time.perf_counter() - self.stats.started
        self.stats.started = time.perf_counter()
        self._start_progress()
        # Read items wait here, in input order, for their document's result.
        waiting: deque[Item] = deque()

        def documents() -> Iterator[str | Page]:
            for item in self._items():
                waiting.append(item)
                if isinstance(item, Doc):
                    yield _work(item)

        try:
            for result in clean_many(
                documents(),
                workers=self._workers(),
                pipeline=pipeline,
                time_limit=self.args.time_limit or None,
                finish=self._finisher(),
            ):
                self._take_marks(waiting)
                doc = waiting.popleft()
                assert isinstance(doc, Doc)
                self._take(doc, result)
                self._take_marks(waiting)
            self._take_marks(waiting)
        finally:
            for state in self.states.values():  # interrupted: no half-written output
                if state.sink is not None:
                    state.sink.discard()
            if self.progress is not None:
                self.progress.close()
        self._summary()
        if self.stats.errors:
            return EXIT_ERROR
        found = self.stats.dirty_files or (self.mode == "fix" and self.stats.large)
        return EXIT_FOUND if found else EXIT_OK

    def _items(self) -> Iterator[Item]:
        """The documents of every source, in order, each file followed by its End."""
        for index, source in enumerate(self.sources):
            state = FileState(source)
            self.states[index] = state
            try:
                stdin = sys.stdin.buffer if source.path is None else None
                data = read_raw(source, self.args.max_bytes, stdin)
                if self.mode == "fix":
                    state.digest = digest(data)
                if source.gzipped:
                    data = gunzip(data, self.args.max_bytes, strict=True)
                decoded = decode(data, self.args.encoding, html=source.kind == "html")
            except InputError as err:
                state.failed = True
                yield Failed(index, 0, str(err))
                yield End(index)
                continue
            del data
            if self.mode == "fix":
                state.decoded = decoded
            if source.kind == "jsonl":
                yield from self._records(index, state, decoded.text)
            else:
                yield Doc(index, 0, source.kind, decoded.text)
            del decoded
            yield End(index)

    def _records(self, index: int, state: FileState, text: str) -> Iterator[Item]:
        lines = jsonl_lines(text)
        if self.mode == "fix":
            state.lines = lines
        field_name = self.args.text_field
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield Failed(index, number, f"not valid JSON ({err.msg} at column {err.colno})")
                continue
            if not isinstance(record, dict):
                yield Failed(index, number, f"a JSON {type(record).__name__}, not an object")
                continue
            article_text = record.get(field_name)
            if not isinstance(article_text, str):
                what = "no" if article_text is None else f"a {type(article_text).__name__} in the"
                yield Failed(
                    index, number, f"{what} {field_name!r} field (choose it with --text-field)"
                )
                continue
            if self.mode == "clean":
                record[field_name] = None  # keeps the field's place; the text goes to a worker
                state.records[number] = record
            yield Doc(index, number, "text", article_text)

    def _finisher(self) -> Callable[[Article], Any] | None:
        """What the workers send back: the spans for check and fix, the output for clean
        (the whole article only to explain it)."""
        if self.mode != "clean":
            return _spans
        if self.explain:
            return None
        return _as_text if self.format == "text" else _as_dict

    def _take_marks(self, waiting: deque[Item]) -> None:
        """Handle the read failures and file ends that come before the next document."""
        while waiting and not isinstance(waiting[0], Doc):
            item = waiting.popleft()
            if isinstance(item, End):
                state = self.states.pop(item.source)
                if not state.failed:
                    self.stats.files += 1
                    self._finish(state)
            else:
                assert isinstance(item, Failed)
                self._fail(item.source, item.line, item.reason)

    def _fail(self, source: int, line: int, reason: str) -> None:
        state = self.states[source]
        if self.progress is not None:
            self.progress.update(1)
        state.records.pop(line, None)
        self._error(f"{self._where(state.source, line)}: {reason}")
        if line == 0:
            state.failed = True

    def _take(self, doc: Doc, result: Any) -> None:
        """One document's result (what _finisher made of its article), or a Failure."""
        if isinstance(result, Failure):
            reason = result.error
            if result.kind == "timeout":
                reason += " (--time-limit)"
            elif result.kind == "error":
                reason = f"cleaning failed ({reason}); please report this bug"
            self._fail(doc.source, doc.line, reason)
            return
        state = self.states[doc.source]
        if self.progress is not None:
            self.progress.update(1)
        self.stats.articles += 1
        where = self._where(state.source, doc.line)
        if self.mode == "check":
            spans, prose = result
            self.stats.spans.update(r.category for r in spans)
            self._report_spans(state.source, doc.line, spans)
            state.dirty = state.dirty or bool(spans)
            if self._large(prose):
                self._warning(f"{where}: 'cleanarticle fix' would leave this as it is: "
                              f"cleaning removes {_loss(prose, _taker(spans))}; the article is "
                              "probably lost (--allow-large-removals lets fix remove it)")
        elif self.mode == "fix":
            spans, prose = result
            if self._large(prose):
                self._warning(f"{where}: left as it is: the fix would remove "
                              f"{_loss(prose, _taker(spans))}, probably the article itself "
                              "(--allow-large-removals fixes it anyway)")
                return
            self.stats.spans.update(r.category for r in spans)
            fixed = fix_text(doc.text, spans) if spans else doc.text
            if fixed != doc.text:
                state.fixed[doc.line] = fixed
                state.removed += len(spans)
        elif isinstance(result, dict):
            removed = [r for r in result["removed"] if r["kind"] == "boilerplate"]
            self.stats.spans.update(r["category"] for r in removed)
            prose = Prose(**result["prose"])
            if self._large(prose):
                self._lost(where, prose, _taker(removed))
            self._emit(state, doc.line, None, result)
        elif isinstance(result, tuple):
            text, categories, prose, taker = result
            self.stats.spans.update(categories)
            if self._large(prose):
                self._lost(where, prose, taker)
            self._emit(state, doc.line, text, None)
        else:
            self.stats.spans.update(r.category for r in result.boilerplate)
            if self._large(result.prose):
                self._lost(where, result.prose, _taker(result.boilerplate))
            colour = _colour(self.explain_stream)
            self._print(explain(where, result, colour=colour), self.explain_stream)
            if self.format == "text":
                self._emit(state, doc.line, result.to_text(), None)
            else:
                self._emit(state, doc.line, None, result.to_dict())

    def _large(self, prose: Prose) -> bool:
        """The rail: cleaning removes most of the article's prose (counted in the summary)."""
        large = prose.is_large_removal(self.min_prose_kept)
        self.stats.large += large
        return large

    def _lost(self, where: str, prose: Prose, taker: str) -> None:
        """clean writes the article as cleaned (its input is never touched), and says so."""
        if not self.args.quiet:
            self._warning(f"{where}: cleaning removed {_loss(prose, taker)}; the article is "
                          "probably lost (written as cleaned; --allow-large-removals: no warning)")

    # -- results ------------------------------------------------------------------------------

    def _finish(self, state: FileState) -> None:
        if self.mode == "check":
            self.stats.dirty_files += state.dirty
        elif self.mode == "fix":
            self._write_fixed(state)
        else:
            if state.source.kind == "jsonl" and self.format == "json":
                self._write(state, "\n]\n" if state.written else "[]\n")
            elif state.sink is None:
                self._write(state, "")  # an input with no article still gets its output file
            if state.sink is not None and not state.failed:
                state.sink.commit()

    def _emit(
        self, state: FileState, line: int, text: str | None, data: dict[str, Any] | None
    ) -> None:
        """Write one article's output: a file's whole result, or one JSONL record's. The
        text format gets the article's ``to_text()``, the JSON formats its ``to_dict()``."""
        source = state.source
        if source.kind == "jsonl":
            record = self._merged(state.records.pop(line), text, data)
            if self.format == "json":
                item = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
                chunk = ("[\n  " if not state.written else ",\n  ") + item
            else:
                chunk = json.dumps(record, ensure_ascii=False) + "\n"
        elif self.format == "text":
            chunk = f"{text}\n"
        elif self.format == "json":
            chunk = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        else:
            chunk = json.dumps({"source": source.display, **(data or {})}, ensure_ascii=False)
            chunk += "\n"
        self._write(state, chunk)
        state.written += 1

    def _write(self, state: FileState, chunk: str) -> None:
        if state.failed:
            return
        try:
            if state.sink is None:
                state.sink = self._open_sink(state.source)
            state.sink.write(chunk)
        except OSError as err:
            if self.output is None:
                raise  # stdout is gone or broken: nothing else can be written either
            state.failed = True
            if state.sink is not None:
                state.sink.discard()
            target = self.output / self._output_rel(state.source)
            self._error(f"{target}: cannot write: {err.strerror or err}")

    def _open_sink(self, source: Source) -> _FileSink | _StdoutSink:
        if self.output is not None:
            return _FileSink(self.output / self._output_rel(source))
        sink = _StdoutSink(self)
        if len(self.sources) > 1 and self.format == "text" and source.kind != "jsonl":
            sink.write(f"==> {source.display} <==\n")
        return sink

    def _merged(
        self, record: dict[str, Any], text: str | None, data: dict[str, Any] | None
    ) -> dict[str, Any]:
        """A JSONL record with its text cleaned: its own fields kept, the article's added."""
        if self.format == "text":
            record[self.args.text_field] = text
            return record
        assert data is not None
        record[self.args.text_field] = data["text"]
        for key, value in data.items():
            if key != "text" and key not in record:
                record[key] = value
        return record

    def _output_rel(self, source: Source) -> PurePosixPath:
        rel = source.rel
        name = rel.name[:-3] if source.gzipped else rel.name
        stem = name.rsplit(".", 1)[0] if "." in name else name
        if self.format == "text":
            suffix = ".jsonl" if source.kind == "jsonl" else ".txt"
        else:
            suffix = "." + self.format
        return rel.with_name(stem + suffix)

    def _write_fixed(self, state: FileState) -> None:
        source, decoded = state.source, state.decoded
        assert decoded is not None
        if source.kind == "jsonl":
            new_text = self._fixed_jsonl(state)
        else:
            new_text = state.fixed.get(0, decoded.text)
        changed = new_text != decoded.text
        if source.path is None:
            self._print(new_text, sys.stdout, end="")
        elif changed:
            data = decoded.encode(new_text)
            try:
                write_atomic(
                    source.path,
                    gzip_bytes(data) if source.gzipped else data,
                    durable=True,
                    expect=state.digest,
                )
            except FileChanged:
                self._error(
                    f"{source.display}: changed while it was being fixed; left as it is "
                    "(run fix again)"
                )
                return
            except OSError as err:
                self._error(f"{source.display}: cannot write: {err.strerror or err}")
                return
            removed = _plural(state.removed, "span")
            self._print(f"fixed {source.display} ({removed} removed)", sys.stdout)
        self.stats.dirty_files += changed

    def _fixed_jsonl(self, state: FileState) -> str:
        out = []
        for number, line in enumerate(state.lines, start=1):
            if number in state.fixed:
                content, ending = split_ending(line)
                original = json.loads(content)
                record = {**original, self.args.text_field: state.fixed[number]}
                line = _dumps_like(record, original, content) + ending
            out.append(line)
        return "".join(out)

    # -- output helpers -----------------------------------------------------------------------

    def _report_spans(self, source: Source, line: int, spans: Sequence[Removal]) -> None:
        colour = _colour(sys.stdout)
        for r in spans:
            where = f"{source.display}:{line or r.line}:"
            text = _shorten(r.text, 100)
            if colour:
                where, category = _style(where, "1"), _style(r.category, "31")
            else:
                category = r.category
            self._print(f"{where} {category}: {text}", sys.stdout)

    def _where(self, source: Source, line: int) -> str:
        return f"{source.display}:{line}" if line else source.display

    def _print(self, text: str, stream: IO[str], end: str = "\n") -> None:
        if self.progress is not None:
            with self.progress.external_write_mode(file=stream):
                print(text, file=stream, end=end, flush=True)
        else:
            print(text, file=stream, end=end)

    def _error(self, message: str) -> None:
        self.stats.errors += 1
        self._diagnostic(message, "error", "1;31")

    def _warning(self, message: str) -> None:
        """``path: warning: ...`` on stderr, shown even with -q (callers decide)."""
        self._diagnostic(message, "warning", "1;33")

    def _diagnostic(self, message: str, level: str, code: str) -> None:
        path, _, rest = message.partition(": ")
        if _colour(sys.stderr):
            path, level = _style(path, "1"), _style(level, code)
        self._print(f"{path}: {level}: {rest}", sys.stderr)

    def _warn(self, message: str) -> None:
        if not self.args.quiet:
            self._print(message, sys.stderr)

    def _start_progress(self) -> None:
        """A bar on stderr, shown only on a terminal and only once a run has lasted a second."""
        if self.args.quiet or not sys.stderr.isatty():
            return
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
        # One article per text or HTML file; a JSONL file holds an unknown number.
        total = None if any(s.kind == "jsonl" for s in self.sources) else len(self.sources)
        self.progress = tqdm(total=total, unit=" articles", delay=1.0, leave=False, file=sys.stderr)

    def _summary(self) -> None:
        if self.args.quiet:
            return
        s = self.stats
        elapsed = time.perf_counter() - s.started
        rate = s.articles / elapsed if elapsed > 0 else 0.0
        spans = sum(s.spans.values())
        by_category = ", ".join(f"{cat} {n}" for cat, n in s.spans.most_common())
        files = _plural(s.files, "file")
        lines = []
        if self.mode == "check":
            if spans:
                lines.append(
                    f"Found {_plural(spans, 'boilerplate span')} in {s.dirty_files} of {files}"
                    f" ({by_category}). 'cleanarticle fix' removes them."
                )
            else:
                lines.append(f"No boilerplate in {files}.")
        elif self.mode == "fix":
            if s.dirty_files:
                lines.append(
                    f"Fixed {s.dirty_files} of {files}: removed {_plural(spans, 'span')}"
                    f" ({by_category})."
                )
            elif not s.large:
                lines.append(f"Nothing to fix in {files}.")
        else:
            lines.append(
                f"Cleaned {_plural(s.articles, 'article')} from {files}; removed "
                f"{_plural(spans, 'span')}" + (f" ({by_category})." if spans else ".")
            )
        if s.large:
            articles = _plural(s.large, "article")
            its, it = ("its", "it") if s.large == 1 else ("their", "them")
            lines.append({
                "check": f"{articles} would lose most of {its} prose-like text: "
                f"'cleanarticle fix' leaves {it} untouched (see the warnings).",
                "fix": f"Left {articles} untouched: the fix would remove most of {its} "
                f"prose-like text (see the warnings; --allow-large-removals fixes {it} anyway).",
                "clean": f"{articles} lost most of {its} prose-like text (see the warnings).",
            }[self.mode])
        lines.append(
            f"{_plural(s.articles, 'article')} in {elapsed:.2f} s ({rate:,.1f} docs/s) "
            f"after {s.setup:.2f} s of setup; "
            + (f"{_plural(s.errors, 'error')} (see above)." if s.errors else "no errors.")
        )
        self._print("\n".join(lines), sys.stderr)


# ---------------------------------------------------------------------------------------------
# Explanations.


def explain(where: str, article: Article, *, colour: bool = False) -> str:
    """A readable account of one article: its metadata, then what each filter removed."""

    def paint(text: str, code: str) -> str:
        return _style(text, code) if colour else text

    out = [paint(where, "1")]
    fields = {
        "headline": article.headline,
        "byline": _byline(article),
        "dateline": _dateline(article),
    }
    for name, value in fields.items():
        out.append(f"  {paint(f'{name:<9}', '2')} {value if value else '-'}")
    spans = article.boilerplate
    if not spans:
        out.append(f"  {paint('removed  ', '2')} nothing")
        return "\n".join(out)
    by_filter: dict[str, list[Removal]] = {}
    for r in spans:
        by_filter.setdefault(r.filter, []).append(r)
    counts = ", ".join(f"{name} {len(rs)}" for name, rs in by_filter.items())
    out.append(f"  {paint('removed  ', '2')} {_plural(len(spans), 'span')}: {counts}")
    for name, removals in by_filter.items():
        out.append(f"  {paint(name, '1;36')}")
        for first, last, reason, texts in _runs(removals):
            lines = f"line {first}" if first == last else f"lines {first}-{last}"
            out.append(f"    {paint(lines, '2')}: {reason}")
            out.extend(f"      {paint('- ' + text, '31')}" for text in texts)
    return "\n".join(out)


def _runs(removals: list[Removal]) -> Iterator[tuple[int, int, str, list[str]]]:
    """Removals on consecutive lines with the same reason, as one entry (wrapped paragraphs)."""
    run: list[Removal] = []
    for r in removals:
        if run and (r.reason != run[-1].reason or r.line > run[-1].line + 1):
            yield run[0].line, run[-1].line, run[0].reason, [x.text for x in run]
            run = []
        run.append(r)
    if run:
        yield run[0].line, run[-1].line, run[0].reason, [x.text for x in run]


def _byline(article: Article) -> str | None:
    if not (article.byline or article.authors or article.publisher):
        return None
    parts = []
    if article.authors:
        parts.append("authors: " + ", ".join(article.authors))
    if article.publisher:
        parts.append(f"publisher: {article.publisher}")
    if not article.byline:
        return "; ".join(parts)
    return f"{article.byline}  ({'; '.join(parts)})" if parts else article.byline


def _dateline(article: Article) -> str | None:
    d = article.dateline
    if d is None:
        return None
    agency = f"; agency: {d.agency}" if d.agency else ""
    return f"{d.raw.strip()}  (place: {d.place}{agency})"


# ---------------------------------------------------------------------------------------------
# Small helpers.


_SEPARATORS = ((", ", ": "), (",", ":"))


def _dumps_like(record: dict[str, Any], original: dict[str, Any], line: str) -> str:
    """Serialise ``record`` in the style of the line it came from, so the diff is one field."""
    for separators in _SEPARATORS:
        for ascii_only in (False, True):
            if json.dumps(original, separators=separators, ensure_ascii=ascii_only) == line:
                return json.dumps(record, separators=separators, ensure_ascii=ascii_only)
    return json.dumps(record, ensure_ascii=False)


def _colour(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def _style(text: str, code: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m"


_WHITESPACE = regex.compile(r"\s+")


def _shorten(text: str, width: int) -> str:
    text = _WHITESPACE.sub(" ", text).strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _loss(prose: Prose, taker: str) -> str:
    """What the rail's warning says was removed: a share rounded down (never "100%" when a
    little is kept), the amounts, and the filter that removed most."""
    share = 100 * (prose.input - prose.kept) // prose.input
    return (f"{share}% of its prose-like text (kept {prose.kept:,} of {prose.input:,} "
            f"characters; most removed by the {taker!r} filter)")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cleanarticle")
    except PackageNotFoundError:  # pragma: no cover (running from a source tree)
        return "unknown"


_SIZE = regex.compile(r"(?i)\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*")
_UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12}


def _byte_count(text: str) -> int:
    m = _SIZE.fullmatch(text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 50MB, 500k or 1000000)")
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r} (0: no limit)")
    return value


def _encoding(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding: {name!r}") from None


if __name__ == "__main__":
    sys.exit(main())
