"""Before the first scenario: is each target URL there, answering within seconds, and what it claims to be?

A dead or wrong URL would otherwise fail every scenario on its own, each after its own time-outs, with a
hundred lines apiece. Here it is one sentence: the URL, what answered (refused, timed out after N s, an HTTP
status, a page that is not the expected login) and what to do.
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from harness.target import ENV_ADMIN_URL, ENV_PORTAL_URL, CommerceTarget
from pages.admin_login import admin_login_in
from pages.admin_menu import menu_in
from pages.api_portal import api_portal_in
from pages.portal_login import account_login_in

PROBE_TIMEOUT_SECONDS = 5.0
MAX_PAGE_BYTES = 2_000_000


@dataclass(frozen=True)
class Answer:
    url: str  # where the request ended, after redirects
    status: int
    html: str


class Unanswered(Exception):
    """The URL did not answer as a web page: refused, timed out, not HTTP."""


def fetch(url: str, timeout: float = PROBE_TIMEOUT_SECONDS) -> Answer:
    """GET ``url`` (following redirects); the answer even when its status is an error."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # http(s) only: checked by the caller
            return Answer(response.geturl(), response.status, _text(response.read(MAX_PAGE_BYTES)))
    except urllib.error.HTTPError as exc:
        return Answer(exc.geturl() or url, exc.code, _text(exc.read(MAX_PAGE_BYTES)))
    except TimeoutError:
        raise Unanswered(f"it accepted the connection but sent no answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise Unanswered(f"it did not answer within {timeout:g} s") from None
        if isinstance(reason, ConnectionRefusedError):
            raise Unanswered("the connection was refused (nothing listens on that port)") from None
        if isinstance(reason, socket.gaierror):
            raise Unanswered(f"its host name does not resolve ({reason.strerror})") from None
        raise Unanswered(f"it could not be reached ({reason})") from None
    except (http.client.HTTPException, ConnectionError, OSError) as exc:
        raise Unanswered(f"it did not answer as a web server ({type(exc).__name__}: {exc})") from None


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _title(html: str) -> str:
    start, end = html.find("<title>"), html.find("</title>")
    return " ".join(html[start + 7 : end].split())[:80] if 0 <= start < end else ""


ADMIN_URL_FIX = f"Check --admin-url (or {ENV_ADMIN_URL}): the Admin's base URL with its admin path"
PORTAL_URL_FIX = f"Check --portal-url (or {ENV_PORTAL_URL}): the Commerce account's base URL"
SWAPPED = "Were --admin-url and --portal-url swapped?"


@dataclass(frozen=True)
class Expected:
    """What a URL must answer with, and what it would answer with if it were the other site's."""

    name: str  # "the Commerce Admin"
    login: str  # "the Commerce Admin's login"
    fine: Callable[[str], bool]  # the page is what it claims
    other: Callable[[str], bool]  # the page is the other site's login
    other_login: str  # "the Commerce account's login"


ADMIN = Expected("the Commerce Admin", "the Commerce Admin's login", lambda h: admin_login_in(h) or menu_in(h),
                 account_login_in, "the Commerce account's login")  # fmt: skip
PORTAL = Expected("the Commerce account", "the Commerce account's login",
                  lambda h: account_login_in(h) or api_portal_in(h), admin_login_in, "the Commerce Admin's login")  # fmt: skip


def problem_at(url: str, expected: Expected, fix: str, timeout: float = PROBE_TIMEOUT_SECONDS) -> str | None:
    """What is wrong with ``url``, or None when it answers, within ``timeout``, with what ``expected`` says."""
    name = expected.name[0].upper() + expected.name[1:]
    try:
        answer = fetch(url, timeout)
    except Unanswered as exc:
        return f"{name} at {url} did not answer: {exc}. {fix}, and that it is running."
    if answer.status >= 400:
        return f"{name} at {url} answered HTTP {answer.status} at {answer.url}. {fix}."
    if expected.fine(answer.html):
        return None
    if expected.other(answer.html):
        return f"{url} shows {expected.other_login}, not {expected.login}. {SWAPPED}"
    return f"{url} answered with a page that is not {expected.login} ({_describe(answer)}). {fix}."


def admin_problem(
    target: CommerceTarget, timeout: float = PROBE_TIMEOUT_SECONDS, fix: str = ADMIN_URL_FIX
) -> str | None:
    """The admin URL must answer with the Commerce Admin's login form (or, an Admin that keeps a session by IP,
    its signed-in menu). ``fix`` says where the URL comes from."""
    return problem_at(target.admin_url, ADMIN, fix, timeout)


def portal_problem(target: CommerceTarget, timeout: float = PROBE_TIMEOUT_SECONDS) -> str | None:
    """The portal's API Portal must answer with the account's login form (or the API Portal)."""
    return problem_at(target.api_portal_url, PORTAL, PORTAL_URL_FIX, timeout)


def _describe(answer: Answer) -> str:
    title = _title(answer.html)
    where = answer.url if urlsplit(answer.url).path else answer.url + "/"
    return f"HTTP {answer.status} at {where}" + (f", titled {title!r}" if title else ", no title")


def target_problem(target: CommerceTarget, timeout: float = PROBE_TIMEOUT_SECONDS) -> str | None:
    """The first thing wrong with the target's URLs, or None."""
    return admin_problem(target, timeout) or portal_problem(target, timeout)
