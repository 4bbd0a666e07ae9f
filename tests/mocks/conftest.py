"""Fixtures and helpers for the fast (browser-free) tests of the mock servers.

Everything a test needs comes from a fixture (test modules import from here
only for type hints):

* ``admin_browser`` / ``portal_browser``: anonymous browsers (Flask's test
  client) on one app per session, reset through the control API before each
  test; ``admin`` / ``portal``: the same app, signed in, ``.form_key`` read
  from a page (``Browser.sign_in``: the one way to sign in and get the key).
* ``make_admin(**config)`` / ``make_portal(**config)``: a new app with its own
  database and config.
* ``admin_control`` / ``portal_control``: the ``/_mock`` control API.
* ``admin_db`` / ``portal_db``: read-only looks at the SQLite files.
* ``live``: both apps as real HTTP servers (``start_mocks``), reset for each
  test, their request logs read from the reset on.

Browsers answer with a :class:`Page` whose ``doc`` is the page parsed by
BeautifulSoup, with CSS ``select``/``select_one`` (soupsieve) and typed accessors.
"""

from __future__ import annotations

import http.cookiejar
import itertools
import json
import os
import re
import shutil
import socket
import sqlite3
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import Headers
from werkzeug.test import EnvironBuilder, run_wsgi_app

from mocks import admin as admin_pkg
from mocks import portal as portal_pkg
from mocks.servers import MockServers, start_mocks
from mocks.shared.control import TOKEN_HEADER

CONTROL_TOKEN = "test-control-token"
ADMIN_USER, ADMIN_PASSWORD = "admin", "admin123"
MERCHANT_EMAIL, MERCHANT_PASSWORD = "merchant@example.com", "merchant123"
GATEWAY_TIMEOUT = 0.5  # seconds the admin waits for the gateway in these tests

ADMIN_LOGIN = "/admin/"
CONFIG_PAGE = "/admin/admin/system_config/edit/section/services_connector/"
PRODUCTION_KEY_PATH = "services_connector/services_connector_integration/production_api_key"

PORTAL_LOGIN = "/customer/account/login/"
API_PORTAL = "/apiportal/index/index/"

FormData = Mapping[str, str | bytes] | Sequence[tuple[str, str | bytes]]

# --------------------------------------------------------------------------- HTML


@dataclass(frozen=True)
class Node:
    """One element of a parsed page: BeautifulSoup parses, soupsieve matches the CSS selectors.

    Only typed accessors on top: ``select_one`` fails the test when nothing matches, ``get`` gives an
    attribute as one string (BeautifulSoup splits ``class``/``rel`` into lists), ``text`` is what a
    person reads (white space collapsed)."""

    tag: Tag

    def select(self, selector: str) -> list[Node]:
        return [Node(found) for found in self.tag.select(selector)]

    def select_one(self, selector: str) -> Node:
        found = self.tag.select_one(selector)
        assert found is not None, f"nothing matches {selector!r}"
        return Node(found)

    def get(self, name: str) -> str | None:
        value = self.tag.get(name)
        return " ".join(value) if isinstance(value, list) else value

    @property
    def classes(self) -> set[str]:
        return set(self.tag.get_attribute_list("class"))

    @property
    def text(self) -> str:
        return " ".join(self.tag.get_text().split())


def parse_html(text: str) -> Node:
    return Node(BeautifulSoup(text, "html.parser"))


# --------------------------------------------------------------------------- browsing


@dataclass
class Page:
    """One HTTP answer, the same whichever way it travelled."""

    url: str
    status: int
    headers: Headers
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")

    @cached_property
    def doc(self) -> Node:
        return parse_html(self.text)

    def json(self) -> Any:
        return json.loads(self.body)

    def form_key(self) -> str:
        value = self.doc.select_one('input[name="form_key"]').get("value")
        assert value, "the form_key field is empty"
        return value

    def messages(self, kind: str) -> list[str]:
        """Texts of the ``message-<kind>`` boxes (error, success, notice, warning)."""
        return [m.text for m in self.doc.select(f".message-{kind}")]


