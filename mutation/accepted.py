"""Survivors accepted as equivalent or invisible, from ``docs/mutation-survivors.toml``.

Each ``[[accepted]]`` entry names a mutant by what it changes, not by a number that moves when code moves:
``file``, ``original`` (the source line(s) before, stripped) and ``mutated`` (after; empty when the line is
removed, e.g. a removed decorator); ``class`` is ``equivalent`` (no observable difference at all) or
``invisible`` (a difference, but not one a user following the doc can see: log text, a status code behind an
unchanged page, ...); ``reason`` says why. An entry matches every mutant with that change in that file (the
same line may appear twice, e.g. the same ``return`` in two branches; both are then the same case). The
reasoning behind each entry is in ``docs/mutation-survivors.md``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

CLASSES = ("equivalent", "invisible")
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "docs" / "mutation-survivors.toml"


@dataclass(frozen=True)
class Accepted:
    file: str
    original: str
    mutated: str
    kind: str
    reason: str

    @property
    def key(self) -> tuple[str, str, str]:
        return change_key(self.file, self.original.splitlines(), self.mutated.splitlines())


def change_key(file: str, removed: list[str], added: list[str]) -> tuple[str, str, str]:
    return file, "\n".join(line.strip() for line in removed), "\n".join(line.strip() for line in added)


def load(path: Path = DEFAULT_PATH) -> list[Accepted]:
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entries: list[Accepted] = []
    for number, raw in enumerate(data.get("accepted", []), start=1):
        missing = [k for k in ("file", "original", "mutated", "class", "reason") if k not in raw]
        if missing:
            raise ValueError(f"{path}: accepted entry {number} lacks {', '.join(missing)}")
        if raw["class"] not in CLASSES:
            raise ValueError(f"{path}: accepted entry {number}: class must be one of {CLASSES}, not {raw['class']!r}")
        if not str(raw["reason"]).strip():
            raise ValueError(f"{path}: accepted entry {number} needs a reason")
        entries.append(Accepted(raw["file"], raw["original"], raw["mutated"], raw["class"], raw["reason"]))
    return entries


def toml_entry(file: str, removed: list[str], added: list[str], kind: str = "", reason: str = "") -> str:
    """A ``[[accepted]]`` block for a survivor, to paste and complete (``--survivors-template``)."""

    def literal(lines: list[str]) -> str:
        text = "\n".join(line.strip() for line in lines)
        if "\n" in text or "'" in text:
            return '"""' + text.replace("\\", "\\\\").replace('"""', '\\"""') + '"""'
        return f"'{text}'"

    return "\n".join(
        [
            "[[accepted]]",
            f'file = "{file}"',
            f"original = {literal(removed)}",
            f"mutated = {literal(added)}",
            f'class = "{kind}"',
            f'reason = "{reason}"',
            "",
        ]
    )
