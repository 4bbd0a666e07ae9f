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
    location: str = ""  # the step definition that ran it, "path/to/steps.py:LINE" (relative to the rootdir)
    capture_seconds: float = 0.0  # the screenshots taken after it (an after-step hook in cucumber JSON)

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
