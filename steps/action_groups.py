"""Reusable sequences of the flow (Magento MFTF calls these action groups).

Steps call them where a scenario needs an earlier part of the doc done as a given.
They drive page objects and wait on what a person would wait for.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from fixtures.journey import Journey
from flowspec.commerce import PRODUCTION_API_KEY_PATH
from pages.amazon_sales_channel import AmazonSalesChannelPage
from pages.api_key_settings import api_key_settings
from pages.api_portal import ApiPortalPage
from pages.portal_login import PortalLoginPage
from steps.checks import doc_expectation

NEW_TAB_TIMEOUT_MS = 10_000


def click_sign_in_on_prompt(journey: Journey) -> Page:
    """Doc step 3: Sign in opens the Commerce account in a new tab."""
    channel = AmazonSalesChannelPage(journey.admin_tab)
    pages_before = len(journey.admin_tab.context.pages)
    try:
        tab = channel.sign_in(timeout_ms=NEW_TAB_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        raise AssertionError(
            "Doc step 3 (Sign in to the Commerce account): 'Sign in' should open the Commerce account in a new "
            f"browser tab, but no new tab opened within {NEW_TAB_TIMEOUT_MS / 1000:g} s "
            f"(tabs before: {pages_before}, now: {len(journey.admin_tab.context.pages)}; "
            f"first tab at {journey.admin_tab.url})"
        ) from None
    journey.portal_tab = tab
    return tab


def sign_in_to_portal_if_asked(journey: Journey) -> None:
    portal = journey.require_portal_tab()
    login = PortalLoginPage(portal)
    if login.sign_in_button.is_visible():
        login.sign_in(journey.target.portal_email, journey.target.portal_password)


def add_and_copy_key(journey: Journey, description: str) -> None:
    """Doc step 4: Add New under a description, then Copy."""
    portal = journey.require_portal_tab()
    api = ApiPortalPage(portal)
    with doc_expectation("doc-step-3", "the new tab should show the API Portal", portal):
        expect(api.title).to_be_visible()
    api.add_key(description)
    with doc_expectation("doc-step-4", f"Add New should list a key named {description!r}", portal):
        expect(api.key_row(description)).to_be_visible()
    copy_key(journey, api, description)
    with doc_expectation("doc-step-4", "Copy should confirm that the key was copied", portal):
        expect(api.copy_status).to_contain_text("Copied")
    journey.descriptions_used.append(description)


def copy_key(journey: Journey, api: ApiPortalPage, description: str) -> None:
    """Doc step 4: Copy the key listed under ``description``; remember what was listed, to compare later."""
    api.copy_key(description)
    journey.key_description = description
    journey.listed_key = api.key_value(description).inner_text().strip()


def paste_and_save_key(journey: Journey) -> None:
    """Doc steps 7 and 8: paste into Production Api key, Save Config."""
    config = api_key_settings(journey.admin_tab)
    config.paste_production_api_key()
    config.save_config()
    with doc_expectation("doc-step-8", "Save Config should confirm 'You saved the configuration.'", journey.admin_tab):
        expect(config.success_message).to_have_text("You saved the configuration.")


def add_key_through_prompt(journey: Journey, description: str) -> None:
    """Doc steps 3 to 8 from the prompt: Sign in, Add New, Copy, back, Add the key, paste, Save Config."""
    channel = AmazonSalesChannelPage(journey.admin_tab)
    with doc_expectation(
        "doc-step-2", "the 'Welcome to Amazon Sales Channel' prompt should be open", journey.admin_tab
    ):
        expect(channel.prompt).to_be_visible()
    click_sign_in_on_prompt(journey)
    sign_in_to_portal_if_asked(journey)
    add_and_copy_key(journey, description)
    journey.admin_tab.bring_to_front()
    channel.add_the_key()
    paste_and_save_key(journey)


def clear_stored_key(journey: Journey, request: pytest.FixtureRequest) -> None:
    """No Production API key stored: through the control API, or by clearing the field as a person would
    (in a separate signed-in context, so the scenario's own tabs stay as they are)."""
    journey.stored_key = None
    if journey.target.admin_control is not None:
        journey.target.admin_control.set_config(PRODUCTION_API_KEY_PATH, "")
        return
    browser: Browser = request.getfixturevalue("browser")
    context = browser.new_context(storage_state=request.getfixturevalue("admin_session_state"))
    try:
        page = context.new_page()
        page.goto(journey.target.admin_url)
        config = api_key_settings(page)
        config.open_by_hand()
        config.reveal_production_api_key()
        config.production_api_key.fill("")
        config.save_config()
        with doc_expectation("doc-step-8", "clearing the stored key should save", page):
            expect(config.success_message).to_be_visible()
    finally:
        context.close()
