"""A pytest plugin that breaks the in-process mocks on purpose: ``BROKEN_MOCK=<name>``.

Loaded with ``-p tests.broken_mocks.sabotage`` by test_suite_catches_breakage.py, which
then checks that the BDD suite fails, naming the documented step that broke.
Each breakage is one wrong behaviour the doc cares about.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

import pytest

import mocks.admin.auth as admin_auth
import mocks.admin.channel as channel
import mocks.admin.system_config as system_config
import mocks.portal.apiportal as apiportal
from mocks.admin.keycheck import Verdict


def _no_prompt_for_bad_key() -> None:
    def check_key(gateway_url: str, api_key: str | None, timeout: float) -> Verdict:
        return Verdict("valid", "broken on purpose")

    channel.check_key = check_key


def _admin_login_refused() -> None:
    admin_auth.check_password_hash = lambda pwhash, password: False


def _add_the_key_goes_elsewhere() -> None:
    real = channel.url_for

    def url_for(endpoint: str, **values: Any) -> str:
        return real("dashboard.index") if endpoint == "system_config.edit" else real(endpoint, **values)

    channel.url_for = url_for


def _save_config_does_not_save() -> None:
    system_config.save_values = lambda db, values, now: None


def _verdict_cached() -> None:
    real = channel.current_verdict
    cache: list[Verdict] = []

    def cached() -> Verdict:
        if not cache:
            cache.append(real())
        return cache[0]

    channel.current_verdict = cached


def _sign_in_in_same_tab() -> None:
    _rewrite_html(channel, lambda html: html.replace(' target="_blank"', ""))


def _copy_copies_wrong_key() -> None:
    _rewrite_html(apiportal, lambda html: re.sub(r'data-copy-key="(\w+)\w"', r'data-copy-key="\1"', html))


def _unreachable_gateway_reported_as_bad_key() -> None:
    real = channel.check_key

    def check_key(gateway_url: str, api_key: str | None, timeout: float) -> Verdict:
        verdict = real(gateway_url, api_key, timeout)
        return Verdict("unknown", verdict.detail) if verdict.is_unavailable else verdict

    channel.check_key = check_key


def _rewrite_html(module: Any, rewrite: Callable[[str], str]) -> None:
    real = module.render_template
    module.render_template = lambda *args, **kwargs: rewrite(real(*args, **kwargs))


BREAKAGES: dict[str, Callable[[], None]] = {
    "admin-login-refused": _admin_login_refused,
    "no-prompt-for-bad-key": _no_prompt_for_bad_key,
    "add-the-key-goes-elsewhere": _add_the_key_goes_elsewhere,
    "save-config-does-not-save": _save_config_does_not_save,
    "verdict-cached": _verdict_cached,
    "sign-in-in-same-tab": _sign_in_in_same_tab,
    "copy-copies-wrong-key": _copy_copies_wrong_key,
    "unreachable-gateway-reported-as-bad-key": _unreachable_gateway_reported_as_bad_key,
}


def pytest_configure(config: pytest.Config) -> None:
    name = os.environ.get("BROKEN_MOCK", "")
    if name not in BREAKAGES:
        raise pytest.UsageError(f"BROKEN_MOCK must be one of {sorted(BREAKAGES)}, not {name!r}")
    BREAKAGES[name]()
