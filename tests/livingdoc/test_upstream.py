"""The one adapter to pytest-bdd's internals (livingdoc/collection.py): this fails when pytest-bdd changes
how it registers the scenario of a generated test, so the living doc's "not run" records stay right."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from pytest_bdd import scenario

from livingdoc.collection import EXAMPLE_PARAM, collected_scenario, read_feature

FEATURE = """\
@end-to-end
Feature: Sums
  @doc-step-1 @clipboard
  Scenario Outline: Adding <n>
    Given a number <n>

    @mock-only
    Examples: small ones
      | n |
      | 1 |
      | 2 |
"""


def test_a_generated_test_leads_back_to_its_scenario_and_example_row(tmp_path: Path) -> None:
    feature = tmp_path / "sums.feature"
    feature.write_text(FEATURE, encoding="utf-8")

    @scenario(str(feature), "Adding <n>")
    def test_adding() -> None: ...

    item: Any = SimpleNamespace(obj=test_adding, callspec=SimpleNamespace(params={EXAMPLE_PARAM: {"n": "2"}}))
    collected = collected_scenario(item)
    assert collected is not None, "pytest-bdd no longer registers generated tests where livingdoc.collection looks"
    assert collected.scenario.name == "Adding 2"
    assert collected.template.line_number == 4
    assert collected.feature.name == "Sums"
    assert [step.name for step in collected.scenario.steps] == ["a number 2"]
    assert collected_scenario(SimpleNamespace(obj=lambda: None)) is None  # type: ignore[arg-type]


def test_the_feature_file_gives_tags_in_source_order_and_each_rows_line(tmp_path: Path) -> None:
    feature = tmp_path / "sums.feature"
    feature.write_text(FEATURE, encoding="utf-8")
    source = read_feature(str(feature))
    assert [(t.name, t.line) for t in source.tags] == [("end-to-end", 1)]
    outline = source.scenarios[4]
    assert [t.name for t in outline.tags] == ["doc-step-1", "clipboard"]
    row = outline.row({"n": "2"})
    assert row is not None and (row.line, row.index, row.examples_name) == (11, 2, "small ones")
    assert [t.name for t in row.tags] == ["mock-only"]
