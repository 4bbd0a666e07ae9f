"""Marketing > Channels > Amazon Sales Channel: the key check on every access.

Each GET asks the key-check gateway about the stored Production API key (no
caching: every page goes out with ``Cache-Control: no-store``, see ``mocks.shared.app``).
A missing, unknown, expired or revoked key shows the "Welcome to Amazon Sales Channel"
prompt (Sign in / Add the key); a valid key shows the channel's home (store integration);
a gateway that does not answer shows a distinct "could not verify" message.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, render_template, url_for

from flowspec.commerce import LAYOUT_CURRENT, PRODUCTION_API_KEY_PATH
from mocks.admin.config_store import get_value
from mocks.admin.key_characters import describe_all
from mocks.admin.keycheck import KEYCHECK_TIMEOUT, Verdict, check_key
from mocks.shared.db import get_db

bp = Blueprint("channel", __name__)

PROMPT_REASONS = {
    "missing": "No Amazon API key is saved in your store configuration yet.",
    "unknown": "The Amazon API key saved in your store configuration is not valid: Commerce does not know it.",
    "expired": "The Amazon API key saved in your store configuration has expired.",
    "revoked": "The Amazon API key saved in your store configuration has been revoked.",
    "invalid": "The Amazon API key saved in your store configuration was refused.",
}


def key_hint(verdict: Verdict) -> str | None:
    """Why a stored key can never be valid, when it holds characters no API key has (a paste's leftovers)."""
    chars = list(verdict.foreign_characters)
    if not chars:
        return None
    which = "a character" if len(chars) == 1 else "characters"
    return (
        f"The saved key contains {which} that an API key never has: {describe_all(chars)}. "
        "Such characters often come along unseen when a key is copied from a web page or a message: "
        "copy the key again from the API Portal and replace the saved one."
    )


def api_portal_url() -> str:
    return str(current_app.config["PORTAL_URL"]).rstrip("/") + "/apiportal/index/index/"


def add_key_url() -> str:
    """Where "Add the key" leads: the Api Keys of the store configuration (or, on the current admin,
    the Commerce Services Connector page)."""
    if current_app.config["ADMIN_LAYOUT"] == LAYOUT_CURRENT:
        return url_for("services_connector.index")
    return url_for("system_config.edit", section="services_connector")


def current_verdict() -> Verdict:
    key = get_value(get_db(), PRODUCTION_API_KEY_PATH)
    timeout = current_app.extensions.get(KEYCHECK_TIMEOUT, current_app.config["GATEWAY_TIMEOUT"])
    verdict = check_key(current_app.config["GATEWAY_URL"], key, float(timeout))
    g.gateway_verdict = verdict.for_log()
    return verdict


@bp.get("/channel/amazon/index/")
@bp.get("/channel/amazon/")
def index() -> Any:
    verdict = current_verdict()
    if verdict.is_valid:
        return render_template("channel_home.html")
    if verdict.is_unavailable:
        return render_template("channel_unverified.html", verdict=verdict)
    return render_template(
        "channel_prompt.html",
        verdict=verdict,
        reason=PROMPT_REASONS[verdict.status],
        hint=key_hint(verdict),
        sign_in_url=api_portal_url(),
        add_key_url=add_key_url(),
    )


@bp.get("/channel/amazon/store/new/")
def store_new() -> str:
    return render_template("channel_store_new.html")
