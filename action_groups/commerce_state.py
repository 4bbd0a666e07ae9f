"""Setting the stage: what the store configuration holds, the key service, the clock.

Through the mocks' control API where the target has one (``@mock-only`` scenarios need it); "no key is saved"
also works without one, by clearing the field as a person would, in a separate signed-in browser context so
the scenario's own tabs stay as they are. Each step tells the scenario's store model what it did; what the
channel must show next is derived from it.
"""

from __future__ import annotations

import secrets

from playwright.sync_api import Browser, expect

from flowspec.commerce import PRODUCTION_API_KEY_PATH
from harness.control_api import AdminControl, PortalControl
from harness.journey import Journey
from harness.sessions import StorageState
from pages.api_key_settings import api_key_settings

GATEWAY_FAULTS = {
    "down": ("down", None),
    "too slow to answer": ("slow", 1.0),
    "answering server error": ("error", None),
}
# "Too slow" is slower than the channel waits: the channel is told to wait 0.3 s (not its usual 3 s), which
# proves the same behaviour without the scenario waiting for the usual time-out.
SLOW_SERVICE_TIMEOUT = 0.3


def _admin(journey: Journey) -> AdminControl:
    if journey.target.admin_control is None:
        raise AssertionError("This step needs the admin's control API; tag the scenario @mock-only.")
    return journey.target.admin_control


def _portal(journey: Journey) -> PortalControl:
    if journey.target.portal_control is None:
        raise AssertionError("This step needs the portal's control API; tag the scenario @mock-only.")
    return journey.target.portal_control


def store_key(journey: Journey, key: str) -> None:
    with journey.setting_up("store a Production API key"):
        admin = _admin(journey)
        admin.set_config(PRODUCTION_API_KEY_PATH, key)
        stored = admin.get_config(PRODUCTION_API_KEY_PATH)
        assert stored == key, f"the store configuration holds {stored!r} instead of the key just stored"
    journey.store.key_saved(key)


def no_key_saved(journey: Journey, browser: Browser, admin_session: StorageState) -> None:
    """No Production API key stored: through the control API, or by clearing the field in the UI."""
    if journey.target.admin_control is not None:
        with journey.setting_up("clear the Production API key"):
            journey.target.admin_control.set_config(PRODUCTION_API_KEY_PATH, "")
            stored = journey.target.admin_control.get_config(PRODUCTION_API_KEY_PATH)
            assert stored is None, f"the store configuration still holds a key: {stored!r}"
    else:
        with journey.setting_up("clear Production Api key and Save Config"):
            _clear_key_in_the_ui(journey, browser, admin_session)
    journey.store.key_saved(None)


def _clear_key_in_the_ui(journey: Journey, browser: Browser, admin_session: StorageState) -> None:
    """Clear Production Api key and Save Config in a browser context of its own, as a person would."""
    context = browser.new_context(storage_state=admin_session)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(journey.target.admin_url)
        settings = api_key_settings(page)
        settings.open_by_hand()
        settings.clear_production_api_key()
        settings.save_config()
        expect(settings.success_message).to_be_visible()
    finally:
        context.close()


def bad_key_stored(journey: Journey, problem: str) -> None:
    portal, email = _portal(journey), journey.target.portal_email
    with journey.setting_up(f"make a key that is {problem}"):
        if problem == "unknown":
            key = secrets.token_hex(24)
            assert portal.key_status(email, key) is None, "the account knows the made-up key"
        elif problem in ("expired", "revoked"):
            made = portal.create_key(
                email, expires_in_seconds=-60 if problem == "expired" else None, revoked=problem == "revoked"
            )
            assert made["status"] == problem, f"the account made a key that is {made['status']}, not {problem}"
            key = str(made["key"])
            journey.store.account_made(key, problem)
        else:
            raise AssertionError(f"no way to make a key that is {problem!r}")
    store_key(journey, key)


def valid_key_stored(journey: Journey, expires_in_seconds: float | None = None) -> None:
    with journey.setting_up("create a valid key in the Commerce account"):
        made = _portal(journey).create_key(journey.target.portal_email, expires_in_seconds=expires_in_seconds)
        assert made["status"] == "active", f"the account made a key that is {made['status']}, not active"
    journey.store.account_made(str(made["key"]), expires_in=expires_in_seconds)
    store_key(journey, str(made["key"]))


def account_has_keys(journey: Journey, problems: list[str]) -> None:
    """Keys of the Commerce account in the given states (expired, revoked), not saved anywhere."""
    portal, email = _portal(journey), journey.target.portal_email
    for problem in problems:
        with journey.setting_up(f"make a key that is {problem} in the Commerce account"):
            made = portal.create_key(
                email,
                name=f"Old {problem} key",
                expires_in_seconds=-60 if problem == "expired" else None,
                revoked=problem == "revoked",
            )
            assert made["status"] == problem, f"the account made a key that is {made['status']}, not {problem}"
        journey.store.account_made(str(made["key"]), problem)


def revoke_stored_key(journey: Journey) -> None:
    key = journey.store.saved_key
    with journey.setting_up("revoke the stored key in the Commerce account"):
        assert key, "no key was stored earlier in this scenario"
        status = _portal(journey).revoke_key(key)
        assert status == "revoked", f"the account says the key is {status} after Revoke"
    journey.store.revoked(key)


def advance_clock(journey: Journey, hours: int) -> None:
    portal = _portal(journey)
    with journey.setting_up(f"let {hours} hours pass on the mocks' clock"):
        portal.advance_clock(hours * 3600)
    journey.store.time_passes(hours * 3600)
    key = journey.store.saved_key
    if key and journey.store.status(key) == "expired":
        with journey.setting_up(f"the stored key should have expired after {hours} hours"):
            status = portal.key_status(journey.target.portal_email, key)
            assert status == "expired", f"after {hours} hours the stored key is {status}, not expired"


def break_key_service(journey: Journey, fault: str) -> None:
    mode, delay = GATEWAY_FAULTS[fault]
    with journey.setting_up(f"make the key service {fault}"):
        if mode == "slow":
            waits = _admin(journey).set_keycheck_timeout(SLOW_SERVICE_TIMEOUT)
            assert delay is not None and waits < delay, f"the channel waits {waits} s, longer than the service takes"
        now = _portal(journey).set_gateway(mode, delay)
        assert now == mode, f"the key service is {now!r}, not {mode!r}"
    journey.store.key_service_breaks(mode)
