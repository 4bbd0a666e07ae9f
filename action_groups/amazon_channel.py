"""Marketing > Channels > Amazon Sales Channel: opening it, the prompt, Sign in, Add the key, store integration."""

from __future__ import annotations

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from action_groups.admin import on_channel_url
from fixtures.journey import API_KEYS, BAD_KEY_STATES, UNVERIFIED, VALID, Journey

REASON_WORDING = {
    "missing": re.compile(r"\bno\b.*\bkey\b|\bmissing\b", re.IGNORECASE),
    "unknown": re.compile(r"not valid|invalid|unknown|does not know", re.IGNORECASE),
    "expired": re.compile(r"\bexpired\b", re.IGNORECASE),
    "revoked": re.compile(r"\brevoked\b", re.IGNORECASE),
}
STATE_PROMISE = {VALID: "valid-key-goes-on", UNVERIFIED: "fault-is-not-a-bad-key"}


def _visit_promise(journey: Journey) -> str:
    expected = journey.expected_channel
    return STATE_PROMISE.get(expected or "", "prompt-for-bad-key")


def _promises(journey: Journey, own: str) -> list[str]:
    """A later visit that expects another answer than the one before tries the re-check first."""
    return ["checked-on-every-access", own] if journey.recheck_pending else [own]


def open_channel(journey: Journey) -> None:
    """Marketing > Channels > Amazon Sales Channel, from the Admin sidebar."""
    with journey.keeping("channel-in-menu", "Marketing > Channels > Amazon Sales Channel should open the channel"):
        journey.admin_menu.open_amazon_sales_channel()
        expect(journey.channel.page_title).to_have_text("Amazon Sales Channel")
    _count_visit(journey)


def arrive_by_url(journey: Journey) -> None:
    """A scenario's set-up sent the tab to Amazon Sales Channel's URL (the menu is what the scenarios of doc
    step 2 walk). An Admin that adds secret keys to its URLs answers a URL without one with its dashboard:
    then the menu opens the channel."""
    if not on_channel_url(journey):
        open_channel(journey)
        return
    with journey.keeping(None, "Amazon Sales Channel's URL should open the channel"):
        expect(journey.channel.page_title).to_have_text("Amazon Sales Channel")
    _count_visit(journey)


def _count_visit(journey: Journey) -> None:
    """A visit to the channel: what it should show is due, and a change from the last visit tries the re-check."""
    expected = journey.expected_channel
    journey.recheck_pending = bool(journey.channel_visits) and journey.channel_visits[-1] != expected
    journey.channel_visits.append(expected)
    if expected is not None:
        journey.due(_visit_promise(journey))
    if journey.recheck_pending:
        journey.due("checked-on-every-access")


def _settle_visit(journey: Journey) -> None:
    journey.recheck_pending = False


def check_prompt(journey: Journey) -> None:
    """The prompt in full: its title, why the key was not accepted (when the scenario knows), both actions."""
    channel = journey.channel
    reason = journey.expected_channel if journey.expected_channel in BAD_KEY_STATES else None
    says = f"the key is {reason}" if reason else "why the key was not accepted"
    with journey.keeping(
        _promises(journey, "prompt-for-bad-key"),
        f"the 'Welcome to Amazon Sales Channel' prompt should show, say {says}, and offer Sign in and Add the key",
    ):
        expect(channel.prompt_title).to_be_visible()
        expect(channel.prompt_reason).to_contain_text(REASON_WORDING[reason] if reason else re.compile(r"\S"))
        expect(channel.sign_in_button).to_be_visible()
        expect(channel.add_the_key_button).to_be_visible()
    _settle_visit(journey)


def check_prompt_reason(journey: Journey, problem: str) -> None:
    with journey.keeping(_promises(journey, "prompt-for-bad-key"), f"the prompt should say that the key is {problem}"):
        expect(journey.channel.prompt_reason).to_contain_text(REASON_WORDING[problem])


def check_prompt_names_stray_character(journey: Journey, character: str) -> None:
    """The prompt says why the saved key is no key: it names the character a paste brought along. That the
    character is named also shows Save Config kept the key exactly as pasted."""
    with journey.keeping(["prompt-for-bad-key", "saved-key-is-kept"], f"the prompt should name {character}"):
        expect(journey.channel.prompt_key_hint).to_contain_text(character)


def check_prompt_actions(journey: Journey) -> None:
    channel = journey.channel
    with journey.keeping("prompt-for-bad-key", "the prompt should offer 'Sign in' and 'Add the key'"):
        expect(channel.sign_in_button).to_be_visible()
        expect(channel.add_the_key_button).to_be_visible()


def check_no_prompt(journey: Journey) -> None:
    own = "fault-is-not-a-bad-key" if journey.expected_channel == UNVERIFIED else "valid-key-goes-on"
    with journey.keeping(_promises(journey, own), "the channel should open without the key prompt"):
        expect(journey.channel.page_title).to_have_text("Amazon Sales Channel")
        expect(journey.channel.prompt_title).to_have_count(0)


