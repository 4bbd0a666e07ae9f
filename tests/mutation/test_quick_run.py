"""The quick mutation run, end to end: copy, coverage map, mutants, oracle, report.

Its mutants (mutation/cli.py: the key check and Save Config) are ones the suite must kill; if one survives,
either the suite lost an assertion or the pipeline judges wrongly. About a minute.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from livingdoc.mutation import mutation_view, read_mutation_summary
from mutation.cli import QUICK, QUICK_SCENARIOS
from tests.child_env import child_env

ROOT = Path(__file__).resolve().parents[2]


def quick(tmp_path: Path, *more: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mutation", "--quick", "--out", str(tmp_path / "mutation.json"), *more]
        + ["--work-dir", str(tmp_path / "work")],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_the_quick_run_kills_every_one_of_its_mutants_in_two_sittings(tmp_path: Path) -> None:
    stopped = quick(tmp_path, "--max-minutes", "0")  # the coverage map, then no mutant: a partial report
    assert stopped.returncode == 1 and "Incomplete: 4 mutants not judged yet" in stopped.stdout, stopped.stdout
    done = quick(tmp_path, "--resume")
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    payload = json.loads((tmp_path / "mutation.json").read_text(encoding="utf-8"))
    assert (payload["mode"], payload["sittings"], payload["complete"]) == ("quick", 2, True)
    assert payload["totals"]["total"] == payload["totals"]["killed"] == len(QUICK), payload["mutants"]
    for mutant in payload["mutants"]:
        assert mutant["killed_by"] in QUICK_SCENARIOS, mutant
        assert not mutant["suite_error"], mutant
        assert mutant["message"].startswith("Doc "), mutant  # the failure's first line names a doc step
    assert {(m["file"], m["scope"], m["operator"]) for m in payload["mutants"]} == {q[:3] for q in QUICK}
    assert payload["score"] == payload["score_before_acceptance"] == 1.0 and payload["wall_seconds"] > 0
    view = mutation_view(read_mutation_summary(tmp_path))  # what the living doc would show of it
    assert view is not None and view["summary"].startswith(f"{len(QUICK)} of {len(QUICK)} "), view
