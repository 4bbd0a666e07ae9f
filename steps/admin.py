"""Steps in the Commerce Admin: signing in (doc step 1) and its menu."""

from __future__ import annotations

from pytest_bdd import given, then, when

from action_groups import admin, amazon_channel
from harness.journey import Journey
from harness.sessions import StorageState


@given("the Commerce Admin login page is open")
@given("die Anmeldeseite des Commerce Admin ist geöffnet")
def open_login_page(journey: Journey) -> None:
    admin.open_login_page(journey)


@given("I am signed in to the Commerce Admin")
def use_admin_session(journey: Journey, admin_session_state: StorageState) -> None:
    admin.use_admin_session(journey, admin_session_state)


@given("I am not signed in to the Commerce Admin")
def check_still_signed_out(journey: Journey) -> None:
    admin.check_still_signed_out(journey, promise="admin-sign-in-returns")


@when("I sign in with the admin user name and password")
@when("ich mich mit dem Admin-Benutzernamen und dem Kennwort anmelde")
def sign_in(journey: Journey) -> None:
    admin.sign_in(journey)


@when("I sign in with the admin user name and a wrong password")
def sign_in_with_wrong_password(journey: Journey) -> None:
    admin.sign_in_with_wrong_password(journey)


@when("I sign in with a user name that does not exist")
def sign_in_as_nobody(journey: Journey) -> None:
    admin.sign_in_as_nobody(journey)


@when("I sign in with the admin user name and no password")
def sign_in_without_password(journey: Journey) -> None:
    admin.sign_in_without_password(journey)


@then("the login page says the password is required")
def check_password_required(journey: Journey) -> None:
    admin.check_password_required(journey)


@then("the Commerce Admin dashboard is shown")
@then("wird das Dashboard des Commerce Admin angezeigt")
def check_dashboard(journey: Journey) -> None:
    admin.check_dashboard(journey)


@then("the login page says the sign-in was incorrect")
def check_sign_in_refused(journey: Journey) -> None:
    admin.check_sign_in_refused(journey)


@then("the Commerce Admin still asks me to sign in")
def check_still_signed_out_after_refusal(journey: Journey) -> None:
    admin.check_still_signed_out(journey)


@when("I open Amazon Sales Channel from a bookmark")
def open_channel_from_bookmark(journey: Journey) -> None:
    admin.open_channel_from_bookmark(journey)


@then("the Commerce Admin asks me to sign in first")
def check_asked_to_sign_in(journey: Journey) -> None:
    admin.check_asked_to_sign_in(journey)


@then("Amazon Sales Channel is shown, not the dashboard")
def check_on_channel_page(journey: Journey) -> None:
    admin.check_on_channel_page(journey)


@when("I go to Marketing > Channels > Amazon Sales Channel")
@when("ich zu Marketing > Channels > Amazon Sales Channel gehe")
def open_channel(journey: Journey) -> None:
    amazon_channel.open_channel(journey)
