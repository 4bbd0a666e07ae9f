"""The doc against a run: which documented step is covered by which scenarios, where each of the doc's
promises was due and kept, and the coverage gate on them.

A documented step is *covered* when at least one scenario tagged with it passed. The gate fails the run
when a documented step is not covered, or one of the doc's promises was due in a passing scenario and not
checked there (or checked nowhere).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from flowspec.doc_steps import DOC_STEPS, DocStep, label
from flowspec.promises import PROMISES, Promise
from livingdoc.model import ERROR, FAILED, PASSED, SKIPPED, GateDecision, ScenarioResult

# ---- promises ----


@dataclass
class PromiseCoverage:
    promise: Promise
    kept_in: list[ScenarioResult] = field(default_factory=list)  # passing scenarios that checked it
    gaps: list[ScenarioResult] = field(default_factory=list)  # passing scenarios where it was due but unchecked
    failing: list[ScenarioResult] = field(default_factory=list)  # scenarios that made it due and failed

    @property
    def kept(self) -> bool:
        return bool(self.kept_in)


def promise_coverage(scenarios: Sequence[ScenarioResult]) -> list[PromiseCoverage]:
    """One row per promise of the doc, in the inventory's order."""
    rows = {promise.id: PromiseCoverage(promise) for promise in PROMISES}
    for scenario in scenarios:
        for promise_id in {*scenario.promises_due, *scenario.promises_kept}:
            row = rows.get(promise_id)
            if row is None:
                continue
            if scenario.status != PASSED:
                if promise_id in scenario.promises_due:
                    row.failing.append(scenario)
            elif promise_id in scenario.promises_kept:
                row.kept_in.append(scenario)
            else:
                row.gaps.append(scenario)
    return list(rows.values())


# ---- documented steps and the gate ----

GATE_AUTO, GATE_ON, GATE_OFF = "auto", "on", "off"


@dataclass
class DocCoverage:
    doc: DocStep
    scenarios: list[ScenarioResult] = field(default_factory=list)

    @property
    def label(self) -> str:
        return label(self.doc.tag)

    @property
    def passed(self) -> int:
        return sum(1 for s in self.scenarios if s.status == PASSED)

    @property
    def failed(self) -> int:
        return sum(1 for s in self.scenarios if s.status in (FAILED, ERROR))

    @property
    def other(self) -> int:
        return len(self.scenarios) - self.passed - self.failed

    @property
    def covered(self) -> bool:
        return self.passed > 0

    @property
    def status(self) -> str:
        """'covered', 'covered, with failures', 'failing', 'not run' or 'no scenario'."""
        if not self.scenarios:
            return "no scenario"
        if self.failed and self.passed:
            return "covered, with failures"
        if self.failed:
            return "failing"
        if self.passed:
            return "covered"
        return "not run"

    @property
    def duration(self) -> float:
        return sum(s.duration for s in self.scenarios)


def coverage(scenarios: Sequence[ScenarioResult], doc_steps: Sequence[DocStep] = DOC_STEPS) -> list[DocCoverage]:
    """One row per documented step, in the doc's order, with the scenarios tagged with it."""
    rows = [DocCoverage(doc) for doc in doc_steps]
    by_tag = {row.doc.tag: row for row in rows}
    for scenario in scenarios:
        for tag in scenario.doc_tags:
            if tag in by_tag:
                by_tag[tag].scenarios.append(scenario)
    return rows


def uncovered(rows: Sequence[DocCoverage]) -> list[DocCoverage]:
    return [row for row in rows if not row.covered]


def decide_gate(mode: str, narrowing: Sequence[str]) -> GateDecision:
    """Is the coverage gate on for this run?

    ``mode`` is the option's value; ``narrowing`` lists what made this run a subset
    (``-k``, ``-m``, node ids, deselected tests, feature files left out). In ``auto`` mode
    the gate is on only for a run of the whole suite.
    """
    if mode == GATE_ON:
        return GateDecision(True, "--doc-coverage-gate=on")
    if mode == GATE_OFF:
        return GateDecision(False, "--doc-coverage-gate=off")
    if narrowing:
        return GateDecision(False, "subset run (" + "; ".join(narrowing) + ")")
    return GateDecision(True, "whole suite")


def gate_message(rows: Sequence[DocCoverage], promises: Sequence[PromiseCoverage] = ()) -> list[str]:
    """Terminal lines explaining a failed gate; empty when every documented step is covered and every
    promise of the doc was checked where it was due, and (in a run that reports promises and skipped
    no scenario) somewhere."""
    missing = uncovered(rows)
    gaps = [row for row in promises if row.gaps]
    skipped = any(s.status == SKIPPED for row in rows for s in row.scenarios)
    recorded = any(row.kept_in or row.gaps or row.failing for row in promises)  # a suite that reports promises
    unkept = [row for row in promises if not row.kept and not row.failing] if recorded and not skipped else []
    if not (missing or gaps or unkept):
        return []
    lines = []
    if missing:
        lines.append(f"DOC COVERAGE GATE FAILED: {len(missing)} documented step(s) have no passing scenario:")
        for row in missing:
            if row.scenarios:
                states = ", ".join(f"{s.name} [{s.status}]" for s in row.scenarios)
                lines.append(f"  {row.label}: {states}")
            else:
                lines.append(f"  {row.label}: no scenario is tagged @{row.doc.tag} in this run")
    if gaps or unkept:
        lines.append("DOC COVERAGE GATE FAILED: the doc's promises were left unchecked:")
        for kept in gaps:
            names = ", ".join(s.title for s in kept.gaps)
            lines.append(f"  {kept.promise.id} ({kept.promise.label()}): due but not checked in {names}")
        for never in unkept:
            lines.append(f"  {never.promise.id} ({never.promise.label()}): no scenario checked it")
    lines.append("  (for a subset run pass --no-doc-coverage-gate)")
    return lines
