"""Sessions kept on the server, in the app's SQLite file, as Magento keeps them.

The cookie carries only a random session id; what the session holds (who is signed in,
the form key, flash messages, the page to return to) is a row of the ``session`` table.
Signing in and signing out start a new session (a new id) and delete the old row, so a copy
of the cookie taken before sign-out is worth nothing afterwards, and an id planted before
sign-in never becomes a signed-in one. A row that is gone is never written back: a request
still running when its session ended cannot revive it.

Flask's own cookie session keeps the data in the cookie (nothing to destroy at logout);
Flask-Session has no plain-SQLite store. This is Flask's documented ``SessionInterface``
over the app's own database.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import time
from typing import Any

from flask import Flask, Request, Response, session
from flask.sessions import SecureCookieSession, SessionInterface, session_json_serializer

from mocks.shared.db import get_db

SESSION_ID = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
IDLE_LIFETIME_SECONDS = 24 * 3600  # real time, not the mock clock: moving the clock signs nobody out
# A visitor nobody signed in to (a view of the login page makes a form key) costs a row too: such rows live
# as long as Magento's admin session (admin/security/session_lifetime, 900 s), and at most this many are kept
# (the oldest go first), so a crawler or a flood cannot grow the file.
ANONYMOUS_LIFETIME_SECONDS = 900
MAX_ANONYMOUS_SESSIONS = 1000
KEPT_AT_RESET = ("form_key",)  # what a kept session still holds after /_mock/reset, besides who is signed in


class ServerSession(SecureCookieSession):
    """The session's data, with the id of its row (``None`` until it is first stored)."""

    def __init__(self, initial: dict[str, Any] | None = None, sid: str | None = None) -> None:
        super().__init__(initial)
        self.sid = sid
        self.ended: list[str] = []  # ids whose rows go at the end of this request

    def start_over(self) -> None:
        """Forget everything and continue under a new id (sign-in, sign-out)."""
        if self.sid is not None:
            self.ended.append(self.sid)
        self.sid = None
        self.clear()


def start_over() -> None:
    """Sign-in and sign-out: end the current session (its row is deleted) and start a new, empty one."""
    current = session._get_current_object()  # type: ignore[attr-defined]
    assert isinstance(current, ServerSession), "the app does not keep its sessions on the server"
    current.start_over()


class SqliteSessionInterface(SessionInterface):
    """Sessions in the ``session`` table; ``user_key`` names the session entry that says who is signed in."""

    def __init__(self, user_key: str) -> None:
        self.user_key = user_key

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        sid = request.cookies.get(self.get_cookie_name(app), "")
        if SESSION_ID.fullmatch(sid):
            row = (
                get_db()
                .execute(
                    "SELECT data FROM session WHERE session_id = ? AND updated_at > ?"
                    " AND (user IS NOT NULL OR updated_at > ?)",
                    (sid, time.time() - IDLE_LIFETIME_SECONDS, time.time() - ANONYMOUS_LIFETIME_SECONDS),
                )
                .fetchone()
            )
            data = _loads(row["data"]) if row is not None else None
            if data is not None:
                return ServerSession(data, sid)
        return ServerSession()

    def save_session(self, app: Flask, session: Any, response: Response) -> None:
        assert isinstance(session, ServerSession)
        name = self.get_cookie_name(app)
        db = get_db()
        for sid in session.ended:
            db.execute("DELETE FROM session WHERE session_id = ?", (sid,))
        if session.accessed:
            response.vary.add("Cookie")
        if not session:
            if session.sid is not None:
                db.execute("DELETE FROM session WHERE session_id = ?", (session.sid,))
            if session.sid is not None or session.ended:
                response.delete_cookie(
                    name,
                    domain=self.get_cookie_domain(app),
                    path=self.get_cookie_path(app),
                    secure=self.get_cookie_secure(app),
                    httponly=self.get_cookie_httponly(app),
                    samesite=self.get_cookie_samesite(app),
                )
            return
        if session.sid is not None and not session.modified:
            return
        data = session_json_serializer.dumps(dict(session))
        user = session.get(self.user_key)
        now = time.time()
        if session.sid is not None:
            # an UPDATE only: a row deleted meanwhile (sign-out in another tab) stays deleted
            db.execute(
                "UPDATE session SET data = ?, user = ?, updated_at = ? WHERE session_id = ?",
                (data, user, now, session.sid),
            )
            return
        session.sid = secrets.token_urlsafe(32)
        _prune(db, now)
        db.execute(
            "INSERT INTO session (session_id, data, user, updated_at) VALUES (?, ?, ?, ?)",
            (session.sid, data, user, now),
        )
        response.set_cookie(
            name,
            session.sid,
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            httponly=self.get_cookie_httponly(app),
            samesite=self.get_cookie_samesite(app),
            partitioned=self.get_cookie_partitioned(app),
        )


def _prune(db: sqlite3.Connection, now: float) -> None:
    """Before a new row: drop the rows past their lifetime, and the oldest anonymous ones beyond the limit."""
    db.execute(
        "DELETE FROM session WHERE updated_at <= ? OR (user IS NULL AND updated_at <= ?)",
        (now - IDLE_LIFETIME_SECONDS, now - ANONYMOUS_LIFETIME_SECONDS),
    )
    db.execute(
        "DELETE FROM session WHERE user IS NULL AND session_id NOT IN"
        " (SELECT session_id FROM session WHERE user IS NULL ORDER BY updated_at DESC LIMIT ?)",
        (max(0, MAX_ANONYMOUS_SESSIONS - 1),),
    )


def reset_sessions(db: sqlite3.Connection, user_key: str, keep_user: str | None) -> None:
    """For ``/_mock/reset`` (inside its transaction): end every session but those where ``user_key`` says
    ``keep_user`` is signed in (the demo user the reset seeds again); those keep only who is signed in and the form key,
    so nothing a scenario left in them (messages, remembered pages, panel states) reaches the next one."""
    if keep_user is None:
        db.execute("DELETE FROM session")
        return
    db.execute("DELETE FROM session WHERE user IS NULL OR user <> ?", (keep_user,))
    for row in db.execute("SELECT session_id, data FROM session").fetchall():
        data = _loads(row["data"]) or {}
        kept = {k: v for k, v in data.items() if k in KEPT_AT_RESET}
        kept[user_key] = keep_user
        db.execute(
            "UPDATE session SET data = ? WHERE session_id = ?",
            (session_json_serializer.dumps(kept), row["session_id"]),
        )


def _loads(raw: str) -> dict[str, Any] | None:
    try:
        data = session_json_serializer.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
