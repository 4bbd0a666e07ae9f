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


def admin_problem(
    target: CommerceTarget, timeout: float = PROBE_TIMEOUT_SECONDS, fix: str = ADMIN_URL_FIX
) -> str | None:
    """What is wrong with the admin URL, or None: it must answer with the Commerce Admin's login form (or, an
    Admin that keeps a session by IP, its signed-in menu). ``fix`` says where the URL comes from."""
    url = target.admin_url
    try:
        answer = fetch(url, timeout)
    except Unanswered as exc:
        return f"The Commerce Admin at {url} did not answer: {exc}. {fix}, and that the Admin is running."
    if answer.status >= 400:
        return f"The Commerce Admin at {url} answered HTTP {answer.status} at {answer.url}. {fix}."
    if admin_login_in(answer.html) or menu_in(answer.html):
        return None
    if account_login_in(answer.html):
        return (
            f"{url} shows the Commerce account's login, not the Commerce Admin's. "
            "Were --admin-url and --portal-url swapped?"
        )
    return f"{url} answered with a page that is not the Commerce Admin's login ({_describe(answer)}). {fix}."


def portal_problem(target: CommerceTarget, timeout: float = PROBE_TIMEOUT_SECONDS) -> str | None:
    """What is wrong with the portal URL, or None: its API Portal must answer with the account's login form."""
    url, fix = target.api_portal_url, f"Check --portal-url (or {ENV_PORTAL_URL}): the Commerce account's base URL"
    try:
        answer = fetch(url, timeout)
    except Unanswered as exc:
        return f"The Commerce account at {url} did not answer: {exc}. {fix}, and that it is running."
    if answer.status >= 400:
        return f"The Commerce account's API Portal {url} answered HTTP {answer.status} at {answer.url}. {fix}."
    if account_login_in(answer.html) or api_portal_in(answer.html):
        return None
    if admin_login_in(answer.html):
        return f"{url} shows the Commerce Admin's login, not the account's. Were --admin-url and --portal-url swapped?"
    return f"{url} answered with a page that is not the Commerce account's login ({_describe(answer)}). {fix}."


def _describe(answer: Answer) -> str:
    title = _title(answer.html)
    where = answer.url if urlsplit(answer.url).path else answer.url + "/"
    return f"HTTP {answer.status} at {where}" + (f", titled {title!r}" if title else ", no title")


def target_problem(target: CommerceTarget, timeout: float = PROBE_TIMEOUT_SECONDS) -> str | None:
    """The first thing wrong with the target's URLs, or None."""
    return admin_problem(target, timeout) or portal_problem(target, timeout)
