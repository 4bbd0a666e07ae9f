"""The mutation run's summary, when ``make mutation`` left one in the reports folder (``mutation.json``).

The file is ``mutation/report.py``'s ``mutation-report/2`` JSON; the living doc reads only its summary:
``totals`` and ``modules`` (counts ``total``, ``killed``, ``timed_out``, ``survived``, ``unreached``,
``errors``, ``accepted``, ``score``), ``score`` (after accepting survivors), ``score_before_acceptance``,
``target``, ``complete``/``not_run``, ``wall_seconds``, ``finished``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MUTATION_REPORT = "mutation.json"
COUNTS = ("total", "killed", "timed_out", "survived", "unreached", "errors", "accepted")


def read_mutation_summary(report_dir: Path) -> dict[str, Any] | None:
    """The parsed ``mutation.json`` of ``report_dir``, or None when there is none (or it cannot be read)."""
    path = report_dir / MUTATION_REPORT
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("totals"), dict) else None


def _count(counts: dict[str, Any], name: str) -> int:
    value = counts.get(name, 0)
    return value if isinstance(value, int) else 0


def mutation_view(summary: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the living doc shows of a mutation report: a sentence and a row per flow module."""
    if not summary:
        return None
    totals = summary.get("totals") or {}
    judged = _count(totals, "total") - _count(totals, "accepted")
    caught = _count(totals, "killed") + _count(totals, "timed_out")
    score = summary.get("score")
    parts = [
        f"{caught} of {judged} non-equivalent mutants of the mocks' flow modules caught by the BDD suite "
        f"({_count(totals, 'killed')} failed a scenario, {_count(totals, 'timed_out')} timed out)"
    ]
    if isinstance(score, int | float):
        target, before = summary.get("target"), summary.get("score_before_acceptance")
        notes = [f"{float(before):.1%} before accepting survivors"] if isinstance(before, int | float) else []
        notes += [f"target {float(target):.0%}"] if isinstance(target, int | float) else []
        parts.append(f"score {float(score):.1%}" + (f" ({'; '.join(notes)})" if notes else ""))
    accepted = _count(totals, "accepted")
    if accepted:
        parts.append(
            f"{accepted} more survived and are accepted as equivalent or invisible (docs/mutation-survivors.md)"
        )
    if not summary.get("complete", True):
        parts.append(f"incomplete run: {summary.get('not_run', '?')} mutants not reached")
    if isinstance(summary.get("wall_seconds"), int | float):
        parts.append(f"wall time {summary['wall_seconds'] / 60:.0f} min")
    if summary.get("finished"):
        parts.append(f"finished {summary['finished']}")
    modules = [
        {"module": name, **{key: _count(counts, key) for key in COUNTS}}
        for name, counts in sorted((summary.get("modules") or {}).items())
        if isinstance(counts, dict)
    ]
    return {"summary": "; ".join(parts) + ".", "modules": modules}
