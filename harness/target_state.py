"""What a run may change on a target without a control API, noted before it and put back after it, through
the product's own pages (a real store is someone's production).

A run saves keys in the store configuration (Production Api key, cleared for "no key saved" scenarios) and
makes keys in the account's API Portal. ``read_state`` notes the stored keys of the layout the Admin has and
the keys the API Portal lists; ``restore`` saves the stored keys back if they differ, and revokes every key
still active that the run made (listed now, not before, under the description the run uses), then reads the
state again to prove it. The browser is the harness's own, in a thread of its own, so it never meets the
scenarios' Playwright.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from playwright.sync_api import BrowserContext, Playwright, expect, sync_playwright

from flowspec.doc_steps import KEY_DESCRIPTION
from harness.browser_context import CONTEXT_ARGS
from harness.chromium import LAUNCH_FLAGS, find_chromium
from harness.secrets import register_key
from harness.sessions import admin_login, portal_login, sign_in_over_http
from harness.store_model import ACTIVE
from harness.target import CommerceTarget
from pages.api_key_settings import ApiKeySettingsPage, api_key_settings
from pages.api_portal import ApiPortalPage

Result = TypeVar("Result")
FIELDS = ("production", "sandbox")


class RestoreFailed(RuntimeError):
    """The target could not be read or put back as it was."""


@dataclass(frozen=True)
class TargetState:
    layout: str  # where the Admin keeps its API keys
    stored: dict[str, str]  # "production" / "sandbox" -> the saved key ("" for none)
    portal_keys: dict[str, tuple[str, str]]  # key -> (description, status) as the API Portal lists it

    def active_made_since(self, before: TargetState) -> list[str]:
        """Keys active now, not listed before, under the description the run uses."""
        return [
            key
            for key, (name, status) in self.portal_keys.items()
            if status == ACTIVE and key not in before.portal_keys and name.startswith(KEY_DESCRIPTION)
        ]


def in_own_playwright(work: Callable[[Playwright], Result]) -> Result:
    """Run ``work`` with a Playwright of its own, in a thread of its own (never inside the scenarios' Playwright,
    which may still be up when a run is interrupted). Its failure is raised here as ``RestoreFailed``."""
    outcome: list[Result] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            with sync_playwright() as playwright:
                outcome.append(work(playwright))
        except BaseException as exc:  # handed to the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=run, name="own-playwright", daemon=True)
    thread.start()
    thread.join()
    if failure:
        text = str(failure[0]).strip()
        raise RestoreFailed(text.splitlines()[0] if text else repr(failure[0]))
    return outcome[0]


def sign_in_both(
    playwright: Playwright, target: CommerceTarget, timeout_ms: float, admin_only: bool = False
) -> list[dict[str, object]]:
    """Sign in to the Admin and the account over HTTP; their cookies (``SignInFailed`` names the variables)."""
    api = playwright.request.new_context(timeout=timeout_ms)
    try:
        cookies = [*sign_in_over_http(api, admin_login(target))["cookies"]]
        return cookies if admin_only else cookies + list(sign_in_over_http(api, portal_login(target))["cookies"])
    finally:
        api.dispose()


def in_own_browser(target: CommerceTarget, timeout_ms: float, work: Callable[[BrowserContext], Result]) -> Result:
    """Run ``work`` in a Chromium of its own, signed in to the Admin and the account."""
    return in_own_playwright(lambda playwright: _signed_in(playwright, target, timeout_ms, work))


def _signed_in(
    playwright: Playwright, target: CommerceTarget, timeout_ms: float, work: Callable[[BrowserContext], Result]
) -> Result:
    cookies = sign_in_both(playwright, target, timeout_ms)
    browser = playwright.chromium.launch(executable_path=find_chromium(headless=True), args=list(LAUNCH_FLAGS))
    try:
        context = browser.new_context(**CONTEXT_ARGS)  # type: ignore[arg-type]
        context.set_default_timeout(timeout_ms)
        context.add_cookies(cookies)  # type: ignore[arg-type]
        return work(context)
    finally:
        browser.close()


def _settings(context: BrowserContext, target: CommerceTarget) -> ApiKeySettingsPage:
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(target.admin_url)
    settings = api_key_settings(page)
    settings.open_by_hand()
    settings.reveal_production_api_key()
    return settings


def _api_portal(context: BrowserContext, target: CommerceTarget) -> ApiPortalPage:
    api = ApiPortalPage(context.new_page())
    api.open(target.api_portal_url)
    expect(api.add_new_button).to_be_visible()
    return api


def read_state(context: BrowserContext, target: CommerceTarget) -> TargetState:
    settings = _settings(context, target)
    stored = {
        "production": settings.production_api_key.input_value(),
        "sandbox": settings.sandbox_api_key.input_value(),
    }
    api = _api_portal(context, target)
    listed = {row.key: (row.name, row.status) for row in api.listed_keys()}
    api.page.close()
    for key in [*stored.values(), *listed]:
        register_key(key)
    return TargetState(settings.layout, stored, listed)


def restore(context: BrowserContext, target: CommerceTarget, before: TargetState) -> str:
    """Put the stored keys back and revoke the keys the run made; return what was done, in one line."""
    now = read_state(context, target)
    done = []
    changed = [field for field in FIELDS if now.stored[field] != before.stored[field]]
    if changed:
        settings = _settings(context, target)
        for field in changed:
            locator = settings.production_api_key if field == "production" else settings.sandbox_api_key
            locator.fill(before.stored[field])
        settings.save_config()
        expect(settings.success_message).to_be_visible()
        done.append(" and ".join(f"{field.title()} Api key" for field in changed) + " put back")
    made = now.active_made_since(before)
    if made:
        api = _api_portal(context, target)
        for key in made:
            api.revoke_key_value(key)
        api.page.close()
    done.append(f"{len(made)} key{'s' if len(made) != 1 else ''} made by this run revoked")
    after = read_state(context, target)
    still = after.active_made_since(before)
    differ = [field for field in FIELDS if after.stored[field] != before.stored[field]]
    if still or differ:
        raise RestoreFailed(
            f"after putting it back, {', '.join(differ) or 'no'} stored key(s) differ and {len(still)} key(s) "
            "made by this run are still active"
        )
    return ", ".join(done) if changed or made else "nothing to put back (stored keys as found, no key left active)"
