"""What one scenario carries from step to step: its tabs and their page objects, the key as it moves, what it
knows the target holds (so what the channel must show next), and its promise bookkeeping.

A plain object: ``fixtures/scenario.py`` builds one per scenario; action groups use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from playwright.sync_api import Page

from flowspec.doc_steps import KEY_DESCRIPTION
from harness.doc_checks import PromiseLog
from harness.store_model import StoreModel
from harness.target import CommerceTarget
from pages.admin_chrome import AdminChrome
from pages.admin_login import AdminLoginPage
from pages.admin_menu import AdminMenu
from pages.amazon_sales_channel import AmazonSalesChannelPage
from pages.api_key_settings import ApiKeySettingsPage, api_key_settings
from pages.api_portal import ApiPortalPage
from pages.clipboard import Clipboard
from pages.page_summary import describe
from pages.portal_account import PortalAccountPage
from pages.portal_login import PortalLoginPage
from pages.portal_registration import PortalRegistrationPage

PageObject = TypeVar("PageObject")

# Where the API keys are, before the admin's menu says which layout it has.
API_KEYS = (
    "the Api Keys (Stores > Configuration > Services > Magento Services, or System > Services on current Commerce)"
)


@dataclass
class KeyTrail:
    """The key as it moves: created under a description, copied, pasted, saved."""

    description: str = KEY_DESCRIPTION
    keys_before: list[str] = field(default_factory=list)  # the API Portal's keys before an Add New
    listed: str | None = None  # the key the API Portal listed when it was copied (for comparison only)
    pasted: str | None = None  # what went into Production Api key (the listed key, or one a paste polluted)
    saved: str | None = None  # the key Save Config stored
    descriptions_used: list[str] = field(default_factory=list)


@dataclass
class Journey:
    target: CommerceTarget
    admin_tab: Page
    checks: PromiseLog
    portal_tab: Page | None = None
    portal_signed_in: bool = False  # does the browser hold a Commerce account session?
    portal_arrival: str = "signed-in-shows-api-portal"  # the promise the portal tab's arrival keeps
    key: KeyTrail = field(default_factory=KeyTrail)
    store: StoreModel = field(default_factory=StoreModel)
    channel_visits: list[str | None] = field(default_factory=list)  # what each visit was expected to show
    recheck_pending: bool = False  # this visit expects another answer than the last: the re-check is on trial
    arrived_by_menu: bool = False  # the last visit to the channel came through Marketing > Channels
    back_in_channel_tab: bool = False  # the scenario went back to the channel's tab after the portal
    channel_url_at_sign_in: str | None = None  # where the channel's tab was when Sign in was clicked
    tabs_at_sign_in: int = 0  # how many tabs were open then
    repeating: bool = False  # the scenario repeats the add-and-verify process
    registered_email: str | None = None
    wait_ms: float = 15_000  # the bound of a request over the tab's cookies
    _page_objects: dict[tuple[object, int], Any] = field(default_factory=dict, repr=False)
    _settings: ApiKeySettingsPage | None = field(default=None, repr=False)

    # ---- the doc's promises ----

    def keeping(
        self, promises: str | Sequence[str] | None, expected: str, tab: Page | None = None
    ) -> AbstractContextManager[None]:
        """Check the promise(s) (see ``PromiseLog.keeping``); a failure describes ``tab`` (default: the admin's)."""
        return self.checks.keeping(promises, expected, self._seen(tab))

    def acting(
        self, promise: str | None, expected: str, tab: Page | None = None, due: bool = True
    ) -> AbstractContextManager[None]:
        """Do what a promise is about, checking nothing yet (see ``PromiseLog.acting``)."""
        return self.checks.acting(promise, expected, self._seen(tab), due)

    def setting_up(self, expected: str, tab: Page | None = None) -> AbstractContextManager[None]:
        """A scenario's set-up that belongs to no promise (the control API making a key, say)."""
        return self.checks.acting(None, expected, self._seen(tab))

    def _seen(self, tab: Page | None) -> Callable[[], str]:
        return lambda: describe(tab or self.admin_tab)

    def due(self, promise_id: str) -> None:
        self.checks.due(promise_id)

    def note(self, text: str) -> None:
        self.checks.note(text)

    def fetch(self, url: str) -> tuple[int, str, str]:
        """GET ``url`` over the browser's own cookies without touching a tab: (status, final URL, body)."""
        answer = self.admin_tab.context.request.get(url, timeout=self.wait_ms)
        return answer.status, answer.url, answer.text()

    @property
    def expected_channel(self) -> str | None:
        return self.store.channel_should_show

    # ---- page objects, once per tab ----

    def _on(self, cls: Callable[[Page], PageObject], tab: Page) -> PageObject:
        key = (cls, id(tab))
        if key not in self._page_objects:
            self._page_objects[key] = cls(tab)
        made: PageObject = self._page_objects[key]
        return made

    @property
    def admin_login(self) -> AdminLoginPage:
        return self._on(lambda tab: AdminLoginPage(tab, self.target.admin_url), self.admin_tab)

    @property
    def admin_menu(self) -> AdminMenu:
        return self._on(AdminMenu, self.admin_tab)

    @property
    def admin_chrome(self) -> AdminChrome:
        return self._on(AdminChrome, self.admin_tab)

    @property
    def channel(self) -> AmazonSalesChannelPage:
        return self._on(AmazonSalesChannelPage, self.admin_tab)

    @property
    def clipboard(self) -> Clipboard:
        """The system clipboard, as the admin tab reads and writes it."""
        return self.clipboard_on(self.admin_tab)

    def clipboard_on(self, tab: Page) -> Clipboard:
        """The system clipboard as ``tab`` reads it (a page reads it where it has the focus)."""
        return self._on(Clipboard, tab)

    @property
    def settings(self) -> ApiKeySettingsPage:
        """The API key settings of the admin at hand (the layout is read from its menu once)."""
        if self._settings is None:
            self._settings = api_key_settings(self.admin_tab)
            self.note(f"Admin layout: API keys at {self._settings.location}")
        return self._settings

    @property
    def api_portal(self) -> ApiPortalPage:
        return self._on(ApiPortalPage, self.require_portal_tab())

    @property
    def portal_login(self) -> PortalLoginPage:
        return self._on(PortalLoginPage, self.require_portal_tab())

    @property
    def my_account(self) -> PortalAccountPage:
        return self._on(PortalAccountPage, self.require_portal_tab())

    @property
    def registration(self) -> PortalRegistrationPage:
        return self._on(PortalRegistrationPage, self.require_portal_tab())

    def require_portal_tab(self) -> Page:
        if self.portal_tab is None:
            raise AssertionError("No Commerce account tab is open: the scenario never clicked 'Sign in'.")
        return self.portal_tab

    def tabs(self) -> Iterator[tuple[str, Page]]:
        """The scenario's open tabs by name: "admin", "portal", else "tab N"."""
        for number, page in enumerate(self.admin_tab.context.pages, 1):
            name = "admin" if page is self.admin_tab else "portal" if page is self.portal_tab else f"tab {number}"
            yield name, page
