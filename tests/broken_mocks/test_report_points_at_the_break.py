"""A broken mock's run leaves a living doc that points at the break: the failing step, what the browser
showed, the Playwright trace (with one group per Gherkin step) and the mock servers' log."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import zipfile
from pathlib import Path

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
