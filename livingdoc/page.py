"""The living documentation as one self-contained HTML page (images embedded, opens offline),
rendered from the Jinja2 templates in ``livingdoc/templates`` (autoescaped).

Reading order: what the flow is, the coverage table, the doc's steps in the doc's order (each with
its promises, where this run checked them and the breakages that prove the checks), the mutation
run when there was one, then every scenario with its Gherkin steps and a screenshot of each open
tab after each step. Each distinct picture is embedded once, as a CSS class (so screenshots show
with JavaScript off); thumbnails are buttons that open a modal dialog (Escape closes it).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from flowspec.doc_steps import label
from flowspec.promises import promises_of
from livingdoc.model import ERROR, FAILED, NOT_RUN, PASSED, SKIPPED, ReportMeta, ScenarioResult
from livingdoc.mutation import mutation_view
from livingdoc.pictures import for_doc_step
from livingdoc.verdicts import DocCoverage, PromiseCoverage

ImageReader = Callable[[str], bytes | None]
TEMPLATES = Path(__file__).parent / "templates"
STATUS_TEXT = {PASSED: "passed", FAILED: "failed", ERROR: "error", SKIPPED: "skipped", NOT_RUN: "not run"}


class Images:
    """Each distinct picture once, as a CSS class with a data URI; elements show it by that class."""

    def __init__(self, read: ImageReader) -> None:
        self.read = read
        self.uris: dict[str, str] = {}

    def ref(self, path: str) -> str | None:
        content = self.read(path)
        if not content:
            return None
        name = "i-" + hashlib.sha1(content).hexdigest()[:16]
        if name not in self.uris:
            mime = "image/png" if content[:4] == b"\x89PNG" else "image/jpeg"
            self.uris[name] = f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"
        return name

    def css(self) -> Markup:
        return Markup("\n".join(f'.{name}{{background-image:url("{uri}")}}' for name, uri in self.uris.items()))


@dataclass
class Picture:
    filename: str
    caption: str
    image: str | None


@dataclass
class DocStepView:
    row: DocCoverage
    heading: str
    promises: list[PromiseCoverage]
    pictures: list[Picture]


@dataclass
class FeatureView:
    file: str
    scenarios: list[ScenarioResult]

    @property
    def first(self) -> ScenarioResult:
        return self.scenarios[0]


def _secs(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def _short_url(url: str) -> str:
    parts = urlsplit(url)
    if not parts.scheme.startswith("http"):
        return url
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _cov_class(row: DocCoverage) -> str:
    return "ok" if row.covered and not row.failed else ("warn" if row.covered else "bad")


def _promise_state(row: PromiseCoverage) -> str:
    if row.gaps or row.failing:
        return "gap" if row.gaps else FAILED
    return "kept" if row.kept else "unchecked"


def _doc_label(tag: str) -> str:
    try:
        return label(tag)
    except KeyError:
        return tag


def environment(images: Images, report_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]), trim_blocks=False
    )
    env.filters.update(
        css=lambda status: re.sub(r"[^a-z]", "", str(status)),
        status_text=lambda status: {**STATUS_TEXT, "kept": "checked", "gap": "gap", "unchecked": "unchecked"}.get(
            status, status
        ),
        secs=_secs,
        anchor=lambda nodeid: "s-" + re.sub(r"[^A-Za-z0-9]+", "-", nodeid).strip("-"),
        short_url=_short_url,
        image=images.ref,
        relative=lambda path: os.path.relpath(path, report_dir),
        doc_label=_doc_label,
        cov_class=_cov_class,
        promise_state=_promise_state,
    )
    return env


def render(
    scenarios: Sequence[ScenarioResult],
    rows: Sequence[DocCoverage],
    promises: Sequence[PromiseCoverage],
    meta: ReportMeta,
    read: ImageReader,
) -> str:
    images = Images(read)
    env = environment(images, meta.report_dir)
    by_id = {row.promise.id: row for row in promises}
    doc_steps = []
    for row in rows:
        pictures = []
        for illustration in for_doc_step(row.doc.tag):
            path = meta.illustrations.get(illustration.filename)
            if path is not None:
                pictures.append(Picture(illustration.filename, illustration.caption, images.ref(str(path))))
        heading = "The rule" if row.doc.tag == "doc-rule" else f"Step {row.doc.number}"
        step_promises = [by_id[p.id] for p in promises_of(row.doc.tag) if p.id in by_id]
        doc_steps.append(DocStepView(row, heading, step_promises, pictures))
    features: dict[str, list[ScenarioResult]] = {}
    for scenario in scenarios:
        features.setdefault(scenario.feature_file, []).append(scenario)
    passed = sum(1 for s in scenarios if s.status == PASSED)
    failed = sum(1 for s in scenarios if s.status in (FAILED, ERROR))
    context: dict[str, Any] = {
        "meta": meta,
        "scenarios": scenarios,
        "rows": rows,
        "promises": promises,
        "kept_promises": sum(1 for p in promises if p.kept),
        "promise_gaps": sum(1 for p in promises if p.gaps),
        "doc_steps": doc_steps,
        "features": [FeatureView(file, members) for file, members in features.items()],
        "passed": passed,
        "failed": failed,
        "others": len(scenarios) - passed - failed,
        "covered": sum(1 for r in rows if r.covered),
        "verdict_ok": failed == 0 and not meta.gate_failed,
        "mutation": mutation_view(meta.mutation),
        "css": Markup((TEMPLATES / "living_doc.css").read_text(encoding="utf-8")),
        "js": Markup((TEMPLATES / "living_doc.js").read_text(encoding="utf-8")),
    }
    for scenario in scenarios:  # every picture is known before the page is rendered: its CSS goes in the head
        for step in scenario.steps:
            for shot in step.shots:
                images.ref(shot.path)
    context["images_css"] = images.css()
    return env.get_template("living_doc.html.j2").render(context)
