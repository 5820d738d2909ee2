"""A datatrove pipeline step that cleans ``doc.text``, for corpora spread over many machines.

    from datatrove.executor import LocalPipelineExecutor   # or SlurmPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleanarticle.integrations.datatrove import CleanArticle

    LocalPipelineExecutor(
        pipeline=[JsonlReader("raw/"), CleanArticle(), JsonlWriter("clean/")],
        tasks=8, workers=2, logging_dir="logs/",
    ).run()

The step replaces ``doc.text`` with the clean article (headline, dek, then the body), puts
the metadata under ``doc.metadata["cleanarticle"]``, counts the removed spans per filter in
datatrove's stats (``removed/<filter>``), and drops documents with no body left (counted as
``dropped/empty``). A document that fails or runs over ``time_limit`` is dropped and counted
(``dropped/timeout``, ``dropped/error``), so one bad page never stalls a task.

Install with ``pip install 'cleanarticle[datatrove]'``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.typeshelper import StatHints
except ImportError as err:  # pragma: no cover (the extra is missing)
    raise ImportError(
        "cleanarticle.integrations.datatrove needs datatrove: "
        "pip install 'cleanarticle[datatrove]'"
    ) from err

from ..article import Article
from ..batch import Failure, clean_one, warm_up
from ..pipeline import Pipeline, default_pipeline


class CleanArticle(PipelineStep):
    """Clean each document's text with a cleanarticle pipeline (the default one if None)."""

    name = "🧹 cleanarticle"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        pipeline: Pipeline | None = None,
        *,
        keep_headline: bool = True,
        drop_empty: bool = True,
        keep_removed: bool = False,
        time_limit: float | None = 5.0,
        metadata_key: str = "cleanarticle",
    ) -> None:
        """``keep_headline``: the text starts with the headline and dek (else: the body only).
        ``keep_removed``: also store every removed span (offsets into the original text)."""
        super().__init__()
        self.pipeline = pipeline
        self.keep_headline = keep_headline
        self.drop_empty = drop_empty
        self.keep_removed = keep_removed
        self.time_limit = time_limit
        self.metadata_key = metadata_key

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> DocumentsPipeline:
        pipeline = self.pipeline if self.pipeline is not None else default_pipeline()
        warm_up(pipeline)
        for index, doc in enumerate(data):
            self.stat_update(StatHints.total)
            with self.track_time():
                result = clean_one(
                    doc.text, pipeline=pipeline, time_limit=self.time_limit, index=index
                )
            if isinstance(result, Failure):
                self.stat_update(f"dropped/{result.kind}")
                continue
            for name, count in Counter(r.filter for r in result.boilerplate).items():
                self.stat_update(f"removed/{name}", value=count)
            if self.drop_empty and not result.paragraphs:
                self.stat_update("dropped/empty")
                continue
            doc.text = result.to_text() if self.keep_headline else result.text
            doc.metadata[self.metadata_key] = self.metadata(result)
            self.update_doc_stats(doc)
            self.stat_update(StatHints.forwarded)
            yield doc

    def metadata(self, article: Article) -> dict[str, Any]:
        """What goes into ``doc.metadata``: JSON-friendly fields of the article."""
        data: dict[str, Any] = {
            "headline": article.headline,
            "dek": article.dek,
            "byline": article.byline,
            "authors": list(article.authors),
            "publisher": article.publisher,
            "dateline": article.dateline.raw if article.dateline else None,
            "date_published": article.date_published,
            "section": article.section,
            "credits": article.credits,
            "removed": len(article.boilerplate),
        }
        if self.keep_removed:
            data["removed_spans"] = [
                {"start": r.start, "end": r.end, "filter": r.filter, "category": r.category}
                for r in article.removed
            ]
        return data
