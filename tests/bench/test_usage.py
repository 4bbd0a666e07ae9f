"""Bad usage of the bench and the soak is one clear error with exit 4, before anything runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["bench", "--repeat", "0"], "--repeat must be at least 1"),
        (["bench", "--only", "nothing"], "invalid choice: 'nothing'"),
        (["bench.soak", "--runs", "0"], "--runs must be at least 1"),
        (["bench.soak", "--runs", "many"], "invalid int value: 'many'"),
    ],
)
def test_bad_usage_exits_4_saying_why(command: list[str], said: str, tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, "-m", *command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 4, done.stdout + done.stderr
    assert said in done.stderr
    assert not out.exists()
