"""Locking a sign-in after repeated failures, as Magento does (``admin_user`` and ``customer_entity`` keep
``failures_num``, ``first_failure`` and ``lock_expires``; here one ``login_failure`` table per app).

A wrong password for a known login starts a run of failures, or adds to it. The failure that
makes the run ``max_failures`` long, all within ``window_seconds`` of its first failure, locks
the login for ``window_seconds``; a failure ``window_seconds`` or more after the run's first starts
a new run. While locked, the right password is refused too, with the same message as a wrong one.
A successful sign-in ends the run. Times are the mock clock's, so a test can move past a lock;
``/_mock/reset`` empties the table.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class LockoutRule:
    max_failures: int  # 2 or more: the first failure of a run never locks
    window_seconds: float  # the failures must fall within it, and a lock lasts as long


# Magento's defaults: admin/security/lockout_failures and lockout_threshold (minutes); customer/password/...
ADMIN = LockoutRule(max_failures=6, window_seconds=30 * 60)
CUSTOMER = LockoutRule(max_failures=10, window_seconds=10 * 60)


def is_locked(db: sqlite3.Connection, login: str, now: float) -> bool:
    row = db.execute("SELECT locked_until FROM login_failure WHERE login = ?", (login,)).fetchone()
    return row is not None and row["locked_until"] is not None and now < row["locked_until"]


def record_failure(db: sqlite3.Connection, login: str, now: float, rule: LockoutRule) -> None:
    """One more failure for ``login`` (one statement: failures at the same moment all count)."""
    db.execute(
        """
        INSERT INTO login_failure (login, failures, first_failure, locked_until)
        VALUES (:login, 1, :now, NULL)
        ON CONFLICT (login) DO UPDATE SET
            failures = CASE WHEN :now - first_failure >= :window THEN 1 ELSE failures + 1 END,
            first_failure = CASE WHEN :now - first_failure >= :window THEN :now ELSE first_failure END,
            locked_until = CASE
                WHEN :now - first_failure >= :window THEN NULL
                WHEN failures + 1 >= :max THEN :now + :window
                ELSE locked_until
            END
        """,
        {"login": login, "now": now, "max": rule.max_failures, "window": rule.window_seconds},
    )


def record_success(db: sqlite3.Connection, login: str) -> None:
    db.execute("DELETE FROM login_failure WHERE login = ?", (login,))
