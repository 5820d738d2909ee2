"""What the command line needs from the file system: finding inputs, reading them, writing safely.

Every problem with one input (missing, binary, undecodable, too large, bad gzip) becomes an
:class:`InputError` with a reason a person can act on, so the caller can report it and go on
with the other files.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import os
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path, PurePosixPath

import regex

KINDS = ("text", "html", "jsonl")
SUFFIX_KINDS = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
STDIN = "-"

# The byte-order marks we honour, longest first (a UTF-32 mark would start like UTF-16's).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{1,40})""", regex.I)
# JSON strings may hold a raw U+2028, so JSONL splits on "\n" only ("\r" stays in the ending).
_JSONL_LINE = regex.compile(r"[^\n]*\n|[^\n]+\Z")


class InputError(Exception):
    """One input cannot be used; the message says why (the caller adds the path)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file found in a folder, a file named on the command line, or stdin."""

    path: Path | None  # None for stdin
    display: str  # the path as the user wrote it (plus the part found under a folder)
    rel: PurePosixPath  # where it goes under the output folder
    kind: str  # "text", "html" or "jsonl"
    gzipped: bool


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path left out on purpose (not an error), with the reason."""

    display: str
    reason: str


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text read from bytes, and how to encode it back identically (encoding and BOM)."""

    text: str
    encoding: str
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def kind_of(name: str) -> tuple[str, bool] | None:
    """``("jsonl", True)`` for ``a.jsonl.gz``; None for a suffix we do not read."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    kind = SUFFIX_KINDS.get(os.path.splitext(lower)[1])
    return (kind, gzipped) if kind else None


def matches(rel: PurePosixPath, patterns: Sequence[str]) -> bool:
    """Whether a glob matches a path, the way ``.gitignore`` globs do.

    A glob without ``/`` (``*.md``, ``drafts``) matches any part of the path, so it leaves
    out a folder and everything in it; one with ``/`` (``2024/*.txt``) matches the path
    from its start or after any folder. ``*`` also crosses ``/``; a leading ``**/`` and a
    trailing ``/`` are allowed.
    """
    text = rel.as_posix()
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        while pattern.startswith("**/"):
            pattern = pattern[3:]
        if "/" not in pattern:
            if any(fnmatchcase(part, pattern) for part in rel.parts):
                return True
        elif fnmatchcase(text, pattern) or fnmatchcase(text, "*/" + pattern):
            return True
    return False


def discover(
    roots: Iterable[str],
    *,
    kinds: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    input_format: str | None = None,
) -> Iterator[Source | Skipped | InputError]:
    """The inputs under ``roots``, in a stable (sorted) order.

    Folders are walked recursively; hidden files and folders (``.git`` among them) are
    skipped, and so are symbolic links that lead out of the root they were found in, and
    links to folders (they would visit a folder twice, or loop). ``include`` picks files
    found in folders (among those of a suffix we read, whose kind is in ``kinds``);
    ``exclude`` leaves out files and folders, named or found. A file named on the command
    line is read whatever its suffix: ``input_format`` (default text) when the suffix is not
    one we know, and for stdin. A missing path yields an :class:`InputError` whose message
    starts with the path.
    """
    for root in roots:
        if root == STDIN:
            yield Source(None, STDIN, PurePosixPath("stdin"), input_format or "text", False)
            continue
        path = Path(root)
        if not path.exists():
            kind = "broken symbolic link" if path.is_symlink() else "no such file or folder"
            yield InputError(f"{root}: {kind}")
        elif path.is_dir():
            yield from _walk(path, root, kinds, include, exclude)
        elif matches(PurePosixPath(path.as_posix()), exclude):
            yield Skipped(root, "excluded")
        else:
            found = kind_of(path.name)
            kind, gzipped = found if found else (input_format or "text", False)
            yield Source(path, root, PurePosixPath(path.name), kind, gzipped)


def _walk(
    root: Path,
    shown: str,
    kinds: Sequence[str],
    include: Sequence[str],
    exclude: Sequence[str],
) -> Iterator[Source | Skipped]:
    real_root = root.resolve()
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        rel_here = PurePosixPath(here.relative_to(root).as_posix())
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and not (here / d).is_symlink()
            and not matches(rel_here / d, exclude)
        )
        for name in sorted(names):
            rel = rel_here / name
            found = kind_of(name)
            if found is None or found[0] not in kinds or name.startswith("."):
                continue
            if matches(rel, exclude) or (include and not matches(rel, include)):
                continue
            display = os.path.join(shown, *rel.parts)
            kind, gzipped = found
            file = here / name
            if file.is_symlink():
                try:
                    target = file.resolve(strict=True)
                except (OSError, RuntimeError) as err:  # RuntimeError: a loop, on 3.11
                    broken = isinstance(err, FileNotFoundError)
                    what = "broken symbolic link" if broken else "symbolic link loop"
                    yield Skipped(display, what)
                    continue
                if not target.is_relative_to(real_root):
                    yield Skipped(display, f"symbolic link to {target}, outside {shown}")
                    continue
                if not target.is_file():
                    continue
            yield Source(file, display, rel, kind, gzipped)


class FileChanged(Exception):
    """The file is no longer what was read: replacing it would lose someone else's edit."""


def read_raw(source: Source, max_bytes: int, stdin: io.BufferedIOBase | None = None) -> bytes:
    """The input's bytes as stored (still gzipped), refusing anything over ``max_bytes``."""
    try:
        if source.path is None:
            assert stdin is not None
            data = stdin.read(max_bytes + 1)
        else:
            size = source.path.stat().st_size
            if size > max_bytes:
                limit = human_size(max_bytes)
                raise InputError(f"{human_size(size)}, over the --max-bytes limit ({limit})")
            data = source.path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder") from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}") from None
    if len(data) > max_bytes:
        raise InputError(f"over the --max-bytes limit ({human_size(max_bytes)})")
    return data


