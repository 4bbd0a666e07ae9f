"""The doc against a run: a verdict for each documented step from the checks its Gherkin steps ran, where each
of the doc's promises was kept or broke, which doc step each failure names, and the coverage gate on them.

Each Gherkin step carries the doc steps whose promises it made due, kept or broke (``StepResult.doc_steps``,
from the user properties it appended). A promise belongs to the doc steps of its own that the scenario is
tagged with, else to its first one: Copy's promise checked in the set-up of a doc step 5 scenario is doc step
4's. In one scenario a doc step is

* *broken* where a check of its own failed (the failure names it, or its promise was found broken);
* *kept* when checks of it ran and all passed;
* *not reached* when it was due (tagged, or a promise of it made due) but the scenario stopped before a check;
* *not run* when the scenario did not run;
* *unchecked* when the scenario passed without checking it (a gap; not a verdict of the doc step).

Across scenarios a doc step is broken if any check of its own failed; else kept if at least one check ran and
all that ran passed; else not reached if it was due and never checked; else not run. A suite that records no
promise at all (a plain pytest-bdd project) counts a passing scenario as a kept check of the doc steps it is
tagged with, and a failing one as broken at the doc step its failure names.

The gate (in a run of the whole suite) fails on a broken doc step, a doc step with no kept check, and a promise
of the doc that was due in a passing scenario and not checked there (or, in a run that skipped nothing,
checked nowhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from flowspec.commerce import LAYOUT_DOC, LAYOUT_LOCATIONS
from flowspec.doc_steps import BY_TAG, DOC_STEPS, DocStep, label
from flowspec.known_differences import failure_verdict
from flowspec.promises import BY_ID, PROMISES, Promise, broken_doc_steps
from livingdoc.model import NOT_RUN, PASSED, SET_UP, SKIPPED, STORE, GateDecision, ScenarioResult, StepResult

KEPT, BROKEN, NOT_REACHED, UNCHECKED = "kept", "broken", "not reached", "unchecked"
VERDICTS = (KEPT, BROKEN, NOT_REACHED, NOT_RUN)
GATE_AUTO, GATE_ON, GATE_OFF = "auto", "on", "off"
DOC_STEP_NAMED = re.compile(r"^Doc (?:step (\d+)|rule)\b")


def promise_doc_steps(promise_id: str, scenario_doc_tags: Iterable[str]) -> list[str]:
    """The doc steps a promise's check speaks for in a scenario (``flowspec.promises.broken_doc_steps``: the
    promise's own doc steps the scenario is tagged with, else its first numbered one); none for an unknown id."""
    if promise_id not in BY_ID:
        return []
    return list(broken_doc_steps(promise_id, tuple(scenario_doc_tags)))


def doc_step_named(line: str) -> str | None:
    """The doc step a failure's first line starts with ("Doc step 4 (...): ..." -> "doc-step-4")."""
    match = DOC_STEP_NAMED.match(line.strip())
    if match is None:
        return None
    tag = f"doc-step-{match.group(1)}" if match.group(1) else "doc-rule"
    return tag if tag in BY_TAG else None


def _records_promises(scenario: ScenarioResult) -> bool:
    """Does this scenario's harness record the doc's promises (the project's does; a plain pytest-bdd one not)?"""
    return bool(scenario.promises_due or scenario.promises_kept or scenario.promises_broken or scenario.broke) or any(
        step.promises_due or step.promises_kept or step.promises_broken or step.broke for step in scenario.steps
    )


def _failing_step(scenario: ScenarioResult) -> StepResult | None:
    return scenario.steps[scenario.failed_step] if scenario.failed_step is not None else None


def failure_doc_step(scenario: ScenarioResult) -> str | None:
    """The doc step a failed scenario's failure names: what the harness recorded for the failing step (or the
    fixture), else what the failure's first line names, else SET_UP when it broke before its first step."""
    if not scenario.broken:
        return None
    step = _failing_step(scenario)
    named = (step.broke if step else None) or scenario.broke or doc_step_named(scenario.failure_line)
    if named:
        return named
    if step is not None and step.promises_broken:
        return promise_doc_steps(step.promises_broken[0], scenario.doc_tags)[0]
    if not any(s.ran for s in scenario.steps):
        return SET_UP
    return None


