"""``reports/mutation.json`` (its fields: mutation/README.md), its table, and the doc's generated part."""

from __future__ import annotations

import importlib.metadata
from collections import Counter
from typing import Any

from mutation.accepted import Entry
from mutation.mutants import Mutant, describe

COUNTS = ("total", "killed", "timed_out", "survived", "unreached", "errors", "accepted")
HEADERS = ("module", "mutants", "killed", "timeout", "survived", "unreached", "errors", "accepted", "before", "after")


def scored(counts: Counter[str]) -> dict[str, Any]:
    """The counts, the score before acceptance (caught / all judged) and after (caught / all - accepted)."""
    caught, total = counts["killed"] + counts["timed_out"], counts["total"]
    before, after = (None if n <= 0 else round(caught / n, 4) for n in (total, total - counts["accepted"]))
    return {**{k: counts[k] for k in COUNTS}, "score_before_acceptance": before, "score": after}


def build(
    mode: str, mutants: list[Mutant], verdicts: dict[int, Any], entries: list[Entry], run: Any, target: float
) -> Any:
    judged = [(m, verdicts[i]) for i, m in enumerate(mutants) if i in verdicts]
    matches = {e: [m for m in mutants if e.matches(m)] for e in entries}
    listed = {found[0]: e for e, found in matches.items() if len(found) == 1}
    caught = {m for m, v in judged if v["status"] in ("killed", "timeout")}
    totals, modules = Counter[str](), dict[str, Counter[str]]()
    for m, v in judged:
        status = {"timeout": "timed_out", "error": "errors"}.get(v["status"], v["status"])
        accepted = m in listed and listed[m].accepted and status in ("survived", "unreached")
        for counts in (totals, modules.setdefault(m.file, Counter())):
            counts.update({"total": 1, status: 1, "accepted": int(accepted)})

    def about(m: Mutant, v: dict[str, Any], *keys: str) -> dict[str, Any]:
        return {**m.identity(), "line": m.line, **{k: v.get(k) for k in keys}}

    summary, pending = scored(totals), sum(m.skip is None for m in mutants) - len(judged)
    return {
        "schema": "mutation-report/2",
        "mode": mode,
        "tool": {"name": "cosmic-ray", "version": importlib.metadata.version("cosmic-ray")},
        **run,
        "complete": pending == 0,
        "not_run": pending,
        "target": target,
        "score_before_acceptance": summary["score_before_acceptance"],
        "score": summary["score"],
        "met": summary["score"] is not None and summary["score"] >= target,
        "totals": summary,
        "modules": {f: scored(c) for f, c in sorted(modules.items())},
        "skipped": dict(sorted(Counter(m.skip for m in mutants if m.skip).items())),
        "survivors": [
            about(m, v, "status", "layout", "basis", "scenarios", "message")
            | {"listed": {"class": listed[m].kind, "reason": listed[m].reason} if m in listed else None}
            for m, v in judged
            if m not in caught
        ],
        "mutants": [
            about(m, v, "status", "layout", "killed_by", "suite_error", "seconds")
            | {"message": (v.get("message") or "").strip().split("\n")[0][:300]}
            for m, v in judged
        ],
        "list_check": {
            "matches_none": [e.label() for e, found in matches.items() if not found],
            "matches_several": {
                e.label(): [describe(m.identity(), m.line) for m in f] for e, f in matches.items() if f[1:]
            },
            "listed_but_killed": [e.label() for m, e in listed.items() if m in caught],
        },
    }


def table(report: dict[str, Any], code: str = "") -> str:
    """Per module and in all: the counts and both scores, as a Markdown table."""
    rows = [HEADERS, ("---", *["---:"] * (len(HEADERS) - 1))]
    for name, c in [*((f"{code}{f}{code}", c) for f, c in report["modules"].items()), ("all", report["totals"])]:
        scores = ("-" if c[k] is None else f"{c[k]:.1%}" for k in ("score_before_acceptance", "score"))
        rows.append((name, *(str(c[k]) for k in COUNTS), *scores))
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def markdown(report: dict[str, Any]) -> str:
    """The doc's generated part: the table, and every survivor that is not accepted."""
    lines = [
        f"From `make mutation` ({report['mode']} run{'' if report['complete'] else ', incomplete'}): "
        f"{report['totals']['total']} mutants judged, {sum(report['skipped'].values())} skipped, wall time "
        f"{report.get('wall_seconds', 0) / 60:.0f} min. *before*: killed / all judged; *after*: killed / (all "
        f"judged - accepted); target {report['target']:.0%}.\n\n{table(report, '`')}\n",
        "Survivors not accepted (a `gap` entry says what a person following the doc would see):\n",
        "| mutant | status | listed as |\n| --- | --- | --- |",
    ]
    for s in report["survivors"]:
        if s["listed"] is None or s["listed"]["class"] == "gap":
            said = "not listed" if s["listed"] is None else f"gap: {s['listed']['reason']}"
            mutant = describe(s, s["line"]).replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{mutant}` | {s['status']} | {said} |")
    return "\n".join(lines) + "\n"