def encode_form(data: FormData, multipart: bool = False) -> tuple[bytes, str]:
    """The form as a browser sends it, in UTF-8; a lone surrogate (no character, so no browser sends one) goes
    as the three bytes ``surrogatepass`` gives it, which are not UTF-8: what a broken client could send."""
    pairs = list(data.items()) if isinstance(data, Mapping) else list(data)
    if not multipart:
        body = urllib.parse.urlencode(pairs, encoding="utf-8", errors="surrogatepass")
        return body.encode("ascii"), "application/x-www-form-urlencoded"
    boundary = "----mockstestboundary7MA4YWxkTrZu0gW"
    body_bytes = b""
    for name, value in pairs:
        raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        body_bytes += head.encode("utf-8", "surrogatepass") + raw + b"\r\n"
    body_bytes += f"--{boundary}--\r\n".encode()
    return body_bytes, f"multipart/form-data; boundary={boundary}"


SITES = {
    "admin": (ADMIN_LOGIN, CONFIG_PAGE, ADMIN_USER, ADMIN_PASSWORD),
    "portal": (PORTAL_LOGIN, API_PORTAL, MERCHANT_EMAIL, MERCHANT_PASSWORD),
}
SESSION_COOKIES = {"admin": "admin", "portal": "PHPSESSID"}


def as_on_the_wire(text: str) -> str:
    """A header value as a WSGI server hands it to the app: the bytes sent (here the text's UTF-8, a lone
    surrogate as ``surrogatepass`` encodes it), read as latin-1; CR and LF, which end a header, left out."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1").replace("\r", "").replace("\n", "")


_PLACEHOLDER = re.compile(r"<(?:[^:>]+:)?([^>]+)>")
_PLACEHOLDER_VALUES = {"section": "services_connector", "filename": "admin.css", "key": "0" * 64}


def every_route(app: Flask) -> list[tuple[str, str]]:
    """(method, path) for every method of every rule of ``app``, placeholders filled in with a plausible value."""
    found = []
    for rule in app.url_map.iter_rules():
        path = _PLACEHOLDER.sub(lambda m: _PLACEHOLDER_VALUES.get(m.group(1), "x"), rule.rule)
        found += [(method, path) for method in sorted(rule.methods or ()) if method not in ("HEAD", "OPTIONS")]
    return found


class Browser:
    """A cookie-keeping client for one site ("admin" or "portal")."""

    def __init__(self, site: str) -> None:
        self.site = site
        self.form_key = ""  # the signed-in session's form key (see sign_in)

    def _send(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> Page:
        raise NotImplementedError

    def fresh(self) -> Browser:
        """Another browser on the same site, with no cookies: another person."""
        raise NotImplementedError

    def request(
        self,
        method: str,
        path: str,
        *,
        data: FormData | None = None,
        body: bytes | None = None,
        multipart: bool = False,
        headers: Mapping[str, str] | None = None,
        follow_redirects: bool = False,
    ) -> Page:
        sent = dict(headers or {})
        if data is not None:
            body, sent["Content-Type"] = encode_form(data, multipart)
        for _ in range(10):
            page = self._send(method, path, body, sent)
            if not follow_redirects or page.status not in (301, 302, 303, 307, 308):
                return page
            assert page.location, "a redirect without Location"
            path = self._local(page.location)
            if page.status in (301, 302, 303):
                method, body = "GET", None
                sent.pop("Content-Type", None)
        raise AssertionError("too many redirects")

    def _local(self, location: str) -> str:
        parts = urllib.parse.urlsplit(location)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def get(self, path: str, **kw: Any) -> Page:
        return self.request("GET", path, **kw)

    def post(self, path: str, data: FormData | None = None, **kw: Any) -> Page:
        return self.request("POST", path, data=data, **kw)

    def submit_login(self, username: str, password: str) -> Page:
        """Fill in and send the site's ``#login-form`` as a person would; the answer, not followed."""
        login_path = SITES[self.site][0]
        page = self.get(login_path)
        action = page.doc.select_one("form#login-form").get("action") or login_path
        return self.post(
            action, {"form_key": page.form_key(), "login[username]": username, "login[password]": password}
        )

    def control(self, token: str = CONTROL_TOKEN) -> Control:
        """The site's ``/_mock`` control API, sending ``token``."""
        return Control(self, token)

    def sign_in(self, username: str | None = None, password: str | None = None, form_page: str = "") -> Browser:
        """Sign in (the seeded user by default) and read the new session's form key from a form page."""
        _, default_form_page, default_user, default_password = SITES[self.site]
        answer = self.submit_login(username or default_user, password or default_password)
        assert answer.status == 302, f"sign-in failed: {answer.status} {answer.messages('error')}"
        self.form_key = self.get(form_page or default_form_page).form_key()
        return self