def digest(data: bytes) -> bytes:
    """A fingerprint of a file's bytes, to see later whether it changed."""
    return hashlib.blake2b(data, digest_size=16).digest()


def gunzip(data: bytes, max_bytes: int, strict=True) -> bytes:
    """Decompress, stopping at ``max_bytes`` so a small file cannot unpack to gigabytes."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise InputError(f"not a valid gzip file ({err})") from None
    if len(out) > max_bytes:
        raise InputError(f"unpacks to over the --max-bytes limit ({human_size(max_bytes)})")
    return out


def decode(data: bytes, encoding: str | None = None, *, html: bool = False) -> Decoded:
    """Text from bytes: UTF-8 (a BOM is allowed), UTF-16 with a BOM, or ``encoding`` if given.

    No guessing: a file that is not valid in the expected encoding is an error that names
    the first bad byte, because a wrong guess would silently corrupt the text (and ``fix``
    would write the corruption back). HTML may declare its charset in a ``<meta>`` tag.
    """
    if encoding is not None:
        return _decode_as(data, encoding, b"", "")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom) :], codec, bom, "")
    if b"\x00" in data:
        raise InputError("binary file (it contains NUL bytes), not text")
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii")
            with suppress(LookupError):
                return _decode_as(data, codecs.lookup(name).name, b"", "")
    return _decode_as(data, "utf-8", b"", "; pass --encoding if it uses another encoding")


def _decode_as(data: bytes, encoding: str, bom: bytes, hint: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        bad = data[err.start : err.start + 1].hex()
        raise InputError(
            f"not valid {encoding}: byte 0x{bad} at offset {err.start} (line {line}){hint}"
        ) from None
    if "\x00" in text:
        raise InputError("binary file (it contains NUL characters), not text")
    return Decoded(text, encoding, bom)


def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSONL text, each with its own line ending kept."""
    return _JSONL_LINE.findall(text)


def split_ending(line: str) -> tuple[str, str]:
    """``("abc", "\\r\\n")`` for ``"abc\\r\\n"``: a line's content and its line break."""
    if line.endswith("\r\n"):
        return line[:-2], "\r\n"
    if line and line[-1] in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        return line[:-1], line[-1]
    return line, ""


@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class AtomicFile:
    """A file written in pieces and put in place at once: readers see the old file or the new.

    The bytes go to a hidden temporary file in the same folder, renamed over the target by
    :meth:`commit` (a symbolic link is written through, not replaced). An existing file
    keeps its permissions; a crash before the rename leaves the original untouched.
    ``durable`` flushes to disk before the rename, for edits in place.
    """

    def __init__(self, path: Path, *, durable: bool = False) -> None:
        self.target = path.resolve() if path.is_symlink() else path
        self.durable = durable
        try:
            self.mode = self.target.stat().st_mode & 0o7777
        except FileNotFoundError:
            self.mode = 0o666 & ~_umask()
        fd, self.tmp = tempfile.mkstemp(
            dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp"
        )
        self._fh = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self._fh.write(data)

    def commit(self, expect: bytes | None = None) -> None:
        """Put the new file in place; with ``expect`` (a :func:`digest`), only if the target
        still holds the bytes it had when read, else raise :class:`FileChanged`."""
        try:
            if self.durable:
                self._fh.flush()
                os.fsync(self._fh.fileno())
            self._fh.close()
            os.chmod(self.tmp, self.mode)
            # Checked last, right before the rename, to keep the window for a lost edit small.
            if expect is not None and digest(self.target.read_bytes()) != expect:
                raise FileChanged(str(self.target))
            os.replace(self.tmp, self.target)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self._fh.close()
        with suppress(OSError):
            os.unlink(self.tmp)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def write_atomic(
    path: Path, data: bytes, *, durable: bool = False, expect: bytes | None = None
) -> None:
    """Replace ``path`` with ``data`` all at once (see :class:`AtomicFile`); with ``expect``,
    only if the file still has the bytes of that :func:`digest`."""
    file = AtomicFile(path, durable=durable)
    try:
        file.write(data)
    except BaseException:
        file.discard()
        raise
    file.commit(expect)


def gzip_bytes(data: bytes) -> bytes:
    """Compressed bytes with a fixed header time, so the same text gives the same file."""
    return gzip.compress(data, mtime=0)


def human_size(n: int) -> str:
    """``52.4 MB`` for 52_428_800 (decimal units, as file managers show them)."""
    if n < 1000:
        return f"{n} bytes"
    value, unit = n / 1000, "KB"
    for bigger in ("MB", "GB", "TB"):
        if value < 1000:
            break
        value, unit = value / 1000, bigger
    return f"{value:.1f} {unit}"
