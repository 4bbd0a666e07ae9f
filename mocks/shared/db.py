"""SQLite access in the style of Flask's tutorial: one connection per request."""

from __future__ import annotations

import sqlite3
from importlib import resources

from flask import Flask, current_app, g


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    # With WAL, NORMAL syncs at checkpoints, not on every commit: still safe from corruption,
    # and far faster on a busy disk. A power cut may lose the last commits of a mock; that is fine.
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    conn: sqlite3.Connection = g.db
    return conn


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db(app: Flask, package: str) -> None:
    """Create what is missing of the schema of ``package`` (its ``schema.sql``) and of the tables every app
    has (``mocks/shared/schema.sql``: the sessions)."""
    schema = "\n".join(
        resources.files(name).joinpath("schema.sql").read_text("utf-8") for name in (package, "mocks.shared")
    )
    conn = connect(app.config["DATABASE"])
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(schema)
    finally:
        conn.close()
    app.teardown_appcontext(close_db)


def empty_tables(conn: sqlite3.Connection, tables: list[str]) -> None:
    """Empty ``tables`` (inside the caller's ``transaction``, with whatever else makes the reset)."""
    for table in tables:
        conn.execute(f"DELETE FROM {table}")


class transaction:
    """``with transaction(conn):`` - BEGIN IMMEDIATE ... COMMIT, ROLLBACK on error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
