"""The living documentation as one self-contained HTML page (images embedded, opens offline),
rendered from the Jinja2 templates in ``livingdoc/templates`` (autoescaped).

Reading order: what broke (when anything did: one line per failure, linking to its block), what the
run played against, what the flow is, the verdict of each documented step, the doc's steps in the doc's
order (each in the doc's own words when ``--source-doc`` gave them, with its promises, where this run
checked them and the breakages that prove the checks), the mutation run when there was one, then every
scenario, in the doc's order, with its Gherkin steps and a picture of each tab after each step. Each
distinct picture is embedded once, as a CSS class (so pictures show with JavaScript off and when printed);
a thumbnail links to its enlarged picture (a ``:target`` overlay, no JavaScript needed); a tab the step left
unchanged is folded to a line.
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

from flowspec.doc_steps import BY_TAG, DocStep, label
from flowspec.promises import promises_of
from flowspec.published_doc import PublishedDoc
from livingdoc.model import ERROR, FAILED, NOT_RUN, PASSED, SKIPPED, ReportMeta, ScenarioResult, Shot, artifact_name
from livingdoc.mutation import mutation_view
from livingdoc.pictures import for_doc_step
from livingdoc.verdicts import BROKEN, KEPT, NOT_REACHED, UNCHECKED, DocVerdict, PromiseCoverage, failures, stores

ImageReader = Callable[[str], bytes | None]
TEMPLATES = Path(__file__).parent / "templates"
STATUS_TEXT = {
    PASSED: "passed",
    FAILED: "failed",
    ERROR: "error",
    SKIPPED: "skipped",
    NOT_RUN: "not run",
    KEPT: "kept",
    BROKEN: "broken",
    NOT_REACHED: "not reached",
    UNCHECKED: "unchecked",
    "gap": "gap",
}
LANGUAGES = {"de": "Deutsch", "en": "English", "fr": "Français", "es": "Español", "it": "Italiano", "ja": "日本語"}


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
class DocText:
    """A documented step in the doc's own words (``--source-doc``), and in English."""

    language: str  # the doc's language code ("de"), "" without --source-doc
    own: str  # the step's text in the doc's language ("" without --source-doc)
    english: str  # the English edition's text, else the project's paraphrase
    english_is_paraphrase: bool


@dataclass
class DocStepView:
    row: DocVerdict
    heading: str
    promises: list[PromiseCoverage]
    pictures: list[Picture]
    text: DocText


@dataclass
class ScenarioGroup:
    """The scenarios under one heading of the doc's order: the whole flow, the rule, step 1 ... step 9."""

    anchor: str
    heading: str
    scenarios: list[ScenarioResult]


