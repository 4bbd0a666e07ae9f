"""Any headers (Host included, values from all of Unicode as a client would send them) on any route of either
mock, signed in or not: never a 5xx, and nothing stored changes. In process, as the WSGI server would hand the
headers over; and over real HTTP with the Host as raw bytes."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mocks import MockServers, start_mocks
from mocks.shared.control import TOKEN_HEADER
from tests.mocks.conftest import CONTROL_TOKEN, every_route
from tests.mocks.properties.oracle import snapshot
from tests.mocks.properties.strategies import HOSTS, headers

if TYPE_CHECKING:
    from pathlib import Path

    from tests.mocks.conftest import Page, TestBrowser

KINDS = ["doc", "current", "keyed", "portal"]


def never_5xx(page: Page) -> None:
    assert page.status < 500, f"{page.status} for {page.url}: {page.text[:300]}"


@pytest.fixture(scope="module")
def signed_in(
    doc_admin: TestBrowser, current_admin: TestBrowser, keyed_admin: TestBrowser, portal: TestBrowser
) -> dict[str, TestBrowser]:
    return {"doc": doc_admin, "current": current_admin, "keyed": keyed_admin, "portal": portal}


@given(
    data=st.data(),
    kind=st.sampled_from(KINDS),
    anonymous=st.booleans(),
    with_token=st.booleans(),
    sent=headers(),
)
def test_any_headers_on_any_route_are_answered_without_a_5xx(
    signed_in: dict[str, TestBrowser],
    data: st.DataObject,
    kind: str,
    anonymous: bool,
    with_token: bool,
    sent: list[tuple[str, str]],
) -> None:
    browser = signed_in[kind].fresh() if anonymous else signed_in[kind]
    routes = every_route(browser.app)
    if with_token:  # the control API's reads, past its guard (its writes have their own oracles)
        routes = [(m, p) for m, p in routes if m == "GET" and p.startswith("/_mock/")]
        sent = [*sent, (TOKEN_HEADER, CONTROL_TOKEN)]
    method, path = data.draw(st.sampled_from(routes), label="route")
    before = snapshot(browser.app.config["DATABASE"], browser.site)

    answer = browser.request_as_sent(method, path, sent)

    never_5xx(answer)
    assert snapshot(browser.app.config["DATABASE"], browser.site) == before


@pytest.fixture(scope="module")
def real_servers(app_dir: Path) -> Iterator[MockServers]:
    with start_mocks(data_dir=app_dir / "headers", control_token=CONTROL_TOKEN, cookie_names="per-port") as mocks:
        yield mocks


def status_of(base_url: str, head: bytes) -> int:
    """Send ``head`` (a request line and headers, without the blank line) and read the status of the answer."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(head + b"Connection: close\r\n\r\n")
        answer = b""
        while b"\r\n" not in answer and (chunk := conn.recv(4096)):
            answer += chunk
    version, status, *_ = answer.split(b" ", 2)
    assert version.startswith(b"HTTP/1."), answer[:200]
    return int(status)


@given(
    site=st.sampled_from(["admin", "portal"]),
    path=st.sampled_from(["/admin/", "/admin/admin/dashboard", "/customer/account/login/", "/gateway/apikeycheck", "/static/x", "/_mock/log"]),
    host=st.none() | st.binary(max_size=300) | st.sampled_from([h.encode() for h in HOSTS]),
    other=st.binary(max_size=60),
)  # fmt: skip
def test_any_host_bytes_over_http_are_answered_without_a_5xx(
    real_servers: MockServers, site: str, path: str, host: bytes | None, other: bytes
) -> None:
    """Real HTTP: the bytes a test client could not send (any octet but CR and LF, which end a header)."""
    base = (real_servers.admin if site == "admin" else real_servers.portal).base_url
    head = f"GET {path} HTTP/1.1\r\n".encode()
    if host is not None:
        head += b"Host: " + host.replace(b"\r", b"").replace(b"\n", b"") + b"\r\n"
    head += b"X-Anything: " + other.replace(b"\r", b"").replace(b"\n", b"") + b"\r\n"

    status = status_of(base, head)

    assert 200 <= status < 500