def check_store_integration(journey: Journey) -> None:
    """A valid key: the channel goes on to store integration ("Add Amazon Store")."""
    channel = journey.channel
    promises = _promises(journey, "valid-key-goes-on")
    if journey.key.saved is not None:
        promises.append("saved-key-is-kept")  # the channel checked the saved key and let us in
    if journey.repeating:
        promises.append("repeat-until-accepted")
    with journey.keeping(promises, "a valid key should go on to store integration ('Add Amazon Store')"):
        expect(channel.prompt_title).to_have_count(0)
        expect(channel.store_integration).to_be_visible()
        expect(channel.add_amazon_store_button).to_be_visible()
    _settle_visit(journey)


def check_could_not_verify(journey: Journey) -> None:
    notice = journey.channel.unverified_notice
    with journey.keeping(
        _promises(journey, "fault-is-not-a-bad-key"), "an unanswered key check should say it could not verify the key"
    ):
        expect(notice).to_be_visible()
        expect(notice).to_contain_text(re.compile("could not verify", re.IGNORECASE))
        expect(journey.channel.prompt_title).to_have_count(0)
    _settle_visit(journey)


def open_channel_expecting_store_integration(journey: Journey) -> None:
    open_channel(journey)
    check_store_integration(journey)


def click_sign_in(journey: Journey) -> None:
    """Sign in opens the Commerce account in a new tab; the channel's tab stays on the prompt."""
    journey.due("sign-in-opens-new-tab")
    admin, channel = journey.admin_tab, journey.channel
    tabs_before, admin_url = len(admin.context.pages), admin.url
    with journey.keeping("sign-in-opens-new-tab", "'Sign in' should open the Commerce account in a new tab"):
        try:
            tab = channel.sign_in()
        except PlaywrightTimeoutError:
            raise AssertionError(
                f"no new tab opened (tabs before: {tabs_before}, "
                f"now: {len(admin.context.pages)}; first tab at {admin.url})"
            ) from None
        assert tab is not admin, "Sign in replaced the Admin tab instead of opening a new one"
        assert len(admin.context.pages) == tabs_before + 1, f"expected {tabs_before + 1} tabs"
        portal = journey.target.portal_url.rstrip("/")
        expect(tab).to_have_url(re.compile("^" + re.escape(portal)))
        assert admin.url == admin_url, f"the Amazon Sales Channel tab moved to {admin.url}"
        expect(channel.prompt_title).to_be_visible()
    journey.portal_tab = tab
    if journey.portal_signed_in:
        journey.portal_arrival = "signed-in-shows-api-portal"
        journey.due(journey.portal_arrival)
    else:  # the person logs in (login-first-then-api-portal) or registers: the next step says which
        journey.portal_arrival = "login-first-then-api-portal"


def check_account_in_new_tab(journey: Journey) -> None:
    portal = journey.require_portal_tab()
    with journey.keeping("sign-in-opens-new-tab", "Sign in should open the Commerce account in a second tab", portal):
        assert portal is not journey.admin_tab, "Sign in replaced the Admin tab instead of opening a new one"
        assert len(portal.context.pages) == 2, f"expected 2 tabs, found {len(portal.context.pages)}"
        expect(portal).to_have_url(re.compile("^" + re.escape(journey.target.portal_url.rstrip("/"))))


def check_first_tab_keeps_prompt(journey: Journey) -> None:
    with journey.keeping("sign-in-opens-new-tab", "the Amazon Sales Channel tab should still show the prompt"):
        expect(journey.channel.prompt_title).to_be_visible()
        expect(journey.channel.add_the_key_button).to_be_visible()


def back_to_channel_tab(journey: Journey) -> None:
    """With the key copied, back to the Amazon Sales Channel tab: the prompt is still there."""
    journey.due("first-tab-keeps-prompt")
    with journey.keeping("first-tab-keeps-prompt", "back in the Amazon Sales Channel tab, the prompt should be there"):
        journey.admin_tab.bring_to_front()
        expect(journey.channel.prompt_title).to_be_visible()
        expect(journey.channel.add_the_key_button).to_be_visible()


def click_add_the_key(journey: Journey) -> None:
    """Add the key leaves the channel for the Api Keys, with Production Api key in sight."""
    journey.due("add-the-key-opens-api-keys")
    with journey.keeping("add-the-key-opens-api-keys", "'Add the key' should leave the channel"):
        journey.channel.add_the_key()
    check_left_for_api_keys(journey)


def check_left_for_api_keys(journey: Journey) -> None:
    with journey.keeping("add-the-key-opens-api-keys", f"Add the key should leave the channel for {API_KEYS}"):
        settings = journey.settings  # which admin layout: read from the page's menu
        expect(journey.channel.prompt_title).to_have_count(0)
        expect(settings.page_title).not_to_have_text("Amazon Sales Channel")
        for marker in settings.open_markers():
            expect(marker).to_be_visible()
        expect(settings.production_api_key).to_be_visible()
        expect(settings.production_api_key).to_be_editable()
