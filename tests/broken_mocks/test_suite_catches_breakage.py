"""Proof that the BDD suite gates regressions: break the mock on purpose, the suite must fail
and say which documented step broke.

Each case runs the scenarios that cover the broken behaviour in a child pytest with
``-p tests.broken_mocks.sabotage`` and ``BROKEN_MOCK=<name>``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CASES = [
    # (breakage, scenarios to run (-k), what the failure must name)
    ("admin-login-refused", "log_in_to_the_commerce_admin", "Doc step 1 (Log in to the Commerce Admin)"),
    (
        "no-prompt-for-bad-key",
        "first_access_without_a_key",
        "Doc step 2 (Open Marketing > Channels > Amazon Sales Channel)",
    ),
    ("add-the-key-goes-elsewhere", "add_the_key_leaves_the_channel", "Doc step 6 (Click Add the key)"),
    ("save-config-does-not-save", "save_config_stores", "Doc step 8 (Click Save Config)"),
    ("verdict-cached", "revoked_after_a_good_visit", "Doc rule (The key is checked on every access)"),
    (
        "sign-in-in-same-tab",
        "signed_in_to_the_commerce_account_sign_in",
        "Doc step 3 (Sign in to the Commerce account)",
    ),
    ("copy-copies-wrong-key", "copy_puts_exactly", "Doc step 4 (Create and copy a key in the API Portal)"),
    (
        "unreachable-gateway-reported-as-bad-key",
        "is_not_reported_as_a_bad_key and down",
        "Doc rule (The key is checked on every access)",
    ),
]


@pytest.mark.parametrize(("breakage", "selection", "names"), CASES, ids=[c[0] for c in CASES])
def test_suite_fails_and_names_the_step(breakage: str, selection: str, names: str, tmp_path: Path) -> None:
    env = {**os.environ, "BROKEN_MOCK": breakage}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/e2e",
            "-p",
            "tests.broken_mocks.sabotage",
            "-k",
            selection,
            "-q",
            "-p",
            "no:cacheprovider",
            "-n",
            "0",
            "--output",
            str(tmp_path / "artifacts"),
            "--no-living-doc",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"the suite did not fail with the mock broken ({breakage}):\n{output[-3000:]}"
    assert names in output, f"the failure does not name {names!r}:\n{output[-3000:]}"
    assert "Gherkin step that broke" in output, output[-3000:]
