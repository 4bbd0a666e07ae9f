"""cosmic-ray's part: the config, listing the mutants (``init``), skipping those we do not run, running the
rest (``exec``, the oracle as test command) and reading every mutant's outcome back from its database."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import WorkerOutcome, WorkResult

from mutation.code_regions import in_annotation
from mutation.oracle import ENV_PLAN, MARKER
from mutation.plan import in_operator_set
from mutation.workspace import Workspace

# cosmic-ray's own limit per mutant; the oracle's is far shorter (see oracle.py). This one only stops a
# test command that is stuck outside pytest.
OUTER_TIMEOUT_SECONDS = 3600.0

SKIP_ANNOTATION = "in a type annotation (never evaluated: from __future__ import annotations)"
SKIP_OPERATOR = "operator variant outside the run's operator set (plan.py)"
SKIP_NOT_QUICK = "not in the quick subset"


@dataclass(frozen=True)
class Mutant:
    """One cosmic-ray work item and its result, as the report needs them."""

    job_id: str
    file: str
    line: int
    column: int
    operator: str
    occurrence: int
    definition: str | None
    skipped: str | None  # why it was not run
    outcome: str | None  # cosmic-ray's test outcome: killed, survived, incompetent
    worker_outcome: str | None
    diff: str
    oracle: dict[str, Any] | None  # the oracle's verdict (oracle.Verdict as a dict)


def write_config(space: Workspace, modules: list[str]) -> None:
    test_command = shlex.join([sys.executable, "-m", "mutation.oracle"])
    lines = [
        "[cosmic-ray]",
        f"module-path = {json.dumps(modules)}",
        f"timeout = {OUTER_TIMEOUT_SECONDS}",
        "excluded-modules = []",
        f"test-command = {json.dumps(test_command)}",
        "",
        "[cosmic-ray.distributor]",
        'name = "local"',
        "",
    ]
    space.config.write_text("\n".join(lines), encoding="utf-8")


def init(space: Workspace) -> None:
    _cosmic_ray(space, "init", str(space.config), str(space.session))


def skip(space: Workspace, reason_for: Callable[[Any], str | None]) -> dict[str, int]:
    """Mark pending mutants as skipped where ``reason_for(mutation_spec)`` gives a reason; counts by reason."""
    skipped: dict[str, list[str]] = {}
    with use_db(str(space.session), WorkDB.Mode.open) as db:
        for item in db.pending_work_items:
            reason = reason_for(item.mutations[0])
            if reason:
                skipped.setdefault(reason, []).append(item.job_id)
        for reason, job_ids in skipped.items():
            db.set_multiple_results(job_ids, WorkResult(worker_outcome=WorkerOutcome.SKIPPED, output=reason))
    return {reason: len(ids) for reason, ids in skipped.items()}


def standard_exclusion(space: Workspace) -> Callable[[Any], str | None]:
    """Skip mutants in annotations and operator variants outside the operator set."""

    def reason_for(mutation: Any) -> str | None:
        if in_annotation(space.pristine / str(mutation.module_path), tuple(mutation.start_pos)):
            return SKIP_ANNOTATION
        if not in_operator_set(mutation.operator_name):
            return SKIP_OPERATOR
        return None

    return reason_for


def pending_count(space: Workspace) -> int:
    with use_db(str(space.session), WorkDB.Mode.open) as db:
        return len(db.pending_work_items)


def execute(
    space: Workspace,
    plan_env: dict[str, str],
    on_verdict: Callable[[dict[str, Any]], None],
    deadline: float | None = None,
) -> bool:
    """``cosmic-ray exec``; calls ``on_verdict`` for each oracle verdict as it is written. At ``deadline``
    (``time.monotonic()``) it stops cosmic-ray and returns False: the mutants not reached stay pending."""
    command = [sys.executable, "-m", "cosmic_ray.cli", "exec", str(space.config), str(space.session)]
    seen = len(space.verdicts.read_text(encoding="utf-8").splitlines()) if space.verdicts.is_file() else 0
    process = subprocess.Popen(command, cwd=space.project, env=plan_env, start_new_session=True)
    stopped = False
    while True:
        finished = process.poll() is not None
        if space.verdicts.is_file():
            lines = space.verdicts.read_text(encoding="utf-8").splitlines()
            for line in lines[seen:]:
                on_verdict(json.loads(line))
            seen = len(lines)
        if finished:
            break
        if deadline is not None and time.monotonic() > deadline:
            _stop_group(process)
            stopped = True
            break
        time.sleep(1.0)
    if not stopped and process.returncode != 0:
        raise RuntimeError(f"cosmic-ray exec exited {process.returncode}")
    return not stopped


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop cosmic-ray and the mutant it is running (its oracle, pytest, the browser)."""
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def mutants(space: Workspace) -> list[Mutant]:
    found: list[Mutant] = []
    with use_db(str(space.session), WorkDB.Mode.open) as db:
        results = dict(db.results)
        for item in db.work_items:
            spec = item.mutations[0]
            result = results.get(item.job_id)
            skipped = result.output if result is not None and result.worker_outcome == WorkerOutcome.SKIPPED else None
            found.append(
                Mutant(
                    job_id=item.job_id,
                    file=Path(spec.module_path).as_posix(),
                    line=int(spec.start_pos[0]),
                    column=int(spec.start_pos[1]),
                    operator=spec.operator_name,
                    occurrence=int(spec.occurrence),
                    definition=spec.definition_name,
                    skipped=skipped,
                    outcome=None if result is None or result.test_outcome is None else str(result.test_outcome.value),
                    worker_outcome=None if result is None else str(result.worker_outcome.value),
                    diff="" if result is None else (result.diff or ""),
                    oracle=None if result is None or skipped else oracle_verdict(result.output or ""),
                )
            )
    return sorted(found, key=lambda m: (m.file, m.line, m.column, m.operator, m.occurrence))


def oracle_verdict(output: str) -> dict[str, Any] | None:
    """The oracle's verdict from its output (the last ``MUTATION-ORACLE`` line), or None without one."""
    for line in reversed(output.splitlines()):
        if line.startswith(MARKER):
            verdict: dict[str, Any] = json.loads(line[len(MARKER) :])
            return verdict
    return None


def _cosmic_ray(space: Workspace, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "cosmic_ray.cli", *args], cwd=space.project, check=True)


__all__ = ["ENV_PLAN", "Mutant", "execute", "init", "mutants", "skip", "standard_exclusion", "write_config"]
