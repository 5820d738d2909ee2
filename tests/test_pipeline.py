"""The pipeline API: building from names, editing, user filters and entry-point plugins."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

import cleanarticle
from cleanarticle import registry
from cleanarticle.document import Document

TEXT = "Council passes budget\n" + (
    "The council approved the new budget on Tuesday after a long debate about road repairs.\n"
    "Back to top\n"
    "Weather: sunny, 21C\n"
    "Residents had asked for the repairs for years, according to a petition signed by many.\n"
)


def test_default_pipeline_names_are_the_documented_order() -> None:
    assert cleanarticle.default_pipeline().names == list(cleanarticle.DEFAULT_FILTERS)


def test_without_replace_insert() -> None:
    p = cleanarticle.default_pipeline()
    assert "captions" not in p.without("captions").names
    assert p.without("captions").names == [n for n in p.names if n != "captions"]
    with pytest.raises(KeyError):
        p.without("no-such-filter")
    with pytest.raises(ValueError, match="unique"):
        p.append("paywall")


def test_removing_a_filter_changes_the_result() -> None:
    kept = cleanarticle.clean(TEXT, pipeline=cleanarticle.default_pipeline().without("navigation"))
    assert "Back to top" in kept.paragraphs
    assert "Back to top" not in cleanarticle.clean(TEXT).paragraphs


def test_function_filter_plugs_in_by_name_and_explains_itself() -> None:
    @cleanarticle.filter("test_weather")
    def weather(doc: Document) -> None:
        """Weather widget lines."""
        for block in doc.free():
            if block.text.startswith("Weather:"):
                doc.mark(block, "weather", "weather widget")

    pipeline = cleanarticle.default_pipeline().insert_before("paywall", "test_weather")
    assert pipeline.names.index("test_weather") == pipeline.names.index("paywall") - 1
    article = cleanarticle.clean(TEXT, pipeline=pipeline)
    assert not any(p.startswith("Weather:") for p in article.paragraphs)
    [record] = [r for r in article.removed if r.category == "weather"]
    assert (record.filter, record.reason, record.line) == ("test_weather", "weather widget", 4)
    assert article.stats["test_weather/weather"] == 1


def test_replace_with_instance() -> None:
    class NoCaptions:
        name = "captions"

        def __call__(self, doc: Document) -> None:
            pass

    p = cleanarticle.default_pipeline().replace("captions", NoCaptions())
    assert isinstance(p.filters[p.names.index("captions")], NoCaptions)


def test_filters_may_not_label_outside_a_block() -> None:
    doc = Document("short line")
    with pytest.raises(ValueError):
        doc.mark(doc.blocks[0], "x", "y", 0, 99)
    with pytest.raises(ValueError):
        doc.assign(doc.blocks[0], "not-a-role", "y")


def test_entry_point_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real installed distribution exposing a filter in the ``cleanarticle.filters`` group."""
    (tmp_path / "weatherplugin.py").write_text(textwrap.dedent('''
        class WeatherFilter:
            name = "weather"
            def __call__(self, doc):
                for block in doc.free():
                    if block.text.startswith("Weather:"):
                        doc.mark(block, "weather", "weather widget (plugin)")
    '''))
    dist = tmp_path / "weatherplugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: weatherplugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[cleanarticle.filters]\nweather = weatherplugin:WeatherFilter\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.reset_entry_points()
    try:
        assert "weather" in cleanarticle.available()
        pipeline = cleanarticle.Pipeline.from_names([*cleanarticle.DEFAULT_FILTERS, "weather"])
        article = cleanarticle.clean(TEXT, pipeline=pipeline)
        assert [r.reason for r in article.removed if r.filter == "weather"] == [
            "weather widget (plugin)"
        ]
    finally:
        monkeypatch.undo()
        sys.modules.pop("weatherplugin", None)
        registry.reset_entry_points()
    assert "weather" not in cleanarticle.available()


def test_article_serialises() -> None:
    article = cleanarticle.clean(TEXT)
    data = json.loads(article.to_json())
    assert data["headline"] == "Council passes budget"
    assert data["paragraphs"] == list(article.paragraphs)
    assert data["removed"][0]["filter"] == "header"
    schema = article.to_schema_org()
    assert schema["@type"] == "NewsArticle"
    assert schema["headline"] == "Council passes budget"
    assert schema["articleBody"] == article.text
