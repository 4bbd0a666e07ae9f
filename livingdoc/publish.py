"""Writing a merged run's outputs: the living-doc page, cucumber JSON and JUnit XML.

Shared by the pytest plugin (end of a run) and the shard merger (``livingdoc.shards``), so one
run and N merged shards produce the same files the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from livingdoc import coverage as cov
from livingdoc import cucumber, html_report, junit
from livingdoc.merge import MergedRun
from livingdoc.promise_view import promise_coverage

REPORT_NAME = "living-doc.html"


@dataclass
class ReportMeta:
    generated: str = ""
    wall_time: float = 0.0
    workers: int = 1
    gate: cov.GateDecision | None = None
    gate_failed: bool = False
    report_dir: Path = Path(".")
    illustrations: dict[str, Path] = field(default_factory=dict)  # filename -> file written this run
    notes: list[str] = field(default_factory=list)
    mutation: dict[str, Any] | None = None  # reports/mutation.json, when a mutation run left one
    cucumber_step_screenshots: bool = False  # embed every step's screenshots in cucumber.json


def file_reader(base: Path) -> html_report.ImageReader:
    def read(relative: str) -> bytes | None:
        try:
            return (base / relative).read_bytes()
        except OSError:
            return None

    return read


def write_reports(run: MergedRun, rows: list[cov.DocCoverage], meta: ReportMeta, files_dir: Path) -> Path:
    """Write ``living-doc.html``, ``cucumber.json`` and ``junit.xml`` into ``meta.report_dir``; screenshots
    are read from ``files_dir`` (paths in the records are relative to it). Returns the page's path."""
    read = file_reader(files_dir)
    meta.report_dir.mkdir(parents=True, exist_ok=True)
    page = meta.report_dir / REPORT_NAME
    promises = promise_coverage(run.scenarios)
    page.write_text(html_report.render(run.scenarios, rows, promises, meta, read), encoding="utf-8")
    document = cucumber.build(run.scenarios, embed=read, every_step=meta.cucumber_step_screenshots)
    (meta.report_dir / "cucumber.json").write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
    junit.write(run.scenarios, meta.report_dir / "junit.xml")
    return page
