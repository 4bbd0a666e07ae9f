"""Part files: each pytest process (each xdist worker) appends its records to its own
JSON-lines file; the controller merges them into one list of scenarios.

A part file holds two kinds of lines:

* ``{"kind": "collected", "scenarios": [...], "deselected": N}``: every scenario the
  process collected, with status "not run" (all xdist workers collect the same);
* ``{"kind": "result", "scenario": {...}}``: one finished scenario.

Merging keys on the pytest node id: a scenario appears once whether one process or
several collected it, and a result replaces its "not run" placeholder. If two results
arrive for one node id (a rerun), the later one wins.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from livingdoc.model import NOT_RUN, ScenarioResult


@dataclass
class MergedRun:
    scenarios: list[ScenarioResult]
    deselected: int = 0
    feature_files: list[str] = field(default_factory=list)  # every feature file that had a scenario collected
    problems: list[str] = field(default_factory=list)  # unreadable lines, results that were never collected


class PartWriter:
    """Appends one process's records to its part file, a line at a time (so a crash loses at most one)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def collected(self, scenarios: Iterable[ScenarioResult], deselected: int) -> None:
        self._write({"kind": "collected", "scenarios": [s.to_dict() for s in scenarios], "deselected": deselected})

    def result(self, scenario: ScenarioResult) -> None:
        self._write({"kind": "result", "scenario": scenario.to_dict()})

    def _write(self, record: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_parts(directory: Path) -> list[list[dict[str, Any]]]:
    """The records of every part file in ``directory``, one list per file (sorted by name)."""
    parts = []
    for path in sorted(directory.glob("*.jsonl")):
        records = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                records.append({"kind": "unreadable", "where": f"{path.name}:{number}"})
        parts.append(records)
    return parts


def merge(parts: Iterable[Iterable[dict[str, Any]]], fallback: dict[str, tuple[str, str]] | None = None) -> MergedRun:
    """Merge the records of several part files.

    ``fallback`` maps node ids to (status, text) the controller saw in pytest's own reports;
    it fills in scenarios that were collected but whose worker never wrote a result.
    """
    collected: dict[str, ScenarioResult] = {}
    results: dict[str, ScenarioResult] = {}
    deselected = 0
    problems: list[str] = []
    for records in parts:
        part_deselected = 0
        for record in records:
            kind = record.get("kind")
            if kind == "collected":
                part_deselected = max(part_deselected, int(record.get("deselected", 0)))
                for data in record.get("scenarios", []):
                    scenario = ScenarioResult.from_dict(data)
                    collected.setdefault(scenario.nodeid, scenario)
            elif kind == "result":
                scenario = ScenarioResult.from_dict(record["scenario"])
                earlier = results.get(scenario.nodeid)
                if earlier is None or scenario.started >= earlier.started:
                    results[scenario.nodeid] = scenario
            else:
                problems.append(f"unreadable record at {record.get('where', '?')}")
        # Every worker collects the whole selection, so their deselected counts agree; don't add them up.
        deselected = max(deselected, part_deselected)

    merged: dict[str, ScenarioResult] = dict(collected)
    for nodeid, scenario in results.items():
        if nodeid not in collected:
            problems.append(f"a result for {nodeid}, which no process reported collecting")
            scenario.order = max((s.order for s in merged.values()), default=0) + 1
        else:
            scenario.order = collected[nodeid].order
        merged[nodeid] = scenario

    for nodeid, scenario in merged.items():
        if scenario.status == NOT_RUN and fallback and nodeid in fallback:
            scenario.status, scenario.longrepr = fallback[nodeid]
            lines = (scenario.longrepr or "").strip().splitlines()
            scenario.error = lines[-1] if lines else None

    ordered = sorted(merged.values(), key=lambda s: (s.order, s.nodeid))
    feature_files = sorted({s.feature_file for s in ordered})
    return MergedRun(scenarios=ordered, deselected=deselected, feature_files=feature_files, problems=problems)
