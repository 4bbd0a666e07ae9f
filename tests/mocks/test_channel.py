"""Marketing > Channels > Amazon Sales Channel: the key check against the gateway, on every access.

These run the real servers: the admin asks the portal's gateway over HTTP.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.mocks.conftest import AppFactory, Browser, Live, Page

CHANNEL = "/admin/channel/amazon/"
CONFIG_PAGE = "/admin/admin/system_config/edit/section/services_connector/"
CONFIG_SAVE = "/admin/admin/system_config/save/section/services_connector/"
PRODUCTION = "groups[services_connector_integration][fields][production_api_key][value]"
WELCOME = "Welcome to Amazon Sales Channel"
GATEWAY_TIMEOUT = 0.5  # what the conftest gives the admin

REASONS = {
    "missing": "No Amazon API key is saved in your store configuration yet.",
    "unknown": "The Amazon API key saved in your store configuration is not valid: Commerce does not know it.",
    "expired": "The Amazon API key saved in your store configuration has expired.",
    "revoked": "The Amazon API key saved in your store configuration has been revoked.",
}


def assert_prompt(page: Page, reason: str, portal_base: str) -> None:
    assert page.status == 200
    prompt = page.doc.select_one("section#amazon-api-key-prompt")
    assert prompt.get("data-key-status") == reason
    assert prompt.select_one("h2").text == WELCOME
    assert prompt.select_one('[data-role="reason"]').text == REASONS[reason]
    sign_in = prompt.select_one("a.action-secondary")
    assert sign_in.text == "Sign in"
    assert sign_in.get("role") == "button"  # the markup reference calls both actions buttons
    assert sign_in.get("href") == f"{portal_base}/apiportal/index/index/"
    assert sign_in.get("target") == "_blank"
    assert sign_in.get("rel") == "noopener"
    add_key = prompt.select_one("button.action-primary")
    assert add_key.text == "Add the key"
    assert add_key.get("data-href") == CONFIG_PAGE
    assert "Add Amazon Store" not in page.text


def assert_home(page: Page) -> None:
    assert page.status == 200
    assert WELCOME not in page.text
    assert 'id="amazon-api-key-prompt"' not in page.text
    button = page.doc.select_one("section#amazon-store-integration button.action-primary")
    assert button.text == "Add Amazon Store"
    assert button.get("data-href") == "/admin/channel/amazon/store/new/"


def wait_for_gateway_checks(live: Live, count: int, timeout: float = 5.0) -> None:
    """Wait until the portal has answered ``count`` key checks in this test: a slow gateway answers
    after the admin gave up, and must not answer into the next test's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len([e for e in live.portal_log() if e["path"] == "/gateway/apikeycheck"]) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"the gateway did not answer {count} checks within {timeout} s")


def assert_unverified(page: Page) -> None:
    assert page.status == 200
    section = page.doc.select_one("section#amazon-api-key-unverified")
    assert section.get("data-key-status") == "unavailable"
    assert section.select_one("h2").text == "We could not verify your Amazon API key"
    assert "could not verify the Amazon API key" in section.text
    assert WELCOME not in page.text
    assert "Add Amazon Store" not in page.text


def test_missing_key_prompts_without_asking_the_gateway(live: Live) -> None:
    assert_prompt(live.admin().get(CHANNEL), "missing", live.portal_base)

    assert [e for e in live.portal_log() if e["path"] == "/gateway/apikeycheck"] == []


def test_unknown_key_prompts(live: Live) -> None:
    live.store_key("f" * 48)

    assert_prompt(live.admin().get(CHANNEL), "unknown", live.portal_base)


def test_expired_key_prompts(live: Live) -> None:
    live.store_key(live.new_key(expires_in_seconds=-1))

    assert_prompt(live.admin().get(CHANNEL), "expired", live.portal_base)


def test_key_expires_when_the_clock_moves(live: Live) -> None:
    live.store_key(live.new_key(expires_in_seconds=3600))
    admin = live.admin()
    assert_home(admin.get(CHANNEL))

    live.portal_control.ok("POST", "/clock", {"advance_seconds": 3601})

    assert_prompt(admin.get(CHANNEL), "expired", live.portal_base)


def test_revoked_key_prompts(live: Live) -> None:
    live.store_key(live.new_key(revoked=True))

    assert_prompt(live.admin().get(CHANNEL), "revoked", live.portal_base)


def test_valid_key_opens_the_channel_home(live: Live) -> None:
    live.store_key(live.new_key())

    assert_home(live.admin().get(CHANNEL))


def test_the_index_alias_checks_too(live: Live) -> None:
    live.store_key(live.new_key())

    assert_home(live.admin().get("/admin/channel/amazon/index/"))


