"""Steps of the read-only verify scenario (the doc's "or verify" half)."""

from __future__ import annotations

from pytest_bdd import given, then

from action_groups import verify
from harness.journey import Journey


@given("the store's Commerce Admin answers")
def check_store_answers(journey: Journey) -> None:
    verify.check_store_answers(journey)


@then("the store's Commerce Admin lets me in")
def check_signed_in(journey: Journey) -> None:
    verify.check_signed_in(journey)


@then("the channel accepts the stored key and goes on to store integration")
def check_key_accepted(journey: Journey) -> None:
    verify.check_key_accepted(journey)
