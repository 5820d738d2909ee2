"""The datatrove step, run as datatrove runs it: LocalPipelineExecutor over JSONL shards."""

from __future__ import annotations

import json
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

import cleanarticle
from cleanarticle.integrations.datatrove import CleanArticle

from .conftest import SEEDS

ARTICLE = (
    "Harbour reopens after storm repairs\n"
    "By Jane Doe\n"
    "The old harbour reopened on Monday after three months of repairs to the sea wall, "
    "and the first ferries came in before noon.\n"
    "Subscribe to our newsletter\n"
    "Fishermen said the new wall held well during the weekend's high tides.\n"
)
ONLY_BOILERPLATE = "Skip to main content\nSubscribe to our newsletter\nAll rights reserved\n"


def write_shards(folder: Path) -> dict[str, str]:
    """Two shards, so two tasks each get one; returns id -> original text."""
    seeds = {f"seed-{p.stem}": p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    docs = {"harbour": ARTICLE, "empty": ONLY_BOILERPLATE, **seeds}
    items = list(docs.items())
    folder.mkdir()
    for shard in range(2):
        with (folder / f"shard-{shard}.jsonl").open("w", encoding="utf-8") as fh:
            for doc_id, text in items[shard::2]:
                fh.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    return docs


def read_output(folder: Path) -> dict[str, dict]:
    records = {}
    for path in sorted(folder.glob("*.jsonl*")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records[record["id"]] = record
    return records


def test_local_executor_cleans_shards_and_counts_removals(tmp_path: Path) -> None:
    docs = write_shards(tmp_path / "in")
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            CleanArticle(),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()

    out = read_output(tmp_path / "out")
    assert "empty" not in out  # nothing left: dropped
    assert set(out) == set(docs) - {"empty"}
    harbour = out["harbour"]
    assert "Subscribe to our newsletter" not in harbour["text"]
    assert "Fishermen said the new wall held well" in harbour["text"]
    meta = harbour["metadata"]["cleanarticle"]
    assert meta["headline"] == "Harbour reopens after storm repairs"
    assert meta["authors"] == ["Jane Doe"]
    assert meta["removed"] >= 1
    for doc_id, text in docs.items():
        if doc_id in out:
            assert out[doc_id]["text"] == cleanarticle.clean(text).to_text()

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    step = next(s for s in stats if "cleanarticle" in s["name"])
    counts = {key: value["total"] if isinstance(value, dict) else value
              for key, value in step["stats"].items()}
    assert counts["dropped/empty"] == 1
    assert counts["removed/newsletter"] >= 2  # in "harbour" and in "empty"
    assert counts["forwarded"] == len(docs) - 1


def test_step_options_body_only_spans_and_keeping_empty_documents() -> None:
    from datatrove.data import Document

    step = CleanArticle(keep_headline=False, drop_empty=False, keep_removed=True)
    out = list(step.run(iter([
        Document(text=ARTICLE, id="a"),
        Document(text=ONLY_BOILERPLATE, id="b"),
    ])))
    assert [d.id for d in out] == ["a", "b"]
    assert not out[0].text.startswith("Harbour reopens")
    spans = out[0].metadata["cleanarticle"]["removed_spans"]
    assert any(s["filter"] == "newsletter" for s in spans)
    for span in spans:
        assert span["start"] < span["end"] <= len(ARTICLE)
    assert out[1].text == ""
