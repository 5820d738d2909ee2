"""The one place that turns a labelled document into an article."""

from __future__ import annotations

from operator import attrgetter

from .article import Article, Dateline, Prose, Removal
from .document import BOILERPLATE, Block, Document, Label
from .textutil import prose_chars


def render(doc: Document) -> Article:
    paragraphs = []
    removed = []
    append = removed.append
    fields: dict[str, tuple[str, object]] = {}
    source = doc.source
    for block in doc.blocks:
        labels = block.labels
        text = block.text
        if not labels:  # most blocks: body text, nothing to record
            if text:
                paragraphs.append(text)
            continue
        size = len(text)
        for label in labels:
            if label.start <= 0 and label.end >= size:
                break  # a label covers the whole block (``Block.whole``): none of it stays
        else:
            rest = block.rest()
            if rest:
                paragraphs.append(rest)
        if _role_over_boilerplate(labels, size):
            # A line a metadata filter re-read as the headline or byline after the content
            # model had marked it page chrome: it is that field, and no boilerplate to delete.
            labels = [label for label in labels if label.kind != BOILERPLATE]
        lines = block.lines
        # One unrepaired line (most labelled blocks): the span maps to the source directly.
        direct = len(lines) == 1 and text == lines[0].text
        if direct:
            number, offset = lines[0].number, lines[0].start
        for label in labels:
            kind = "boilerplate" if label.kind == BOILERPLATE else "field"
            if kind == "field" and label.kind not in fields:
                fields[label.kind] = (text[label.start : label.end].strip(), label.data)
            if direct:
                lo = label.start if label.start > 0 else 0
                hi = label.end if label.end < size else size
                if lo < hi:
                    start, end = offset + lo, offset + hi
                    append(Removal(source[start:end], start, end, number, label.filter,
                                   label.category, label.reason, kind))
                continue
            for line, start, end in block.source_spans(label.start, label.end):
                append(Removal(source[start:end], start, end, line.number, label.filter,
                               label.category, label.reason, kind))
    removed.sort(key=_span)

    def text_of(role: str) -> str | None:
        return fields[role][0] if role in fields else None

    def data_of(role: str) -> object:
        return fields[role][1] if role in fields else None

    byline = data_of("byline") or {}
    dateline = data_of("dateline")
    assert byline is None or isinstance(byline, dict)
    return Article(
        paragraphs=tuple(paragraphs),
        headline=text_of("headline"),
        dek=text_of("dek"),
        byline=text_of("byline"),
        authors=tuple(byline.get("authors", ())),
        publisher=byline.get("publisher"),
        dateline=dateline if isinstance(dateline, Dateline) else None,
        date_published=_str_or_none(data_of("date")),
        section=text_of("section"),
        credits=text_of("credits"),
        removed=tuple(removed),
        stats=dict(doc.stats),
        notes=tuple(doc.notes),
        prose=measure_prose(doc),
    )


_span = attrgetter("start", "end")


def measure_prose(doc: Document) -> Prose:
    """``Article.prose``: the input's prose, what the article kept of it, and the most of it
    removed in one piece (a block counts as removed when boilerplate labels cover most of it;
    any other block ends the run)."""
    total = kept = run = largest = 0
    for block in doc.blocks:
        size = prose_chars(block.text)
        if not size:
            run = 0
            continue
        gone = 0
        if block.labels and not _role_over_boilerplate(block.labels, len(block.text)):
            gone = _boilerplate_chars(block)
        total += size
        kept += size - gone
        if 2 * gone > size:
            run += gone
            largest = max(largest, run)
        else:
            run = 0
    return Prose(total, kept, largest)


def _boilerplate_chars(block: Block) -> int:
    """The non-space characters of the block under boilerplate labels, overlaps counted once."""
    text = block.text
    count = pos = 0
    for start, end in sorted((lab.start, lab.end) for lab in block.labels
                             if lab.kind == BOILERPLATE):
        start = max(start, pos)
        if end > start:
            count += sum(map(len, text[start:end].split()))
            pos = end
    return count


def _role_over_boilerplate(labels: list[Label], size: int) -> bool:
    """A role covers the whole block, and a boilerplate label is there too."""
    whole_role = boilerplate = False
    for label in labels:
        if label.kind == BOILERPLATE:
            boilerplate = True
        elif label.start <= 0 and label.end >= size:
            whole_role = True
    return whole_role and boilerplate


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def unaccounted(doc: Document, article: Article) -> list[int]:
    """Offsets of input characters that vanished without a record: not white space, not in a
    kept block, not inside a ``Removal`` (or inside one whose text is not the input's).

    Empty for every document the pipeline renders; tests and the fuzzer check it.
    """
    text = doc.source
    covered = bytearray(len(text))
    for r in article.removed:
        if text[r.start : r.end] == r.text:
            covered[r.start : r.end] = b"\x01" * (r.end - r.start)
    for block in doc.blocks:
        if block.is_free:
            for line in block.lines:
                covered[line.start : line.end] = b"\x01" * (line.end - line.start)
    return [i for i, c in enumerate(text) if not covered[i] and not c.isspace()]
