"""Marketing > Channels > Amazon Sales Channel: opening it, the prompt, Sign in, Add the key, store integration."""

from __future__ import annotations

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from action_groups.admin import on_channel_url
from harness.journey import API_KEYS, Journey
from harness.store_model import BAD_KEY_STATES, UNVERIFIED, VALID

REASON_WORDING = {
    "missing": re.compile(r"\bno\b.*\bkey\b|\bmissing\b", re.IGNORECASE),
    "unknown": re.compile(r"not valid|invalid|unknown|does not know", re.IGNORECASE),
    "expired": re.compile(r"\bexpired\b", re.IGNORECASE),
    "revoked": re.compile(r"\brevoked\b", re.IGNORECASE),
}
STATE_PROMISE = {VALID: "valid-key-goes-on", UNVERIFIED: "fault-is-not-a-bad-key"}


def _visit_promise(journey: Journey) -> str:
    return STATE_PROMISE.get(journey.expected_channel or "", "prompt-for-bad-key")


def _promises(journey: Journey, own: str) -> list[str]:
    """A later visit that expects another answer than the one before tries the re-check first."""
    return ["checked-on-every-access", own] if journey.recheck_pending else [own]


def open_channel(journey: Journey) -> None:
    """Marketing > Channels > Amazon Sales Channel, from the Admin sidebar."""
    with journey.acting("channel-in-menu", "Marketing > Channels > Amazon Sales Channel should open the channel"):
        journey.admin_menu.open_amazon_sales_channel()
    _count_visit(journey, by_menu=True)


def arrive_by_url(journey: Journey) -> None:
    """A scenario's set-up sent the tab to Amazon Sales Channel's URL (the menu is what the scenarios of doc
    step 2 walk). An Admin that adds secret keys to its URLs answers a URL without one with its dashboard:
    then the menu opens the channel."""
    if not on_channel_url(journey):
        open_channel(journey)
        _check_on_channel(journey)
        return
    _count_visit(journey, by_menu=False)
    _check_on_channel(journey)


def _count_visit(journey: Journey, by_menu: bool) -> None:
    """A visit to the channel: what it should show is due, and a change from the last visit tries the re-check."""
    expected = journey.expected_channel
    journey.arrived_by_menu = by_menu
    journey.recheck_pending = bool(journey.channel_visits) and journey.channel_visits[-1] != expected
    journey.channel_visits.append(expected)
    if expected is not None:
        journey.due(_visit_promise(journey))
    if journey.recheck_pending:
        journey.due("checked-on-every-access")


def _check_on_channel(journey: Journey) -> None:
    """Whatever the channel shows, it is the channel: reached through the menu, that is the menu's promise."""
    promise = "channel-in-menu" if journey.arrived_by_menu else None
    with journey.keeping(promise, "Amazon Sales Channel should be open"):
        expect(journey.channel.page_title).to_have_text("Amazon Sales Channel")


def _prompt_promises(journey: Journey) -> list[str]:
    promises = _promises(journey, "prompt-for-bad-key")
    return [*promises, "first-tab-keeps-prompt"] if journey.back_in_channel_tab else promises


def check_prompt(journey: Journey) -> None:
    """The prompt: its title and why the key was not accepted."""
    _check_on_channel(journey)
    channel = journey.channel
    with journey.keeping(
        _prompt_promises(journey), "the 'Welcome to Amazon Sales Channel' prompt should show and say why"
    ):
        expect(channel.prompt_title).to_be_visible()
        expect(channel.prompt_reason).to_contain_text(re.compile(r"\S"))
    journey.recheck_pending = False


def check_prompt_reason(journey: Journey, problem: str) -> None:
    with journey.keeping(_promises(journey, "prompt-for-bad-key"), f"the prompt should say that the key is {problem}"):
        expect(journey.channel.prompt_reason).to_contain_text(REASON_WORDING[problem])


def check_expected_reason(journey: Journey) -> None:
    """The reason the scenario's state calls for (a set-up that knows what is stored)."""
    reason = journey.expected_channel
    if reason in BAD_KEY_STATES:
        check_prompt_reason(journey, reason)


def check_prompt_names_stray_character(journey: Journey, character: str) -> None:
    """The prompt says why the saved key is no key: it names the character a paste brought along. That the
    character is named also shows Save Config kept the key exactly as pasted."""
    with journey.keeping(["prompt-for-bad-key", "saved-key-is-kept"], f"the prompt should name {character}"):
        expect(journey.channel.prompt_key_hint).to_contain_text(character)