def broken_promises(scenario: ScenarioResult) -> list[str]:
    """The promises whose check failed in the scenario: as recorded, else (a harness that records no broken
    promise) those the failing step made due, did not keep, and that belong to the doc step its failure names."""
    if scenario.promises_broken:
        return list(scenario.promises_broken)
    step, named = _failing_step(scenario), failure_doc_step(scenario)
    if step is None or named is None:
        return []
    return [
        p
        for p in step.promises_due
        if p not in scenario.promises_kept and named in promise_doc_steps(p, scenario.doc_tags)
    ]


def scenario_states(scenario: ScenarioResult) -> dict[str, str]:
    """Each doc step this scenario was tagged with or checked: kept, broken, not reached, unchecked or not run."""
    found: dict[str, set[str]] = {}
    tags = scenario.doc_tags

    def add(doc_tags: Iterable[str], state: str) -> None:
        for tag in doc_tags:
            if tag in BY_TAG:
                found.setdefault(tag, set()).add(state)

    for step in scenario.steps:
        if step.ran:
            for promise in step.promises_kept:
                add(promise_doc_steps(promise, tags), KEPT)
    for promise in broken_promises(scenario):
        add(promise_doc_steps(promise, tags), BROKEN)
    named = failure_doc_step(scenario)
    if named and named != SET_UP:
        add([named], BROKEN)
    if scenario.broken:
        checked = {*scenario.promises_kept, *broken_promises(scenario)}
        for promise in scenario.promises_due:
            if promise not in checked:
                add(promise_doc_steps(promise, tags), NOT_REACHED)
    states = {tag: BROKEN if BROKEN in seen else KEPT if KEPT in seen else NOT_REACHED for tag, seen in found.items()}
    for tag in tags:
        if tag in states:
            continue
        if scenario.status in (SKIPPED, NOT_RUN):
            states[tag] = NOT_RUN
        elif scenario.broken:
            states[tag] = NOT_REACHED
        else:
            states[tag] = UNCHECKED if _records_promises(scenario) else KEPT
    return states


# ---- promises ----


@dataclass
class PromiseCoverage:
    promise: Promise
    kept_in: list[ScenarioResult] = field(default_factory=list)  # scenarios whose check of it passed
    gaps: list[ScenarioResult] = field(default_factory=list)  # passing scenarios where it was due but unchecked
    broken_in: list[ScenarioResult] = field(default_factory=list)  # scenarios whose check of it failed
    not_reached_in: list[ScenarioResult] = field(default_factory=list)  # due, but the scenario stopped before

    @property
    def kept(self) -> bool:
        return bool(self.kept_in)

    @property
    def state(self) -> str:
        """broken, gap, kept, not reached, or unchecked (due nowhere in this run)."""
        if self.broken_in:
            return BROKEN
        if self.gaps:
            return "gap"
        if self.kept_in:
            return KEPT
        return NOT_REACHED if self.not_reached_in else UNCHECKED


def promise_coverage(scenarios: Sequence[ScenarioResult]) -> list[PromiseCoverage]:
    """One row per promise of the doc, in the inventory's order."""
    rows = {promise.id: PromiseCoverage(promise) for promise in PROMISES}
    for scenario in scenarios:
        broken = broken_promises(scenario)
        for promise_id in dict.fromkeys([*scenario.promises_due, *scenario.promises_kept, *broken]):
            row = rows.get(promise_id)
            if row is None:
                continue
            if promise_id in broken:
                row.broken_in.append(scenario)
            elif promise_id in scenario.promises_kept:
                row.kept_in.append(scenario)
            elif scenario.status == PASSED:
                row.gaps.append(scenario)
            elif scenario.broken:
                row.not_reached_in.append(scenario)
    return list(rows.values())


