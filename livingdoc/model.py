"""What a run records, and how the records travel: scenarios and their Gherkin steps as JSON-serialisable
dataclasses, the run's settings and facts, and the part files through which each pytest process (each
xdist worker) hands its records to the process that merges them.

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
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from flowspec.published_doc import PublishedDoc

# ---- records ----

# Scenario and step statuses.
PASSED = "passed"
FAILED = "failed"
SKIPPED = "skipped"  # a step after a failed one, or a scenario pytest skipped
NOT_RUN = "not run"  # collected, but no result arrived (deselected by -x, a crashed worker)
ERROR = "error"  # the scenario broke outside its steps (fixture set-up or teardown)
SET_UP = "set-up"  # what a failure names when it belongs to no promise of the doc (a fixture's set-up)
STORE = "store"  # a verified store needs attention: the doc's promises held, the store's key did not


@dataclass
class Shot:
    """One screenshot of one tab: ``path`` is relative to the run's working directory."""

    tab: str
    path: str
    url: str = ""
    changed: bool = True  # False: the tab looked as it did after the step before (the same picture)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Shot:
        return cls(**_known(cls, data))


@dataclass
class StepResult:
    keyword: str
    text: str
    line: int
    status: str = NOT_RUN
    duration: float = 0.0
    shots: list[Shot] = field(default_factory=list)
    error: str | None = None
    location: str = ""  # the step definition that ran it, "path/to/steps.py:LINE" (relative to the rootdir)
    capture_seconds: float = 0.0  # the screenshots taken after it (an after-step hook in cucumber JSON)
    # The doc's promises this step made due, found kept, found broken (the user properties it appended), the
    # doc steps they belong to, and the doc step its failure names ("doc-step-N", or SET_UP).
    promises_due: list[str] = field(default_factory=list)
    promises_kept: list[str] = field(default_factory=list)
    promises_broken: list[str] = field(default_factory=list)
    doc_steps: list[str] = field(default_factory=list)
    broke: str | None = None

    @property
    def title(self) -> str:
        return f"{self.keyword} {self.text}"

    @property
    def ran(self) -> bool:
        return self.status in (PASSED, FAILED)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StepResult:
        values = _known(cls, data)
        values["shots"] = [Shot.from_dict(s) for s in data.get("shots", [])]
        return cls(**values)


@dataclass
class ScenarioResult:
    nodeid: str
    name: str
    feature_name: str
    feature_file: str  # relative to the features base dir, e.g. "end_to_end.feature"
    line: int  # the scenario's line; for an outline's example row, the row's line
    order: int = 0  # position in the collection; the same in every xdist worker
    keyword: str = "Scenario"
    description: str = ""
    tags: list[str] = field(default_factory=list)  # the scenario's and its examples' tags, in source order
    tag_lines: list[int] = field(default_factory=list)  # the line of each tag
    doc_tags: list[str] = field(default_factory=list)
    outline_line: int = 0  # an example row's outline (0 for a plain scenario)
    outline_name: str = ""  # the outline's name as written, with its <placeholders>
    example: dict[str, str] = field(default_factory=dict)  # an example row's values
    examples_name: str = ""  # the name of the Examples block the row is in
    example_index: int = 0  # the row's position in its Examples block (1-based; 0 for a plain scenario)
    feature_keyword: str = "Feature"
    feature_description: str = ""
    feature_line: int = 1
    feature_tags: list[str] = field(default_factory=list)  # in source order
    feature_tag_lines: list[int] = field(default_factory=list)
    feature_language: str = "en"
    steps: list[StepResult] = field(default_factory=list)
    status: str = NOT_RUN
    duration: float = 0.0
    started: float = 0.0  # epoch seconds; only used to pick the latest of two results
    error: str | None = None  # short: the exception message
    longrepr: str | None = None  # pytest's full failure text
    failed_step: int | None = None  # index into steps
    traces: list[str] = field(default_factory=list)  # absolute paths of Playwright traces
    mock_log: list[str] = field(default_factory=list)
    worker: str = "main"
    capture_seconds: float = 0.0  # time spent taking this scenario's screenshots (the report's overhead)
    setup_seconds: float = 0.0  # fixtures before the first step (browser context, mock reset, sessions)
    teardown_seconds: float = 0.0  # after the last step (closing the context, artifacts)
    notes: list[str] = field(default_factory=list)  # facts about the target the scenario met (user_properties "note")
    promises_due: list[str] = field(default_factory=list)  # the doc's promises the scenario did something about
    promises_kept: list[str] = field(default_factory=list)  # ... and those it checked and found kept
    promises_broken: list[str] = field(default_factory=list)  # ... and those whose check failed
    broke: str | None = None  # the doc step the failure names ("doc-step-N" or SET_UP), where the harness says
    error_where: str = ""  # "set-up", "step" or "teardown": where the scenario broke
    videos: list[str] = field(default_factory=list)  # absolute paths of Playwright videos (--video)
    browser: str = ""  # "chromium 140.0.7339.80": the browser the scenario ran in
    subject: str = ""  # whom the scenario is about beyond its title (a verified store's name), from the harness
    store: dict[str, str] = field(default_factory=dict)  # a verified store's verdict (user property "store-verdict")

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    @property
    def title(self) -> str:
        """The scenario's name; an outline row's name has its values filled in, or appended when the name
        has no placeholders ("Adding a number" -> "Adding a number (n: 1, sum: 2)")."""
        if not self.example or any(f"<{key}>" in self.outline_name for key in self.example):
            return self.name
        values = ", ".join(f"{key}: {value}" for key, value in self.example.items())
        return f"{self.name} ({values})"

    @property
    def promise_gaps(self) -> list[str]:
        """Promises that were due in a passing scenario but never checked there."""
        if self.status != PASSED:
            return []
        return [p for p in self.promises_due if p not in self.promises_kept]

    @property
    def broken(self) -> bool:
        return self.status in (FAILED, ERROR)

    @property
    def failure_line(self) -> str:
        """The failure's first line, without the exception's type: "Doc step 4 (...): Copy should ..."."""
        return first_line(self.error or self.longrepr or self.status)

    @property
    def last_shots(self) -> list[Shot]:
        """The screenshots taken last: at the failing step, or the last step that has any."""
        if self.failed_step is not None and self.steps[self.failed_step].shots:
            return self.steps[self.failed_step].shots
        for step in reversed(self.steps):
            if step.shots:
                return step.shots
        return []

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScenarioResult:
        values = _known(cls, data)
        values["steps"] = [StepResult.from_dict(s) for s in data.get("steps", [])]
        return cls(**values)


