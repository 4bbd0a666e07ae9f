"""Merging CI shards: every scenario once, JUnit without duplicates, the gate on the union."""

from __future__ import annotations

import json
from pathlib import Path

from flowspec.doc_steps import DOC_STEPS
from livingdoc import shards
from livingdoc.model import FAILED, PartWriter
from tests.livingdoc.records import scenario

ALL_TAGS = tuple(step.tag for step in DOC_STEPS)


def _shard(root: Path, name: str, nodeids: list[str], status_of: dict[str, str] | None = None) -> Path:
    """A shard folder as `--living-doc-keep-data` leaves it: data/parts, data/shots, junit.xml."""
    folder = root / name
    writer = PartWriter(folder / "data" / "parts" / "main-1.jsonl")
    records = [
        scenario(n, order=i, doc_tags=ALL_TAGS, status=(status_of or {}).get(n, "passed"))
        for i, n in enumerate(nodeids)
    ]
    writer.collected(records, deselected=5)
    for record in records:
        writer.result(record)
    (folder / "data" / "shots").mkdir(parents=True)
    for index in range(3):
        (folder / "data" / "shots" / f"{index}-admin.jpg").write_bytes(b"\xff\xd8jpeg")
    cases = "".join(f'<testcase classname="e2e" name="{n}" time="1.5"/>' for n in nodeids)
    (folder / "junit.xml").write_text(f'<testsuites><testsuite name="pytest">{cases}</testsuite></testsuites>')
    return folder


def test_two_shards_merge_into_one_report_with_every_scenario_once(tmp_path: Path) -> None:
    one = _shard(tmp_path, "shard-1", ["t.py::a", "t.py::b"])
    two = _shard(tmp_path, "shard-2", ["t.py::c"])
    out = tmp_path / "merged"
    assert shards.main(["--out", str(out), str(one), str(two)]) == 0
    html = (out / "living-doc.html").read_text(encoding="utf-8")
    assert "Scenario a" in html and "Scenario b" in html and "Scenario c" in html
    features = json.loads((out / "cucumber.json").read_text(encoding="utf-8"))
    names = [element["name"] for feature in features for element in feature["elements"]]
    assert sorted(names) == ["Scenario a", "Scenario b", "Scenario c"]
    junit = (out / "junit.xml").read_text(encoding="utf-8")
    assert junit.count("<testcase") == 3 and 'tests="3"' in junit


def test_a_scenario_run_by_two_shards_is_reported_once_and_flagged(tmp_path: Path) -> None:
    one = _shard(tmp_path, "shard-1", ["t.py::a", "t.py::b"])
    two = _shard(tmp_path, "shard-2", ["t.py::b"])
    out = tmp_path / "merged"
    assert shards.main(["--out", str(out), str(one), str(two)]) == 1
    run, _, problems = shards.merge_shards([one, two], tmp_path / "again")
    assert [s.nodeid for s in run.scenarios].count("t.py::b") == 1
    assert any("t.py::b ran in 2 shards" in p for p in problems)
    assert (out / "junit.xml").read_text(encoding="utf-8").count("<testcase") == 2


def test_a_failure_in_any_shard_fails_the_merge(tmp_path: Path) -> None:
    one = _shard(tmp_path, "shard-1", ["t.py::a"], {"t.py::a": FAILED})
    two = _shard(tmp_path, "shard-2", ["t.py::b"])
    assert shards.main(["--out", str(tmp_path / "merged"), str(one), str(two)]) == 1


def test_the_gate_applies_to_the_union_of_shards(tmp_path: Path) -> None:
    only_step_one = tmp_path / "shard-1"
    writer = PartWriter(only_step_one / "data" / "parts" / "main-1.jsonl")
    record = scenario("t.py::a", doc_tags=("doc-step-1",))
    writer.collected([record], deselected=0)
    writer.result(record)
    assert shards.main(["--out", str(tmp_path / "merged"), str(only_step_one)]) == 1
    assert shards.main(["--out", str(tmp_path / "merged2"), "--no-gate", str(only_step_one)]) == 0


def test_a_shard_without_kept_data_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "shard-1").mkdir()
    assert shards.main(["--out", str(tmp_path / "merged"), str(tmp_path / "shard-1")]) == 2
