"""The mock account portal under any input: sign-in, registration, Add New, Copy, Revoke, the gateway."""

from __future__ import annotations

import http.client
import urllib.parse
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mocks import MockServers, start_mocks
from tests.mocks.conftest import CONTROL_TOKEN, HttpBrowser, TestBrowser, as_on_the_wire
from tests.mocks.properties.oracle import CONTROL, is_text, same_email, snapshot, stored_text
from tests.mocks.properties.strategies import texts

if TYPE_CHECKING:
    from pathlib import Path

    from tests.mocks.conftest import Page

MERCHANT, MERCHANT_PASSWORD = "merchant@example.com", "merchant123"
API_PORTAL = "/apiportal/index/index/"


def never_5xx(page: Page) -> None:
    assert page.status < 500, f"{page.status} for {page.url}: {page.text[:300]}"


def database(browser: TestBrowser) -> str:
    return str(browser.app.config["DATABASE"])


# --------------------------------------------------------------------------- sign-in and registration


@given(
    email=st.sampled_from([MERCHANT, " Merchant@Example.COM ", "merchant@example.com\u200b"]) | texts(260),
    password=st.sampled_from([MERCHANT_PASSWORD, " merchant123 "]) | texts(130),
)
def test_portal_login_signs_in_exactly_the_right_credentials(portal: TestBrowser, email: str, password: str) -> None:
    portal.control().ok("POST", "/reset")  # no lock from the wrong passwords of earlier examples
    browser = portal.fresh()
    before = snapshot(database(browser), "portal")

    answer = browser.submit_login(email, password)

    never_5xx(answer)
    cleaned_email = stored_text(email, 254, required=True)
    # the address is cleaned as any text field; the password is compared exactly as typed
    right = cleaned_email is not None and same_email(cleaned_email, MERCHANT) and password == MERCHANT_PASSWORD
    assert (answer.status == 302) == right, (answer.status, answer.messages("error"))
    assert (browser.get(API_PORTAL).status == 200) == right
    assert snapshot(database(browser), "portal") == before


EMAILS = st.one_of(
    st.builds(
        lambda user, n: f"{user}{n}@example.com", st.sampled_from(["ann", "Bob", "c.d+e"]), st.integers(0, 10**9)
    ),
    texts(60),
)
PASSWORDS = st.one_of(st.builds(lambda n: f"pass-{n}-word", st.integers(0, 10**6)), texts(20))


@given(
    firstname=texts(66),
    lastname=texts(66),
    email=EMAILS,
    password=PASSWORDS,
    confirmation_differs=st.booleans(),
)
def test_registration_stores_what_the_rules_say_or_nothing(
    portal: TestBrowser, firstname: str, lastname: str, email: str, password: str, confirmation_differs: bool
) -> None:
    browser = portal.fresh()
    form_key = browser.get("/customer/account/create/").form_key()
    before = snapshot(database(browser), "portal")

    answer = browser.post(
        "/customer/account/createpost/",
        {
            "form_key": form_key,
            "firstname": firstname,
            "lastname": lastname,
            "email": email,
            "password": password,
            "password_confirmation": password + ("x" if confirmation_differs else ""),
        },
    )

    never_5xx(answer)
    after = snapshot(database(browser), "portal")
    if answer.status != 302:
        assert 400 <= answer.status < 500
        assert after == before
        return
    assert not confirmation_differs
    [new] = [row for row in after["account"] if row not in before["account"]]
    _, stored_email, stored_first, stored_last, _, _ = new
    assert stored_email == stored_text(email, 254, required=True)
    assert (stored_first, stored_last) == (stored_text(firstname, 64), stored_text(lastname, 64))
    assert 8 <= len(password) <= 128 and password == password.strip() and is_text(password)
    assert not any(ord(ch) in CONTROL or ch in "\r\n" for ch in password)
    assert after["api_key"] == before["api_key"]
    assert browser.fresh().submit_login(stored_email, password).status == 302  # the account works


# --------------------------------------------------------------------------- Add New, Copy, Revoke


