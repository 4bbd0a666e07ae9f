"""The documented happy path as a bare Playwright script: sync API, no pytest, the page objects and clicks of
``features/end_to_end.feature``, only the waits a script needs to be correct, none of the doc's other checks."""

from __future__ import annotations

import time

from playwright.sync_api import Browser, expect

from flowspec.commerce import PRODUCTION_API_KEY_PATH
from flowspec.doc_steps import KEY_DESCRIPTION
from harness.browser_context import CLIPBOARD_PERMISSIONS, CONTEXT_ARGS
from harness.target import CommerceTarget
from pages.admin_login import AdminLoginPage
from pages.admin_menu import AdminMenu
from pages.amazon_sales_channel import AmazonSalesChannelPage
from pages.api_portal import ApiPortalPage
from pages.portal_login import PortalLoginPage
from pages.store_configuration import StoreConfigurationPage


def happy_path(browser: Browser, target: CommerceTarget) -> float:
    """Seconds for one run: reset the mocks, a fresh context, doc steps 1 to 9, close the context."""
    assert target.admin_control and target.portal_control, "the bare script needs the mocks' control API"
    started = time.perf_counter()
    target.portal_control.reset()
    target.admin_control.reset()
    target.admin_control.set_config(PRODUCTION_API_KEY_PATH, "")
    context = browser.new_context(permissions=CLIPBOARD_PERMISSIONS, **CONTEXT_ARGS)  # type: ignore[arg-type]
    try:
        admin = context.new_page()
        login = AdminLoginPage(admin, target.admin_url)
        login.open()
        login.sign_in(target.admin_user, target.admin_password)  # 1

        menu = AdminMenu(admin)
        menu.open_amazon_sales_channel()  # 2
        admin.wait_for_load_state()
        channel = AmazonSalesChannelPage(admin)
        expect(channel.prompt_title).to_be_visible()

        with context.expect_page() as new_tab:
            channel.sign_in_button.click()  # 3
        portal = new_tab.value
        portal.wait_for_load_state()
        PortalLoginPage(portal).sign_in(target.portal_email, target.portal_password)
        api = ApiPortalPage(portal)
        expect(api.title).to_be_visible()

        api.add_key(KEY_DESCRIPTION)  # 4
        expect(api.key_row(KEY_DESCRIPTION)).to_be_visible()
        api.copy_key(KEY_DESCRIPTION)
        expect(api.copy_status).not_to_be_empty()  # the key is on the clipboard

        admin.bring_to_front()  # 5
        channel.add_the_key()  # 6
        config = StoreConfigurationPage(admin)
        expect(config.api_keys_head).to_be_visible()
        config.paste_production_api_key(replace=False)  # 7
        config.save_config()  # 8
        expect(config.success_message).to_be_visible()

        menu.open_amazon_sales_channel()  # 9
        admin.wait_for_load_state()
        expect(channel.add_amazon_store_button).to_be_visible()
    finally:
        context.close()
    return time.perf_counter() - started
