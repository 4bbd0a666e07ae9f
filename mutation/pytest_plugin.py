"""A pytest plugin for mutation runs, loaded with ``-p mutation.pytest_plugin`` in the project copy.

Each part is off unless its environment variable is set:

* ``MUTATION_EXPECT_ROOT=<dir>``: stop with a usage error unless ``mocks`` is imported from ``<dir>``. A
  mutant lives in the copy under ``build/mutation``; if the editable install's ``mocks`` ran instead, every
  mutant would "survive".
* ``MUTATION_ADMIN_LAYOUT=doc|current``: the bundled mocks start with that admin layout (the suite's
  fixture calls ``start_mocks``; this wraps it). The current layout is where the Services Connector runs.
* ``MUTATION_COVERAGE=<file>``: line coverage of ``mocks/`` with one coverage context per scenario (its
  node id; the mocks run in threads of this process, and a context switch applies to every thread), and
  each scenario's duration (setup + call + teardown) in ``<file>.durations.json``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mutation.plan import ENV_COVERAGE, ENV_EXPECT_ROOT, ENV_LAYOUT

_coverage: Any = None
_coverage_file = ""
_durations: dict[str, float] = {}
_layouts_started: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    root = os.environ.get(ENV_EXPECT_ROOT)
    if root:
        import mocks

        where = Path(mocks.__file__).resolve()
        if not where.is_relative_to(Path(root).resolve()):
            raise pytest.UsageError(f"mocks was imported from {where}, not from the mutation copy {root}")
    layout = os.environ.get(ENV_LAYOUT)
    if layout:
        _start_mocks_in_layout(layout)
    data_file = os.environ.get(ENV_COVERAGE)
    if data_file:
        _start_coverage(data_file)


def _start_mocks_in_layout(layout: str) -> None:
    import fixtures.target as target

    real: Callable[..., Any] | None = getattr(target, "start_mocks", None)
    if real is None:
        raise pytest.UsageError("fixtures.target no longer calls start_mocks: cannot choose the admin layout")

    def start_mocks(*args: Any, **kwargs: Any) -> Any:
        admin_config = {**(kwargs.pop("admin_config", None) or {}), "ADMIN_LAYOUT": layout}
        _layouts_started.append(layout)
        return real(*args, admin_config=admin_config, **kwargs)

    target.start_mocks = start_mocks


def _start_coverage(data_file: str) -> None:
    global _coverage, _coverage_file
    import coverage

    import mocks

    _coverage = coverage.Coverage(
        data_file=data_file, source=[str(Path(mocks.__file__).parent)], branch=False, config_file=False
    )
    _coverage.start()
    _coverage_file = data_file


def pytest_runtest_logstart(nodeid: str, location: tuple[str, int | None, str]) -> None:
    if _coverage is not None:
        _coverage.switch_context(nodeid)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if _coverage is not None:
        _durations[report.nodeid] = _durations.get(report.nodeid, 0.0) + report.duration


def pytest_runtest_logfinish(nodeid: str, location: tuple[str, int | None, str]) -> None:
    if _coverage is not None:
        _coverage.switch_context("")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    layout = os.environ.get(ENV_LAYOUT)
    if layout and session.testscollected and not _layouts_started:
        session.exitstatus = pytest.ExitCode.USAGE_ERROR
        print(f"\nmutation: the mocks never started in the {layout!r} layout (start_mocks was not called)")
    if _coverage is not None:
        _coverage.stop()
        _coverage.save()
        Path(_coverage_file + ".durations.json").write_text(json.dumps(_durations, indent=1), encoding="utf-8")
