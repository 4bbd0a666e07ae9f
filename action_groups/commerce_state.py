"""Setting the stage: what the store configuration holds, the key service, the clock.

Through the mocks' control API where the target has one (``@mock-only`` scenarios need it);
"no key is saved" also works without one, by clearing the field as a person would, in a
separate signed-in browser context so the scenario's own tabs stay as they are.
"""

from __future__ import annotations

import secrets

from playwright.sync_api import Browser, expect

from fixtures.control_api import AdminControl, PortalControl
from fixtures.journey import UNVERIFIED, VALID, Journey
from fixtures.sessions import StorageState
from flowspec.commerce import PRODUCTION_API_KEY_PATH
from pages.api_key_settings import api_key_settings

GATEWAY_FAULTS = {
    "down": ("down", None),
    "too slow to answer": ("slow", 10.0),
    "answering server error": ("error", None),
}


def _admin(journey: Journey) -> AdminControl:
    if journey.target.admin_control is None:
        raise AssertionError("This step needs the admin's control API; tag the scenario @mock-only.")
    return journey.target.admin_control


def _portal(journey: Journey) -> PortalControl:
    if journey.target.portal_control is None:
        raise AssertionError("This step needs the portal's control API; tag the scenario @mock-only.")
    return journey.target.portal_control


def store_key(journey: Journey, key: str, expected: str) -> None:
    with journey.keeping(None, "setting up the scenario: store a Production API key"):
        _admin(journey).set_config(PRODUCTION_API_KEY_PATH, key)
    journey.stored_key = key
    journey.expected_channel = expected


def no_key_saved(journey: Journey, browser: Browser, admin_session: StorageState) -> None:
    """No Production API key stored: through the control API, or by clearing the field in the UI."""
    journey.stored_key = None
    journey.expected_channel = "missing"
    if journey.target.admin_control is not None:
        with journey.keeping(None, "setting up the scenario: clear the Production API key"):
            journey.target.admin_control.set_config(PRODUCTION_API_KEY_PATH, "")
        return
    context = browser.new_context(storage_state=admin_session)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        with journey.keeping(None, "setting up the scenario: clear Production Api key and Save Config", page):
            page.goto(journey.target.admin_url)
            settings = api_key_settings(page)
            settings.open_by_hand()
            settings.reveal_production_api_key()
            settings.production_api_key.fill("")
            settings.save_config()
            expect(settings.success_message).to_be_visible()
    finally:
        context.close()


def bad_key_stored(journey: Journey, problem: str) -> None:
    portal, email = _portal(journey), journey.target.portal_email
    with journey.keeping(None, f"setting up the scenario: make a key that is {problem}"):
        if problem == "unknown":
            key = secrets.token_hex(24)
        elif problem == "expired":
            key = portal.create_key(email, expires_in_seconds=-60)
        elif problem == "revoked":
            key = portal.create_key(email, revoked=True)
        else:
            raise AssertionError(f"no way to make a key that is {problem!r}")
    store_key(journey, key, problem)


def valid_key_stored(journey: Journey, expires_in_seconds: float | None = None) -> None:
    with journey.keeping(None, "setting up the scenario: create a valid key in the Commerce account"):
        key = _portal(journey).create_key(journey.target.portal_email, expires_in_seconds=expires_in_seconds)
    store_key(journey, key, VALID)
    journey.stored_key_expires_in = expires_in_seconds


def revoke_stored_key(journey: Journey) -> None:
    assert journey.stored_key, "no key was stored earlier in this scenario"
    with journey.keeping(None, "revoke the stored key in the Commerce account"):
        _portal(journey).revoke_key(journey.stored_key)
    journey.expected_channel = "revoked"


def advance_clock(journey: Journey, hours: int) -> None:
    with journey.keeping(None, f"let {hours} hours pass on the mocks' clock"):
        _portal(journey).advance_clock(hours * 3600)
    expires_in = journey.stored_key_expires_in
    if expires_in is not None and hours * 3600 >= expires_in:
        journey.expected_channel = "expired"


def break_key_service(journey: Journey, fault: str) -> None:
    mode, delay = GATEWAY_FAULTS[fault]
    with journey.keeping(None, f"make the key service {fault}"):
        _portal(journey).set_gateway(mode, delay)
    journey.expected_channel = UNVERIFIED
