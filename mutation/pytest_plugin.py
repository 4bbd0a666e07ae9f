"""The pytest plugin of mutation runs (``-p mutation.pytest_plugin``); each part works when its variable is set.

``MUTATION_ROOT``: refuse to run unless ``mocks`` comes from that copy (else every mutant would "survive").
``MUTATION_LAYOUT``: the admin layout the mocks start in. ``MUTATION_COVERAGE``: line coverage of the mocks, one
context per scenario (the mocks run in threads of this process; a switch applies to all). ``MUTATION_RESULT``: a
JSON file of each scenario's seconds and the first failure.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ENV_ROOT, ENV_LAYOUT = "MUTATION_ROOT", "MUTATION_LAYOUT"
ENV_COVERAGE, ENV_RESULT = "MUTATION_COVERAGE", "MUTATION_RESULT"
_state: dict[str, Any] = {"seconds": {}, "failed": None, "message": "", "error": ""}
_coverage: Any = None


def pytest_configure(config: pytest.Config) -> None:
    global _coverage
    import mocks.admin  # here, not at the top: the runner that imports this module must never import the mocks

    where, root = Path(mocks.__file__).resolve(), os.environ.get(ENV_ROOT)
    if root and not where.is_relative_to(Path(root).resolve()):
        _state["error"] = f"mocks was imported from {where}, not from the mutation copy {root}"
        _write()
        raise pytest.UsageError(_state["error"])
    mocks.admin.DEFAULTS["ADMIN_LAYOUT"] = os.environ.get(ENV_LAYOUT) or mocks.admin.DEFAULTS["ADMIN_LAYOUT"]
    if os.environ.get(ENV_COVERAGE):
        import coverage

        _coverage = coverage.Coverage(data_file=os.environ[ENV_COVERAGE], source=[str(where.parent)], config_file=False)
        _coverage.start()


def pytest_runtest_logstart(nodeid: str) -> None:
    if _coverage is not None:
        _coverage.switch_context(nodeid)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _state["seconds"][report.nodeid] = _state["seconds"].get(report.nodeid, 0.0) + report.duration
    if report.failed and _state["failed"] is None:
        crash = getattr(report.longrepr, "reprcrash", None)
        _state["failed"] = report.nodeid
        _state["message"] = (getattr(crash, "message", None) or str(report.longrepr)).strip()[:500]


def pytest_runtest_logfinish(nodeid: str) -> None:
    if _coverage is not None:
        _coverage.switch_context("")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _coverage is not None:
        _coverage.stop()
        _coverage.save()
    _write()


def _write() -> None:
    if os.environ.get(ENV_RESULT):
        Path(os.environ[ENV_RESULT]).write_text(json.dumps(_state), encoding="utf-8")
