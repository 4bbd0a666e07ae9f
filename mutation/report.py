"""``reports/mutation.json`` and the summary table.

The JSON (``"schema": "mutation-report/1"``):

* ``mode``: ``full`` (every flow module) or ``quick`` (the fixed subset of ``plan.QUICK_MUTANTS``).
* ``tool``: ``{"name": "cosmic-ray", "version"}``; ``oracle``: how mutants are judged (text).
* ``started``, ``finished`` (ISO 8601, UTC), ``wall_seconds`` (the whole run), ``phases`` (seconds of
  ``prepare``, ``coverage`` per layout, ``init``, ``exec``), ``machine`` (``cpus``, ``load_average`` at
  start and end: a busy machine makes the run slower, and timeouts likelier).
* ``complete``: false when the run stopped early (``--max-minutes``, or interrupted); ``not_run`` counts the
  mutants it did not reach (left out of every count), and ``projection`` estimates the full run: its
  ``exec_seconds`` at the pace so far, and the ``wall_seconds`` of the whole run.
* ``target``: the score to reach (0.95); ``score``: killed / (total - accepted), with timed-out mutants
  counted as killed (the suite did not pass); ``null`` when nothing ran. ``met``: score >= target.
* ``totals`` and ``modules`` (per flow module, by file): counts ``total`` (mutants run), ``killed``,
  ``timed_out``, ``survived`` (every scenario reaching the mutated code passed), ``unreached`` (no scenario
  reaches it), ``errors`` (the oracle could not judge: the run is not to be trusted), ``accepted`` (survived
  or unreached, and listed in ``docs/mutation-survivors.toml``), ``score``.
* ``skipped``: mutants cosmic-ray generated that were not run, counted by reason (type annotations, operator
  variants outside the operator set, not in the quick subset, or cosmic-ray failing to write the mutant).
* ``survivors``: every mutant that was run and not killed, accepted or not: ``id`` (cosmic-ray job id),
  ``file``, ``line``, ``function``, ``operator``, ``status`` (survived, unreached, error), ``diff`` (unified),
  ``original`` and ``mutated`` (the changed lines), ``layout`` and ``scenarios`` (what ran, fastest first),
  ``basis`` (why those scenarios: statement, function, readers, everything, unreached), ``accepted``
  (``null`` or ``{"class", "reason"}``), ``message`` (for errors).
* ``mutants``: every mutant run: ``id``, ``file``, ``line``, ``operator``, ``status`` (killed, timeout,
  survived, unreached, error), ``layout``, ``killed_by`` (the failing scenario), ``message`` (its failure,
  first line), ``suite_error`` (killed because the suite could not even run), ``seconds``.
* ``stale_accepted``: entries of the accepted list that match no survivor (fixed code, or a stronger suite).
"""

from __future__ import annotations

import importlib.metadata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from mutation.accepted import Accepted, change_key
from mutation.session import Mutant

SCHEMA = "mutation-report/1"
NOT_APPLIED = "cosmic-ray could not write the mutant (an error inside cosmic-ray)"
STATUSES = ("killed", "timeout", "survived", "unreached", "error")
ORACLE = (
    "the BDD suite (pytest tests/e2e): per mutant, the scenarios whose coverage reaches the mutated line, "
    "fastest first, -x, in the doc's admin layout (the current layout for code only it reaches)"
)


def status_of(mutant: Mutant) -> str:
    if mutant.worker_outcome is None:
        return "not_run"  # the run stopped before it (--max-minutes, or interrupted)
    if mutant.worker_outcome == "exception":
        return "not_applied"  # cosmic-ray failed to write this mutant: nothing was tested
    verdict = mutant.oracle or {}
    status = str(verdict.get("verdict", "error"))
    return status if status in STATUSES else "error"


@dataclass
class Counts:
    total: int = 0
    killed: int = 0
    timed_out: int = 0
    survived: int = 0
    unreached: int = 0
    errors: int = 0
    accepted: int = 0

    def add(self, status: str, accepted: bool) -> None:
        self.total += 1
        field_name = {"timeout": "timed_out", "error": "errors"}.get(status, status)
        setattr(self, field_name, getattr(self, field_name) + 1)
        self.accepted += int(accepted)

    @property
    def score(self) -> float | None:
        denominator = self.total - self.accepted
        return None if denominator <= 0 else (self.killed + self.timed_out) / denominator

    def as_json(self) -> dict[str, Any]:
        score = self.score
        return {**self.__dict__, "score": None if score is None else round(score, 4)}


