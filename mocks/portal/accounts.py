"""Commerce accounts: registration rules, lookup and sign-in checks."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from werkzeug.security import check_password_hash, generate_password_hash

from mocks.shared.forms import InputError, Text

EMAIL = Text("Email", max_length=254)
PASSWORD = Text("Password", max_length=128, as_typed=True)
NAME = Text("Name", max_length=64, required=False)
MIN_PASSWORD_LENGTH = 8
_EMAIL_RE = re.compile(
    r"^[^@\s<>\"']+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
HASH_METHOD = "pbkdf2:sha256:1000"  # a mock: fast on purpose


@dataclass(frozen=True)
class Account:
    account_id: int
    email: str
    firstname: str
    lastname: str


def clean_email(raw: str | None) -> str:
    email = EMAIL.clean(raw)
    if not _EMAIL_RE.match(email):
        raise InputError("Please enter a valid email address (Ex: johndoe@domain.com).")
    return email


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if not (re.search(r"[A-Za-z]", password) and re.search(r"\d", password)):
        raise InputError("The password needs at least one letter and one digit.")
    if password != password.strip():
        raise InputError("The password can't begin or end with a space.")


def find(db: sqlite3.Connection, email: str) -> Account | None:
    row = db.execute("SELECT account_id, email, firstname, lastname FROM account WHERE email = ?", (email,)).fetchone()
    return None if row is None else Account(**dict(row))


def authenticate(db: sqlite3.Connection, email: str, password: str) -> Account | None:
    row = db.execute("SELECT email, password_hash FROM account WHERE email = ?", (email,)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], password):
        return None
    return find(db, row["email"])


def create(
    db: sqlite3.Connection, email: str, password: str, now: float, firstname: str = "", lastname: str = ""
) -> Account:
    """Create an account; a taken email raises InputError."""
    try:
        db.execute(
            "INSERT INTO account (email, firstname, lastname, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
            (email, firstname, lastname, generate_password_hash(password, method=HASH_METHOD), now),
        )
    except sqlite3.IntegrityError as exc:
        raise InputError(
            "There is already an account with this email address. Sign in, or use another address."
        ) from exc
    account = find(db, email)
    assert account is not None
    return account


def seed(db: sqlite3.Connection, email: str, password: str, now: float) -> None:
    if find(db, email) is None:
        create(db, email, password, now, "Demo", "Merchant")