class TestBrowser(Browser):
    """A browser on a Flask app, in process (``app.test_client()``)."""

    __test__ = False  # not a test class

    def __init__(self, site: str, app: Flask) -> None:
        super().__init__(site)
        self.app = app
        self.client: FlaskClient = app.test_client()

    def fresh(self) -> TestBrowser:
        return TestBrowser(self.site, self.app)

    def request_as_sent(
        self, method: str, path: str, headers: Sequence[tuple[str, str]], body: bytes | None = None
    ) -> Page:
        """A request with exactly ``headers`` (Host included), and this browser's session cookie unless they
        hold a Cookie, straight to the app as a WSGI server hands it over: the test client's cookie jar would
        replace the Cookie header, and reading the answer's URL for it fails on a Host that is no host name."""
        sent = list(headers)
        cookie = self.client.get_cookie(SESSION_COOKIES[self.site])
        if cookie is not None and not any(name.lower() == "cookie" for name, _ in sent):
            sent.append(("Cookie", f"{cookie.key}={cookie.value}"))
        environ = EnvironBuilder(path=path, method=method, headers=sent, data=body).get_environ()
        answer, status, answer_headers = run_wsgi_app(self.app, environ, buffered=True)
        try:
            content = b"".join(answer)
        finally:
            getattr(answer, "close", lambda: None)()
        return Page(path, int(status.split(" ", 1)[0]), Headers(answer_headers), content)

    def _send(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> Page:
        response = self.client.open(path, method=method, data=body, headers=headers)
        return Page(path, response.status_code, Headers(response.headers), response.get_data())


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class HttpBrowser(Browser):
    """A browser on a real server, over HTTP (urllib with a cookie jar)."""

    def __init__(self, site: str, base_url: str, timeout: float = 10.0) -> None:
        super().__init__(site)
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects())

    def fresh(self) -> HttpBrowser:
        return HttpBrowser(self.site, self.base_url, self.timeout)

    def _send(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> Page:
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers, method=method)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return Page(path, response.status, Headers(list(response.headers.items())), response.read())
        except urllib.error.HTTPError as exc:
            with exc:
                return Page(path, exc.code, Headers(list(exc.headers.items())), exc.read())

    def _local(self, location: str) -> str:
        parts = urllib.parse.urlsplit(location)
        if parts.netloc:
            assert location.startswith(self.base_url + "/"), f"redirect off site: {location}"
        return super()._local(location)


class Control:
    """The ``/_mock`` control API of one app, with the token."""

    def __init__(self, browser: Browser, token: str = CONTROL_TOKEN) -> None:
        self.browser = browser
        self.token = token

    def call(self, method: str, path: str, body: Any = None, *, raw: bytes | None = None) -> Page:
        headers = {TOKEN_HEADER: self.token}
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        if data is not None:
            headers["Content-Type"] = "application/json"
        return self.browser.request(method, "/_mock" + path, body=data, headers=headers)

    def ok(self, method: str, path: str, body: Any = None) -> Any:
        """Call and expect a 2xx; the JSON answer."""
        page = self.call(method, path, body)
        assert 200 <= page.status < 300, f"{method} {path}: {page.status} {page.text}"
        return page.json()


