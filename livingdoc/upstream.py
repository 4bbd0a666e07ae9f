"""The one place that reads pytest-bdd's internals, and why.

At collection the living doc records every scenario as "not run" (so a scenario whose worker
crashed, or that ``-x`` never reached, still shows up). pytest-bdd has no public way to get the
scenario of a collected test before it runs: its hooks (``pytest_bdd_before_scenario`` ...)
only fire when it runs. So this module looks the scenario up in pytest-bdd's registry of
generated test functions, ``pytest_bdd.scenario.scenario_wrapper_template_registry``, and
renders it with the test's example row. ``tests/livingdoc/test_upstream.py`` fails when
pytest-bdd changes this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry

EXAMPLE_PARAM = "_pytest_bdd_example"  # the parameter pytest-bdd gives an outline's tests


@dataclass(frozen=True)
class CollectedScenario:
    feature: Any  # pytest_bdd.parser.Feature
    template: Any  # pytest_bdd.parser.ScenarioTemplate
    scenario: Any  # pytest_bdd.parser.Scenario, rendered with the example row
    example: dict[str, str]


def collected_scenario(item: pytest.Item) -> CollectedScenario | None:
    """The pytest-bdd scenario a collected test runs, or ``None`` for a test that is not a scenario."""
    template = scenario_wrapper_template_registry.get(getattr(item, "obj", None))  # type: ignore[arg-type]
    if template is None:
        return None
    callspec = getattr(item, "callspec", None)
    example: dict[str, str] = dict(callspec.params.get(EXAMPLE_PARAM, {})) if callspec else {}
    return CollectedScenario(template.feature, template, template.render(example), example)