def test_the_key_is_checked_on_every_access(live: Live) -> None:
    key = live.new_key()
    live.store_key(key)
    admin = live.admin()

    first = admin.get(CHANNEL)
    live.portal_control.ok("POST", "/keys/revoke", {"key": key})
    second = admin.get(CHANNEL)

    assert_home(first)
    assert_prompt(second, "revoked", live.portal_base)
    assert [(e["method"], e["path"], e["status"]) for e in live.portal_log()] == [
        ("GET", "/gateway/apikeycheck", 200),
        ("GET", "/gateway/apikeycheck", 401),
    ]
    for page in (first, second):
        assert "no-store" in (page.headers.get("Cache-Control") or "")


def test_add_the_key_leads_to_the_api_keys_field(live: Live) -> None:
    admin = live.admin()
    target = admin.get(CHANNEL).doc.select_one("#amazon-api-key-prompt button.action-primary").get("data-href")
    assert target is not None

    page = admin.get(target)

    assert page.status == 200
    assert 'id="services_connector_services_connector_integration_production_api_key"' in page.text


def test_the_documented_flow_end_to_end(live: Live) -> None:
    admin = live.admin()
    assert_prompt(admin.get(CHANNEL), "missing", live.portal_base)

    portal = live.portal_browser()
    signed_in = portal.submit_login("merchant@example.com", "merchant123")
    assert signed_in.status == 302
    api_portal = portal.get("/apiportal/index/index/")
    portal.post("/apiportal/index/add/", {"form_key": api_portal.form_key(), "description": "Amazon Sales Channel"})
    copy = portal.get("/apiportal/index/index/").doc.select_one("tr.api-key-active button.copy")
    key = copy.get("data-copy-key")
    assert key is not None

    saved = admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: f"  {key}\n"})
    assert saved.status == 302
    assert live.admin_db.config_value("services_connector/services_connector_integration/production_api_key") == key

    assert_home(admin.get(CHANNEL))


def test_the_log_records_the_gateway_verdict(live: Live) -> None:
    live.store_key(live.new_key())
    admin = live.admin()

    admin.get(CHANNEL)
    live.admin_control.ok("DELETE", "/config?path=services_connector/services_connector_integration/production_api_key")
    admin.get(CHANNEL)

    entries = [e for e in live.admin_log() if e["path"] == CHANNEL]
    assert [(e["method"], e["status"], e["gateway_verdict"]) for e in entries] == [
        ("GET", 200, "valid (gateway answered 200)"),
        ("GET", 200, "missing (no key is stored; gateway not asked)"),
    ]
    assert all(isinstance(e["time"], float) for e in entries)


# --------------------------------------------------------------------------- gateway faults


@pytest.mark.parametrize("mode", ["down", "slow", "error"])
def test_gateway_fault_says_could_not_verify_in_bounded_time(live: Live, mode: str) -> None:
    live.store_key(live.new_key())
    admin = live.admin()
    live.portal_control.ok("POST", "/gateway", {"mode": mode, "delay_seconds": 2})

    started = time.monotonic()
    page = admin.get(CHANNEL)
    elapsed = time.monotonic() - started

    assert_unverified(page)
    assert elapsed < GATEWAY_TIMEOUT + 1.0
    assert "no-store" in (page.headers.get("Cache-Control") or "")
    [entry] = [e for e in live.admin_log() if e["path"] == CHANNEL]
    assert entry["gateway_verdict"].startswith("unavailable")
    if mode != "down":
        wait_for_gateway_checks(live, 1)


def test_slow_gateway_is_waited_for_the_timeout_only(live: Live) -> None:
    live.store_key(live.new_key())
    admin = live.admin()
    live.portal_control.ok("POST", "/gateway", {"mode": "slow", "delay_seconds": 2})

    admin.get(CHANNEL)

    [entry] = [e for e in live.admin_log() if e["path"] == CHANNEL]
    assert entry["gateway_verdict"] == f"unavailable (no answer within {GATEWAY_TIMEOUT:g} s)"
    wait_for_gateway_checks(live, 1)


def test_a_gateway_back_up_is_used_again(live: Live) -> None:
    live.store_key(live.new_key())
    admin = live.admin()
    live.portal_control.ok("POST", "/gateway", {"mode": "error"})
    assert_unverified(admin.get(CHANNEL))

    live.portal_control.ok("POST", "/gateway", {"mode": "ok"})

    assert_home(admin.get(CHANNEL))


def test_unreachable_gateway_says_could_not_verify(make_admin: AppFactory) -> None:
    admin = make_admin()  # its gateway URL is a closed port
    admin.control().ok(
        "PUT", "/config", {"path": "services_connector/services_connector_integration/production_api_key", "value": "k"}
    )
    admin.sign_in()

    started = time.monotonic()
    page = admin.get(CHANNEL)

    assert time.monotonic() - started < GATEWAY_TIMEOUT + 1.0
    assert_unverified(page)
    assert "gateway unreachable" in page.doc.select_one("#amazon-api-key-unverified").text


