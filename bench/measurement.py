"""What a measurement of ``python -m bench`` is, and the few helpers every one of them uses.

A measurement is a module with three names: ``NAME`` (its key in ``reports/bench.json``), ``measure(bench)``
(runs it, returns JSON-ready figures; ``{"skipped": reason}`` when it cannot run here, a ``failures``
count when a run it timed failed) and ``rows(mine, measured)`` (its lines of the table, from its own
figures and, for a ratio, the other measurements' of the same run). ``bench/__main__.py`` lists them.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

Figures = dict[str, Any]


@dataclass(frozen=True)
class Row:
    figure: str
    value: str
    target: str = ""


@dataclass
class Bench:
    """What every measurement gets: how often to repeat, a scratch folder, extra pytest arguments."""

    repeat: int
    work: Path
    pytest_args: list[str] = field(default_factory=list)

    def say(self, text: str) -> None:
        print(text, flush=True)


class Measurement(Protocol):
    NAME: str

    def measure(self, bench: Bench) -> Figures: ...

    def rows(self, mine: Figures, measured: Mapping[str, Figures]) -> list[Row]: ...


def median(values: Iterable[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return round(statistics.median(kept), 4) if kept else None


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else round(a / b, 3)


def seconds(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value:+.2f} s" if signed else f"{value:.3f} s" if value < 0.1 else f"{value:.2f} s"


def times(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}×"


def spread(values: Iterable[float | None], unit: str = "s") -> str:
    """``(1.62–2.01 s)``: the lowest and highest of a series, or nothing."""
    kept = [v for v in values if v is not None]
    if len(kept) < 2:
        return ""
    return f"({min(kept):.2f}–{max(kept):.2f}{' s' if unit == 's' else '×'})"


def joined(*parts: str) -> str:
    """Parts of a cell, the empty ones left out."""
    return " ".join(part for part in parts if part)


def against(value: float | None, limit: float, unit: str = "×") -> str:
    """A target cell: ``≤ 1.15×: not met``."""
    shown = f"≤ {limit:g}{unit if unit == '×' else ' ' + unit}"
    return shown if value is None else f"{shown}: {'met' if value <= limit else 'not met'}"
