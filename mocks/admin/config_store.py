"""Reading and writing ``core_config_data`` (default scope), as Magento stores config."""

from __future__ import annotations

import sqlite3

from mocks.shared.db import transaction


def get_value(db: sqlite3.Connection, path: str) -> str | None:
    row = db.execute(
        "SELECT value FROM core_config_data WHERE scope = 'default' AND scope_id = 0 AND path = ?",
        (path,),
    ).fetchone()
    return None if row is None else row["value"]


def get_values(db: sqlite3.Connection, paths: list[str]) -> dict[str, str]:
    return {p: v for p in paths if (v := get_value(db, p)) is not None}


def save_values(db: sqlite3.Connection, values: dict[str, str], now: str) -> None:
    """Store every value in one transaction; an empty value removes the row."""
    with transaction(db):
        for path, value in values.items():
            if value == "":
                db.execute(
                    "DELETE FROM core_config_data WHERE scope = 'default' AND scope_id = 0 AND path = ?",
                    (path,),
                )
            else:
                db.execute(
                    "INSERT INTO core_config_data (scope, scope_id, path, value, updated_at)"
                    " VALUES ('default', 0, ?, ?, ?)"
                    " ON CONFLICT (scope, scope_id, path) DO UPDATE SET value = excluded.value,"
                    " updated_at = excluded.updated_at",
                    (path, value, now),
                )