@dataclass
class Report:
    mode: str
    mutants: list[Mutant]
    accepted: list[Accepted]
    target: float
    timing: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.run = [m for m in self.mutants if m.skipped is None and status_of(m) not in ("not_run", "not_applied")]
        self.not_run = [m for m in self.mutants if m.skipped is None and status_of(m) == "not_run"]
        self.by_key = {a.key: a for a in self.accepted}
        self.totals = Counts()
        self.modules: dict[str, Counts] = {}
        used: set[tuple[str, str, str]] = set()
        for mutant in self.run:
            match = self.acceptance(mutant)
            if match is not None:
                used.add(match.key)
            status = status_of(mutant)
            self.totals.add(status, match is not None)
            self.modules.setdefault(mutant.file, Counts()).add(status, match is not None)
        self.stale = [a for a in self.accepted if a.key not in used and self._in_scope(a)]

    def _in_scope(self, entry: Accepted) -> bool:
        return any(m.file == entry.file for m in self.run)

    def acceptance(self, mutant: Mutant) -> Accepted | None:
        if status_of(mutant) not in ("survived", "unreached"):
            return None
        removed, added = changed_text(mutant)
        return self.by_key.get(change_key(mutant.file, removed, added))

    @property
    def score(self) -> float | None:
        return self.totals.score

    @property
    def met(self) -> bool:
        return self.score is not None and self.score >= self.target

    def as_json(self) -> dict[str, Any]:
        skipped = Counter(m.skipped for m in self.mutants if m.skipped is not None)
        not_applied = sum(1 for m in self.mutants if m.skipped is None and status_of(m) == "not_applied")
        if not_applied:
            skipped[NOT_APPLIED] = not_applied
        score = self.score
        return {
            "schema": SCHEMA,
            "mode": self.mode,
            "tool": {"name": "cosmic-ray", "version": _version("cosmic-ray")},
            "oracle": ORACLE,
            **self.timing,
            "complete": not self.not_run,
            "not_run": len(self.not_run),
            "target": self.target,
            "score": None if score is None else round(score, 4),
            "met": self.met,
            "totals": self.totals.as_json(),
            "modules": {f: c.as_json() for f, c in sorted(self.modules.items())},
            "skipped": dict(sorted(skipped.items())),
            "survivors": [self._survivor(m) for m in self.run if status_of(m) not in ("killed", "timeout")],
            "mutants": [self._mutant(m) for m in self.run],
            "stale_accepted": [
                {"file": a.file, "original": a.original, "mutated": a.mutated, "class": a.kind} for a in self.stale
            ],
        }

    def _survivor(self, mutant: Mutant) -> dict[str, Any]:
        verdict = mutant.oracle or {}
        removed, added = changed_text(mutant)
        match = self.acceptance(mutant)
        return {
            "id": mutant.job_id,
            "file": mutant.file,
            "line": mutant.line,
            "function": mutant.definition,
            "operator": mutant.operator,
            "status": status_of(mutant),
            "diff": mutant.diff,
            "original": "\n".join(removed),
            "mutated": "\n".join(added),
            "layout": verdict.get("layout"),
            "basis": verdict.get("basis"),
            "scenarios": verdict.get("scenarios", []),
            "accepted": None if match is None else {"class": match.kind, "reason": match.reason},
            "message": verdict.get("message", "") if status_of(mutant) == "error" else "",
        }

    @staticmethod
    def _mutant(mutant: Mutant) -> dict[str, Any]:
        verdict = mutant.oracle or {}
        return {
            "id": mutant.job_id,
            "file": mutant.file,
            "line": mutant.line,
            "operator": mutant.operator,
            "status": status_of(mutant),
            "layout": verdict.get("layout"),
            "killed_by": verdict.get("failed"),
            "message": (verdict.get("message") or "").splitlines()[0][:300] if verdict.get("message") else "",
            "suite_error": bool(verdict.get("suite_error")),
            "seconds": verdict.get("seconds"),
        }

    def table(self) -> str:
        headers = ("module", "mutants", "killed", "timeout", "survived", "unreached", "errors", "accepted", "score")
        rows = [_row(f, c) for f, c in sorted(self.modules.items())] + [_row("all", self.totals)]
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            )

        return "\n".join([line(headers), line(tuple("-" * w for w in widths)), *(line(r) for r in rows)])


def _row(name: str, counts: Counts) -> tuple[str, ...]:
    score = counts.score
    return (
        name,
        str(counts.total),
        str(counts.killed),
        str(counts.timed_out),
        str(counts.survived),
        str(counts.unreached),
        str(counts.errors),
        str(counts.accepted),
        "-" if score is None else f"{score:.1%}",
    )


def changed_text(mutant: Mutant) -> tuple[list[str], list[str]]:
    """The lines the mutant removed and added: from the oracle's verdict, else from cosmic-ray's diff."""
    verdict = mutant.oracle or {}
    if verdict.get("removed") or verdict.get("added"):
        return list(verdict.get("removed", [])), list(verdict.get("added", []))
    removed = [line[1:] for line in mutant.diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in mutant.diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"
