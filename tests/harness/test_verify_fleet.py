"""Verify read-only, one store or a fleet: five stand-ins (valid, expired, revoked, missing, one that never
answers) verified in one run with -n 2; each is named with its verdict in JUnit and the living doc, nothing
changes on any of them (their state and request logs prove it), and the run ends within twice the time-out.
The targets file is checked before any browser starts."""

from __future__ import annotations

import json
import socket
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.harness.conftest import RunSuite
from tools.served_mocks import CREDENTIALS, ObservedState, Observer, ServedMocks, serve

TOKEN = "observer-only-fleet"
STEP_TIMEOUT = 10.0
ENV = {"FLEET_USER": CREDENTIALS["COMMERCE_ADMIN_USER"], "FLEET_PASSWORD": CREDENTIALS["COMMERCE_ADMIN_PASSWORD"]}


def _entry(name: str, url: str) -> str:
    return (
        f'[[target]]\nname = "{name}"\nadmin_url = "{url}"\n'
        'admin_user_env = "FLEET_USER"\nadmin_password_env = "FLEET_PASSWORD"\n'
    )


@pytest.fixture
def fleet(tmp_path: Path) -> Iterator[tuple[Path, dict[str, tuple[ServedMocks, Observer]]]]:
    states = ("valid", "expired", "revoked", "missing")
    with ExitStack() as stack, socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # accepts, never answers
        stores: dict[str, tuple[ServedMocks, Observer]] = {}
        for state in states:
            target = stack.enter_context(serve("--control-token", TOKEN, data_dir=tmp_path / state))
            observer = Observer(target, TOKEN)
            observer.give_key(state)
            stores[f"store-{state}"] = (target, observer)
        entries = [_entry(name, target.admin_url) for name, (target, _) in stores.items()]
        entries.append(_entry("store-silent", f"http://127.0.0.1:{silent.getsockname()[1]}/admin/"))
        targets = tmp_path / "targets.toml"
        targets.write_text("\n".join(entries), encoding="utf-8")
        yield targets, stores


def test_a_fleet_is_verified_read_only_each_store_named_with_its_verdict(
    run_suite: RunSuite, tmp_path: Path, fleet: tuple[Path, dict[str, tuple[ServedMocks, Observer]]]
) -> None:
    targets, stores = fleet
    before: dict[str, ObservedState] = {name: observer.state() for name, (_, observer) in stores.items()}
    marks = {name: observer.admin.log_mark() for name, (_, observer) in stores.items()}
    started = time.monotonic()
    result = run_suite(
        "-m", "verify", f"--targets={targets}", "-n", "2", "--step-timeout", str(STEP_TIMEOUT), env=ENV, timeout=300
    )
    took = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-4000:]
    assert took < 2 * STEP_TIMEOUT + 15, f"took {took:.0f} s (pytest's own start-up counted)"
    wanted = {
        "store-valid": "valid", "store-expired": "expired", "store-revoked": "revoked", "store-missing": "missing",
        "store-silent": "unreachable",
    }  # fmt: skip
    report = json.loads((tmp_path / "reports" / "living-doc.json").read_text(encoding="utf-8"))
    assert {store["name"]: store["verdict"] for store in report["stores"]} == wanted
    cases = {case.get("name", ""): case for case in ET.parse(tmp_path / "reports" / "junit.xml").iter("testcase")}
    for name, verdict in wanted.items():
        (case,) = [c for title, c in cases.items() if f"[{name}]" in title]
        failure = case.find("failure")
        assert (failure is None) == (verdict == "valid"), f"{name}: {verdict}"
        assert f"Store verdict: {verdict}" in ET.tostring(case, encoding="unicode")
    expired = cases[next(t for t in cases if "[store-expired]" in t)].find("failure")
    assert expired is not None and expired.get("message", "").startswith(
        "Doc rule (The key is checked on every access): the stored key is expired: the channel prompts for a new key"
    )
    page = (tmp_path / "reports" / "living-doc.html").read_text(encoding="utf-8")
    assert "Stores verified" in page and all(name in page for name in wanted)
    for name, (_, observer) in stores.items():
        assert observer.state() == before[name], f"{name} changed"
        requests = [e for e in observer.admin.log_since(marks[name]) if not e.get("control")]
        posts = [e["path"] for e in requests if e["method"] != "GET"]
        assert len(posts) == 1 and posts[0].rstrip("/").endswith("/admin"), f"{name}: only the login posts: {posts}"
    assert ENV["FLEET_PASSWORD"] not in output


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (_entry("a", "http://x/admin/") + 'colour = "red"\n', "targets.toml:6: unknown field 'colour'"),
        ('[[target]]\nname = "a"\nadmin_url = "http://x/admin/"\nadmin_user_env = "FLEET_USER"\n',
         "targets.toml:1: the [[target]] here has no 'admin_password_env' field"),
        (_entry("a", "http://x/admin/") + "\n" + _entry("a", "http://y/admin/"), "targets.toml:8: name 'a' is used twice"),
        (_entry("a", "http://x/admin/").replace("FLEET_PASSWORD", "NOT_SET_ANYWHERE"),
         "targets.toml:5: admin_password_env names NOT_SET_ANYWHERE, which is not set"),
        ("[[target]\n", "not TOML"),
    ],
    ids=["unknown-field", "missing-field", "duplicate-name", "unset-variable", "not-toml"],
)  # fmt: skip
def test_a_bad_targets_file_is_one_usage_error_naming_line_and_field(
    run_suite: RunSuite, tmp_path: Path, content: str, said: str
) -> None:
    targets = tmp_path / "targets.toml"
    targets.write_text(content, encoding="utf-8")
    result = run_suite("-m", "verify", f"--targets={targets}", env=ENV, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 4 and said in output and output.count("ERROR") == 1, output[-2000:]
    assert "Traceback" not in output and "passed" not in output


def test_verify_on_one_store_needs_only_the_admin_and_changes_nothing(run_suite: RunSuite, tmp_path: Path) -> None:
    with serve("--control-token", TOKEN, data_dir=tmp_path / "data") as target:
        observer = Observer(target, TOKEN)
        observer.give_key("valid")
        before, mark = observer.state(), observer.admin.log_mark()
        admin_only = {k: v for k, v in CREDENTIALS.items() if k.startswith("COMMERCE_ADMIN")}
        admin_only |= {"COMMERCE_PORTAL_EMAIL": "", "COMMERCE_PORTAL_PASSWORD": ""}
        result = run_suite("-m", "verify", "--admin-url", target.admin_url, env=admin_only)
        assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
        assert observer.state() == before
        requests = [e for e in observer.admin.log_since(mark) if not e.get("control")]
        posts = [e["path"] for e in requests if e["method"] != "GET"]
        assert posts and all(path.rstrip("/").endswith("/admin") for path in posts), f"only logins post: {posts}"
        assert observer.portal.log_since(0) and not [
            e for e in observer.portal.log_since(0) if not e.get("control") and e["path"] != "/gateway/apikeycheck"
        ], "a verify run never goes to the account portal"
