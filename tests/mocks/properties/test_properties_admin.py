"""The mock admin under any input: sign-in, Save Config on both layouts, the channel, URLs, cookies."""

from __future__ import annotations

import re
import urllib.parse
from typing import TYPE_CHECKING

from hypothesis import example, given
from hypothesis import strategies as st

from tests.mocks.conftest import as_on_the_wire
from tests.mocks.properties.oracle import is_text, snapshot, stored_text
from tests.mocks.properties.strategies import TRICKY, texts

if TYPE_CHECKING:
    from tests.mocks.conftest import Page, TestBrowser

from tests.mocks.conftest import TestBrowser as _TestBrowser

SAVE = "/admin/admin/system_config/save/section/services_connector/"
FIELD = "groups[services_connector_integration][fields][{}][value]"
PATHS = {
    "production_api_key": "services_connector/services_connector_integration/production_api_key",
    "sandbox_api_key": "services_connector/services_connector_integration/sandbox_api_key",
}
CONNECTOR_SAVE = "/admin/servicesconnector/index/save/"
CONNECTOR_PREFIX = "services_connector/services_connector_integration/"
CONNECTOR_LIMITS = {
    "production_api_key": 255,
    "production_private_key": 4096,
    "sandbox_api_key": 255,
    "sandbox_private_key": 4096,
}
CHANNEL = "/admin/channel/amazon/"


def never_5xx(page: Page) -> None:
    assert page.status < 500, f"{page.status} for {page.url}: {page.text[:300]}"


def database(browser: TestBrowser) -> str:
    return str(browser.app.config["DATABASE"])


def config_value(browser: TestBrowser, path: str) -> str | None:
    rows = snapshot(database(browser), "admin")["core_config_data"]
    found = [r for r in rows if r[3] == path]
    return found[0][4] if found else None


# --------------------------------------------------------------------------- sign-in


@given(
    username=st.one_of(st.just("admin"), st.just(" admin\t"), texts(45)),
    password=st.one_of(st.just("admin123"), texts(260)),
)
def test_admin_login_signs_in_exactly_the_right_credentials(
    doc_admin: TestBrowser, username: str, password: str
) -> None:
    doc_admin.control().ok("POST", "/reset")  # no lock from the wrong passwords of earlier examples
    browser = doc_admin.fresh()
    before = snapshot(database(browser), "admin")

    answer = browser.submit_login(username, password)

    never_5xx(answer)
    # the user name is cleaned as any text field; the password is compared exactly as typed
    right = stored_text(username, 40, required=True) == "admin" and password == "admin123"
    assert (answer.status == 302) == right, (answer.status, answer.messages("error"))
    assert (browser.get("/admin/admin/dashboard/").status == 200) == right
    assert snapshot(database(browser), "admin") == before


@given(form_key=texts(20), fields=st.dictionaries(texts(20), texts(20), max_size=4))
def test_admin_login_with_any_form_fields_signs_nobody_in(
    doc_admin: TestBrowser, form_key: str, fields: dict[str, str]
) -> None:
    browser = doc_admin.fresh()
    browser.get("/admin/")
    before = snapshot(database(browser), "admin")

    answer = browser.post("/admin/", {**fields, "form_key": form_key})

    never_5xx(answer)
    assert answer.status in (400, 401, 403)
    assert browser.get("/admin/admin/dashboard/").status == 302
    assert snapshot(database(browser), "admin") == before


# --------------------------------------------------------------------------- Save Config, the doc's layout


