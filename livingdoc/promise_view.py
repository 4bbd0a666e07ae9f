"""The doc's promises against a run: where each was due, where it was kept, where it was left unchecked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from flowspec.promises import PROMISES, Promise
from livingdoc.model import PASSED, ScenarioResult


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