class Db:
    """Read-only look into one app's SQLite file (what is really stored)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return [tuple(r) for r in conn.execute(sql, params).fetchall()]
        finally:
            conn.close()

    def config(self) -> list[tuple[str, int, str, str]]:
        """Every core_config_data row as (scope, scope_id, path, value)."""
        return [
            (r[0], r[1], r[2], r[3])
            for r in self.rows("SELECT scope, scope_id, path, value FROM core_config_data ORDER BY path")
        ]

    def config_value(self, path: str) -> str | None:
        found = self.rows(
            "SELECT value FROM core_config_data WHERE scope = 'default' AND scope_id = 0 AND path = ?", (path,)
        )
        return found[0][0] if found else None


@pytest.fixture(scope="session")
def dead_gateway_url() -> Iterator[str]:
    """A loopback URL that refuses connections: a port held (bound) but never listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


# --------------------------------------------------------------------------- in-process apps

AppFactory = Callable[..., TestBrowser]


def _admin_config(database: Path, gateway_url: str) -> dict[str, Any]:
    return {
        "DATABASE": str(database),
        "CONTROL_TOKEN": CONTROL_TOKEN,
        "GATEWAY_URL": gateway_url,
        "PORTAL_URL": "http://portal.test",
        "GATEWAY_TIMEOUT": GATEWAY_TIMEOUT,
    }


@pytest.fixture(scope="session")
def db_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where the tests' SQLite files go: memory-backed /dev/shm when there is one.

    Every commit of SQLite waits for the disk (fsync); on a busy disk that is
    most of the suite's time, and durability is not what these tests check.
    """
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path_factory.mktemp("db")
        return
    folder = Path(tempfile.mkdtemp(prefix="mocks-tests-", dir=shm))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def own_db_dir(db_dir: Path) -> Iterator[Path]:
    """A folder of this test's own, for the databases of the apps it makes."""
    folder = Path(tempfile.mkdtemp(dir=db_dir))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def make_admin(own_db_dir: Path, dead_gateway_url: str) -> AppFactory:
    """``make_admin(**config)``: an anonymous browser on a new admin app (its own database).

    By default the admin's gateway refuses connections and the admin waits at
    most ``GATEWAY_TIMEOUT`` for it; config keys override anything.
    """
    made = itertools.count()

    def make(**config: Any) -> TestBrowser:
        database = own_db_dir / f"admin-{next(made)}.sqlite3"
        return TestBrowser("admin", admin_pkg.create_app({**_admin_config(database, dead_gateway_url), **config}))

    return make


@pytest.fixture
def make_portal(own_db_dir: Path) -> AppFactory:
    """``make_portal(**config)``: an anonymous browser on a new portal app (its own database)."""
    made = itertools.count()

    def make(**config: Any) -> TestBrowser:
        database = own_db_dir / f"portal-{next(made)}.sqlite3"
        return TestBrowser(
            "portal", portal_pkg.create_app({"DATABASE": str(database), "CONTROL_TOKEN": CONTROL_TOKEN, **config})
        )

    return make


@pytest.fixture(scope="session")
def shared_admin_app(db_dir: Path, dead_gateway_url: str) -> Flask:
    """One admin app for the session (building an app costs more than resetting one)."""
    return admin_pkg.create_app(_admin_config(db_dir / "shared-admin.sqlite3", dead_gateway_url))


@pytest.fixture(scope="session")
def shared_portal_app(db_dir: Path) -> Flask:
    database = db_dir / "shared-portal.sqlite3"
    return portal_pkg.create_app({"DATABASE": str(database), "CONTROL_TOKEN": CONTROL_TOKEN})


@pytest.fixture
def admin_browser(shared_admin_app: Flask) -> TestBrowser:
    """An anonymous browser on the admin, whose state was just reset."""
    browser = TestBrowser("admin", shared_admin_app)
    browser.control().ok("POST", "/reset")
    return browser


