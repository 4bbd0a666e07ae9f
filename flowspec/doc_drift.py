"""``doc-drift DOC``: has the vendor's doc moved away from what the features rely on?

DOC is a path or an http(s) URL of the doc's Markdown source (German or English edition). Its facts
(``flowspec.doc_facts``) are lined up with the facts each doc step of the suite holds (``flowspec.doc_steps``),
and one line per step says *unchanged* or what changed: a label or menu path renamed, a picture replaced, a
step added, removed or moved, and where the suite still uses the old wording. Prose that changes around the
same facts is unchanged.

Exit 0 when nothing moved, 1 on drift, 2 when DOC cannot be read or is not this doc.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from flowspec.doc_facts import SIMILAR, Facts, changes_between, facts_of, quote, show_change, similarity
from flowspec.doc_steps import DOC_REVISION, DOC_STEPS, DocStep
from flowspec.published_doc import DocUnreadable, NotThisDoc, PublishedDoc, load
from flowspec.suite_usage import SUITE_ROOT, gherkin_lines, uses

UNCHANGED, CHANGED, NEW, REMOVED = "unchanged", "changed", "new", "removed"
EXIT_UNCHANGED, EXIT_DRIFT, EXIT_UNREADABLE = 0, 1, 2
SHOWN_PLACES = 4  # places named per old value; the rest are counted
LANGUAGES = {"de": "German", "en": "English"}


@dataclass(frozen=True)
class StepVerdict:
    step: str  # the suite's number: "rule", "1" ... "9", or "new" for a step the suite does not know
    verdict: str  # UNCHANGED, CHANGED, NEW or REMOVED
    changes: tuple[str, ...] = ()
    doc_step: str | None = None  # the number the doc read gives it ("rule" for the rule); None when removed
    title: str = ""  # the suite's title of the step (empty for a new one)

    def as_json(self) -> dict[str, object]:
        return {"step": self.step, "verdict": self.verdict, "changes": list(self.changes), "doc_step": self.doc_step}


@dataclass(frozen=True)
class DriftReport:
    source: str
    revision: str | None
    language: str
    steps: tuple[StepVerdict, ...] = field(default=())

    @property
    def status(self) -> str:
        return UNCHANGED if all(s.verdict == UNCHANGED for s in self.steps) else "drift"

    def as_json(self) -> dict[str, object]:
        return {
            "status": self.status,
            "steps": [s.as_json() for s in self.steps],
            "source": self.source,
            "revision": self.revision,
            "suite_revision": DOC_REVISION,
        }


def compare(doc: PublishedDoc, steps: Sequence[DocStep] = DOC_STEPS, root: Path = SUITE_ROOT) -> DriftReport:
    """Line the doc's steps up with the suite's and say, step by step, what moved. ``NotThisDoc`` when the
    doc shares no UI label or menu path with the suite's steps."""
    rule = next(s for s in steps if s.tag == "doc-rule")
    numbered = [s for s in steps if s.tag != "doc-rule"]
    found_rule = facts_of(doc.intro_markdown) + facts_of(doc.tail_markdown, pictures=False)  # its icon is decoration
    found = [facts_of(s.markdown) for s in doc.steps]
    _check_is_this_doc(doc, [s.facts for s in steps], [found_rule, *found])
    verdicts = [_paired(rule, found_rule, "rule", root)]
    after = "the rule"  # what the doc puts before a step it adds
    for entry in _line_up([s.facts for s in numbered], found):
        verdicts.append(_verdict(entry, numbered, found, after, root))
        if entry.found is not None:
            after = (
                f"step {numbered[entry.expected].number}"
                if entry.expected is not None
                else f"doc step {entry.found + 1}"
            )
    return DriftReport(doc.source, doc.revision, doc.language, tuple(verdicts))


def _check_is_this_doc(doc: PublishedDoc, expected: list[Facts], found: list[Facts]) -> None:
    def clickable(facts: list[Facts]) -> set[str]:
        return {value for f in facts for value in (*f.labels, *f.paths)}

    if not clickable(expected) & clickable(found):
        raise NotThisDoc(f"{doc.source} shares no UI label or menu path with the doc the suite follows")


@dataclass(frozen=True)
class _Entry:
    expected: int | None  # index into the suite's numbered steps
    found: int | None  # index into the doc's steps
    moved: bool = False


