"""Credentials never reach a failure message, a log or a trace."""

from __future__ import annotations

import zipfile
from pathlib import Path

from harness import secrets as masking
from tests.harness.conftest import RunSuite
from tools.served_mocks import CREDENTIALS, serve

DEMO_ADMIN_PASSWORD = "admin123"  # the bundled mock's default


def test_mask_replaces_every_registered_secret() -> None:
    masking.register_secret("s3cret-value")
    masking.register_secret("abc")  # too short to mask safely: ignored
    assert masking.mask("user s3cret-value, again s3cret-value") == "user ********, again ********"
    assert "abc" in masking.mask("abc")


def test_scrub_file_masks_inside_zip_members(tmp_path: Path) -> None:
    masking.register_secret("pa55word-xyz")
    archive = tmp_path / "trace.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("trace.trace", '{"method":"fill","params":{"value":"pa55word-xyz"}}')
        zf.writestr("resources/page.html", "<p>nothing secret</p>")
    assert masking.scrub_file(archive) is True
    with zipfile.ZipFile(archive) as zf:
        assert "pa55word-xyz" not in zf.read("trace.trace").decode()
        assert "********" in zf.read("trace.trace").decode()
        assert zf.read("resources/page.html") == b"<p>nothing secret</p>"
    assert masking.scrub_file(archive) is False  # nothing left to mask


def test_a_failing_login_scenario_leaks_no_password(run_suite: RunSuite, tmp_path: Path) -> None:
    result = run_suite(
        "-k", "log_in_to_the_commerce_admin and not de", "-p", "tests.broken_mocks.sabotage",
        "--tracing", "on", "--screenshot", "on", "--living-doc-dir", str(tmp_path / "reports"),
        env={"BROKEN_MOCK": "admin-login-refused"},
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-2000:]
    assert "Doc step 1" in output
    assert DEMO_ADMIN_PASSWORD not in output
    traces = list((tmp_path / "test-results").rglob("trace*.zip"))
    assert traces, "the run should have left a trace"
    for trace in traces:
        with zipfile.ZipFile(trace) as zf:
            for name in zf.namelist():
                assert DEMO_ADMIN_PASSWORD.encode() not in zf.read(name), f"{trace}:{name} holds the password"
    left_files = [p for d in ("test-results", "reports") for p in (tmp_path / d).rglob("*") if p.is_file()]
    assert any(p.name == "living-doc.html" for p in left_files), "the run should have written its report"
    for path in left_files:
        if path.suffix != ".zip":
            assert DEMO_ADMIN_PASSWORD.encode() not in path.read_bytes(), path


def test_secrets_stay_masked_in_every_file_a_parallel_run_leaves(run_suite: RunSuite, tmp_path: Path) -> None:
    """Under -n 2 against a given target: the failing step's error carries the password and the control
    token; no file the run leaves (reports, traces and their members, screenshots) and no output holds them."""
    token = "ctl-" + "7f3a9c2e5b8d41f6"
    password = CREDENTIALS["COMMERCE_ADMIN_PASSWORD"]
    with serve("--control-token", token, data_dir=tmp_path / "data") as target:
        result = run_suite(
            *target.suite_args(), "--control-token", token, "-n", "2", "-p", "tests.harness.leaky_step",
            "-k", "log_in_to_the_commerce_admin or add_new_lists or end_to_end", "--tracing", "retain-on-failure",
            "--screenshot", "only-on-failure", "--living-doc-dir", str(tmp_path / "reports"), env=CREDENTIALS,
        )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "went wrong" in output and "********" in output, "the leaky step failed, masked"
    for secret in (password, token):
        assert secret not in output, f"the terminal shows {secret!r}"
    left = [p for d in ("test-results", "reports") for p in (tmp_path / d).rglob("*") if p.is_file()]
    assert any(p.name == "living-doc.html" for p in left) and any(p.suffix == ".zip" for p in left), left
    for path in left:
        contents = [path.read_bytes()]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                contents = [archive.read(name) for name in archive.namelist()]
        for data in contents:
            for secret in (password, token):
                assert secret.encode() not in data, f"{path} holds {secret!r}"
