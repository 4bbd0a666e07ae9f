"""Which scenarios reach which lines of the mocks, per admin layout; and the scenarios a mutant must pass.

Built once per run from the unmutated suite with line coverage, one coverage context per scenario
(``mutation.pytest_plugin``). Saved as JSON in the work folder, read by the oracle for every mutant.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mutation.code_regions import Decorator, FunctionHeader, ModuleLevel, Statement, reader_lines, region_of


@dataclass
class LayoutCoverage:
    """One layout's run: every scenario with its duration, and per file and line the scenarios that ran it."""

    durations: dict[str, float]
    lines: dict[str, dict[int, set[str]]]  # file (relative to the project) -> line -> node ids

    def scenarios_on(self, file: str, first: int, last: int) -> set[str]:
        by_line = self.lines.get(file, {})
        found: set[str] = set()
        for line in range(first, last + 1):
            found |= by_line.get(line, set())
        return found


@dataclass
class Selection:
    """What a mutant runs: the scenarios (fastest first) in one admin layout, and why these."""

    layout: str
    scenarios: list[str]
    basis: str  # "statement", "function", "decorator", "readers", "everything", "unreached"

    def seconds(self, coverage: dict[str, LayoutCoverage]) -> float:
        durations = coverage[self.layout].durations
        return sum(durations.get(s, 0.0) for s in self.scenarios)


def from_coverage_data(data_file: Path, durations_file: Path, project: Path) -> LayoutCoverage:
    import coverage

    data = coverage.CoverageData(basename=str(data_file))
    data.read()
    lines: dict[str, dict[int, set[str]]] = {}
    for measured in data.measured_files():
        path = Path(measured).resolve()
        if not path.is_relative_to(project.resolve()):
            continue
        by_line: dict[int, set[str]] = {}
        for line, contexts in data.contexts_by_lineno(measured).items():
            named = {c for c in contexts if c}
            if named:
                by_line[line] = named
        lines[path.relative_to(project.resolve()).as_posix()] = by_line
    durations = json.loads(durations_file.read_text(encoding="utf-8"))
    return LayoutCoverage({str(k): float(v) for k, v in durations.items()}, lines)


def save(coverage: dict[str, LayoutCoverage], path: Path) -> None:
    payload = {
        layout: {
            "durations": cov.durations,
            "lines": {f: {str(n): sorted(ids) for n, ids in by_line.items()} for f, by_line in cov.lines.items()},
        }
        for layout, cov in coverage.items()
    }
    path.write_text(json.dumps(payload), encoding="utf-8")


def load(path: Path) -> dict[str, LayoutCoverage]:
    payload = json.loads(path.read_text(encoding="utf-8"))
    return {
        layout: LayoutCoverage(
            {str(k): float(v) for k, v in body["durations"].items()},
            {f: {int(n): set(ids) for n, ids in by_line.items()} for f, by_line in body["lines"].items()},
        )
        for layout, body in payload.items()
    }


class Selector:
    """Chooses the scenarios for mutated lines of a module, given the pristine mocks (``pristine_root``
    holds ``mocks/`` as it was before any mutation, so line numbers match the coverage)."""

    def __init__(self, coverage: dict[str, LayoutCoverage], pristine_root: Path, layouts: tuple[str, ...]) -> None:
        self.coverage = coverage
        self.root = pristine_root
        self.layouts = tuple(layout for layout in layouts if layout in coverage)
        self.mock_files = sorted((pristine_root / "mocks").rglob("*.py"))

    def select(self, file: str, lines: set[int]) -> Selection:
        """The scenarios that reach ``lines`` of ``file`` in the first layout where any does."""
        decorated = [r for r in (region_of(self.root / file, line) for line in lines) if isinstance(r, Decorator)]
        if decorated:
            return self._everything_where_it_runs(file, decorated[0])
        for layout in self.layouts:
            reached: set[str] = set()
            basis = "unreached"
            for line in sorted(lines):
                found, why = self._reaching(layout, file, line, set())
                if found is None:  # nothing narrows it down: every scenario
                    return Selection(layout, self._fastest_first(layout, set(self.coverage[layout].durations)), why)
                if found:
                    reached |= found
                    basis = why
            if reached:
                return Selection(layout, self._fastest_first(layout, reached), basis)
        return Selection(self.layouts[0], [], "unreached")

    def _reaching(self, layout: str, file: str, line: int, seen: set[tuple[str, int]]) -> tuple[set[str] | None, str]:
        if (file, line) in seen:
            return set(), "readers"
        seen.add((file, line))
        cov = self.coverage[layout]
        region = region_of(self.root / file, line)
        if isinstance(region, Statement):
            return cov.scenarios_on(file, region.first, region.last), "statement"
        if isinstance(region, FunctionHeader):
            return cov.scenarios_on(file, region.body_first, region.body_last), "function"
        if isinstance(region, Decorator):
            return None, "everything"  # a decorator read as a name elsewhere: the module's import
        assert isinstance(region, ModuleLevel)
        readers = reader_lines(self.mock_files, region.names) if region.names else {}
        if not readers:
            return None, "everything"
        found: set[str] = set()
        for path, reader_line_numbers in readers.items():
            reader_file = path.relative_to(self.root).as_posix()
            for reader_line in sorted(reader_line_numbers):
                if (reader_file, reader_line) == (file, line):
                    continue
                more, _ = self._reaching(layout, reader_file, reader_line, seen)
                if more is None:
                    return None, "everything"
                found |= more
        return found, "readers"

    def _everything_where_it_runs(self, file: str, decorator: Decorator) -> Selection:
        """Every scenario of the first layout in which the decorated code runs (else of the first layout)."""
        layout = next(
            (
                layout
                for layout in self.layouts
                if self.coverage[layout].scenarios_on(file, decorator.body_first, decorator.body_last)
            ),
            self.layouts[0],
        )
        return Selection(layout, self._fastest_first(layout, set(self.coverage[layout].durations)), "decorator")

    def _fastest_first(self, layout: str, scenarios: set[str]) -> list[str]:
        durations = self.coverage[layout].durations
        return sorted(scenarios, key=lambda s: (durations.get(s, 0.0), s))