def _line_up(expected: list[Facts], found: list[Facts]) -> list[_Entry]:
    """The suite's steps and the doc's, lined up by their facts (difflib on each step's facts): in the doc's
    order, a step the doc dropped where it was. A dropped step whose facts the doc has as a new step elsewhere
    has moved there."""
    matcher = SequenceMatcher(None, [f.key() for f in expected], [f.key() for f in found], autojunk=False)
    entries: list[_Entry] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):  # as many on both sides: one by one
            entries += [_Entry(i, j) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
        elif op == "replace":
            entries += _pair_alike(expected, found, list(range(i1, i2)), list(range(j1, j2)))
        else:
            entries += [_Entry(i, None) for i in range(i1, i2)] + [_Entry(None, j) for j in range(j1, j2)]
    dropped = [(e, e.expected) for e in entries if e.expected is not None and e.found is None]
    for gone, i in dropped:
        added = [(e, e.found) for e in entries if e.found is not None and e.expected is None]
        twin = next((e for e, j in added if expected[i].values() and found[j].key() == expected[i].key()), None)
        if twin is not None:
            entries[entries.index(twin)] = _Entry(i, twin.found, moved=True)
            entries.remove(gone)
    return entries


def _pair_alike(expected: list[Facts], found: list[Facts], olds: list[int], news: list[int]) -> list[_Entry]:
    """Within a block of steps that differ in number: pair each of the suite's steps with the doc's most alike
    one (in order), the rest are dropped or added."""
    entries: list[_Entry] = []
    for i in olds:
        j = max(news, key=lambda n: (_alike(expected[i], found[n]), -n), default=None)  # the first most alike
        if j is not None and _alike(expected[i], found[j]) >= SIMILAR:
            entries += [_Entry(None, n) for n in news if n < j] + [_Entry(i, j)]
            news = [n for n in news if n > j]
        else:
            entries.append(_Entry(i, None))
    return entries + [_Entry(None, n) for n in news]


def _alike(a: Facts, b: Facts) -> float:
    """How alike two steps' facts read (0 to 1): their values side by side, compared as text."""
    return similarity(" | ".join(v for _, v in a.values()), " | ".join(v for _, v in b.values()))


def _verdict(entry: _Entry, numbered: list[DocStep], found: list[Facts], after: str, root: Path) -> StepVerdict:
    if entry.expected is None:
        at = entry.found or 0
        return StepVerdict("new", NEW, (f"doc step {at + 1}, after {after}: {found[at].describe()}",), str(at + 1))
    step = numbered[entry.expected]
    if entry.found is None:
        walked = any(step.tag in line.tags for line in gherkin_lines(root))
        why = f"no step of the doc has its facts ({step.facts.describe()})"
        why += f"; the scenarios tagged @{step.tag} still walk it" if walked else ""
        return StepVerdict(step.number, REMOVED, (why,), None, step.title)
    verdict = _paired(step, found[entry.found], str(entry.found + 1), root)
    if entry.moved:
        moved = f"moved: now after {after}"
        return StepVerdict(verdict.step, CHANGED, (moved, *verdict.changes), verdict.doc_step, verdict.title)
    return verdict


def _paired(step: DocStep, found: Facts, doc_step: str, root: Path) -> StepVerdict:
    number = "rule" if step.tag == "doc-rule" else step.number
    changes = [_with_uses(kind, old, new, step.tag, root) for kind, old, new in changes_between(step.facts, found)]
    return StepVerdict(number, CHANGED if changes else UNCHANGED, tuple(changes), doc_step, step.title)


def _with_uses(kind: str, old: str | None, new: str | None, tag: str, root: Path) -> str:
    """The change, and where the suite still uses the old value (the step's scenarios, the page objects)."""
    text = show_change(kind, old, new)
    places = uses(old, tag, root) if old is not None else []
    if not places:
        return text
    more = len(places) - SHOWN_PLACES
    shown = ", ".join(places[:SHOWN_PLACES]) + (f" and {more} more" if more > 0 else "")
    return f"{text} (the suite still uses {quote(kind, old or '')} at {shown})"


def render_text(report: DriftReport) -> str:
    language = LANGUAGES.get(report.language, report.language)
    revision = report.revision[:12] if report.revision else "no revision"
    lines = [
        f"{report.source}: {language} edition, {revision}; the suite's facts are from {DOC_REVISION[:12]}.",
        "Step numbers are the suite's (its @doc-step-N tags); 'doc step N' is the number in this doc.",
    ]
    for s in report.steps:
        renumbered = f" (now doc step {s.doc_step})" if s.doc_step not in (None, s.step) and s.step != "new" else ""
        what = f"{s.title}{renumbered}" if s.title else ""
        detail = "; ".join(s.changes)
        lines.append(f"{s.step:<5} {s.verdict:<9} {what}{': ' if what and detail else ''}{detail}".rstrip())
    moved = sum(s.verdict != UNCHANGED for s in report.steps)
    lines.append(
        "Unchanged: nothing the features rely on moved."
        if report.status == UNCHANGED
        else f"Drift in {moved} of {len(report.steps)} lines: update the facts in flowspec/doc_steps.py and the "
        "places named, as far as the product follows the doc."
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="doc-drift",
        description="Compare the published 'Add or verify the Amazon API key' doc with the facts the features "
        "rely on. Exit 0: unchanged, 1: drift, 2: DOC unreadable or not this doc.",
    )
    parser.add_argument("doc", metavar="DOC", help="a path or an http(s) URL of the doc's Markdown source")
    parser.add_argument("--json", action="store_true", help="print the verdicts as JSON")
    args = parser.parse_args(argv)
    try:
        report = compare(load(args.doc))
    except (DocUnreadable, NotThisDoc) as exc:
        print(f"doc-drift: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if isinstance(sys.stdout, io.TextIOWrapper):  # a terminal without UTF-8 gets "?" for an arrow, not a crash
        sys.stdout.reconfigure(errors="replace")
    try:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False) if args.json else render_text(report))
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (| head): the verdict is the exit code
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_UNCHANGED if report.status == UNCHANGED else EXIT_DRIFT


if __name__ == "__main__":
    sys.exit(main())
