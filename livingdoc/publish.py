"""Writing a merged run's outputs: the living-doc page and cucumber JSON.

Shared by the pytest plugin (end of a run) and the shard merger (``livingdoc.shards``),
so one run and N merged shards produce the same files the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

from livingdoc import coverage as cov
from livingdoc import cucumber, html_report
from livingdoc.merge import MergedRun

REPORT_NAME = "living-doc.html"


def write_reports(run: MergedRun, rows: list[cov.DocCoverage], meta: html_report.ReportMeta, files_dir: Path) -> Path:
    """Write ``living-doc.html`` and ``cucumber.json`` into ``meta.report_dir``; screenshots are read
    from ``files_dir`` (paths in the records are relative to it). Returns the page's path."""
    read = cucumber.file_reader(files_dir)
    meta.report_dir.mkdir(parents=True, exist_ok=True)
    page = meta.report_dir / REPORT_NAME
    page.write_text(html_report.render(run.scenarios, rows, meta, read), encoding="utf-8")
    document = cucumber.build(run.scenarios, embed=read)
    (meta.report_dir / "cucumber.json").write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
    return page