@given(
    production=texts(258),
    sandbox=st.none() | texts(258),
    extra=st.none() | st.tuples(st.sampled_from(["groups[", "groups[x][fields][y][value]", "other", FIELD.format("production_api_key")]) | texts(30), texts(10)),
    good_form_key=st.booleans(),
)  # fmt: skip
def test_save_config_stores_what_the_rules_say_or_nothing(
    doc_admin: TestBrowser,
    production: str,
    sandbox: str | None,
    extra: tuple[str, str] | None,
    good_form_key: bool,
) -> None:
    form = [
        ("form_key", doc_admin.form_key if good_form_key else "not-the-key"),
        (FIELD.format("production_api_key"), production),
    ]
    if sandbox is not None:
        form.append((FIELD.format("sandbox_api_key"), sandbox))
    if extra is not None:
        form.append(extra)
    before = snapshot(database(doc_admin), "admin")

    answer = doc_admin.post(SAVE, form)

    never_5xx(answer)
    expected = {"production_api_key": stored_text(production, 255)}
    if sandbox is not None:
        expected["sandbox_api_key"] = stored_text(sandbox, 255)
    names = [name for name, _ in form]
    stray = extra is not None and extra[0].startswith("groups[") and extra[0] not in [FIELD.format(k) for k in PATHS]
    twice = len(names) != len(set(names))
    readable = all(is_text(name) and is_text(value) for name, value in form)  # else the whole form is refused
    accepted = good_form_key and readable and not stray and not twice and None not in expected.values()
    if accepted:
        assert answer.status == 302, answer.messages("error")
        for field, value in expected.items():
            assert config_value(doc_admin, PATHS[field]) == (value or None)
    else:
        assert 400 <= answer.status < 500
        assert snapshot(database(doc_admin), "admin") == before


# --------------------------------------------------------------------------- Save: the current layout


@given(
    values=st.fixed_dictionaries({}, optional={field: texts(limit + 2) for field, limit in CONNECTOR_LIMITS.items()}),
    repeated=st.lists(st.tuples(st.sampled_from(list(CONNECTOR_LIMITS)), texts(10)), max_size=3),
    good_form_key=st.booleans(),
)
def test_services_connector_save_stores_what_the_rules_say_or_nothing(
    current_admin: TestBrowser, values: dict[str, str], repeated: list[tuple[str, str]], good_form_key: bool
) -> None:
    before = snapshot(database(current_admin), "admin")
    form = [("form_key", current_admin.form_key if good_form_key else "nope"), *values.items(), *repeated]

    answer = current_admin.post(CONNECTOR_SAVE, form)

    never_5xx(answer)
    posted = [(name, value) for name, value in form if name in CONNECTOR_LIMITS]
    once = len(posted) == len({name for name, _ in posted})  # a field sent twice: the save is refused
    expected = {f: stored_text(v, CONNECTOR_LIMITS[f], single_line=False) for f, v in posted}
    if good_form_key and once and all(is_text(v) for _, v in form) and None not in expected.values():
        assert answer.status == 302, answer.messages("error")
        for field, value in expected.items():
            assert config_value(current_admin, CONNECTOR_PREFIX + field) == (value or None)
    else:
        assert 400 <= answer.status < 500
        assert snapshot(database(current_admin), "admin") == before


# --------------------------------------------------------------------------- the channel, whatever key is stored


@given(key=texts(255))
def test_the_channel_opens_whatever_key_was_saved(doc_admin: TestBrowser, current_admin: TestBrowser, key: str) -> None:
    for admin, save, field in (
        (doc_admin, SAVE, FIELD.format("production_api_key")),
        (current_admin, CONNECTOR_SAVE, "production_api_key"),
    ):
        saved = admin.post(save, {"form_key": admin.form_key, field: key})
        never_5xx(saved)
        stored = config_value(admin, PATHS["production_api_key"])

        page = admin.get(CHANNEL)

        never_5xx(page)
        assert page.status == 200
        if not stored:
            status = "missing"
        elif all(0x20 <= ord(ch) <= 0x7E for ch in stored):
            status = "unavailable"  # a well-formed key goes to the gateway (here: a closed port)
        else:
            status = "unknown"  # a key no gateway could know: the prompt, with the hint
        assert f'data-key-status="{status}"' in page.text
        assert ('data-role="key-hint"' in page.text) == (status == "unknown")


# --------------------------------------------------------------------------- URLs, secret keys, cookies

