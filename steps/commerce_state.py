"""Steps that set the stage: what the store configuration holds, the key service, time.

Scenarios using the control API are tagged ``@mock-only`` and skipped on a target without one;
"no key is saved" also works without one (it clears the field in the UI).
"""

from __future__ import annotations

from playwright.sync_api import Browser
from pytest_bdd import given, parsers, when

from action_groups import commerce_state
from harness.journey import Journey
from harness.sessions import StorageState


@given("no Amazon API key is saved in the store configuration")
@given("in der Store-Konfiguration ist kein Amazon API-Schlüssel gespeichert")
def no_key_saved(journey: Journey, browser: Browser, admin_session_state: StorageState) -> None:
    commerce_state.no_key_saved(journey, browser, admin_session_state)


@given(parsers.parse("the store configuration holds a key that is {problem}"))
def bad_key_stored(journey: Journey, problem: str) -> None:
    commerce_state.bad_key_stored(journey, problem)


@given("the store configuration holds a valid key")
def valid_key_stored(journey: Journey) -> None:
    commerce_state.valid_key_stored(journey)


@given(parsers.parse("the store configuration holds a valid key that expires in {hours:d} hour"))
@given(parsers.parse("the store configuration holds a valid key that expires in {hours:d} hours"))
def expiring_key_stored(journey: Journey, hours: int) -> None:
    commerce_state.valid_key_stored(journey, expires_in_seconds=hours * 3600)


@when("the key is revoked in the Commerce account")
def revoke_stored_key(journey: Journey) -> None:
    commerce_state.revoke_stored_key(journey)


@when(parsers.parse("{hours:d} hours pass"))
def advance_clock(journey: Journey, hours: int) -> None:
    commerce_state.advance_clock(journey, hours)


@given(parsers.parse("the key service is {fault}"))
def break_key_service(journey: Journey, fault: str) -> None:
    commerce_state.break_key_service(journey, fault)