def first_line(error: str) -> str:
    """The first line of a recorded error, without its exception type ("DocStepFailure: Doc step 4 ..." reads
    "Doc step 4 ..."); a dotted type ("fixtures.journey.DocStepFailure: ...") goes too."""
    lines = [line for line in error.strip().splitlines() if line.strip()]
    head, sep, rest = (lines[0] if lines else "").partition(": ")
    if sep and rest and " " not in head and head.replace(".", "").replace("_", "").isalnum():
        return rest.strip()
    return lines[0].strip() if lines else ""


def exception_type(error: str) -> str:
    """The exception's type name from a recorded error ("DocStepFailure"), "AssertionError" when it names none."""
    first = error.strip().splitlines()[0] if error.strip() else ""
    head, sep, rest = first.partition(": ")
    if sep and rest and " " not in head and head.replace(".", "").replace("_", "").isalnum():
        return head.rsplit(".", 1)[-1]
    return "AssertionError"


def folder_name(nodeid: str) -> str:
    """A file-system-safe folder name for one scenario's files (its screenshots, its trace and video)."""
    return re.sub(r"[^A-Za-z0-9]+", "-", nodeid).strip("-")[:150]


ARTIFACTS_DIR = "artifacts"  # under the reports folder: the failed scenarios' traces and videos


def artifact_name(nodeid: str, path: str) -> str:
    """Where a scenario's trace or video is copied, relative to the reports folder."""
    return f"{ARTIFACTS_DIR}/{folder_name(nodeid)}/{Path(path).name}"


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``data`` that are fields of ``cls`` (newer writers may add more)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


# ---- the run ----


@dataclass(frozen=True)
class Settings:
    """A run's living-doc settings, from its options (``livingdoc.plugin``)."""

    report_dir: Path
    keep_data: bool
    step_screenshots: bool
    cucumber_step_screenshots: bool
    gate_mode: str
    source_docs: tuple[str, ...] = ()  # --source-doc: the published doc's editions, read at the run's end


@dataclass(frozen=True)
class GateDecision:
    active: bool
    why: str


@dataclass
class Target:
    """What the run played against (``pytest_livingdoc_target``): URLs without credentials."""

    admin_url: str = ""
    portal_url: str = ""
    kind: str = ""  # "bundled mocks" or "given target"


@dataclass
class ReportMeta:
    generated: str = ""
    wall_time: float = 0.0
    workers: int = 1
    gate: GateDecision | None = None
    gate_failed: bool = False
    report_dir: Path = Path(".")
    illustrations: dict[str, Path] = field(default_factory=dict)  # filename -> file written this run
    notes: list[str] = field(default_factory=list)
    mutation: dict[str, Any] | None = None  # reports/mutation.json, when a mutation run left one
    cucumber_step_screenshots: bool = False  # embed every step's screenshots in cucumber.json
    target: Target | None = None
    commit: str = ""  # the project's commit (git rev-parse --short HEAD), when it can be told
    docs: list[PublishedDoc] = field(default_factory=list)  # --source-doc: the editions read, first one leading


# ---- part files ----


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
