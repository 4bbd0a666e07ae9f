"""The living documentation as one self-contained HTML page (images embedded, opens offline).

Reading order: what the flow is, the coverage table, then the doc's steps in the doc's
order (each with the scenarios that check it), then every scenario with its Gherkin
steps and a screenshot of each open tab after each step. Failures come with the error,
the last screenshots, a link to the Playwright trace and the mock servers' log.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from flowspec.doc_steps import label
from livingdoc.coverage import DocCoverage, GateDecision
from livingdoc.illustrations import for_doc_step
from livingdoc.model import ERROR, FAILED, NOT_RUN, PASSED, SKIPPED, ScenarioResult, Shot, StepResult

ImageReader = Callable[[str], bytes | None]


@dataclass
class ReportMeta:
    generated: str = ""
    wall_time: float = 0.0
    workers: int = 1
    gate: GateDecision | None = None
    gate_failed: bool = False
    report_dir: Path = Path(".")
    illustrations: dict[str, Path] = field(default_factory=dict)  # filename -> file written this run
    notes: list[str] = field(default_factory=list)


class _Images:
    """Each distinct picture once, as a data URI in a script block; <img> tags point at it by hash."""

    def __init__(self, read: ImageReader) -> None:
        self.read = read
        self.uris: dict[str, str] = {}

    def ref(self, path: str) -> str | None:
        content = self.read(path)
        if not content:
            return None
        digest = hashlib.sha1(content).hexdigest()[:16]
        if digest not in self.uris:
            mime = "image/png" if content[:4] == b"\x89PNG" else "image/jpeg"
            self.uris[digest] = f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"
        return digest

    def script(self) -> str:
        return "<script>const IMAGES = " + json.dumps(self.uris).replace("</", "<\\/") + ";</script>"


STATUS_TEXT = {PASSED: "passed", FAILED: "failed", ERROR: "error", SKIPPED: "skipped", NOT_RUN: "not run"}


def _badge(status: str) -> str:
    css = re.sub(r"[^a-z]", "", status)
    return f'<span class="badge {css}">{escape(STATUS_TEXT.get(status, status))}</span>'


def _anchor(nodeid: str) -> str:
    return "s-" + re.sub(r"[^A-Za-z0-9]+", "-", nodeid).strip("-")


def _secs(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def _doc_label(tag: str) -> str:
    try:
        return label(tag)
    except KeyError:
        return tag


def _shot_html(images: _Images, shot: Shot, size: str = "thumb") -> str:
    ref = images.ref(shot.path)
    if ref is None:
        return f'<figure class="{size} missing"><figcaption>{escape(shot.tab)} tab: screenshot missing</figcaption></figure>'
    url = ""
    if shot.url:
        parts = urlsplit(shot.url)
        short = (
            (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            if parts.scheme.startswith("http")
            else shot.url
        )
        url = f'<span class="url" title="{escape(shot.url)}">{escape(short)}</span>'

    return (
        f'<figure class="{size}"><img data-img="{ref}" alt="{escape(shot.tab)} tab" title="click to enlarge">'
        f"<figcaption><b>{escape(shot.tab)} tab</b> {url}</figcaption></figure>"
    )


def _step_html(images: _Images, step: StepResult, failed: bool) -> str:
    shots = "".join(_shot_html(images, shot) for shot in step.shots)
    error = f'<pre class="error">{escape(step.error)}</pre>' if step.error else ""
    duration = _secs(step.duration) if step.status in (PASSED, FAILED) else ""
    return (
        f'<li class="step {re.sub(r"[^a-z]", "", step.status)}{" broke" if failed else ""}">'
        f'<div class="steptext"><span class="icon"></span><b>{escape(step.keyword)}</b> {escape(step.text)}'
        f'<span class="meta">line {step.line} · {escape(STATUS_TEXT.get(step.status, step.status))}'
        f"{' · ' + duration if duration else ''}</span>{error}</div>"
        f'<div class="shots">{shots}</div></li>'
    )


def _failure_html(images: _Images, scenario: ScenarioResult, report_dir: Path) -> str:
    parts = ['<div class="failure"><h4>What broke</h4>']
    if scenario.failed_step is not None:
        step = scenario.steps[scenario.failed_step]
        parts.append(
            f"<p>Gherkin step <b>{escape(step.title)}</b> ({escape(scenario.feature_file)}:{step.line}) failed.</p>"
        )
    else:
        parts.append("<p>The scenario broke outside its Gherkin steps (set-up or teardown).</p>")
    if scenario.error:
        parts.append(f'<pre class="error">{escape(scenario.error)}</pre>')
    last = scenario.last_shots
    if last:
        parts.append('<p class="label">The browser at that moment:</p><div class="shots big">')
        parts.extend(_shot_html(images, shot, "large") for shot in last)
        parts.append("</div>")
    if scenario.traces:
        links = []
        for trace in scenario.traces:
            relative = os.path.relpath(trace, report_dir)
            links.append(f'<a href="{escape(relative)}">{escape(relative)}</a>')
        parts.append(
            "<p>Playwright trace: " + ", ".join(links) + " (open with <code>playwright show-trace &lt;file&gt;</code>;"
            " one group per Gherkin step)</p>"
        )
    else:
        parts.append('<p class="muted">No Playwright trace (run with <code>--tracing retain-on-failure</code>).</p>')
    if scenario.mock_log:
        parts.append(
            "<details open><summary>Mock servers' log for this scenario</summary>"
            f'<pre class="log">{escape(chr(10).join(scenario.mock_log))}</pre></details>'
        )
    if scenario.longrepr:
        parts.append(
            f'<details><summary>Full pytest output</summary><pre class="log">{escape(scenario.longrepr)}</pre></details>'
        )
    parts.append("</div>")
    return "".join(parts)


def _scenario_html(images: _Images, scenario: ScenarioResult, report_dir: Path) -> str:
    broken = scenario.status in (FAILED, ERROR)
    docs = " ".join(f'<span class="doctag">{escape(_doc_label(t))}</span>' for t in scenario.doc_tags)
    other = " ".join(f'<span class="tag">@{escape(t)}</span>' for t in scenario.tags if t not in scenario.doc_tags)
    steps = "".join(
        _step_html(images, step, index == scenario.failed_step) for index, step in enumerate(scenario.steps)
    )
    return (
        f'<details class="scenario {re.sub(r"[^a-z]", "", scenario.status)}" id="{_anchor(scenario.nodeid)}"'
        f"{' open' if broken else ''}>"
        f'<summary>{_badge(scenario.status)} <span class="kw">{escape(scenario.keyword)}:</span> '
        f'<b>{escape(scenario.name)}</b> <span class="meta">{_secs(scenario.duration)}</span></summary>'
        f'<div class="body"><p class="tags">{docs} {other}</p>'
        + (f'<p class="desc">{escape(scenario.description)}</p>' if scenario.description else "")
        + "".join(f'<p class="note">{escape(note)}</p>' for note in scenario.notes)
        + (_failure_html(images, scenario, report_dir) if broken else "")
        + f'<ol class="steps">{steps}</ol>'
        f'<p class="muted">{escape(scenario.feature_file)}:{scenario.line} · <code>{escape(scenario.nodeid)}</code></p>'
        "</div></details>"
    )


def _coverage_table(rows: Sequence[DocCoverage]) -> str:
    out = [
        '<table class="coverage"><thead><tr><th>Documented step</th><th>Scenarios</th>'
        "<th>Passed</th><th>Failed</th><th>Status</th></tr></thead><tbody>"
    ]
    for row in rows:
        names = "".join(
            f'<li>{_badge(s.status)} <a href="#{_anchor(s.nodeid)}">{escape(s.name)}</a></li>' for s in row.scenarios
        )
        css = "ok" if row.covered and not row.failed else ("warn" if row.covered else "bad")
        out.append(
            f'<tr class="{css}"><td><a href="#{row.doc.tag}">{escape(row.label)}</a></td>'
            f'<td><ul class="plain">{names or "<li>none</li>"}</ul></td>'
            f"<td>{row.passed}</td><td>{row.failed}</td><td>{escape(row.status)}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _doc_step_html(images: _Images, row: DocCoverage, meta: ReportMeta) -> str:
    doc = row.doc
    heading = "The rule" if doc.tag == "doc-rule" else f"Step {doc.number}"
    pictures = []
    for illustration in for_doc_step(doc.tag):
        path = meta.illustrations.get(illustration.filename)
        if path is None:
            continue
        ref = images.ref(str(path))
        if ref:
            pictures.append(
                f'<figure class="illustration"><img data-img="{ref}" alt="{escape(illustration.caption)}">'
                f'<figcaption>{escape(illustration.caption)} <span class="muted">'
                f"(illustrations/{escape(illustration.filename)}, re-created by this run)</span></figcaption></figure>"
            )
    items = "".join(
        f'<li>{_badge(s.status)} <a href="#{_anchor(s.nodeid)}">{escape(s.name)}</a>'
        f' <span class="meta">{escape(s.feature_name)} · {_secs(s.duration)}</span></li>'
        for s in row.scenarios
    )
    return (
        f'<section class="docstep" id="{doc.tag}"><h3><span class="num">{escape(heading)}</span> {escape(doc.title)}'
        f' <span class="cov {"ok" if row.covered and not row.failed else ("warn" if row.covered else "bad")}">'
        f"{escape(row.status)}</span></h3>"
        f'<p class="says">{escape(doc.says)}</p>{"".join(pictures)}'
        f'<p class="label">Checked by {len(row.scenarios)} scenario(s):</p><ul class="plain">{items or "<li>none</li>"}</ul>'
        "</section>"
    )


def render(
    scenarios: Sequence[ScenarioResult], rows: Sequence[DocCoverage], meta: ReportMeta, read: ImageReader
) -> str:
    images = _Images(read)
    passed = sum(1 for s in scenarios if s.status == PASSED)
    failed = sum(1 for s in scenarios if s.status in (FAILED, ERROR))
    others = len(scenarios) - passed - failed
    covered = sum(1 for r in rows if r.covered)
    verdict_ok = failed == 0 and not meta.gate_failed
    gate = ""
    if meta.gate is not None:
        state = "failed" if meta.gate_failed else ("passed" if meta.gate.active else "off")
        gate = f"<li>Coverage gate: <b>{state}</b> ({escape(meta.gate.why)})</li>"

    doc_steps = "".join(_doc_step_html(images, row, meta) for row in rows)
    features: dict[str, list[ScenarioResult]] = {}
    for scenario in scenarios:
        features.setdefault(scenario.feature_file, []).append(scenario)
    feature_html = []
    for feature_file, members in features.items():
        first = members[0]
        desc = f'<p class="desc">{escape(first.feature_description)}</p>' if first.feature_description else ""
        lang = f' <span class="tag">{escape(first.feature_language)}</span>' if first.feature_language != "en" else ""
        feature_html.append(
            f'<section class="feature"><h3>{escape(first.feature_keyword)}: {escape(first.feature_name)}{lang}'
            f' <span class="meta">{escape(feature_file)}</span></h3>{desc}'
            + "".join(_scenario_html(images, s, meta.report_dir) for s in members)
            + "</section>"
        )
    notes = "".join(f"<li>{escape(n)}</li>" for n in meta.notes)
    body = f"""
