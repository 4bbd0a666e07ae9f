"""Helpers for tests that run the BDD suite in a child pytest."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.child_env import child_env

ROOT = Path(__file__).resolve().parents[2]

RunSuite = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_suite(tmp_path: Path) -> RunSuite:
    """Run ``pytest tests/e2e <args>`` (or ``pytest <path> <args>`` when the first arg is a tests/ path)
    in a child process; artifacts and reports go under tmp_path."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        path, rest = (args[0], args[1:]) if args and args[0].startswith("tests/") else ("tests/e2e", args)
        command = [
            sys.executable, "-m", "pytest", path, "-q", "-p", "no:cacheprovider",
            "--output", str(tmp_path / "test-results"), *rest,
        ]  # fmt: skip
        if not any(arg.startswith(("--living-doc-dir", "--no-living-doc")) for arg in rest):
            command += [f"--living-doc-dir={tmp_path / 'reports'}"]  # never the project's own reports/
        return subprocess.run(command, cwd=ROOT, env=child_env(env), capture_output=True, text=True, timeout=timeout)

    return run
