"""Steps in the Commerce Admin: login (doc step 1) and the menu (doc steps 2 and 9)."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import given, then, when

from fixtures.journey import Journey
from fixtures.sessions import StorageState
from pages.admin_login import AdminLoginPage
from pages.admin_menu import AdminMenu
from steps.checks import doc_expectation


@given("the Commerce Admin login page is open")
@given("die Anmeldeseite des Commerce Admin ist geöffnet")
def login_page_open(journey: Journey) -> None:
    AdminLoginPage(journey.admin_tab, journey.target.admin_url).open()


@given("I am signed in to the Commerce Admin")
def signed_in_to_admin(journey: Journey, admin_session_state: StorageState) -> None:
    journey.admin_tab.context.add_cookies(admin_session_state["cookies"])
    journey.admin_tab.goto(journey.target.admin_url)
    with doc_expectation("doc-step-1", "the shared admin session should open the Admin", journey.admin_tab):
        expect(AdminMenu(journey.admin_tab).nav).to_be_visible()


@when("I sign in with the admin user name and password")
@when("ich mich mit dem Admin-Benutzernamen und dem Kennwort anmelde")
def sign_in_to_admin(journey: Journey) -> None:
    login = AdminLoginPage(journey.admin_tab, journey.target.admin_url)
    login.sign_in(journey.target.admin_user, journey.target.admin_password)


@when("I sign in with the admin user name and a wrong password")
def sign_in_with_wrong_password(journey: Journey) -> None:
    login = AdminLoginPage(journey.admin_tab, journey.target.admin_url)
    login.sign_in(journey.target.admin_user, journey.target.admin_password + "-wrong")


@then("the Commerce Admin dashboard is shown")
def dashboard_shown(journey: Journey) -> None:
    tab = journey.admin_tab
    with doc_expectation("doc-step-1", "after signing in, the Admin shows its dashboard and sidebar", tab):
        expect(tab.locator(".page-header h1.page-title")).to_have_text("Dashboard")
        expect(AdminMenu(tab).marketing).to_be_visible()


@then("the login page says the sign-in was incorrect")
def login_error_shown(journey: Journey) -> None:
    login = AdminLoginPage(journey.admin_tab, journey.target.admin_url)
    with doc_expectation("doc-step-1", "a wrong password shows the sign-in error", journey.admin_tab):
        expect(login.error_message).to_contain_text("sign-in was incorrect")
        expect(login.form).to_be_visible()


@then("the Commerce Admin still asks me to sign in")
def admin_still_needs_login(journey: Journey) -> None:
    tab = journey.admin_tab
    login = AdminLoginPage(tab, journey.target.admin_url)
    login.open()
    with doc_expectation("doc-step-1", "without a valid login, the Admin shows the login form, not its menu", tab):
        expect(login.form).to_be_visible()
        expect(AdminMenu(tab).nav).to_have_count(0)


@when("I go to Marketing > Channels > Amazon Sales Channel")
@given("I go to Marketing > Channels > Amazon Sales Channel")
@when("ich zu Marketing > Channels > Amazon Sales Channel gehe")
def go_to_amazon_sales_channel(journey: Journey) -> None:
    AdminMenu(journey.admin_tab).open_amazon_sales_channel()


@when("I go to Stores > Settings > Configuration")
def go_to_configuration(journey: Journey) -> None:
    AdminMenu(journey.admin_tab).open_configuration()
