"""Property-based tests of the mocks (Hypothesis): any input, never a 5xx; refused changes nothing;
accepted reads back as the rules say.

Profiles: ``ci`` (the default; the whole folder in about a minute on two cores, inside
``make unit``) and ``nightly`` (``make fuzz``: many more examples and longer sequences).
Choose with ``--hypothesis-profile NAME`` or ``HYPOTHESIS_PROFILE=NAME``. No example database
is written (``database=None``): a failure prints the falsifying example and a
``@reproduce_failure`` blob to replay it.

The apps here are in process (Flask's test client), one set per module, with databases of
their own; the gateway checks over real HTTP use a pair of real servers.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, settings

from mocks import admin as admin_pkg
from mocks import portal as portal_pkg
from tests.mocks.conftest import CONTROL_TOKEN, GATEWAY_TIMEOUT, TestBrowser

_COMMON: dict[str, Any] = {
    "deadline": None,  # two shared cores: a slow example is noise, not a failure
    "database": None,  # no example database in the work tree
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
# CI runs the same examples every time (a red build is reproducible, not a dice roll); the nightly run explores.
settings.register_profile("ci", max_examples=50, stateful_step_count=20, derandomize=True, **_COMMON)
settings.register_profile("nightly", max_examples=2000, stateful_step_count=60, **_COMMON)


def pytest_configure(config: pytest.Config) -> None:
    """Called as this conftest loads: the ``ci`` profile unless one was chosen."""
    if not config.getoption("hypothesis_profile", None):
        settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


AppMaker = Callable[..., Flask]


@pytest.fixture(scope="module")
def app_dir() -> Iterator[Path]:
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix="mocks-properties-", dir=shm if shm.is_dir() else None))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def make_app(app_dir: Path, dead_gateway_url: str) -> AppMaker:
    """``make_app("admin"|"portal", **config)``: a new app with its own database (control API on)."""
    made = itertools.count()

    def make(site: str, **config: Any) -> Flask:
        database = str(app_dir / f"{site}-{next(made)}.sqlite3")
        if site == "admin":
            return admin_pkg.create_app(
                {
                    "DATABASE": database,
                    "CONTROL_TOKEN": CONTROL_TOKEN,
                    "GATEWAY_URL": dead_gateway_url,
                    "PORTAL_URL": "http://portal.test",
                    "GATEWAY_TIMEOUT": GATEWAY_TIMEOUT,
                    **config,
                }
            )
        return portal_pkg.create_app({"DATABASE": database, "CONTROL_TOKEN": CONTROL_TOKEN, **config})

    return make


@pytest.fixture(scope="module")
def doc_admin(make_app: AppMaker) -> TestBrowser:
    """Signed in to an admin of the doc's layout."""
    browser = TestBrowser("admin", make_app("admin"))
    browser.sign_in()
    return browser


@pytest.fixture(scope="module")
def current_admin(make_app: AppMaker) -> TestBrowser:
    """Signed in to an admin of the current layout (System > Services > Commerce Services Connector)."""
    browser = TestBrowser("admin", make_app("admin", ADMIN_LAYOUT="current"))
    browser.sign_in(form_page="/admin/servicesconnector/index/index/")
    return browser


@pytest.fixture(scope="module")
def keyed_admin(make_app: AppMaker) -> TestBrowser:
    """Signed in to an admin with secret keys in its URLs."""
    browser = TestBrowser("admin", make_app("admin", SECRET_KEYS=True))
    assert browser.submit_login("admin", "admin123").status == 302
    return browser


@pytest.fixture(scope="module")
def portal(make_app: AppMaker) -> TestBrowser:
    """Signed in to a portal as the demo merchant."""
    browser = TestBrowser("portal", make_app("portal"))
    browser.sign_in()
    return browser
