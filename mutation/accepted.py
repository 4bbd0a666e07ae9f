"""The survivors list, ``docs/mutation-survivors.toml``: each ``[[survivor]]`` names exactly one mutant by its
identity (``mutation/mutants.py``) and says why it survives. Classes ``equivalent`` (no observable difference)
and ``invisible`` (none a person following the doc can meet) are accepted; ``gap`` (a person can meet it: what
they would see) is listed but never accepted."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mutation.mutants import IDENTITY, Mutant, describe

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "docs" / "mutation-survivors.toml"
CLASSES = ("equivalent", "invisible", "gap")


@dataclass(frozen=True)
class Entry:
    identity: tuple[tuple[str, Any], ...]
    kind: str
    reason: str

    def matches(self, mutant: Mutant) -> bool:
        return mutant.skip is None and set(self.identity) <= set(mutant.identity().items())

    @property
    def accepted(self) -> bool:
        return self.kind != "gap"

    def label(self) -> str:
        return describe(dict(self.identity))


def load(path: Path = DEFAULT_PATH) -> list[Entry]:
    """The entries of ``path``; ValueError for a malformed one."""
    entries: list[Entry] = []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if set(data) - {"survivor"}:
        raise ValueError(f"{path}: only [[survivor]] entries, not {', '.join(sorted(set(data) - {'survivor'}))}")
    for number, raw in enumerate(data.get("survivor", []), start=1):
        strings = (*IDENTITY[:-1], "class", "reason")
        if (
            any(not isinstance(raw.get(k), str) for k in strings)
            or set(raw) - {*strings, "nth"}
            or not (raw["class"] in CLASSES and raw["reason"].strip() and isinstance(raw.get("nth", 0), int))
        ):
            raise ValueError(
                f"{path}: survivor {number} needs strings {', '.join(strings)} (class: one of "
                f"{', '.join(CLASSES)}), an optional number nth, nothing else"
            )
        entry = Entry(tuple((k, raw[k]) for k in IDENTITY if k in raw), raw["class"], raw["reason"])
        if entry in entries:
            raise ValueError(f"{path}: survivor {number} is listed twice")
        entries.append(entry)
    return entries


def toml_entry(identity: dict[str, Any], kind: str = "", reason: str = "") -> str:
    """A ``[[survivor]]`` block naming a mutant, to complete and paste (``--survivors-template``)."""
    fields = {**{k: identity[k] for k in IDENTITY if identity.get(k) is not None}, "class": kind, "reason": reason}
    quoted = {
        k: f"'{v}'" if isinstance(v, str) and not {"'", "\n"} & set(v) else json.dumps(v) for k, v in fields.items()
    }
    return "\n".join(["[[survivor]]", *(f"{k} = {v}" for k, v in quoted.items()), ""])