def check_prompt_actions(journey: Journey) -> None:
    channel = journey.channel
    with journey.keeping(_prompt_promises(journey), "the prompt should offer 'Sign in' and 'Add the key'"):
        expect(channel.sign_in_button).to_be_visible()
        expect(channel.add_the_key_button).to_be_visible()


def check_no_prompt(journey: Journey) -> None:
    _check_on_channel(journey)
    own = "fault-is-not-a-bad-key" if journey.expected_channel == UNVERIFIED else "valid-key-goes-on"
    with journey.keeping(_promises(journey, own), "the channel should open without the key prompt"):
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
        expect(channel.store_integration).to_be_visible()
        expect(channel.add_amazon_store_button).to_be_visible()
    journey.recheck_pending = False


def check_could_not_verify(journey: Journey) -> None:
    notice = journey.channel.unverified_notice
    with journey.keeping(
        _promises(journey, "fault-is-not-a-bad-key"), "an unanswered key check should say it could not verify the key"
    ):
        expect(notice).to_be_visible()
        expect(notice).to_contain_text(re.compile("could not verify", re.IGNORECASE))
    journey.recheck_pending = False


def open_channel_expecting_store_integration(journey: Journey) -> None:
    open_channel(journey)
    check_no_prompt(journey)
    check_store_integration(journey)


def click_sign_in(journey: Journey) -> None:
    """Click Sign in on the prompt; the Commerce account opens in a new tab (what the next steps act in)."""
    admin = journey.admin_tab
    tabs_before = len(admin.context.pages)
    journey.channel_url_at_sign_in, journey.tabs_at_sign_in = admin.url, tabs_before
    with journey.acting("sign-in-opens-new-tab", "'Sign in' should open the Commerce account in a new tab"):
        try:
            tab = journey.channel.sign_in()
        except PlaywrightTimeoutError:
            raise AssertionError(
                f"no new tab opened (tabs before: {tabs_before}, "
                f"now: {len(admin.context.pages)}; first tab at {admin.url})"
            ) from None
    journey.portal_tab = tab
    if journey.portal_signed_in:
        journey.portal_arrival = "signed-in-shows-api-portal"
        journey.due(journey.portal_arrival)
    else:  # the person logs in (login-first-then-api-portal) or registers: the next step says which
        journey.portal_arrival = "login-first-then-api-portal"


def check_account_in_new_tab(journey: Journey) -> None:
    portal, admin = journey.require_portal_tab(), journey.admin_tab
    with journey.keeping("sign-in-opens-new-tab", "Sign in should open the Commerce account in a second tab", portal):
        assert portal is not admin, "Sign in replaced the Admin tab instead of opening a new one"
        tabs = len(portal.context.pages)
        assert tabs == journey.tabs_at_sign_in + 1, f"expected {journey.tabs_at_sign_in + 1} tabs, found {tabs}"
        expect(portal).to_have_url(re.compile("^" + re.escape(journey.target.portal_url.rstrip("/"))))
        assert admin.url == journey.channel_url_at_sign_in, f"the Amazon Sales Channel tab moved to {admin.url}"


def check_first_tab_keeps_prompt(journey: Journey) -> None:
    with journey.keeping("sign-in-opens-new-tab", "the Amazon Sales Channel tab should still show the prompt"):
        expect(journey.channel.prompt_title).to_be_visible()
        expect(journey.channel.add_the_key_button).to_be_visible()


def back_to_channel_tab(journey: Journey) -> None:
    """With the key copied, back to the Amazon Sales Channel tab."""
    with journey.acting("first-tab-keeps-prompt", "the Amazon Sales Channel tab should come to the front"):
        journey.admin_tab.bring_to_front()
    journey.back_in_channel_tab = True


def click_add_the_key(journey: Journey) -> None:
    with journey.acting("add-the-key-opens-api-keys", "'Add the key' should leave the channel"):
        journey.channel.add_the_key()
    journey.back_in_channel_tab = False


def check_left_for_api_keys(journey: Journey) -> None:
    with journey.keeping("add-the-key-opens-api-keys", f"Add the key should leave the channel for {API_KEYS}"):
        settings = journey.settings  # which admin layout: read from the page's menu
        expect(journey.channel.prompt_title).to_have_count(0)
        expect(settings.page_title).to_have_text(settings.title)
