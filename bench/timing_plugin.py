"""A pytest plugin for the benchmark: where each scenario's time goes.

Loaded with ``-p bench.timing_plugin`` and active only when ``BENCH_TIMINGS`` names a file.
For every test it appends one JSON line: the duration of its setup, call and teardown phases,
of each fixture set up during it (``[name, scope, seconds, phase]``: pytest-bdd steps request
fixtures such as ``page`` lazily, inside the call phase) and of each Gherkin step
(``[text, seconds, after_step_hooks_seconds]``; its seconds include the fixtures it requested).
Under pytest-xdist each worker appends its own lines (tagged with the worker id).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Generator
from typing import Any

import pytest

ENV_VAR = "BENCH_TIMINGS"

_current: dict[str, Any] | None = None
_phase = "setup"
_step_started: float | None = None


def _enabled() -> str | None:
    return os.environ.get(ENV_VAR) or None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, Any, Any]:
    global _current
    path = _enabled()
    if path is None:
        return (yield)
    _current = {
        "nodeid": item.nodeid,
        "worker": os.environ.get("PYTEST_XDIST_WORKER", "main"),
        "started": time.time(),
        "phases": {},
        "outcome": "passed",
        "fixtures": [],
        "steps": [],
    }
    try:
        return (yield)
    finally:
        record, _current = _current, None
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")


def _in_phase(phase: str) -> None:
    global _phase
    _phase = phase


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _in_phase("setup")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    _in_phase("call")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    _in_phase("teardown")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report: pytest.TestReport = yield
    if _current is not None:
        _current["phases"][report.when] = report.duration
        if report.failed:
            _current["outcome"] = "failed"
        elif report.skipped and _current["outcome"] == "passed":
            _current["outcome"] = "skipped"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
) -> Generator[None, Any, Any]:
    started = time.perf_counter()
    try:
        return (yield)
    finally:
        if _current is not None:
            _current["fixtures"].append([fixturedef.argname, fixturedef.scope, time.perf_counter() - started, _phase])


@pytest.hookimpl(wrapper=True)
def pytest_bdd_before_step(
    request: Any, feature: Any, scenario: Any, step: Any, step_func: Any
) -> Generator[None, Any, Any]:
    global _step_started
    try:
        return (yield)
    finally:
        _step_started = time.perf_counter()  # after every plugin's before-step work


@pytest.hookimpl(wrapper=True)
def pytest_bdd_after_step(
    request: Any, feature: Any, scenario: Any, step: Any, step_func: Any, step_func_args: Any
) -> Generator[None, Any, Any]:
    """A step's own seconds (its fixtures, clicks and waits), then what the after-step hooks cost
    (the living doc's screenshots, for one)."""
    ended = time.perf_counter()
    try:
        return (yield)
    finally:
        if _current is not None and _step_started is not None:
            _current["steps"].append(
                [f"{step.keyword} {step.name}", ended - _step_started, time.perf_counter() - ended]
            )
