"""Path options written with a space (``--source-doc ../doc.md``) work as with ``=``: pytest would otherwise
take the path for a test path and lose the project's configuration."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flowspec.published_doc import load
from harness.pytest_paths import joined
from tests.child_env import child_env
from tests.harness.conftest import ROOT

SEED = ROOT / os.environ.get("DOC_SEEDS", "../shared/seeds") / "amazon-api-key.de.md"


def test_options_written_with_a_space_are_joined() -> None:
    assert joined(["-q", "--source-doc", "../a.md", "--targets", "t.toml", "-k", "x"]) == [
        "-q", "--source-doc=../a.md", "--targets=t.toml", "-k", "x",
    ]  # fmt: skip
    assert joined(["--source-doc=../a.md", "-k", "x"]) is None
    assert joined(["--", "--source-doc", "a"]) is None


@pytest.mark.skipif(not SEED.is_file(), reason=f"no doc source at {SEED}")
def test_source_doc_with_a_space_shows_the_doc_in_its_words(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()  # an existing folder after a space is what moved pytest's root folder
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "log_in_to_the_commerce_admin",
            "--source-doc", str(SEED), "--living-doc-dir", str(reports), "--output", str(tmp_path / "out"),
        ],
        cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout
    page = " ".join(html.unescape((reports / "living-doc.html").read_text(encoding="utf-8")).split())
    doc = load(str(SEED))
    assert [s.number for s in doc.steps] == list(range(1, 10))
    for step in doc.steps:  # each of the nine steps in the German edition's own words
        assert " ".join(step.text.split())[:40] in page, f"doc step {step.number} is not in the doc's words"
