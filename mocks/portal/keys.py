"""API keys: creation, listing, revocation and the gateway's verdict on one."""

from __future__ import annotations

import re
import secrets
import sqlite3
from dataclasses import dataclass

from mocks.shared.clock import to_iso
from mocks.shared.forms import Text

DESCRIPTION = Text("Description", max_length=100)
DEFAULT_LIFETIME_SECONDS = 365 * 24 * 3600
KEY_BYTES = 24  # 48 hex characters
MAX_ROW_ID = 2**63 - 1  # SQLite's largest INTEGER
VALUE = re.compile(r"[!-~]{1,128}")  # a key value someone gives: printable ASCII, no spaces (as a header carries it)
VALUE_RULE = "1 to 128 printable ASCII characters without spaces"


def is_valid_value(value: str) -> bool:
    return VALUE.fullmatch(value) is not None


@dataclass(frozen=True)
class ApiKey:
    key_id: int
    name: str
    api_key: str
    created_at: float
    expires_at: float
    revoked_at: float | None

    def status(self, now: float) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "active"

    def as_json(self, now: float) -> dict[str, object]:
        return {
            "key_id": self.key_id,
            "name": self.name,
            "key": self.api_key,
            "created_at": to_iso(self.created_at),
            "expires_at": to_iso(self.expires_at),
            "status": self.status(now),
        }


def new_key_value() -> str:
    return secrets.token_hex(KEY_BYTES)


def create(
    db: sqlite3.Connection,
    account_id: int,
    name: str,
    now: float,
    lifetime_seconds: float = DEFAULT_LIFETIME_SECONDS,
    value: str | None = None,
) -> ApiKey:
    cur = db.execute(
        "INSERT INTO api_key (account_id, name, api_key, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        (account_id, name, value or new_key_value(), now, now + lifetime_seconds),
    )
    key = get(db, account_id, int(cur.lastrowid or 0))
    assert key is not None
    return key


def list_for(db: sqlite3.Connection, account_id: int) -> list[ApiKey]:
    rows = db.execute(
        "SELECT key_id, name, api_key, created_at, expires_at, revoked_at FROM api_key"
        " WHERE account_id = ? ORDER BY created_at DESC, key_id DESC",
        (account_id,),
    ).fetchall()
    return [ApiKey(**dict(r)) for r in rows]


def get(db: sqlite3.Connection, account_id: int, key_id: int) -> ApiKey | None:
    if not 0 < key_id <= MAX_ROW_ID:
        return None  # no such row, and SQLite could not even take the number
    row = db.execute(
        "SELECT key_id, name, api_key, created_at, expires_at, revoked_at FROM api_key"
        " WHERE account_id = ? AND key_id = ?",
        (account_id, key_id),
    ).fetchone()
    return None if row is None else ApiKey(**dict(row))


def revoke(db: sqlite3.Connection, account_id: int, key_id: int, now: float) -> bool:
    cur = db.execute(
        "UPDATE api_key SET revoked_at = ? WHERE account_id = ? AND key_id = ? AND revoked_at IS NULL",
        (now, account_id, key_id),
    )
    return cur.rowcount == 1


def revoke_value(db: sqlite3.Connection, value: str, now: float) -> bool:
    cur = db.execute("UPDATE api_key SET revoked_at = ? WHERE api_key = ? AND revoked_at IS NULL", (now, value))
    return cur.rowcount == 1


def exists(db: sqlite3.Connection, value: str) -> bool:
    return db.execute("SELECT 1 FROM api_key WHERE api_key = ?", (value,)).fetchone() is not None


def verdict(db: sqlite3.Connection, value: str, now: float) -> str:
    """'valid', or why not: 'missing', 'unknown', 'revoked', 'expired'."""
    if not value:
        return "missing"
    row = db.execute(
        "SELECT key_id, name, api_key, created_at, expires_at, revoked_at FROM api_key WHERE api_key = ?",
        (value,),
    ).fetchone()
    if row is None:
        return "unknown"
    status = ApiKey(**dict(row)).status(now)
    return "valid" if status == "active" else status
