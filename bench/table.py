"""The one current table of ``bench/README.md``: rendered from a run's JSON and put between two markers,
replacing the table that was there (never appended)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from bench.measurement import Figures, Measurement, Row

README = Path(__file__).with_name("README.md")
START = "<!-- bench table: written by `make bench` from reports/bench.json; edits here are overwritten -->"
END = "<!-- end of bench table -->"


class NoTablePlace(RuntimeError):
    """The README has not exactly one pair of markers."""


def render(report: Figures, measurements: Sequence[Measurement]) -> str:
    run = report["run"]
    machine = run["machine"]
    commit = run["commit"] + (f", {run['dirty_files']} files changed" if run["dirty_files"] else "")
    lines = [
        f"Measured by `make bench` on {run['date']}, commit {commit}: {machine['cpus']} × {machine['cpu']}, "
        f"{machine['os']}, {machine['chromium']}, Playwright {machine['playwright']}, Python {machine['python']}; "
        f"load average {run['load_start']} at the start, {run['load_end']} at the end.",
        "",
        "| figure | this run | target |",
        "| --- | --- | --- |",
    ]
    for measurement in measurements:
        mine = report["measurements"].get(measurement.NAME)
        if mine is None:
            continue
        if "skipped" in mine:
            rows = [Row(measurement.NAME, f"skipped: {mine['skipped']}")]
        else:
            rows = measurement.rows(mine, report["measurements"])
        lines += [f"| {row.figure} | {row.value} | {row.target} |" for row in rows]
    return "\n".join(lines)


def replace_table(table: str, readme: Path = README) -> None:
    text = readme.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise NoTablePlace(f"{readme} needs one line {START!r} and, after it, one line {END!r}")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    readme.write_text(pattern.sub(lambda _m: f"{START}\n{table}\n{END}", text), encoding="utf-8")