def _secs(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def _short_url(url: str) -> str:
    parts = urlsplit(url)
    if not parts.scheme.startswith("http"):
        return url
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _doc_label(tag: str) -> str:
    try:
        return label(tag)
    except KeyError:
        return tag


def _anchor(nodeid: str) -> str:
    return "s-" + re.sub(r"[^A-Za-z0-9]+", "-", nodeid).strip("-")


def doc_texts(docs: Sequence[PublishedDoc]) -> dict[str, DocText]:
    """Each documented step's text: in the doc's language from the first edition that is not English (else the
    English one), in English from an English edition, else the project's paraphrase."""
    own = next((d for d in docs if d.language != "en"), docs[0] if docs else None)
    english = next((d for d in docs if d.language == "en" and d is not own), None)
    if own is not None and own.language == "en":
        english = own
    texts = {}
    for tag, step in BY_TAG.items():
        english_text = _text_of(english, step) if english else ""
        texts[tag] = DocText(
            language=own.language if own else "",
            own=_text_of(own, step) if own else "",
            english=english_text or step.says,
            english_is_paraphrase=not english_text,
        )
    return texts


def _text_of(doc: PublishedDoc, step: DocStep) -> str:
    if step.tag == "doc-rule":
        return doc.intro_text
    found = doc.step(int(step.number))
    return found.text if found else ""


def scenario_groups(scenarios: Sequence[ScenarioResult]) -> list[ScenarioGroup]:
    """The scenarios in the doc's order: those that walk the whole flow first, then each under the last doc
    step it is about (the rule first, then steps 1 to 9), in their own order within a step."""
    order = list(BY_TAG)
    whole, by_step, others = [], {tag: [] for tag in order}, []  # type: ignore[var-annotated]
    for scenario in scenarios:
        tags = [tag for tag in scenario.doc_tags if tag in BY_TAG]
        if len(tags) == len(order):
            whole.append(scenario)
        elif tags:
            by_step[max(tags, key=order.index)].append(scenario)
        else:
            others.append(scenario)
    groups = [ScenarioGroup("g-whole-flow", "The whole flow, as the doc describes it", whole)] if whole else []
    for tag in order:
        if by_step[tag]:
            heading = "The rule" if tag == "doc-rule" else f"Step {BY_TAG[tag].number}: {BY_TAG[tag].title}"
            groups.append(ScenarioGroup(f"g-{tag}", heading, by_step[tag]))
    if others:
        groups.append(ScenarioGroup("g-other", "Scenarios tagged with no documented step", others))
    return groups


def unchanged_since(scenario: ScenarioResult, index: int, shot: Shot) -> int:
    """The step (1-based) whose picture of this tab an unchanged picture repeats."""
    first = index
    for earlier in range(index - 1, -1, -1):
        if any(s.tab == shot.tab and s.path == shot.path for s in scenario.steps[earlier].shots):
            first = earlier
        else:
            break
    return first + 1


def artifact_links(scenario: ScenarioResult, paths: Sequence[str], report_dir: Path) -> list[str]:
    """Links (relative to the page) to a scenario's traces or videos: the copies in the reports folder, else
    the files where they are."""
    links = []
    for path in paths:
        copied = artifact_name(scenario.nodeid, path)
        if (report_dir / copied).is_file():
            links.append(copied)
        elif Path(path).is_file():
            links.append(os.path.relpath(path, report_dir))
    return links


def header_facts(scenarios: Sequence[ScenarioResult], meta: ReportMeta) -> list[tuple[str, str]]:
    """What the run played against and with: target, admin layout met, browser, commit, doc revision."""
    facts = []
    if meta.target is not None:
        urls = ", ".join(u for u in (meta.target.admin_url, meta.target.portal_url) if u)
        facts.append(("Target", ": ".join(part for part in (meta.target.kind, urls) if part)))
    layouts = sorted({n.split(": ", 1)[1] for s in scenarios for n in s.notes if n.startswith("Admin layout: ")})
    if layouts:
        facts.append(("Admin layout met", "; ".join(layouts)))
    browsers = sorted({s.browser for s in scenarios if s.browser})
    if browsers:
        facts.append(("Browser", ", ".join(browsers)))
    if meta.commit:
        facts.append(("Commit", meta.commit))
    for doc in meta.docs:
        revision = f", revision {doc.revision}" if doc.revision else ""
        facts.append(("Doc", f"{doc.title} ({LANGUAGES.get(doc.language, doc.language)}{revision}): {doc.source}"))
    return facts


def environment(images: Images, report_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]), trim_blocks=False
    )
    env.filters.update(
        css=lambda status: re.sub(r"[^a-z]", "", str(status)),
        status_text=lambda status: STATUS_TEXT.get(status, status),
        secs=_secs,
        anchor=_anchor,
        short_url=_short_url,
        image=images.ref,
        doc_label=_doc_label,
    )
    env.globals.update(
        unchanged_since=unchanged_since,
        artifact_links=lambda scenario, paths: artifact_links(scenario, paths, report_dir),
        language_name=lambda code: LANGUAGES.get(code, code),
    )
    return env


def render(
    scenarios: Sequence[ScenarioResult],
    rows: Sequence[DocVerdict],
    promises: Sequence[PromiseCoverage],
    meta: ReportMeta,
    read: ImageReader,
) -> str:
    images = Images(read)
    env = environment(images, meta.report_dir)
    by_id = {row.promise.id: row for row in promises}
    texts = doc_texts(meta.docs)
    doc_steps = []
    for row in rows:
        pictures = []
        for illustration in for_doc_step(row.doc.tag):
            path = meta.illustrations.get(illustration.filename)
            if path is not None:
                pictures.append(Picture(illustration.filename, illustration.caption, images.ref(str(path))))
        heading = "The rule" if row.doc.tag == "doc-rule" else f"Step {row.doc.number}"
        step_promises = [by_id[p.id] for p in promises_of(row.doc.tag) if p.id in by_id]
        doc_steps.append(DocStepView(row, heading, step_promises, pictures, texts[row.doc.tag]))
    passed = sum(1 for s in scenarios if s.status == PASSED)
    failed = sum(1 for s in scenarios if s.broken)
    context: dict[str, Any] = {
        "meta": meta,
        "facts": header_facts(scenarios, meta),
        "scenarios": scenarios,
        "failures": failures(scenarios),
        "stores": stores(scenarios),
        "rows": rows,
        "promises": promises,
        "kept_promises": sum(1 for p in promises if p.kept),
        "promise_gaps": sum(1 for p in promises if p.gaps),
        "doc_steps": doc_steps,
        "groups": scenario_groups(scenarios),
        "passed": passed,
        "failed": failed,
        "others": len(scenarios) - passed - failed,
        "kept_steps": sum(1 for r in rows if r.verdict == KEPT),
        "broken_steps": sum(1 for r in rows if r.verdict == BROKEN),
        "verdict_ok": failed == 0 and not meta.gate_failed,
        "doc_language": texts["doc-rule"].language,
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
