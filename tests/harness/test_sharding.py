"""CI sharding for real: two pytest-split shards of a feature, merged into one report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.child_env import child_env
from tests.harness.conftest import ROOT, RunSuite

FEATURE = "tests/e2e/test_api_portal.py"
SCENARIOS = (ROOT / "features" / "api_portal.feature").read_text(encoding="utf-8").count("  Scenario: ")


def test_two_shards_merge_without_loss_or_duplicates(run_suite: RunSuite, tmp_path: Path) -> None:
    shard_dirs = []
    for group in (1, 2):
        shard = tmp_path / f"shard-{group}"
        result = run_suite(
            FEATURE, "--splits", "2", "--group", str(group), "--living-doc-dir", str(shard), "--living-doc-keep-data"
        )
        assert result.returncode == 0, result.stdout[-3000:]
        shard_dirs.append(str(shard))
    merged = subprocess.run(
        [sys.executable, "-m", "livingdoc.shards", "--no-gate", "--out", str(tmp_path / "merged"), *shard_dirs],
        cwd=ROOT, env=child_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert f"{SCENARIOS} scenarios ({SCENARIOS} passed, 0 failed)" in merged.stdout
    junit = (tmp_path / "merged" / "junit.xml").read_text(encoding="utf-8")
    assert junit.count("<testcase ") == SCENARIOS, "one JUnit test case per scenario of the union"
    features = json.loads((tmp_path / "merged" / "cucumber.json").read_text(encoding="utf-8"))
    names = sorted(e["name"] for f in features for e in f["elements"])
    assert len(names) == len(set(names)) == SCENARIOS