<header class="{"ok" if verdict_ok else "bad"}">
  <h1>Add or verify the Amazon API key</h1>
  <p class="sub">Living documentation of the Adobe Commerce flow, written by the end-to-end suite on {escape(meta.generated)}.</p>
  <ul class="summary">
    <li><b>{covered} of {len(rows)}</b> documented steps covered by a passing scenario</li>
    <li><b>{len(scenarios)}</b> scenarios: <b>{passed}</b> passed, <b>{failed}</b> failed{f", {others} skipped or not run" if others else ""}</li>
    {gate}
    <li>Run time {_secs(meta.wall_time)}, {meta.workers} process(es)</li>
    {notes}
  </ul>
</header>
<nav><a href="#about">The flow</a> · <a href="#coverage">Coverage</a> · <a href="#steps">Documented steps</a> · <a href="#scenarios">Scenarios</a></nav>
<main>
<section id="about"><h2>The flow in a few words</h2>
<p>Amazon Sales Channel is an extension in the Adobe Commerce Admin (Marketing &gt; Channels &gt; Amazon Sales Channel).
Before it lets you connect an Amazon store, it needs an <b>Amazon API key</b> from your Commerce account, saved in the
store configuration. Every time you open the channel, Commerce checks that key. A valid key takes you on to store
integration; a missing, unknown, expired or revoked key brings up a prompt that tells you to get a key and add it.</p>
<p>The documentation describes how to do that in nine steps: sign in to the Admin, open the channel, sign in to the
Commerce account in a new tab, create and copy a key in its API Portal, come back, click <i>Add the key</i>, paste the key
into <i>Production Api key</i>, save, and open the channel again. Each step below is checked by scenarios that this run
played in a real browser against stand-ins (mocks) for the Commerce Admin and the account portal; every screenshot on
this page was taken during this run.</p></section>
<section id="coverage"><h2>Coverage: documented step → scenarios</h2>{_coverage_table(rows)}</section>
<section id="steps"><h2>The documented steps, in the doc's order</h2>{doc_steps}</section>
<section id="scenarios"><h2>Scenarios, step by step</h2>
<p class="muted">Each scenario lists its Gherkin steps; the pictures show every open browser tab right after the step
(click one to enlarge). Failed scenarios are open and start with what broke.</p>{"".join(feature_html)}</section>
</main>
<div id="lightbox" onclick="this.style.display='none'"><img alt=""></div>
"""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Living doc: Add or verify the Amazon API key ({'passed' if verdict_ok else 'FAILED'})</title>"
        f"<style>{CSS}</style></head><body>{body}{images.script()}<script>{JS}</script></body></html>"
    )


CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#f6f6f4}
header{padding:18px 32px;border-bottom:4px solid #2e7d32;background:#fff}header.bad{border-color:#c62828}
h1{margin:0;font-size:26px}.sub{margin:2px 0 8px;color:#555}h2{margin-top:32px;border-bottom:1px solid #ccc}
.summary{margin:0;padding-left:18px}nav{padding:8px 32px;background:#33383d;position:sticky;top:0;z-index:2}
nav a{color:#fff;text-decoration:none;margin-right:6px}main{padding:0 32px 48px;max-width:1400px}
a{color:#0b57a4}.muted,.meta{color:#777;font-size:13px}.meta{margin-left:8px}
.badge{display:inline-block;min-width:52px;text-align:center;border-radius:10px;padding:0 8px;font-size:12px;
font-weight:600;color:#fff;background:#888}.badge.passed{background:#2e7d32}.badge.failed,.badge.error{background:#c62828}
.badge.skipped,.badge.notrun{background:#9e9e9e}
table.coverage{border-collapse:collapse;background:#fff;width:100%}table.coverage td,table.coverage th{border:1px solid #ddd;
padding:6px 10px;vertical-align:top;text-align:left}table.coverage tr.ok td:last-child{color:#2e7d32;font-weight:600}
table.coverage tr.warn td:last-child{color:#b26a00;font-weight:600}table.coverage tr.bad td:last-child{color:#c62828;font-weight:700}
ul.plain{list-style:none;margin:0;padding:0}ul.plain li{margin:2px 0}
.docstep{background:#fff;border:1px solid #ddd;border-radius:6px;padding:6px 18px 12px;margin:14px 0}
.docstep h3 .num{display:inline-block;background:#33383d;color:#fff;border-radius:4px;padding:0 8px;margin-right:6px}
.cov{font-size:12px;border-radius:10px;padding:1px 8px;margin-left:8px;color:#fff}.cov.ok{background:#2e7d32}
.cov.warn{background:#b26a00}.cov.bad{background:#c62828}.says{font-size:16px}.label{font-weight:600;margin-bottom:2px}
.illustration img{max-width:640px;border:1px solid #bbb;box-shadow:0 1px 4px #0002;cursor:zoom-in}
.illustration figcaption{font-size:13px}figure{margin:6px 0}
.feature{margin-top:22px}.desc{color:#444;max-width:960px}.note{color:#245;background:#eef5fb;border-left:3px solid #6a9fd4;padding:4px 10px;margin:6px 0}
details.scenario{background:#fff;border:1px solid #ddd;border-left:5px solid #2e7d32;border-radius:4px;margin:8px 0}
details.scenario.failed,details.scenario.error{border-left-color:#c62828}details.scenario.skipped,details.scenario.notrun{border-left-color:#9e9e9e}
details.scenario>summary{cursor:pointer;padding:8px 12px}details.scenario .body{padding:0 14px 10px}
.kw{color:#777}.tag,.doctag{display:inline-block;font-size:12px;border-radius:3px;padding:0 6px;margin:1px 2px;background:#eee}
.doctag{background:#e3ecf7;color:#0b3d74}ol.steps{list-style:none;padding:0;margin:0}
li.step{display:flex;gap:14px;border-top:1px solid #eee;padding:6px 0}li.step .steptext{flex:0 0 36%}
li.step .shots{flex:1;display:flex;flex-wrap:wrap;gap:8px}
li.step .icon::before{content:"\\2714";color:#2e7d32;margin-right:6px}li.step.failed .icon::before{content:"\\2718";color:#c62828}
li.step.skipped .icon::before,li.step.notrun .icon::before{content:"\\2013";color:#999}
li.step.skipped,li.step.notrun{color:#999}li.step.broke{background:#fdecea}
figure.thumb{margin:0;width:260px}figure.thumb img{width:260px;border:1px solid #ccc;cursor:zoom-in}
figure.large{margin:0;width:560px}figure.large img{width:560px;border:2px solid #c62828;cursor:zoom-in}
figcaption{font-size:12px;color:#555;overflow-wrap:anywhere}.url{color:#888}.shots.big{display:flex;gap:12px;flex-wrap:wrap}
.failure{background:#fff6f5;border:1px solid #f3c3bd;border-radius:4px;padding:4px 14px 10px;margin:6px 0 12px}
.failure h4{margin:6px 0;color:#c62828}pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:12.5px}
pre.error{background:#fdecea;padding:6px 10px;border-radius:3px;margin:4px 0}pre.log{background:#f4f4f4;padding:6px 10px;max-height:360px;overflow:auto}
#lightbox{display:none;position:fixed;inset:0;background:#000c;z-index:9;cursor:zoom-out;align-items:center;justify-content:center}
#lightbox img{max-width:96vw;max-height:96vh}
"""

JS = """
function fill(root){root.querySelectorAll('img[data-img]:not([src])').forEach(function(img){
  var closed=img.closest('details:not([open])'); if(closed && closed!==root) return;
  var uri=IMAGES[img.dataset.img]; if(uri) img.src=uri;});}
document.querySelectorAll('details').forEach(function(d){d.addEventListener('toggle',function(){if(d.open) fill(d);});});
fill(document);
document.addEventListener('click',function(e){var t=e.target;
  if(t.tagName==='IMG' && t.dataset.img){var lb=document.getElementById('lightbox');lb.querySelector('img').src=t.src;lb.style.display='flex';}});
"""
