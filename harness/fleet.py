"""A fleet of stores to verify: the ``--targets`` TOML file, read and checked before any browser starts.

    [[target]]
    name = "store-a"                          # unique; used in test ids and reports
    admin_url = "https://a.example.com/admin_x7/"
    admin_user_env = "STORE_A_ADMIN_USER"     # credentials only ever come from the environment
    admin_password_env = "STORE_A_ADMIN_PASSWORD"

A file that is not so (bad TOML, an unknown key, a missing field, a duplicate name, a variable that is not
set, a URL that is not http(s)) is one ``TargetsFileError`` naming the file, the line and the field.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

FIELDS = ("name", "admin_url", "admin_user_env", "admin_password_env")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")  # it goes into test ids and file names
TABLE = re.compile(r"^\s*\[\[\s*target\s*\]\]\s*(?:#.*)?$")


class TargetsFileError(ValueError):
    """The targets file is not one the run can use; the message names where and what."""


@dataclass(frozen=True)
class Store:
    name: str
    admin_url: str
    admin_user: str = field(repr=False)
    admin_password: str = field(repr=False)


def read_targets(path: Path, env: Mapping[str, str]) -> list[Store]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TargetsFileError(f"--targets {path}: cannot be read ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TargetsFileError(f"--targets {path}: not TOML: {exc}") from None
    lines = text.splitlines()
    starts = [number for number, line in enumerate(lines, 1) if TABLE.match(line)]
    extra = sorted(set(data) - {"target"})
    if extra:
        raise TargetsFileError(f"{path}: unknown top-level key {extra[0]!r}: only [[target]] tables are read")
    tables = data.get("target")
    if not isinstance(tables, list) or not tables:
        raise TargetsFileError(f"{path}: no [[target]] table: list each store as one")
    stores: list[Store] = []
    for index, table in enumerate(tables):
        start = starts[index] if index < len(starts) else 1
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines)
        stores.append(_store(path, table, start, lines[start - 1 : end], env))
    names = [store.name for store in stores]
    for index, name in enumerate(names):
        if name in names[:index]:
            first = starts[names.index(name)] if names.index(name) < len(starts) else 1
            line = _line_of(lines[starts[index] - 1 :], "name", starts[index]) if index < len(starts) else 1
            raise TargetsFileError(
                f"{path}:{line}: name {name!r} is used twice (first at line {first}): names are unique"
            )
    return stores


def _store(path: Path, table: object, start: int, block: list[str], env: Mapping[str, str]) -> Store:
    if not isinstance(table, dict):
        raise TargetsFileError(f"{path}:{start}: [[target]] must be a table")
    unknown = sorted(set(table) - set(FIELDS))
    if unknown:
        where = _line_of(block, unknown[0], start)
        raise TargetsFileError(f"{path}:{where}: unknown field {unknown[0]!r}; a target has {', '.join(FIELDS)}")
    missing = [name for name in FIELDS if name not in table]
    if missing:
        raise TargetsFileError(f"{path}:{start}: the [[target]] here has no {missing[0]!r} field")
    for name in FIELDS:
        if not isinstance(table[name], str) or not table[name].strip():
            raise TargetsFileError(f"{path}:{_line_of(block, name, start)}: {name!r} must be a non-empty string")
    if not NAME.match(table["name"]):
        raise TargetsFileError(
            f"{path}:{_line_of(block, 'name', start)}: name {table['name']!r}: letters, digits, '.', '_', '-' only"
        )
    url = urlsplit(table["admin_url"])
    if url.scheme not in ("http", "https") or not url.netloc or url.username or url.password:
        raise TargetsFileError(
            f"{path}:{_line_of(block, 'admin_url', start)}: admin_url must be an http(s) URL without credentials"
        )
    values = {}
    for name in ("admin_user_env", "admin_password_env"):
        variable = table[name]
        if not env.get(variable):
            raise TargetsFileError(
                f"{path}:{_line_of(block, name, start)}: {name} names {variable}, which is not set in the environment"
            )
        values[name] = env[variable]
    admin_url = table["admin_url"] if table["admin_url"].endswith("/") else table["admin_url"] + "/"
    return Store(table["name"], admin_url, values["admin_user_env"], values["admin_password_env"])


def _line_of(block: list[str], key: str, start: int) -> int:
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    return next((start + offset for offset, line in enumerate(block) if pattern.match(line)), start)
