"""What a run records: scenarios and their Gherkin steps, as JSON-serialisable dataclasses.

A worker writes these records to its part file; the controller reads them back with
``from_dict`` and builds every report from them (HTML, cucumber JSON, the terminal).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# Scenario and step statuses.
PASSED = "passed"
FAILED = "failed"
SKIPPED = "skipped"  # a step after a failed one, or a scenario pytest skipped
NOT_RUN = "not run"  # collected, but no result arrived (deselected by -x, a crashed worker)
ERROR = "error"  # the scenario broke outside its steps (fixture set-up or teardown)

STATUS_ORDER = (FAILED, ERROR, NOT_RUN, SKIPPED, PASSED)


@dataclass
class Shot:
    """One screenshot of one tab: ``path`` is relative to the run's working directory."""

    tab: str
    path: str
    url: str = ""

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

    @property
    def title(self) -> str:
        return f"{self.keyword} {self.text}"

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
    line: int
    order: int = 0  # position in the collection; the same in every xdist worker
    keyword: str = "Scenario"
    description: str = ""
    tags: list[str] = field(default_factory=list)
    doc_tags: list[str] = field(default_factory=list)
    feature_keyword: str = "Feature"
    feature_description: str = ""
    feature_line: int = 1
    feature_tags: list[str] = field(default_factory=list)
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
    notes: list[str] = field(default_factory=list)  # facts about the target the scenario met (user_properties "note")

    @property
    def passed(self) -> bool:
        return self.status == PASSED

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


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``data`` that are fields of ``cls`` (newer writers may add more)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def worst(statuses: list[str]) -> str:
    """The status that summarises several: any failure wins, all passed is passed."""
    if not statuses:
        return NOT_RUN
    return min(statuses, key=lambda s: STATUS_ORDER.index(s) if s in STATUS_ORDER else 0)
