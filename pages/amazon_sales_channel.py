"""Marketing > Channels > Amazon Sales Channel: the key prompt, the channel's home, or "could not verify".

The real page is a React app; its prompt is known by its title
"Welcome to Amazon Sales Channel" and its two actions, "Sign in" and "Add the key".
"""

from __future__ import annotations

from playwright.sync_api import Page

from pages.navigation import load_by_clicking

CHANNEL_PATH = "channel/amazon/"  # Magento_Amazon's admin route, below the admin's base URL


class AmazonSalesChannelPage:
    TITLE = "Welcome to Amazon Sales Channel"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.page_title = page.locator(".page-header h1.page-title")
        self.prompt = page.get_by_role("region", name=self.TITLE)
        self.prompt_title = page.get_by_role("heading", name=self.TITLE)
        self.prompt_reason = self.prompt.locator("[data-role=reason]")
        self.prompt_key_hint = self.prompt.locator("[data-role=key-hint]")  # the bundled mock's: what no key holds
        # both actions are buttons (the bundled mock's Sign in is a link to the portal announced as a button)
        self.sign_in_button = self.prompt.get_by_role("button", name="Sign in", exact=True)
        self.add_the_key_button = self.prompt.get_by_role("button", name="Add the key", exact=True)
        self.store_integration = page.get_by_role("region", name="Store Integration")
        self.add_amazon_store_button = page.get_by_role("button", name="Add Amazon Store")
        self.unverified_notice = page.get_by_role("region", name="We could not verify your Amazon API key")

    def answer(self) -> str:
        """What the channel shows, once it shows one of its answers: "prompt", "store integration" or
        "unverified" (Playwright's TimeoutError if none shows within the context's time-out)."""
        self.prompt_title.or_(self.store_integration).or_(self.unverified_notice).first.wait_for()
        if self.prompt_title.count():
            return "prompt"
        return "store integration" if self.store_integration.count() else "unverified"

    def sign_in(self) -> Page:
        """Click "Sign in"; return the new tab it opens, loaded (Playwright's TimeoutError if none opens within
        the context's default time-out)."""
        with self.page.context.expect_page() as new_tab:
            self.sign_in_button.click()
        tab = new_tab.value
        tab.wait_for_load_state()
        return tab

    def add_the_key(self) -> None:
        load_by_clicking(self.page, self.add_the_key_button)
