"""Steps that set the stage through the mocks' control API: stored keys, the key service, time.

Scenarios using them are tagged ``@mock-only`` and skipped on a target without one,
except "no key is saved", which then clears the field in the UI instead.
"""

from __future__ import annotations

import secrets

import pytest
from pytest_bdd import given, parsers, when

from fixtures.control_api import AdminControl, PortalControl
from fixtures.journey import Journey
from flowspec.commerce import PRODUCTION_API_KEY_PATH
from steps.action_groups import clear_stored_key

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


def _store_key(journey: Journey, key: str) -> None:
    _admin(journey).set_config(PRODUCTION_API_KEY_PATH, key)
    journey.stored_key = key


@given("no Amazon API key is saved in the store configuration")
@given("in der Store-Konfiguration ist kein Amazon API-Schlüssel gespeichert")
def no_key_saved(journey: Journey, request: pytest.FixtureRequest) -> None:
    clear_stored_key(journey, request)


@given(parsers.parse("the store configuration holds a key that is {problem}"))
def bad_key_stored(journey: Journey, problem: str) -> None:
    portal, email = _portal(journey), journey.target.portal_email
    if problem == "unknown":
        key = secrets.token_hex(24)
    elif problem == "expired":
        key = portal.create_key(email, expires_in_seconds=-60)
    elif problem == "revoked":
        key = portal.create_key(email, revoked=True)
    else:
        raise ValueError(f"no way to make a key that is {problem!r}")
    _store_key(journey, key)


@given("the store configuration holds a valid key")
def valid_key_stored(journey: Journey) -> None:
    _store_key(journey, _portal(journey).create_key(journey.target.portal_email))


@given(parsers.parse("the store configuration holds a valid key that expires in {hours:d} hour"))
@given(parsers.parse("the store configuration holds a valid key that expires in {hours:d} hours"))
def expiring_key_stored(journey: Journey, hours: int) -> None:
    _store_key(journey, _portal(journey).create_key(journey.target.portal_email, expires_in_seconds=hours * 3600))


@when("the key is revoked in the Commerce account")
def key_revoked(journey: Journey) -> None:
    assert journey.stored_key, "no key was stored earlier in this scenario"
    _portal(journey).revoke_key(journey.stored_key)


@when(parsers.parse("{hours:d} hours pass"))
def time_passes(journey: Journey, hours: int) -> None:
    _portal(journey).advance_clock(hours * 3600)


@given(parsers.parse("the key service is {fault}"))
def key_service_fault(journey: Journey, fault: str) -> None:
    mode, delay = GATEWAY_FAULTS[fault]
    _portal(journey).set_gateway(mode, delay)
