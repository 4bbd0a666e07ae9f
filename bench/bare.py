"""The documented happy path as a bare Playwright script (sync API, no pytest).

The same clicks as ``features/end_to_end.feature``, through the same page objects, with
only the waits a script needs to be correct. Each lap is timed, so the benchmark can say
which part of the flow costs what.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

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

DESCRIPTION = KEY_DESCRIPTION


@dataclass
class Laps:
    """Seconds per named part of one run, in order."""

    started: float = field(default_factory=time.perf_counter)
    parts: dict[str, float] = field(default_factory=dict)

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.parts[name] = self.parts.get(name, 0.0) + now - self.started
        self.started = now

    @property
    def total(self) -> float:
        return sum(self.parts.values())


def happy_path(browser: Browser, target: CommerceTarget) -> Laps:
    """One iteration: reset the mocks, a fresh context, the documented flow, close the context."""
    laps = Laps()
    assert target.admin_control and target.portal_control, "the bare script needs the mocks' control API"
    target.portal_control.reset()
    target.admin_control.reset()
    target.admin_control.set_config(PRODUCTION_API_KEY_PATH, "")
    laps.lap("reset mocks")

    context = browser.new_context(permissions=CLIPBOARD_PERMISSIONS, **CONTEXT_ARGS)  # type: ignore[arg-type]
    admin = context.new_page()
    laps.lap("new context")
    try:
        login = AdminLoginPage(admin, target.admin_url)
        login.open()
        login.sign_in(target.admin_user, target.admin_password)
        laps.lap("1 admin login")

        menu = AdminMenu(admin)
        menu.open_amazon_sales_channel()
        admin.wait_for_load_state()
        channel = AmazonSalesChannelPage(admin)
        expect(channel.prompt_title).to_be_visible()
        laps.lap("2 channel prompt")

        with context.expect_page() as new_tab:
            channel.sign_in_button.click()
        portal = new_tab.value
        portal.wait_for_load_state()
        laps.lap("3 sign in tab")

        PortalLoginPage(portal).sign_in(target.portal_email, target.portal_password)
        api = ApiPortalPage(portal)
        expect(api.title).to_be_visible()
        laps.lap("3 portal login")

        api.add_key(DESCRIPTION)
        expect(api.key_row(DESCRIPTION)).to_be_visible()
        laps.lap("4 add new")

        api.copy_key(DESCRIPTION)
        expect(api.copy_status).to_contain_text("Copied")
        laps.lap("4 copy")

        admin.bring_to_front()
        channel.add_the_key()
        config = StoreConfigurationPage(admin)
        expect(config.api_keys_head).to_have_text("Api Keys")
        laps.lap("5-6 add the key")

        config.paste_production_api_key(replace=False)
        laps.lap("7 paste")

        config.save_config()
        expect(config.success_message).to_have_text("You saved the configuration.")
        laps.lap("8 save config")

        menu.open_amazon_sales_channel()
        admin.wait_for_load_state()
        expect(channel.add_amazon_store_button).to_be_visible()
        laps.lap("9 re-check")
    finally:
        context.close()
        laps.lap("close context")
    return laps
