"""A broken mock's run leaves a living doc that points at the break: the failing step, what the browser
showed, the Playwright trace (with one group per Gherkin step) and the mock servers' log."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from tests.child_env import child_env

ROOT = Path(__file__).resolve().parents[2]


def test_the_report_of_a_broken_run_points_at_the_break(tmp_path: Path) -> None:
    reports, output = tmp_path / "reports", tmp_path / "test-results"
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", "tests/e2e", "-p", "tests.broken_mocks.sabotage", "-q", "-p",
            "no:cacheprovider", "-k", "add_the_key_leaves_the_channel", "--tracing", "retain-on-failure",
            f"--output={output}", f"--living-doc-dir={reports}",
        ],
        cwd=ROOT, env=child_env({"BROKEN_MOCK": "add-the-key-goes-elsewhere"}),
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout[-3000:]
    page = html.unescape((reports / "living-doc.html").read_text(encoding="utf-8"))
    assert "What broke" in page
    assert 'When I click "Add the key"' in page  # the failing step: the click checks where it leads
    assert "Doc step 6 (Click Add the key)" in page
    assert "/admin/dashboard/" in page  # what the browser showed: where the broken button led
    assert "The browser at that moment" in page and "data:image/jpeg;base64" in page
    assert "Mock servers' log for this scenario" in page
    traces = re.findall(r'Playwright trace: <a href="([^"]+)"', page)
    assert traces, "the report should link the trace"
    trace = (reports / traces[0]).resolve()
    assert trace.is_file(), f"the linked trace {trace} does not exist"
    with zipfile.ZipFile(trace) as archive:
        events = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".trace"))
    assert b'When I click \\"Add the key\\"' in events, "one trace group per Gherkin step"


def _broken_everywhere(tmp_path: Path, breakage: str, *args: str) -> dict[str, Any]:
    reports = tmp_path / "reports"
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", "tests/e2e", "-p", "tests.broken_mocks.sabotage", "-q", "-n", "2",
            "-p", "no:cacheprovider", "--step-timeout", "3", f"--output={tmp_path / 'out'}",
            f"--living-doc-dir={reports}", *args,
        ],
        cwd=ROOT, env=child_env({"BROKEN_MOCK_EVERYWHERE": breakage}, drop=("BROKEN_MOCK",)),
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout[-3000:]
    verdicts: dict[str, Any] = json.loads((reports / "living-doc.json").read_text(encoding="utf-8"))
    return verdicts


def test_only_save_configs_words_broken_is_doc_step_8_broken_and_the_rest_kept(tmp_path: Path) -> None:
    """The whole suite with Save Config confirming in other words: doc step 8 is broken, the rule and doc
    steps 1 to 7 are kept (every check of theirs that ran passed), doc step 9 is not broken."""
    report = _broken_everywhere(tmp_path, "save-config-says-other-words")
    verdict = {row["id"]: row["verdict"] for row in report["doc_steps"]}
    assert verdict["doc-step-8"] == "broken"
    assert {tag: verdict[tag] for tag in ["doc-rule", *(f"doc-step-{n}" for n in range(1, 8))]} == dict.fromkeys(
        ["doc-rule", *(f"doc-step-{n}" for n in range(1, 8))], "kept"
    )
    assert verdict["doc-step-9"] != "broken"
    named = {failure["doc_step"] for failure in report["failures"]}
    assert named == {"doc-step-8"}, named


def test_a_broken_copy_in_a_doc_step_5_scenario_is_doc_step_4(tmp_path: Path) -> None:
    report = _broken_everywhere(tmp_path, "copy-copies-wrong-key", "-k", "first_tab_still_shows_the_prompt")
    (failure,) = report["failures"]
    assert failure["doc_step"] == "doc-step-4" and failure["scenario_doc_steps"] == ["doc-step-5"]
    assert failure["message"].startswith("Doc step 4 (Create and copy a key in the API Portal): Copy should")
    assert failure["message"].endswith("(while setting up a doc step 5 scenario)")