# ---- documented steps ----


@dataclass
class DocVerdict:
    """A documented step against the run: the scenarios tagged with it (or where it broke), each one's state."""

    doc: DocStep
    scenarios: list[ScenarioResult] = field(default_factory=list)
    states: dict[str, str] = field(default_factory=dict)  # node id -> this doc step's state in that scenario
    checked_elsewhere: list[ScenarioResult] = field(default_factory=list)  # kept while setting up others' scenarios

    @property
    def label(self) -> str:
        return label(self.doc.tag)

    def state_in(self, scenario: ScenarioResult) -> str:
        return self.states.get(scenario.nodeid, UNCHECKED)

    def _with(self, state: str) -> list[ScenarioResult]:
        return [s for s in self.scenarios if self.state_in(s) == state]

    @property
    def kept_in(self) -> list[ScenarioResult]:
        return [*self._with(KEPT), *self.checked_elsewhere]

    @property
    def broken_in(self) -> list[ScenarioResult]:
        return self._with(BROKEN)

    @property
    def not_reached_in(self) -> list[ScenarioResult]:
        return self._with(NOT_REACHED)

    @property
    def unchecked_in(self) -> list[ScenarioResult]:
        return self._with(UNCHECKED)

    @property
    def verdict(self) -> str:
        if self.broken_in:
            return BROKEN
        if self.kept_in:
            return KEPT
        return NOT_REACHED if self.not_reached_in else NOT_RUN

    @property
    def passed(self) -> int:
        return sum(1 for s in self.scenarios if s.status == PASSED)

    @property
    def failed(self) -> int:
        return sum(1 for s in self.scenarios if s.broken)

    @property
    def duration(self) -> float:
        return sum(s.duration for s in self.scenarios)


def doc_verdicts(scenarios: Sequence[ScenarioResult], doc_steps: Sequence[DocStep] = DOC_STEPS) -> list[DocVerdict]:
    """One row per documented step, in the doc's order."""
    rows = [DocVerdict(doc) for doc in doc_steps]
    by_tag = {row.doc.tag: row for row in rows}
    for scenario in scenarios:
        for tag, state in scenario_states(scenario).items():
            row = by_tag.get(tag)
            if row is None:
                continue
            if tag in scenario.doc_tags or state == BROKEN:
                row.scenarios.append(scenario)
                row.states[scenario.nodeid] = state
            elif state == KEPT:
                row.checked_elsewhere.append(scenario)
    return rows


# ---- failures ----


@dataclass
class Failure:
    """A failed scenario, read for the doc: the doc step its failure names, what was expected and seen."""

    scenario: ScenarioResult
    doc_step: str | None  # "doc-step-N", "doc-rule", SET_UP, or None when the failure names none
    message: str  # the failure's first line

    @property
    def step(self) -> StepResult | None:
        return _failing_step(self.scenario)

    @property
    def while_setting_up(self) -> bool:
        """It broke in a doc step the scenario is not about (a set-up Given of another step's scenario)."""
        return self.doc_step not in (None, SET_UP, STORE) and self.doc_step not in self.scenario.doc_tags

    @property
    def doc_label(self) -> str:
        if self.doc_step in BY_TAG:
            return label(str(self.doc_step))
        if self.doc_step == STORE:
            return f"The store {self.scenario.subject or ''} needs attention (verify)".replace("  ", " ")
        return "Set-up (no doc step)" if self.doc_step == SET_UP else "No doc step named"

    @property
    def expected(self) -> str:
        """The first line after the doc step's name ("Copy should ..."), or the whole line."""
        head, sep, rest = self.message.partition("): ")
        return rest if sep and doc_step_named(head) else self.message

    @property
    def layout(self) -> str | None:
        """The admin layout the scenario met (from its note), or None when it never looked."""
        return layout_met(self.scenario)

    @property
    def verdict(self) -> str | None:
        """Whether the doc is behind the product at this doc step (the target follows a newer layout the harness
        knows) or the product broke the doc's promise; None for a failure that names no doc step."""
        if self.doc_step not in BY_TAG or self.scenario.store:
            return None
        return failure_verdict(str(self.doc_step), self.layout or LAYOUT_DOC)

    @property
    def seen(self) -> str:
        """What the failure says the browser showed (its "seen:" line), if it says."""
        for line in (self.scenario.error or "").splitlines():
            if line.strip().startswith("seen:"):
                return line.strip()[len("seen:") :].strip()
        return ""