ADMIN_ROUTES = [
    "/admin/admin/system_config/edit/section/{}/",
    "/admin/admin/system_config/save/section/{}/",
    "/admin/{}/",
    "/admin/admin/{}",
    "/_mock/{}",
    "/static/{}",
    "/{}",
]


@example(route=ADMIN_ROUTES[0], segment="a\r\nb", query=None, method="GET", signed_in=False)  # a return-to CR/LF
@given(
    route=st.sampled_from(ADMIN_ROUTES),
    segment=texts(30) | st.lists(st.sampled_from([*TRICKY, "a", "b"]), min_size=1, max_size=4).map("".join),
    query=st.none() | texts(30),
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]),
    signed_in=st.booleans(),
)
def test_any_url_on_the_admin_is_answered_without_a_5xx(
    doc_admin: TestBrowser, route: str, segment: str, query: str | None, method: str, signed_in: bool
) -> None:
    browser = doc_admin if signed_in else doc_admin.fresh()
    path = route.format(urllib.parse.quote(segment, safe="", errors="surrogatepass"))
    if query is not None:
        path += "?" + urllib.parse.urlencode({"q": query, "path": query}, errors="surrogatepass")
    before = snapshot(database(doc_admin), "admin")

    answer = browser.request(method, path)

    never_5xx(answer)
    assert snapshot(database(doc_admin), "admin") == before
    if not signed_in:  # the page asked for is remembered: signing in must lead back to it or to the dashboard
        signed = browser.submit_login("admin", "admin123")
        never_5xx(signed)
        assert signed.status == 302
        assert str(signed.location).startswith("/admin/") and "\n" not in str(signed.location)


@given(key=st.one_of(texts(70), st.text(st.sampled_from("0123456789abcdef"), min_size=64, max_size=64)))
def test_a_secret_key_url_is_the_page_only_with_the_right_key(keyed_admin: TestBrowser, key: str) -> None:
    page = keyed_admin.get("/admin/admin/dashboard/", follow_redirects=True)
    right = re.search(r'href="/admin/admin/system_config/key/([0-9a-f]{64})/"', page.text)
    assert right

    answer = keyed_admin.get(
        f"/admin/admin/system_config/key/{urllib.parse.quote(key, safe='', errors='surrogatepass')}/"
    )

    never_5xx(answer)
    assert answer.status in (302, 308, 404)  # a '/' in the key: another URL (308 merges '//'), or none (404)
    goes_to_config = answer.status == 302 and str(answer.location).startswith("/admin/admin/system_config/edit/")
    assert goes_to_config == (key == right.group(1))


@given(
    value=st.one_of(texts(60), st.text(st.sampled_from("AZaz09_-"), min_size=43, max_size=43)),
    name=st.sampled_from(["admin", "PHPSESSID", "other"]),
)
def test_any_session_cookie_is_a_visitor_without_a_session(doc_admin: TestBrowser, value: str, name: str) -> None:
    browser = _TestBrowser("admin", doc_admin.app)

    answer = browser.request_as_sent("GET", "/admin/admin/dashboard/", [("Cookie", as_on_the_wire(f"{name}={value}"))])

    never_5xx(answer)
    assert answer.status == 302


@given(
    body=st.binary(max_size=300) | st.lists(st.sampled_from([b"form_key=", b"&", b"=", b"%", b"%FF", b"%0", b"groups[", b"\xff", b"\x00", b"+"]), max_size=12).map(b"".join),
    content_type=st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data; boundary=b", "multipart/form-data", "text/plain", "application/json", ""]),
    target=st.sampled_from(["/admin/", SAVE]),
)  # fmt: skip
def test_any_body_to_an_admin_form_changes_nothing_it_should_not(
    doc_admin: TestBrowser, body: bytes, content_type: str, target: str
) -> None:
    before = snapshot(database(doc_admin), "admin")

    answer = doc_admin.request(
        "POST", target, body=body, headers={"Content-Type": content_type} if content_type else {}
    )

    never_5xx(answer)
    assert snapshot(database(doc_admin), "admin") == before  # no form key in these bodies: nothing saved