def test_channel_store_new_page(admin: Browser) -> None:
    page = admin.get("/admin/channel/amazon/store/new/")

    assert page.status == 200
    assert "Amazon Marketplace Country" in page.text
    assert page.doc.select_one('section.amazon-store-new a[href="/admin/channel/amazon/"]')


# --------------------------------------------------------------------------- a key a paste polluted

POLLUTED = [
    ("abc\u200bdef", "U+200B ZERO WIDTH SPACE"),
    ("abc\u200fdef", "U+200F RIGHT-TO-LEFT MARK"),
    ("abc\u2028def", "U+2028 LINE SEPARATOR"),
    ("abc\u00a0def", "U+00A0 NO-BREAK SPACE"),
    ("key-\u043a", "U+043A CYRILLIC SMALL LETTER KA"),
    ("key\U0001f511", "U+1F511 KEY"),
]
HINT = "The saved key contains a character that an API key never has: {}."


@pytest.mark.parametrize(("typed", "named"), POLLUTED, ids=[n for _, n in POLLUTED])
def test_a_key_with_a_character_no_api_key_has_prompts_with_a_hint(live: Live, typed: str, named: str) -> None:
    """Save Config stores the text as given; the check calls it not valid without asking the gateway."""
    admin = live.admin()
    assert admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: typed}).status == 302
    assert live.admin_db.config_value("services_connector/services_connector_integration/production_api_key") == typed

    for _ in range(2):  # every visit, not only the first
        page = admin.get(CHANNEL)
        assert_prompt(page, "unknown", live.portal_base)
        hint = page.doc.select_one('#amazon-api-key-prompt [data-role="key-hint"]')
        assert hint.text.startswith(HINT.format(named))

    assert [e for e in live.portal_log() if e["path"] == "/gateway/apikeycheck"] == []
    [entry, _] = [e for e in live.admin_log() if e["path"] == CHANNEL]
    assert entry["gateway_verdict"] == f"unknown (the key holds {named}; gateway not asked)"


def test_a_good_key_shows_no_hint(live: Live) -> None:
    live.store_key("f" * 48)

    page = live.admin().get(CHANNEL)

    assert_prompt(page, "unknown", live.portal_base)
    assert 'data-role="key-hint"' not in page.text


def test_the_hint_names_each_odd_character_once(live: Live) -> None:
    live.store_key("a\u200bb\u200bc\u2028d")

    page = live.admin().get(CHANNEL)

    hint = page.doc.select_one('[data-role="key-hint"]').text
    assert hint.startswith(
        "The saved key contains characters that an API key never has: U+200B ZERO WIDTH SPACE, U+2028 LINE SEPARATOR."
    )


@pytest.mark.parametrize("typed", ["abc\r\ndef", "abc\ndef", "abc\u200bdef"])
def test_on_the_current_admin_a_key_with_a_line_break_prompts(make_admin: AppFactory, typed: str) -> None:
    """The current layout's field takes several lines; the channel still opens, with the prompt."""
    admin = make_admin(ADMIN_LAYOUT="current").sign_in(form_page="/admin/servicesconnector/index/index/")
    saved = admin.post(
        "/admin/servicesconnector/index/save/", {"form_key": admin.form_key, "production_api_key": typed}
    )
    assert saved.status == 302

    page = admin.get(CHANNEL)

    assert page.status == 200
    prompt = page.doc.select_one("section#amazon-api-key-prompt")
    assert prompt.get("data-key-status") == "unknown"  # its gateway is a closed port: it was not asked
    assert prompt.select_one('[data-role="reason"]').text == REASONS["unknown"]
    assert prompt.select_one('[data-role="key-hint"]').text.startswith("The saved key contains")


def test_the_key_checks_time_out_can_be_shortened_until_the_next_reset(live: Live) -> None:
    live.store_key(live.new_key())
    admin = live.admin()
    assert live.admin_control.ok("POST", "/keycheck", {"timeout_seconds": 0.3}) == {"timeout_seconds": 0.3}
    live.portal_control.ok("POST", "/gateway", {"mode": "slow", "delay_seconds": 2})

    started = time.monotonic()
    assert_unverified(admin.get(CHANNEL))
    assert time.monotonic() - started < 1.5, "the shorter time-out is used"
    [entry] = [e for e in live.admin_log() if e["path"] == CHANNEL]
    assert entry["gateway_verdict"] == "unavailable (no answer within 0.3 s)"
    wait_for_gateway_checks(live, 1)

    live.admin_control.ok("POST", "/reset", {})
    mark = live.admin_control.ok("GET", "/log/mark")["mark"]
    live.store_key(live.new_key())
    assert_unverified(live.admin().get(CHANNEL))
    entries = live.admin_control.ok("GET", f"/log?since={mark}")["entries"]
    [entry] = [e for e in entries if e["path"] == CHANNEL]
    assert entry["gateway_verdict"] == f"unavailable (no answer within {GATEWAY_TIMEOUT:g} s)", (
        "reset: configured again"
    )
    wait_for_gateway_checks(live, 2)
