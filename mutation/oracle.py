"""cosmic-ray's test command: ``python -m mutation.oracle``, run in the project copy with one mutant on disk.

It finds the mutated module (the one that differs from its pristine copy) and the lines the mutation
changed, picks the scenarios that reach those lines (``scenario_map.Selector``), and runs them: fastest
first, ``-x``, no living doc, with a timeout of ``TIMEOUT_BASE_SECONDS + TIMEOUT_FACTOR x`` their
unmutated time. The last line of its output is the verdict, ``MUTATION-ORACLE {json}``; the report reads
it from cosmic-ray's session, and it is appended to ``verdicts.jsonl`` for progress.

Verdicts (exit code): ``killed`` (1) a scenario failed, or the suite could not run with the mutant (import
or collection error: ``suite_error``); ``timeout`` (1) the scenarios did not finish in time; ``survived``
(0) every scenario that reaches the mutated code passed; ``unreached`` (0) no scenario reaches it;
``error`` (3) the oracle could not judge (no single mutated module, no scenario collected).
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mutation import forkserver, scenario_map
from mutation.plan import ENV_EXPECT_ROOT, ENV_LAYOUT
from mutation.workspace import Workspace, mutated_files

ENV_PLAN = "MUTATION_PLAN"
MARKER = "MUTATION-ORACLE "
EXIT_CODES = {"killed": 1, "timeout": 1, "survived": 0, "unreached": 0, "error": 3}


@dataclass
class Verdict:
    verdict: str
    file: str = ""
    lines: list[int] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    layout: str = ""
    basis: str = ""
    scenarios: list[str] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)
    failed: str | None = None
    message: str = ""
    suite_error: bool = False
    exit_code: int | None = None
    seconds: float = 0.0
    timeout: float = 0.0


def changed_lines(pristine: str, mutated: str) -> tuple[set[int], list[str], list[str]]:
    """Lines of ``pristine`` (1-based) that the mutation changed, and the removed and added text. Blank and
    comment lines are left out (removing a decorator also removes the blank lines before it)."""
    old, new = pristine.splitlines(), mutated.splitlines()
    lines: set[int] = set()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        lines |= {n for n in range(i1 + 1, i2 + 1) if _is_code(old[n - 1])} if i2 > i1 else {max(i1, 1)}
        removed += [line for line in old[i1:i2] if _is_code(line)]
        added += [line for line in new[j1:j2] if _is_code(line)]
    return lines, removed, added


def _is_code(line: str) -> bool:
    return bool(line.strip()) and not line.strip().startswith("#")


def judge(plan: dict[str, Any]) -> Verdict:
    space = Workspace(Path(plan["base"]))
    modules: list[str] = plan["modules"]
    mutated = mutated_files(space, modules)
    if len(mutated) != 1:
        return Verdict("error", message=f"expected one mutated module, found {mutated or 'none'}")
    file = mutated[0]
    lines, removed, added = changed_lines(
        (space.pristine / file).read_text(encoding="utf-8"), (space.project / file).read_text(encoding="utf-8")
    )
    verdict = Verdict("error", file=file, lines=sorted(lines), removed=removed, added=added)
    coverage = scenario_map.load(space.scenario_map)
    selector = scenario_map.Selector(coverage, space.pristine, tuple(plan["layouts"]))
    selection = selector.select(file, lines)
    verdict.layout, verdict.basis, verdict.scenarios = selection.layout, selection.basis, selection.scenarios
    if not selection.scenarios:
        verdict.verdict = "unreached"
        return verdict
    verdict.timeout = round(plan["timeout_base"] + plan["timeout_factor"] * selection.seconds(coverage), 1)
    run_pytest(plan, space, selection, verdict)
    return verdict


def run_pytest(plan: dict[str, Any], space: Workspace, selection: scenario_map.Selection, verdict: Verdict) -> None:
    space.runs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=space.runs) as scratch:
        junit, log = Path(scratch) / "junit.xml", Path(scratch) / "pytest.log"
        args = [
            *selection.scenarios,
            "-x",
            "-q",
            "--tb=line",
            "-p",
            "no:cacheprovider",
            "-p",
            "mutation.pytest_plugin",
            *plan["pytest_flags"],
            "--output",
            str(Path(scratch) / "test-results"),
            "--junitxml",
            str(junit),
        ]
        env = {
            **os.environ,
            "PYTHONDONTWRITEBYTECODE": "1",
            ENV_EXPECT_ROOT: str(space.project),
            ENV_LAYOUT: selection.layout,
        }
        env.pop(ENV_PLAN, None)
        env.pop(forkserver.ENV_SOCKET, None)
        started = time.monotonic()
        try:
            code = _pytest(plan, args, env, space.project, log, verdict.timeout)
        except (forkserver.ForkServerTimeout, subprocess.TimeoutExpired):
            verdict.verdict = "timeout"
            verdict.seconds = round(time.monotonic() - started, 1)
            verdict.message = f"the scenarios did not finish within {verdict.timeout:g} s"
            return
        verdict.seconds = round(time.monotonic() - started, 1)
        verdict.exit_code = code
        output = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
        ran, failed, message = read_junit(junit)
        verdict.ran, verdict.failed, verdict.message = ran, failed, message
        if code == 0:
            verdict.verdict = "survived"
        elif code == 1 and failed:
            verdict.verdict = "killed"
        elif code in (1, 2, 3, 4):
            verdict.verdict, verdict.suite_error = "killed", True
            verdict.message = message or _tail(output)
        else:  # 5: nothing collected; anything else: pytest itself went wrong
            verdict.verdict = "error"
            verdict.message = f"pytest exited {code}: {_tail(output)}"


def _pytest(plan: dict[str, Any], args: list[str], env: dict[str, str], cwd: Path, log: Path, timeout: float) -> int:
    """pytest with ``args``: in the fork server when the runner started one, else in a new process."""
    socket_path = os.environ.get(forkserver.ENV_SOCKET)
    if socket_path:
        return forkserver.run(socket_path, args, env, cwd, log, timeout)
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [plan["python"], "-m", "pytest", *args],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise


def read_junit(path: Path) -> tuple[list[str], str | None, str]:
    """The scenarios that ran, the first that failed (or errored) and its message."""
    if not path.is_file():
        return [], None, ""
    ran: list[str] = []
    failed: str | None = None
    message = ""
    for case in ET.parse(path).getroot().iter("testcase"):
        name = _node_id(case.get("classname", ""), case.get("name", ""))
        ran.append(name)
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        if problem is not None and failed is None:
            failed = name
            message = (problem.get("message") or problem.text or "").strip()[:500]
    return ran, failed, message


def _node_id(classname: str, name: str) -> str:
    """JUnit's ``tests.e2e.test_key_check`` + ``test_x[chromium]`` as pytest's node id."""
    return f"{classname.replace('.', '/')}.py::{name}" if classname else name


def _tail(output: str, lines: int = 8) -> str:
    return "\n".join(output.strip().splitlines()[-lines:])[-1500:]


def main() -> int:
    plan = json.loads(Path(os.environ[ENV_PLAN]).read_text(encoding="utf-8"))
    try:
        verdict = judge(plan)
    except Exception as exc:  # the oracle must say so, never let cosmic-ray count a crash as a kill
        verdict = Verdict("error", message=f"{type(exc).__name__}: {exc}")
    line = json.dumps(asdict(verdict))
    with open(Path(plan["base"]) / "verdicts.jsonl", "a", encoding="utf-8") as log:
        log.write(line + "\n")
    print(MARKER + line, flush=True)
    return EXIT_CODES[verdict.verdict]


if __name__ == "__main__":
    sys.exit(main())