@given(description=st.sampled_from(["Amazon Sales Channel", "  spaced  "]) | texts(102), good_form_key=st.booleans())
def test_add_new_lists_the_key_by_its_name_with_its_value_to_copy(
    portal: TestBrowser, description: str, good_form_key: bool
) -> None:
    before = snapshot(database(portal), "portal")

    answer = portal.post(
        "/apiportal/index/add/", {"form_key": portal.form_key if good_form_key else "nope", "description": description}
    )

    never_5xx(answer)
    after = snapshot(database(portal), "portal")
    expected = stored_text(description, 100, required=True)
    if not good_form_key or expected is None:
        assert 400 <= answer.status < 500
        assert after == before
        return
    assert answer.status == 302
    [new] = [row for row in after["api_key"] if row not in before["api_key"]]
    key_id, _, name, value = new[:4]
    assert name == expected
    row = portal.get(API_PORTAL).doc.select_one(f'tr.api-key-row[data-key-id="{key_id}"]')
    assert row.select_one(".api-key-name").tag.get_text() == expected  # shown as stored, markup escaped
    assert row.select_one("button.copy").get("data-copy-key") == value  # Copy hands over the stored value


@given(
    key_id=st.one_of(st.sampled_from(["1", "2", " 3 ", "+2", "0002", "2_0", "\u0662"]), st.integers(-5, 10**20).map(str), texts(25)),
    good_form_key=st.booleans(),
)  # fmt: skip
def test_revoke_revokes_exactly_the_named_active_key_or_nothing(
    portal: TestBrowser, key_id: str, good_form_key: bool
) -> None:
    control = portal.control()
    control.ok("POST", "/reset")  # the merchant stays signed in
    for n in range(3):
        control.ok("POST", "/keys", {"email": MERCHANT, "key": f"key-{n}", "revoked": n == 0})
    before = snapshot(database(portal), "portal")
    active = {row[0] for row in before["api_key"] if row[6] is None}

    answer = portal.post(
        "/apiportal/index/revoke/", {"form_key": portal.form_key if good_form_key else "nope", "key_id": key_id}
    )

    never_5xx(answer)
    after = snapshot(database(portal), "portal")
    try:
        named: int | None = int(key_id)  # "a whole number", as Python reads one
    except ValueError:
        named = None
    if good_form_key and named in active:
        assert answer.status == 302
        [changed] = [row for row in after["api_key"] if row not in before["api_key"]]
        assert changed[0] == named
        assert changed[6] is not None
    else:
        assert 400 <= answer.status < 500
        assert after == before


# --------------------------------------------------------------------------- the gateway


@given(value=texts(60))
def test_the_gateway_answers_any_header_value_with_a_verdict(portal: TestBrowser, value: str) -> None:
    wire = as_on_the_wire(value)  # what the server reads for a header of that text
    key = portal.control().ok("POST", "/keys", {"email": MERCHANT})["key"]
    before = snapshot(database(portal), "portal")

    for sent in (wire, f" {key} ", key + wire):
        answer = portal.get("/gateway/apikeycheck", headers={"magento-api-key": sent})
        never_5xx(answer)
        assert answer.status in (200, 401)
        assert (answer.status == 200) == (sent.strip() == key)
    assert snapshot(database(portal), "portal") == before


@pytest.fixture(scope="module")
def real_servers(app_dir: Path) -> Iterator[MockServers]:
    with start_mocks(data_dir=app_dir / "real", control_token=CONTROL_TOKEN, cookie_names="per-port") as mocks:
        yield mocks


@given(value=st.binary(max_size=80))
def test_the_gateway_over_http_takes_any_header_bytes(real_servers: MockServers, value: bytes) -> None:
    """Real HTTP: bytes a test client could not send (any octet but CR/LF, which end a header)."""
    value = value.replace(b"\r", b"").replace(b"\n", b"")
    host, port = real_servers.portal.base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.putrequest("GET", "/gateway/apikeycheck")
        conn.putheader("magento-api-key", value)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()

    assert response.status in (400, 401), body
    if response.status == 401:
        assert b'"valid":false' in body.replace(b" ", b"")


@given(path=texts(40), method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"]))
def test_any_url_on_the_portal_is_answered_without_a_5xx(real_servers: MockServers, path: str, method: str) -> None:
    browser = HttpBrowser("portal", real_servers.portal.base_url)
    quoted = "/" + urllib.parse.quote(path, safe="/?=&", errors="surrogatepass")
    assume(not quoted.startswith("//"))

    answer = browser.request(method, quoted)

    never_5xx(answer)
