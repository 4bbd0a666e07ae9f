"""The same features against a Commerce the suite did not start: `commerce-mocks serve` in its own
process, on non-default ports, with secret keys in admin URLs and a custom admin path, for both
admin layouts, with the control token (everything runs) and without (control-API scenarios skip).

A representative subset runs here, in two of the four combinations (the whole doc end to end, in
English and German, the manual path to the API key settings, a no-key prompt, and a @mock-only
scenario); `make external-matrix` runs the whole suite in all four.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.harness.conftest import RunSuite
from tools.served_mocks import CREDENTIALS, serve

SUBSET = "end_to_end or first_access_without_a_key or opened_by_hand or valid_key_goes_straight"
MOCK_ONLY_IN_SUBSET = 1  # "A valid key goes straight on to store integration"
SUBSET_SIZE = 5


def _count(output: str, word: str) -> int:
    """The count of ``word`` (passed, skipped...) in pytest's closing line."""
    closing = [line for line in output.splitlines() if re.search(r"\d+ (passed|failed|skipped).* in [\d.]+s", line)]
    match = re.search(rf"(\d+) {word}", closing[-1]) if closing else None
    return int(match.group(1)) if match else 0


@pytest.mark.parametrize(
    ("layout", "with_token"),
    [("current", True), ("doc", False)],
    ids=["current-admin-control-token", "doc-admin-no-control-api"],
)
def test_features_pass_against_a_separately_served_commerce(
    run_suite: RunSuite, tmp_path: Path, layout: str, with_token: bool
) -> None:
    token_args = ["--control-token", "ext-token-123"] if with_token else []
    with serve(
        "--admin-port", "0", "--portal-port", "0", "--secret-keys", "--admin-path", "backoffice_9x2",
        "--admin-layout", layout, *token_args, data_dir=tmp_path / "data",
    ) as target:  # fmt: skip
        assert "/backoffice_9x2/" in target.admin_url
        result = run_suite(
            "-k", SUBSET, *target.suite_args(), *token_args, "--no-doc-coverage-gate",
            "--living-doc-dir", str(tmp_path / "reports"), env=CREDENTIALS,
        )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    expected_skips = 0 if with_token else MOCK_ONLY_IN_SUBSET
    assert _count(output, "passed") == SUBSET_SIZE - expected_skips, output[-2000:]
    assert _count(output, "skipped") == expected_skips, output[-2000:]
    if not with_token:
        assert "needs the mocks' control API" in output
    layout = "Commerce Services Connector" if layout == "current" else "Magento Services"
    junit = (tmp_path / "reports" / "junit.xml").read_text(encoding="utf-8")
    assert layout in junit, "the scenarios should note which admin layout they met"


def test_a_target_without_credentials_is_one_usage_error_at_start(run_suite: RunSuite) -> None:
    without = {name: "" for name in CREDENTIALS}
    result = run_suite("--admin-url", "http://127.0.0.1:9/admin/", "--portal-url", "http://127.0.0.1:9/", env=without)
    output = result.stdout + result.stderr
    assert result.returncode == 4, output[-2000:]
    assert "the credentials come from the environment; set COMMERCE_ADMIN_USER" in output, output[-2000:]
    assert "Traceback" not in output and "UsageError" not in output, output[-2000:]
    assert output.count("ERROR") == 1, f"one message, not one per scenario:\n{output[-2000:]}"