@pytest.fixture
def portal_browser(shared_portal_app: Flask) -> TestBrowser:
    """An anonymous browser on the portal, whose state was just reset."""
    browser = TestBrowser("portal", shared_portal_app)
    browser.control().ok("POST", "/reset")
    return browser


@pytest.fixture
def admin(admin_browser: TestBrowser) -> Browser:
    """Another browser on the same admin, signed in as the seeded user (``.form_key`` set)."""
    return admin_browser.fresh().sign_in()


@pytest.fixture
def portal(portal_browser: TestBrowser) -> Browser:
    """Another browser on the same portal, signed in as the seeded merchant (``.form_key`` set)."""
    return portal_browser.fresh().sign_in()


@pytest.fixture
def admin_control(admin_browser: TestBrowser) -> Control:
    return admin_browser.fresh().control()


@pytest.fixture
def portal_control(portal_browser: TestBrowser) -> Control:
    return portal_browser.fresh().control()


@pytest.fixture
def admin_db(admin_browser: TestBrowser) -> Db:
    return Db(admin_browser.app.config["DATABASE"])


@pytest.fixture
def portal_db(portal_browser: TestBrowser) -> Db:
    return Db(portal_browser.app.config["DATABASE"])


# --------------------------------------------------------------------------- real servers


@dataclass
class Live:
    """Both mocks as real servers, freshly reset; their request logs read from the reset on."""

    servers: MockServers
    admin_control: Control
    portal_control: Control
    admin_mark: int = 0
    portal_mark: int = 0

    @property
    def admin_base(self) -> str:
        return self.servers.admin.base_url

    @property
    def portal_base(self) -> str:
        return self.servers.portal.base_url

    def admin_browser(self) -> HttpBrowser:
        return HttpBrowser("admin", self.admin_base)

    def portal_browser(self) -> HttpBrowser:
        return HttpBrowser("portal", self.portal_base)

    def admin(self) -> Browser:
        return self.admin_browser().sign_in()

    def portal(self) -> Browser:
        return self.portal_browser().sign_in()

    def admin_log(self) -> list[dict[str, Any]]:
        """What the admin saw in this test, control calls left out."""
        entries = self.admin_control.ok("GET", f"/log?since={self.admin_mark}")["entries"]
        return [e for e in entries if not e.get("control")]

    def portal_log(self) -> list[dict[str, Any]]:
        """What the portal saw in this test, control calls left out."""
        entries = self.portal_control.ok("GET", f"/log?since={self.portal_mark}")["entries"]
        return [e for e in entries if not e.get("control")]

    def new_key(self, **fields: Any) -> str:
        """A key for the seeded merchant, made through the control API (``expires_in_seconds``, ``revoked``)."""
        made = self.portal_control.ok("POST", "/keys", {"email": MERCHANT_EMAIL, **fields})
        return str(made["key"])

    def store_key(self, value: str) -> None:
        self.admin_control.ok("PUT", "/config", {"path": PRODUCTION_KEY_PATH, "value": value})

    @property
    def admin_db(self) -> Db:
        return Db(self.servers.data_dir / "admin.sqlite3")


@pytest.fixture(scope="session")
def servers(db_dir: Path) -> Iterator[MockServers]:
    mocks = start_mocks(
        data_dir=db_dir / "live",
        control_token=CONTROL_TOKEN,
        admin_config={"GATEWAY_TIMEOUT": GATEWAY_TIMEOUT},
        cookie_names="real",  # whatever else runs on this host: the names these tests look for
    )
    yield mocks
    mocks.stop()


@pytest.fixture
def live(servers: MockServers) -> Live:
    state = Live(
        servers,
        HttpBrowser("admin", servers.admin.base_url).control(),
        HttpBrowser("portal", servers.portal.base_url).control(),
    )
    state.admin_control.ok("POST", "/reset")
    state.portal_control.ok("POST", "/reset")
    state.admin_mark = state.admin_control.ok("GET", "/log/mark")["mark"]
    state.portal_mark = state.portal_control.ok("GET", "/log/mark")["mark"]
    return state
