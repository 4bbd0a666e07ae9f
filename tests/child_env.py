"""The environment for a child pytest (or tool) run started by a test.

When the project's own tests run under xdist, each worker's environment carries ``PYTEST_XDIST_*`` and
``PYTEST_CURRENT_TEST``; a child run must not inherit them, or it would take itself for a worker (a
Selenium Grid session named after the parent's worker, for one).
"""

from __future__ import annotations

import os

PARENT_ONLY = ("PYTEST_XDIST_", "PYTEST_CURRENT_TEST")


def child_env(extra: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> dict[str, str]:
    """This process's environment without the parent run's pytest markers (and ``drop``), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(PARENT_ONLY) and k not in drop}
    return {**env, **(extra or {})}
