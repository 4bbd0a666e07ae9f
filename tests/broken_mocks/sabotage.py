"""A pytest plugin that breaks the in-process mocks on purpose, one scenario at a time.

Loaded with ``-p tests.broken_mocks.sabotage`` by test_suite_catches_breakage.py: it runs each scenario
of ``CASES`` once per breakage it must catch (and deselects every other scenario), breaking the mocks
for that run only; the test then checks that every one of those runs failed, naming the documented
step. ``BROKEN_MOCK=<name>`` runs one breakage's cases only. Each breakage is one wrong behaviour that
violates one of the doc's promises (``flowspec/promises.py`` lists which). The mock code carries no
switches for this: each breakage replaces, for one scenario, a helper the mock looks up when it answers.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import session

import mocks.admin.auth as admin_auth
import mocks.admin.channel as channel
import mocks.admin.config_sections as config_sections
import mocks.admin.dashboard as dashboard
import mocks.admin.system_config as system_config
import mocks.portal.account as portal_account
import mocks.portal.apiportal as apiportal
from mocks.admin.keycheck import Verdict


def _rewrite_html(mp: pytest.MonkeyPatch, module: Any, rewrite: Callable[[str], str]) -> None:
    real = module.render_template
    mp.setattr(module, "render_template", lambda *args, **kwargs: rewrite(real(*args, **kwargs)))


# ---- doc step 1: the Admin's login ----


def _admin_login_refused(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(admin_auth, "check_password_hash", lambda pwhash, password: False)


def _wrong_password_accepted(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(admin_auth, "check_password_hash", lambda pwhash, password: True)


def _admin_pages_without_session(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(admin_auth, "current_user", lambda: "admin")  # what require_login asks: everyone is signed in


class _Unhandled(Exception):
    """What an ``except`` clause of the mocks catches instead of their input errors, to break it."""


def _empty_admin_password_crashes(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(admin_auth, "InputError", _Unhandled)  # the login's input errors escape: a 500 page


def _admin_login_forgets_page(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(admin_auth, "take_target", lambda key: None)


# ---- doc steps 2 and 9, and the rule: the channel and its key check ----


def _channel_missing_from_menu(mp: pytest.MonkeyPatch) -> None:
    link = re.compile(r'<li data-ui-id="menu-magento-amazon-channel-amazon-index".*?</li>', re.DOTALL)
    _rewrite_html(mp, dashboard, lambda html: link.sub("", html))


def _no_prompt_for_bad_key(mp: pytest.MonkeyPatch) -> None:
    def check_key(gateway_url: str, api_key: str | None, timeout: float) -> Verdict:
        return Verdict("valid", "broken on purpose")

    mp.setattr(channel, "check_key", check_key)


def _valid_key_prompts(mp: pytest.MonkeyPatch) -> None:
    real = channel.check_key

    def check_key(gateway_url: str, api_key: str | None, timeout: float) -> Verdict:
        verdict = real(gateway_url, api_key, timeout)
        return Verdict("unknown", "broken on purpose") if verdict.is_valid else verdict

    mp.setattr(channel, "check_key", check_key)


def _prompt_without_add_the_key(mp: pytest.MonkeyPatch) -> None:
    _rewrite_html(mp, channel, lambda html: re.sub(r"<button[^>]*>Add the key</button>", "", html))


def _prompt_gives_wrong_reason(mp: pytest.MonkeyPatch) -> None:
    for reason in list(channel.PROMPT_REASONS):
        mp.setitem(channel.PROMPT_REASONS, reason, channel.PROMPT_REASONS["missing"])


def _verdict_cached(mp: pytest.MonkeyPatch) -> None:
    real = channel.current_verdict
    cache: list[Verdict] = []

    def cached() -> Verdict:
        if not cache:
            cache.append(real())
        return cache[0]

    mp.setattr(channel, "current_verdict", cached)


def _unreachable_gateway_reported_as_bad_key(mp: pytest.MonkeyPatch) -> None:
    real = channel.check_key

    def check_key(gateway_url: str, api_key: str | None, timeout: float) -> Verdict:
        verdict = real(gateway_url, api_key, timeout)
        return Verdict("unknown", verdict.detail) if verdict.is_unavailable else verdict

    mp.setattr(channel, "check_key", check_key)


# ---- doc step 3: Sign in, the account's login and registration ----


def _sign_in_in_same_tab(mp: pytest.MonkeyPatch) -> None:
    _rewrite_html(mp, channel, lambda html: html.replace(' target="_blank"', ""))


def _sign_in_link_to_dashboard(mp: pytest.MonkeyPatch) -> None:
    real = channel.api_portal_url
    mp.setattr(channel, "api_portal_url", lambda: real().replace("/apiportal/index/index/", "/customer/account/"))


def _portal_wrong_password_accepted(mp: pytest.MonkeyPatch) -> None:
    accounts = portal_account.accounts
    mp.setattr(accounts, "authenticate", lambda db, email, password: accounts.find(db, email))


def _portal_login_forgets_page(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(portal_account, "take_target", lambda key: None)


def _registration_mistake_crashes(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(portal_account, "InputError", _Unhandled)  # a mistake on the form gives a 500 page, the form lost


def _password_rule_off_by_one(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(portal_account.accounts, "MIN_PASSWORD_LENGTH", portal_account.accounts.MIN_PASSWORD_LENGTH + 1)


def _signed_in_login_page_missing(mp: pytest.MonkeyPatch) -> None:
    real = portal_account.url_for

    def url_for(endpoint: str, **values: Any) -> str:
        return "/customer/account/gone/" if endpoint == "account.dashboard" else real(endpoint, **values)

    mp.setattr(portal_account, "url_for", url_for)


def _registration_leaves_api_portal(mp: pytest.MonkeyPatch) -> None:
    accounts = portal_account.accounts
    real = accounts.create

    def create(*args: Any, **kwargs: Any) -> Any:
        made = real(*args, **kwargs)
        session["portal_next"] = "/customer/account/"  # the new account lands on My Account's dashboard
        return made

    mp.setattr(accounts, "create", create)


# ---- doc step 4: the API Portal ----


def _add_new_ignores_description(mp: pytest.MonkeyPatch) -> None:
    keys = apiportal.keys
    real = keys.create
    mp.setattr(keys, "create", lambda db, account_id, name, *rest, **kw: real(db, account_id, "API key", *rest, **kw))


def _add_new_lists_no_key(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(apiportal.keys, "create", lambda *args, **kwargs: None)


def _empty_description_accepted(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(apiportal.keys, "DESCRIPTION", dataclasses.replace(apiportal.keys.DESCRIPTION, required=False))


def _revoked_key_listed_active(mp: pytest.MonkeyPatch) -> None:
    status = re.compile(r'(<td class="api-key-status">)(?:Expired|Revoked)(</td>)')
    _rewrite_html(mp, apiportal, lambda html: status.sub(r"\1Active\2", html))


def _copy_copies_wrong_key(mp: pytest.MonkeyPatch) -> None:
    _rewrite_html(mp, apiportal, lambda html: re.sub(r'data-copy-key="(\w+)\w"', r'data-copy-key="\1"', html))


# ---- doc steps 6 to 8: Add the key, the Api Keys, paste, Save Config ----


def _add_the_key_goes_elsewhere(mp: pytest.MonkeyPatch) -> None:
    real = channel.url_for

    def url_for(endpoint: str, **values: Any) -> str:
        return real("dashboard.index") if endpoint == "system_config.edit" else real(endpoint, **values)

    mp.setattr(channel, "url_for", url_for)


def _api_keys_collapsed(mp: pytest.MonkeyPatch) -> None:
    real = system_config.session

    class ClosedGroups:
        def get(self, key: str, default: Any = None) -> Any:
            if key == "config_state":
                return {"services_connector_services_connector_integration": "0"}
            return real.get(key, default)

        def __setitem__(self, key: str, value: Any) -> None:
            real[key] = value

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    mp.setattr(system_config, "session", ClosedGroups())


def _magento_services_not_under_services(mp: pytest.MonkeyPatch) -> None:
    section = config_sections.SECTIONS["services_connector"]
    mp.setitem(config_sections.SECTIONS, section.id, dataclasses.replace(section, tab="general"))


def _production_field_truncates(mp: pytest.MonkeyPatch) -> None:
    _rewrite_html(
        mp, system_config, lambda html: re.sub(r'(id="[a-z_]*production_api_key")', r'\1 maxlength="16"', html)
    )


def _field_prefilled_before_paste(mp: pytest.MonkeyPatch) -> None:
    field = re.compile(r'(<input\b[^>]*\bid="[a-z_]*production_api_key"[^>]*\bvalue=")(")')
    _rewrite_html(mp, system_config, lambda html: field.sub(r"\1Enter your API key\2", html))


def _save_config_says_nothing(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(system_config, "flash", lambda *args, **kwargs: None)


def _save_config_says_other_words(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(system_config, "SAVED", "Configuration updated.")


def _save_config_does_not_save(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(system_config, "save_values", lambda db, values, now: None)


def _save_config_keeps_old_key(mp: pytest.MonkeyPatch) -> None:
    real = system_config.save_values
    get_values = system_config.get_values

    def save_values(db: Any, values: dict[str, str], now: str) -> None:
        stored = get_values(db, list(values))
        real(db, {path: value for path, value in values.items() if path not in stored}, now)

    mp.setattr(system_config, "save_values", save_values)


BREAKAGES: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "admin-login-refused": _admin_login_refused,
    "wrong-password-accepted": _wrong_password_accepted,
    "admin-login-forgets-page": _admin_login_forgets_page,
    "empty-admin-password-crashes": _empty_admin_password_crashes,
    "registration-mistake-crashes": _registration_mistake_crashes,
    "password-rule-off-by-one": _password_rule_off_by_one,
    "signed-in-login-page-missing": _signed_in_login_page_missing,
    "admin-pages-without-session": _admin_pages_without_session,
    "channel-missing-from-menu": _channel_missing_from_menu,
    "no-prompt-for-bad-key": _no_prompt_for_bad_key,
    "valid-key-prompts": _valid_key_prompts,
    "prompt-without-add-the-key": _prompt_without_add_the_key,
    "prompt-gives-wrong-reason": _prompt_gives_wrong_reason,
    "verdict-cached": _verdict_cached,
    "unreachable-gateway-reported-as-bad-key": _unreachable_gateway_reported_as_bad_key,
    "sign-in-in-same-tab": _sign_in_in_same_tab,
    "sign-in-link-to-dashboard": _sign_in_link_to_dashboard,
    "portal-login-forgets-page": _portal_login_forgets_page,
    "portal-wrong-password-accepted": _portal_wrong_password_accepted,
    "registration-leaves-api-portal": _registration_leaves_api_portal,
    "add-new-ignores-description": _add_new_ignores_description,
    "add-new-lists-no-key": _add_new_lists_no_key,
    "empty-description-accepted": _empty_description_accepted,
    "copy-copies-wrong-key": _copy_copies_wrong_key,
    "revoked-key-listed-active": _revoked_key_listed_active,
    "field-prefilled-before-paste": _field_prefilled_before_paste,
    "add-the-key-goes-elsewhere": _add_the_key_goes_elsewhere,
    "api-keys-collapsed": _api_keys_collapsed,
    "magento-services-not-under-services": _magento_services_not_under_services,
    "production-field-truncates": _production_field_truncates,
    "save-config-says-nothing": _save_config_says_nothing,
    "save-config-says-other-words": _save_config_says_other_words,
    "save-config-does-not-save": _save_config_does_not_save,
    "save-config-keeps-old-key": _save_config_keeps_old_key,
}


# Which scenario shows each breakage, and which documented step its failure must name:
# (breakage, a word of the scenario's test name, its example row or None, the doc step's tag).
CASES: tuple[tuple[str, str, dict[str, str] | None, str], ...] = (
    ("admin-login-refused", "log_in_to_the_commerce_admin", None, "doc-step-1"),
    ("wrong-password-accepted", "wrong_password_does_not_open_the_commerce_admin", None, "doc-step-1"),
    ("admin-login-forgets-page", "from_a_bookmark", None, "doc-step-1"),
    ("empty-admin-password-crashes", "without_a_password", None, "doc-step-1"),
    (
        "registration-mistake-crashes",
        "registering_with",
        {"mistake": "a password without a digit", "fix": "at least one letter and one digit"},
        "doc-step-3",
    ),
    ("password-rule-off-by-one", "exactly_as_long", None, "doc-step-3"),
    ("signed-in-login-page-missing", "doc_links_for_registering", None, "doc-step-3"),
    ("admin-pages-without-session", "wrong_password_does_not_open_the_commerce_admin", None, "doc-step-1"),
    ("channel-missing-from-menu", "first_access_without_a_key", None, "doc-step-2"),
    ("no-prompt-for-bad-key", "first_access_without_a_key", None, "doc-step-2"),
    ("prompt-without-add-the-key", "first_access_without_a_key", None, "doc-step-2"),
    ("prompt-gives-wrong-reason", "a_key_that_is_problem_prompts", {"problem": "expired"}, "doc-rule"),
    ("valid-key-prompts", "valid_key_goes_straight_on", None, "doc-rule"),
    ("verdict-cached", "revoked_after_a_good_visit", None, "doc-rule"),
    ("unreachable-gateway-reported-as-bad-key", "is_not_reported_as_a_bad_key", {"fault": "down"}, "doc-rule"),
    ("sign-in-in-same-tab", "signed_in_to_the_commerce_account_sign_in", None, "doc-step-3"),
    ("sign-in-in-same-tab", "first_tab_still_shows_the_prompt", None, "doc-step-3"),
    ("sign-in-link-to-dashboard", "signed_in_to_the_commerce_account_sign_in", None, "doc-step-3"),
    ("portal-login-forgets-page", "not_signed_in_the_commerce_account_asks", None, "doc-step-3"),
    ("portal-wrong-password-accepted", "a_wrong_password_does_not_open_the_api", None, "doc-step-3"),
    ("registration-leaves-api-portal", "without_a_commerce_account", None, "doc-step-3"),
    ("add-new-ignores-description", "add_new_lists_the_new_key", None, "doc-step-4"),
    ("add-new-lists-no-key", "add_new_lists_the_new_key", None, "doc-step-4"),
    ("empty-description-accepted", "a_key_needs_a_description", None, "doc-step-4"),
    ("copy-copies-wrong-key", "copy_puts_exactly", None, "doc-step-4"),
    ("copy-copies-wrong-key", "first_tab_still_shows_the_prompt", None, "doc-step-4"),
    ("revoked-key-listed-active", "shows_each_keys_status", None, "doc-step-4"),
    ("revoked-key-listed-active", "still_bad_after_saving", None, "doc-step-4"),
    ("field-prefilled-before-paste", "pasted_into_production_api_key", None, "doc-step-7"),
    ("field-prefilled-before-paste", "add_the_key_leaves_the_channel", None, "doc-step-7"),
    ("add-the-key-goes-elsewhere", "add_the_key_leaves_the_channel", None, "doc-step-6"),
    ("api-keys-collapsed", "add_the_key_leaves_the_channel", None, "doc-step-6"),
    ("magento-services-not-under-services", "opened_by_hand", None, "doc-step-6"),
    ("production-field-truncates", "pasted_into_production_api_key", None, "doc-step-7"),
    ("save-config-says-nothing", "save_config_stores", None, "doc-step-8"),
    ("save-config-says-other-words", "save_config_stores", None, "doc-step-8"),
    ("save-config-does-not-save", "save_config_stores", None, "doc-step-8"),
    ("save-config-keeps-old-key", "still_bad_after_saving", None, "doc-step-9"),
)
ENV = "BROKEN_MOCK"  # one breakage's cases only (default: all)
ENV_EVERYWHERE = "BROKEN_MOCK_EVERYWHERE"  # one breakage in every scenario of the run (none deselected)
EXAMPLE_PARAM = "_pytest_bdd_example"


def case_id(breakage: str, scenario: str) -> str:
    return f"broken-{breakage}-in-{scenario}"


def _chosen() -> list[tuple[str, str, dict[str, str] | None, str]]:
    only = os.environ.get(ENV, "")
    if only and only not in BREAKAGES:
        raise pytest.UsageError(f"{ENV} must be one of {sorted(BREAKAGES)}, not {only!r}")
    return [case for case in CASES if not only or case[0] == only]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each scenario once per breakage that it must catch (and no other scenario)."""
    name = metafunc.definition.name
    everywhere = os.environ.get(ENV_EVERYWHERE, "")
    if everywhere:
        if everywhere not in BREAKAGES:
            raise pytest.UsageError(f"{ENV_EVERYWHERE} must be one of {sorted(BREAKAGES)}, not {everywhere!r}")
        if "broken_mock" in metafunc.fixturenames:
            metafunc.parametrize(
                "broken_mock", [(everywhere, "", None, "")], ids=[f"broken-{everywhere}"], indirect=True
            )
        return
    cases = [case for case in _chosen() if case[1] in name]
    if cases:
        ids = [case_id(case[0], case[1]) for case in cases]
        metafunc.parametrize("broken_mock", cases, ids=ids, indirect=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(ENV_EVERYWHERE):
        return
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        case = callspec.params.get("broken_mock") if callspec else None
        example = callspec.params.get(EXAMPLE_PARAM) if callspec else None
        wanted = case is not None and (case[2] is None or case[2] == example)
        (keep if wanted else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(autouse=True)
def broken_mock(request: pytest.FixtureRequest) -> Iterator[str]:
    """Break the in-process mocks for this scenario only; everything is put back after it."""
    case = getattr(request, "param", None)
    if case is None:
        yield ""
        return
    for shared in ("admin_session_state", "portal_session_state"):
        request.getfixturevalue(shared)  # made once per run, before anything is broken
    with pytest.MonkeyPatch.context() as mp:
        BREAKAGES[case[0]](mp)
        yield case[0]
