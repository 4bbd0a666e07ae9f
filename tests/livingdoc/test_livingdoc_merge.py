"""Merging the part files of several pytest processes: nothing lost, nothing duplicated."""

from __future__ import annotations

import json
from pathlib import Path

from livingdoc.model import FAILED, NOT_RUN, PASSED, PartWriter, ScenarioResult, merge, read_parts
from tests.livingdoc.records import scenario

NODEIDS = [f"tests/e2e/test_demo.py::test_{n}" for n in "abcdef"]


def collected() -> list[ScenarioResult]:
    return [scenario(nodeid, status=NOT_RUN, order=i) for i, nodeid in enumerate(NODEIDS)]


def test_two_workers_results_are_all_kept_once_in_collection_order(tmp_path: Path) -> None:
    gw0, gw1 = PartWriter(tmp_path / "gw0-1.jsonl"), PartWriter(tmp_path / "gw1-2.jsonl")
    gw0.collected(collected(), deselected=0)
    gw1.collected(collected(), deselected=0)
    # xdist hands out scenarios in any order; each worker writes what it ran.
    for i in (5, 0, 2):
        gw0.result(scenario(NODEIDS[i], order=i))
    for i in (1, 4, 3):
        gw1.result(scenario(NODEIDS[i], status=FAILED if i == 4 else PASSED, order=i, failed_at=1 if i == 4 else None))

    run = merge(read_parts(tmp_path))

    assert [s.nodeid for s in run.scenarios] == NODEIDS
    assert [s.status for s in run.scenarios] == [PASSED, PASSED, PASSED, PASSED, FAILED, PASSED]
    assert run.scenarios[4].failed_step == 1 and run.scenarios[4].steps[1].status == FAILED
    assert run.problems == []


def test_serial_and_parallel_parts_merge_to_the_same_records(tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    main = PartWriter(serial / "main-1.jsonl")
    main.collected(collected(), deselected=0)
    for i in range(6):
        main.result(scenario(NODEIDS[i], order=i))
    workers = [PartWriter(parallel / f"gw{n}-{n}.jsonl") for n in range(3)]
    for worker in workers:
        worker.collected(collected(), deselected=0)
    for i in range(6):
        workers[i % 3].result(scenario(NODEIDS[i], order=i))

    def content(folder: Path) -> list[dict[str, object]]:
        return [{k: v for k, v in s.to_dict().items() if k != "worker"} for s in merge(read_parts(folder)).scenarios]

    assert content(serial) == content(parallel)


def test_a_rerun_keeps_the_latest_result_only(tmp_path: Path) -> None:
    part = PartWriter(tmp_path / "gw0-1.jsonl")
    part.collected(collected()[:1], deselected=0)
    part.result(scenario(NODEIDS[0], status=FAILED, started=100.0, failed_at=2))
    part.result(scenario(NODEIDS[0], status=PASSED, started=200.0))

    run = merge(read_parts(tmp_path))

    assert [(s.nodeid, s.status) for s in run.scenarios] == [(NODEIDS[0], PASSED)]


def test_a_scenario_without_a_result_stays_visible_and_takes_the_controllers_outcome(tmp_path: Path) -> None:
    part = PartWriter(tmp_path / "gw0-1.jsonl")
    part.collected(collected()[:3], deselected=0)
    part.result(scenario(NODEIDS[0], order=0))
    # NODEIDS[1]: the worker crashed, the controller saw the failure; NODEIDS[2]: never ran (-x).
    fallback = {NODEIDS[1]: (FAILED, "worker 'gw0' crashed while running 'test_b'")}

    run = merge(read_parts(tmp_path), fallback=fallback)

    assert [s.status for s in run.scenarios] == [PASSED, FAILED, NOT_RUN]
    assert run.scenarios[1].error == "worker 'gw0' crashed while running 'test_b'"


def test_deselected_counts_are_not_added_up_across_workers(tmp_path: Path) -> None:
    for n in range(2):
        PartWriter(tmp_path / f"gw{n}-{n}.jsonl").collected(collected(), deselected=4)
    assert merge(read_parts(tmp_path)).deselected == 4


def test_a_broken_line_is_reported_not_fatal(tmp_path: Path) -> None:
    part = PartWriter(tmp_path / "gw0-1.jsonl")
    part.collected(collected()[:1], deselected=0)
    with (tmp_path / "gw0-1.jsonl").open("a", encoding="utf-8") as out:
        out.write('{"kind": "result", "scen\n')
    part.result(scenario(NODEIDS[0]))

    run = merge(read_parts(tmp_path))

    assert [s.status for s in run.scenarios] == [PASSED]
    assert run.problems == ["unreadable record at gw0-1.jsonl:2"]


def test_records_survive_a_json_round_trip() -> None:
    original = scenario(NODEIDS[0], status=FAILED, failed_at=1)
    copy = ScenarioResult.from_dict(json.loads(json.dumps(original.to_dict())))
    assert copy == original
    assert copy.last_shots == original.steps[1].shots
