"""Both mocks driven in any order: people signing in and out (and copies of their cookies), wrong passwords
and the locks they lead to, saving keys, adding and revoking keys, the key check, and control calls in between.

After every step: no answer was a 5xx, a session that ended stayed ended, a login is locked exactly when
the lockout rule says, and what is stored is what a small model of the rules says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.mocks.conftest import TestBrowser
from tests.mocks.properties.oracle import received, snapshot, stored_text
from tests.mocks.properties.strategies import texts

if TYPE_CHECKING:
    from flask import Flask

    from tests.mocks.conftest import Page
    from tests.mocks.properties.conftest import AppMaker

MERCHANT = "merchant@example.com"
CREDENTIALS = {"admin": ("admin", "admin123"), "portal": (MERCHANT, "merchant123")}
PRODUCTION_PATH = "services_connector/services_connector_integration/production_api_key"
SAVE = "/admin/admin/system_config/save/section/services_connector/"
PRODUCTION = "groups[services_connector_integration][fields][production_api_key][value]"
CONFIG_PAGE = "/admin/admin/system_config/edit/section/services_connector/"
API_PORTAL = "/apiportal/index/index/"
DAY = 24 * 3600


def never_5xx(page: Page) -> Page:
    assert page.status < 500, f"{page.status} for {page.url}: {page.text[:300]}"
    return page


@dataclass
class Person:
    """A browser and the session it believes it has (copies of a cookie share the session)."""

    browser: TestBrowser
    session: int
    form_key: str = ""


@dataclass
class Lockout:
    """The lockout rule, written down again: ``max_failures`` within ``window`` of the first lock for ``window``."""

    max_failures: int
    window: float
    failures: int = 0
    first: float = 0.0
    locked_until: float | None = None

    def locked(self, now: float) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def failed(self, now: float) -> None:
        if self.failures == 0 or now - self.first >= self.window:
            self.failures, self.first, self.locked_until = 1, now, None
            return
        self.failures += 1
        if self.failures >= self.max_failures:
            self.locked_until = now + self.window

    def succeeded(self) -> None:
        self.failures, self.locked_until = 0, None


def new_lockouts() -> dict[str, Lockout]:
    return {"admin": Lockout(6, 30 * 60), "portal": Lockout(10, 10 * 60)}


@dataclass
class Model:
    config: str | None = None
    keys: dict[str, tuple[float, bool]] = field(default_factory=dict)  # value -> (expires at, revoked)
    clock: float = 0.0
    alive: dict[str, set[int]] = field(default_factory=lambda: {"admin": set(), "portal": set()})
    lockouts: dict[str, Lockout] = field(default_factory=new_lockouts)


class MocksInAnyOrder(RuleBasedStateMachine):
    def __init__(self, admin_app: Flask, portal_app: Flask) -> None:
        super().__init__()
        self.apps = {"admin": admin_app, "portal": portal_app}
        self.people: dict[str, list[Person]] = {"admin": [], "portal": []}
        self.model = Model()
        self.sessions = 0

    # ------------------------------------------------------------------ helpers

    def browser(self, site: str) -> TestBrowser:
        return TestBrowser(site, self.apps[site])

    def control(self, site: str) -> TestBrowser:
        return self.browser(site)

    def signed_in(self, site: str, person: Person) -> bool:
        return person.session in self.model.alive[site]

    def now(self, site: str) -> float:
        """The site's mock clock (the server reads it a moment later: the model's times are never that close)."""
        return float(self.apps[site].extensions["clock"].now())

    def stored_keys(self) -> dict[str, tuple[float, bool]]:
        rows = snapshot(self.apps["portal"].config["DATABASE"], "portal")["api_key"]
        return {r[3]: (r[5], r[6] is not None) for r in rows}

    # ------------------------------------------------------------------ set-up

    @initialize()
    def start_clean(self) -> None:
        for site in ("admin", "portal"):
            self.control(site).control().ok("POST", "/reset", {"end_sessions": True})

    # ------------------------------------------------------------------ people

    @rule(site=st.sampled_from(["admin", "portal"]))
    def sign_in(self, site: str) -> None:
        browser = self.browser(site)
        lockout = self.model.lockouts[site]
        locked = lockout.locked(self.now(site))
        answer = never_5xx(browser.submit_login(*CREDENTIALS[site]))
        if locked:
            assert answer.status == 401, "a locked login signed in"
            return
        assert answer.status == 302, "the right password was refused"
        lockout.succeeded()
        browser.form_key = browser.get(CONFIG_PAGE if site == "admin" else API_PORTAL).form_key()
        self.sessions += 1
        self.model.alive[site].add(self.sessions)
        self.people[site].append(Person(browser, self.sessions, browser.form_key))

    @rule(site=st.sampled_from(["admin", "portal"]), typed=st.sampled_from(["wrong-password", " {} ", "{}\u00a0"]))
    def sign_in_with_a_wrong_password(self, site: str, typed: str) -> None:
        user, password = CREDENTIALS[site]
        lockout = self.model.lockouts[site]
        now = self.now(site)
        answer = never_5xx(self.browser(site).submit_login(user, typed.format(password)))
        assert answer.status == 401
        if not lockout.locked(now):  # a locked login's attempts count for nothing
            lockout.failed(now)

    @precondition(lambda self: self.people["admin"] or self.people["portal"])
    @rule(data=st.data())
    def copy_a_cookie(self, data: st.DataObject) -> None:
        site = data.draw(st.sampled_from([s for s in ("admin", "portal") if self.people[s]]))
        person = data.draw(st.sampled_from(self.people[site]))
        name = "admin" if site == "admin" else "PHPSESSID"
        cookie = person.browser.client.get_cookie(name)
        if cookie is None:
            return
        copy = person.browser.fresh()
        copy.client.set_cookie(name, cookie.value)
        self.people[site].append(Person(copy, person.session, person.form_key))

    @precondition(lambda self: self.people["admin"] or self.people["portal"])
    @rule(data=st.data())
    def sign_out(self, data: st.DataObject) -> None:
        site = data.draw(st.sampled_from([s for s in ("admin", "portal") if self.people[s]]))
        person = data.draw(st.sampled_from(self.people[site]))
        path = "/admin/admin/auth/logout/" if site == "admin" else "/customer/account/logout/"
        never_5xx(person.browser.get(path))
        if self.signed_in(site, person):
            self.model.alive[site].discard(person.session)
        self.sessions += 1
        person.session = self.sessions  # this browser now holds a new, anonymous session

    # ------------------------------------------------------------------ the admin

    @precondition(lambda self: self.people["admin"])
    @rule(data=st.data(), value=texts(260))
    def save_config(self, data: st.DataObject, value: str) -> None:
        person = data.draw(st.sampled_from(self.people["admin"]))
        answer = never_5xx(person.browser.post(SAVE, {"form_key": person.form_key, PRODUCTION: value}))
        if not self.signed_in("admin", person):
            assert (answer.status, answer.location) == (302, "/admin/"), "an ended session saved"
            return
        expected = stored_text(value, 255)
        if expected is None:
            assert answer.status == 400
        else:
            assert answer.status == 302
            self.model.config = expected or None

    @rule(value=texts(40))
    def put_config(self, value: str) -> None:
        answer = never_5xx(
            self.control("admin").control().call("PUT", "/config", {"path": PRODUCTION_PATH, "value": value})
        )
        expected = stored_text(received(value), 255)  # JSON joins an escaped surrogate pair into one character
        assert (answer.status == 200) == (expected is not None)
        if expected is not None:
            self.model.config = expected or None

    @precondition(lambda self: self.people["admin"])
    @rule(data=st.data())
    def open_the_channel(self, data: st.DataObject) -> None:
        person = data.draw(st.sampled_from(self.people["admin"]))
        page = never_5xx(person.browser.get("/admin/channel/amazon/"))
        if not self.signed_in("admin", person):
            assert page.status == 302
            return
        assert page.status == 200
        key = self.model.config
        status = "missing" if not key else "unavailable" if all(0x20 <= ord(c) <= 0x7E for c in key) else "unknown"
        assert f'data-key-status="{status}"' in page.text

    # ------------------------------------------------------------------ the portal

    @precondition(lambda self: self.people["portal"])
    @rule(data=st.data(), description=texts(102))
    def add_new(self, data: st.DataObject, description: str) -> None:
        person = data.draw(st.sampled_from(self.people["portal"]))
        before = self.stored_keys()
        answer = never_5xx(
            person.browser.post("/apiportal/index/add/", {"form_key": person.form_key, "description": description})
        )
        if not self.signed_in("portal", person):
            assert answer.status == 302
            assert self.stored_keys() == before, "an ended session added a key"
            return
        if stored_text(description, 100, required=True) is None:
            assert answer.status == 400
            return
        assert answer.status == 302
        [new] = [k for k in self.stored_keys() if k not in before]
        self.model.keys[new] = (self.stored_keys()[new][0], False)

    @precondition(lambda self: self.people["portal"] and self.model.keys)
    @rule(data=st.data())
    def revoke_in_the_portal(self, data: st.DataObject) -> None:
        person = data.draw(st.sampled_from(self.people["portal"]))
        value = data.draw(st.sampled_from(sorted(self.model.keys)))
        key_id = self.control("portal").control().ok("GET", f"/keys?email={MERCHANT}")["keys"]
        [found] = [k["key_id"] for k in key_id if k["key"] == value]
        answer = never_5xx(
            person.browser.post("/apiportal/index/revoke/", {"form_key": person.form_key, "key_id": str(found)})
        )
        expires, revoked = self.model.keys[value]
        if not self.signed_in("portal", person):
            assert answer.status == 302 and answer.location == "/customer/account/login/"
        elif revoked:
            assert answer.status == 409
        else:
            assert answer.status == 302
            self.model.keys[value] = (expires, True)

    @rule(lifetime=st.sampled_from([3600, 10 * DAY]), revoked=st.booleans())
    def make_a_key(self, lifetime: int, revoked: bool) -> None:
        made = (
            self.control("portal")
            .control()
            .ok("POST", "/keys", {"email": MERCHANT, "expires_in_seconds": lifetime, "revoked": revoked})
        )
        self.model.keys[made["key"]] = (self.stored_keys()[made["key"]][0], revoked)

    @precondition(lambda self: self.model.keys)
    @rule(data=st.data(), padding=st.sampled_from(["", " ", "\t"]))
    def check_a_key(self, data: st.DataObject, padding: str) -> None:
        value = data.draw(st.sampled_from(sorted(self.model.keys)))
        answer = never_5xx(
            self.browser("portal").get("/gateway/apikeycheck", headers={"magento-api-key": padding + value})
        )
        expires, revoked = self.model.keys[value]
        now = self.apps["portal"].extensions["clock"].now()
        assert (answer.status == 200) == (not revoked and expires > now)

    @rule(site=st.sampled_from(["admin", "portal"]), days=st.sampled_from([-2, 1, 2, 400]))
    def move_the_clock(self, site: str, days: int) -> None:
        answer = self.control(site).control().call("POST", "/clock", {"advance_seconds": days * DAY})
        never_5xx(answer)

    @rule(site=st.sampled_from(["admin", "portal"]), end_sessions=st.booleans())
    def reset(self, site: str, end_sessions: bool) -> None:
        self.control(site).control().ok("POST", "/reset", {"end_sessions": end_sessions})
        self.model.lockouts[site] = new_lockouts()[site]  # and the clock is back to real time
        if end_sessions:
            self.model.alive[site].clear()  # every session of the demo user ends too
        if site == "admin":
            self.model.config = None
        else:
            self.model.keys.clear()

    # ------------------------------------------------------------------ what must always hold

    @invariant()
    def stored_config_is_the_model(self) -> None:
        rows = snapshot(self.apps["admin"].config["DATABASE"], "admin")["core_config_data"]
        assert [r[4] for r in rows if r[3] == PRODUCTION_PATH] == ([self.model.config] if self.model.config else [])

    @invariant()
    def stored_keys_are_the_model(self) -> None:
        stored = self.stored_keys()
        assert {k: v[1] for k, v in stored.items()} == {k: v[1] for k, v in self.model.keys.items()}


def test_both_mocks_in_any_order(make_app: AppMaker) -> None:
    admin_app, portal_app = make_app("admin"), make_app("portal")
    profile = settings.default
    assert profile is not None

    class OnTheseApps(MocksInAnyOrder):
        def __init__(self) -> None:
            super().__init__(admin_app, portal_app)

    runs = max(5, profile.max_examples // 3)  # each run is a whole sequence of steps
    run_state_machine_as_test(OnTheseApps, settings=settings(profile, max_examples=runs))