LAYOUT_NOTE = "Admin layout: API keys at "


def layout_met(scenario: ScenarioResult) -> str | None:
    """The layout named by the scenario's "Admin layout: API keys at <location>" note."""
    by_location = {location: layout for layout, location in LAYOUT_LOCATIONS.items()}
    for note in scenario.notes:
        if note.startswith(LAYOUT_NOTE) and note[len(LAYOUT_NOTE) :] in by_location:
            return by_location[note[len(LAYOUT_NOTE) :]]
    return None


def stores(scenarios: Sequence[ScenarioResult]) -> list[dict[str, str]]:
    """Each verified store with its verdict and when it was checked, in the order of the run's scenarios."""
    return [{"scenario": s.title, "nodeid": s.nodeid, **s.store} for s in scenarios if s.store]


def failures(scenarios: Sequence[ScenarioResult]) -> list[Failure]:
    """Every failed scenario, in the doc's order of the doc step it names."""
    found = [Failure(s, failure_doc_step(s), s.failure_line) for s in scenarios if s.broken]
    order = {tag: index for index, tag in enumerate(BY_TAG)}
    return sorted(found, key=lambda f: order.get(str(f.doc_step), len(order)))


# ---- the gate ----


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


def gate_message(rows: Sequence[DocVerdict], promises: Sequence[PromiseCoverage] = ()) -> list[str]:
    """Terminal lines explaining a failed gate; empty when no documented step is broken, each has a kept
    check, and every promise of the doc was checked where it was due, and (in a run that reports promises
    and skipped no scenario) somewhere."""
    broken = [row for row in rows if row.verdict == BROKEN]
    unkept = [row for row in rows if row.verdict in (NOT_REACHED, NOT_RUN)]
    gaps = [row for row in promises if row.gaps]
    skipped = any(s.status == SKIPPED for row in rows for s in row.scenarios)
    recorded = any(row.kept_in or row.gaps or row.broken_in or row.not_reached_in for row in promises)
    never = (
        [row for row in promises if row.state == UNCHECKED] if recorded and not skipped else []
    )  # due nowhere in a run of every scenario
    if not (broken or unkept or gaps or never):
        return []
    lines = []
    if broken:
        lines.append(f"DOC COVERAGE GATE FAILED: {len(broken)} documented step(s) broken:")
        for row in broken:
            lines.append(f"  {row.label}: broken in " + ", ".join(s.title for s in row.broken_in))
    if unkept:
        lines.append(f"DOC COVERAGE GATE FAILED: {len(unkept)} documented step(s) have no kept check:")
        for row in unkept:
            if row.scenarios:
                states = ", ".join(f"{s.title} [{row.state_in(s)}]" for s in row.scenarios)
                lines.append(f"  {row.label}: {states}")
            else:
                lines.append(f"  {row.label}: no scenario is tagged @{row.doc.tag} in this run")
    if gaps or never:
        lines.append("DOC COVERAGE GATE FAILED: the doc's promises were left unchecked:")
        for kept in gaps:
            names = ", ".join(s.title for s in kept.gaps)
            lines.append(f"  {kept.promise.id} ({kept.promise.label()}): due but not checked in {names}")
        for unchecked in never:
            lines.append(f"  {unchecked.promise.id} ({unchecked.promise.label()}): no scenario checked it")
    lines.append("  (for a subset run pass --no-doc-coverage-gate)")
    return lines
