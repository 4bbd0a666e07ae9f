"""``python -m mutation``: mutation testing of the mocks' flow modules, the BDD suite as the oracle.

``--quick`` runs the fixed subset of ``plan.py`` (a few mutants of the key check and Save Config that the
suite must kill) and fails unless every one of them is killed. ``--survivors-template`` prints an
``[[accepted]]`` block for each survivor of a report that is not accepted yet.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mutation import accepted, forkserver, plan, scenario_map, session, workspace
from mutation.oracle import ENV_PLAN
from mutation.report import Report, status_of

DEFAULT_OUT = "reports/mutation.json"
QUICK_OUT = "reports/mutation-quick.json"
EXIT_BELOW_TARGET = 1
EXIT_BROKEN = 2
STEP_TIMEOUT_SECONDS = 3  # as the broken-mock checks: ten times a healthy step; the unmutated run proves it


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m mutation", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the fixed quick subset (a few mutants, three scenarios)")
    parser.add_argument("--out", default=None, help=f"the JSON report (default {DEFAULT_OUT}; --quick: {QUICK_OUT})")
    parser.add_argument(
        "--work-dir", type=Path, default=workspace.DEFAULT_WORK_DIR, help="work folder (default build/mutation)"
    )
    parser.add_argument(
        "--modules", nargs="+", metavar="FILE", default=None, help="only these flow modules (default: all of them)"
    )
    parser.add_argument(
        "--fail-under", type=float, default=plan.TARGET_SCORE, help=f"exit 1 below this score ({plan.TARGET_SCORE})"
    )
    parser.add_argument("--accepted", type=Path, default=accepted.DEFAULT_PATH, help="the accepted survivors (TOML)")
    parser.add_argument(
        "--max-minutes",
        type=float,
        default=None,
        help="stop running mutants after this many minutes of the run and report what was judged (incomplete)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="go on with the mutants the last run (stopped by --max-minutes) did not reach, then report",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="no run: remake the report from the last run's work folder (e.g. after editing the accepted list)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="build the coverage map and the mutants, print what each module would run and its worst case, stop",
    )
    parser.add_argument(
        "--survivors-template",
        action="store_true",
        help="print an [[accepted]] block for each survivor of the report (--out) that is not accepted, then exit",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = Path(args.out or (QUICK_OUT if args.quick else DEFAULT_OUT))
    if args.survivors_template:
        return print_template(out)
    modules = list(plan.QUICK_MODULES if args.quick else (args.modules or plan.FLOW_MODULES))
    unknown = sorted(set(modules) - set(plan.FLOW_MODULES))
    if unknown:
        print(f"not flow modules: {', '.join(unknown)}", file=sys.stderr)
        return EXIT_BROKEN
    entries = accepted.load(args.accepted)
    mode = "quick" if args.quick else "full"
    if args.report_only:
        return finish(workspace.Workspace(args.work_dir / mode), mode, entries, args.fail_under, out)
    if args.resume:
        return resume(workspace.Workspace(args.work_dir / mode), mode, entries, args.fail_under, out, args.max_minutes)
    return run(
        args.quick, modules, out, args.work_dir, args.fail_under, entries, args.max_minutes, dry_run=args.dry_run
    )


def run(
    quick: bool,
    modules: list[str],
    out: Path,
    work_dir: Path,
    target: float,
    entries: list[Any],
    max_minutes: float | None = None,
    dry_run: bool = False,
) -> int:
    mode = "quick" if quick else "full"
    started, clock = datetime.now(UTC), time.monotonic()
    deadline = None if max_minutes is None else clock + 60 * max_minutes
    load_before = os.getloadavg()
    phases: dict[str, Any] = {}

    print(f"Mutation testing ({mode}): {len(modules)} module(s), cosmic-ray, the BDD suite as the oracle")
    space = workspace.prepare(work_dir / mode)
    phases["prepare"] = round(time.monotonic() - clock, 1)
    flags = suite_flags(space.project)
    layouts = ("doc",) if quick else plan.LAYOUTS
    targets = list(plan.QUICK_SCENARIOS) if quick else [plan.SUITE]

    coverage: dict[str, scenario_map.LayoutCoverage] = {}
    phases["coverage"] = {}
    for layout in layouts:
        lap = time.monotonic()
        print(f"Coverage of the unmutated suite, {layout} layout ...", flush=True)
        coverage[layout] = coverage_pass(space, layout, targets, flags)
        phases["coverage"][layout] = round(time.monotonic() - lap, 1)
    connector = "mocks/admin/services_connector.py"
    if "current" in coverage and connector in modules and not coverage["current"].lines.get(connector):
        print("The current-layout run never reached services_connector.py: cannot judge its mutants.")
        return EXIT_BROKEN
    scenario_map.save(coverage, space.scenario_map)

    lap = time.monotonic()
    session.write_config(space, modules)
    session.init(space)
    exclusion = session.standard_exclusion(space)
    if quick:
        exclusion = quick_exclusion(space, exclusion)
    skipped = session.skip(space, exclusion)
    pending = session.pending_count(space)
    phases["init"] = round(time.monotonic() - lap, 1)
    print(f"{pending} mutants to run ({sum(skipped.values())} skipped: {skipped})", flush=True)

    if dry_run:
        print_dry_run(space, coverage, layouts)
        return 0
    space.plan.write_text(
        json.dumps(
            {
                "base": str(space.base),
                "modules": modules,
                "layouts": list(layouts),
                "pytest_flags": flags,
                "python": sys.executable,
                "timeout_base": plan.TIMEOUT_BASE_SECONDS,
                "timeout_factor": plan.TIMEOUT_FACTOR,
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    lap = time.monotonic()
    progress = Progress(pending, lap)
    with running_fork_server(space) as socket_path:
        env = {**os.environ, ENV_PLAN: str(space.plan), forkserver.ENV_SOCKET: socket_path}
        complete = session.execute(space, env, progress, deadline)
    phases["exec"] = round(time.monotonic() - lap, 1)
    if not complete:
        print(f"Stopped after {max_minutes:g} minutes (--max-minutes): the report covers the mutants judged so far")
    timing = {
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "wall_seconds": round(time.monotonic() - clock, 1),
        "phases": phases,
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": {
                "start": [round(x, 2) for x in load_before],
                "end": [round(x, 2) for x in os.getloadavg()],
            },
        },
    }
    space.timing.write_text(json.dumps(timing, indent=1), encoding="utf-8")
    return finish(space, mode, entries, target, out)


def resume(
    space: workspace.Workspace, mode: str, entries: list[Any], target: float, out: Path, max_minutes: float | None
) -> int:
    """Run the pending mutants of an earlier run's work folder; its timing grows by this exec."""
    if not space.plan.is_file() or not space.timing.is_file():
        print(f"nothing to resume in {space.base}", file=sys.stderr)
        return EXIT_BROKEN
    plan_data = json.loads(space.plan.read_text(encoding="utf-8"))
    for module in plan_data["modules"]:  # a stopped run may leave its last mutant on disk
        shutil.copy2(space.pristine / module, space.project / module)
    pending = session.pending_count(space)
    print(f"Resuming: {pending} mutants to run", flush=True)
    lap = time.monotonic()
    deadline = None if max_minutes is None else lap + 60 * max_minutes
    with running_fork_server(space) as socket_path:
        env = {**os.environ, ENV_PLAN: str(space.plan), forkserver.ENV_SOCKET: socket_path}
        session.execute(space, env, Progress(pending, lap), deadline)
    spent = time.monotonic() - lap
    timing = json.loads(space.timing.read_text(encoding="utf-8"))
    timing["phases"]["exec"] = round(float(timing["phases"]["exec"]) + spent, 1)
    timing["wall_seconds"] = round(float(timing["wall_seconds"]) + spent, 1)
    timing["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    timing["resumed"] = int(timing.get("resumed", 0)) + 1
    space.timing.write_text(json.dumps(timing, indent=1), encoding="utf-8")
    return finish(space, mode, entries, target, out)


def finish(space: workspace.Workspace, mode: str, entries: list[Any], target: float, out: Path) -> int:
    """The report from the work folder's session: JSON, table and exit code."""
    timing: dict[str, Any] = json.loads(space.timing.read_text(encoding="utf-8")) if space.timing.is_file() else {}
    report = Report(mode, session.mutants(space), entries, target, timing=timing)
    payload = report.as_json()
    if report.not_run and report.run and "phases" in timing:
        exec_seconds = float(timing["phases"].get("exec", 0.0))
        projected = exec_seconds / len(report.run) * (len(report.run) + len(report.not_run))
        payload["projection"] = {
            "exec_seconds": round(projected),
            "wall_seconds": round(float(timing["wall_seconds"]) - exec_seconds + projected),
        }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    print(report.table())
    print()
    return verdict(report, payload, out, mode == "quick")


def verdict(report: Report, payload: dict[str, Any], out: Path, quick: bool) -> int:
    score, wall = payload["score"], payload.get("wall_seconds", 0.0)
    shown = "-" if score is None else f"{score:.1%}"
    print(
        f"Score: {shown} of the non-equivalent mutants killed (target {report.target:.0%}); "
        f"wall time {format_seconds(wall)}; report: {out}"
    )
    if "projection" in payload:
        print(
            f"Incomplete: {len(report.not_run)} of {len(report.run) + len(report.not_run)} mutants not run; "
            f"the whole run would take about {format_seconds(payload['projection']['wall_seconds'])} at this pace"
        )
    open_survivors = [s for s in payload["survivors"] if s["accepted"] is None and s["status"] != "error"]
    if open_survivors:
        print(f"{len(open_survivors)} survivor(s) not accepted: see {out} ('survivors'), docs/mutation-survivors.md")
    for stale in payload["stale_accepted"]:
        print(f"stale accepted entry (matches no survivor): {stale['file']}: {stale['original']!r}")
    if report.totals.errors:
        print(f"{report.totals.errors} mutant(s) could not be judged (status 'error'): the run is not to be trusted")
        return EXIT_BROKEN
    if quick:
        not_killed = [m for m in report.run if status_of(m) != "killed"]
        for mutant in not_killed:
            print(f"quick mutant not killed: {mutant.file}:{mutant.line} {mutant.operator} -> {status_of(mutant)}")
        return EXIT_BELOW_TARGET if not_killed or len(report.run) != len(plan.QUICK_MUTANTS) else 0
    return 0 if report.met else EXIT_BELOW_TARGET


class Progress:
    """Prints one line per judged mutant."""

    def __init__(self, total: int, started: float) -> None:
        self.total, self.started, self.done = total, started, 0

    def __call__(self, verdict: dict[str, Any]) -> None:
        self.done += 1
        change = " / ".join(line.strip() for line in verdict.get("removed", [])[:1] + verdict.get("added", [])[:1])
        where = f"{verdict.get('file', '?')}:{','.join(str(n) for n in verdict.get('lines', [])[:2])}"
        elapsed = time.monotonic() - self.started
        print(
            f"[{self.done:>4}/{self.total}] {verdict['verdict']:<9} {where:<36} {change[:70]:<70} "
            f"{len(verdict.get('ran', []))}/{len(verdict.get('scenarios', []))} scen. {verdict.get('seconds', 0):>5.1f} s"
            f"  ({format_seconds(elapsed)})",
            flush=True,
        )


def quick_exclusion(space: workspace.Workspace, standard: Any) -> Any:
    """Keep exactly the mutants of ``plan.QUICK_MUTANTS``; stop if one of them cannot be found."""
    from cosmic_ray.work_db import WorkDB, use_db

    with use_db(str(space.session), WorkDB.Mode.open) as db:
        items = db.pending_work_items
    wanted: set[tuple[str, str, tuple[int, int], int]] = set()
    for spec in plan.QUICK_MUTANTS:
        lines = (space.pristine / spec.file).read_text(encoding="utf-8").splitlines()
        found = [
            _identity(mutation)
            for mutation in (item.mutations[0] for item in items)
            if str(mutation.module_path) == spec.file
            and mutation.operator_name == spec.operator
            and spec.line_contains in lines[mutation.start_pos[0] - 1]
        ]
        if len(found) != 1:
            raise SystemExit(f"quick subset out of date: {len(found)} mutants match {spec}; update mutation/plan.py")
        wanted.add(found[0])

    def reason_for(mutation: Any) -> str | None:
        return standard(mutation) if _identity(mutation) in wanted else session.SKIP_NOT_QUICK

    return reason_for


def _identity(mutation: Any) -> tuple[str, str, tuple[int, int], int]:
    return str(mutation.module_path), mutation.operator_name, tuple(mutation.start_pos), int(mutation.occurrence)


@contextlib.contextmanager
def running_fork_server(space: workspace.Workspace) -> Iterator[str]:
    """The fork server (mutation/forkserver.py) in the project copy, for as long as the mutants run."""
    with tempfile.TemporaryDirectory(prefix="mutation-") as folder:  # short: a socket path has ~100 bytes
        socket_path = Path(folder) / "forkserver.sock"
        server = subprocess.Popen(
            [sys.executable, "-m", "mutation.forkserver", str(socket_path)],
            cwd=space.project,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            stdin=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while not socket_path.exists():
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the fork server did not start (exit {server.poll()})")
                time.sleep(0.1)
            yield str(socket_path)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def coverage_pass(
    space: workspace.Workspace, layout: str, targets: list[str], flags: list[str]
) -> scenario_map.LayoutCoverage:
    data_file = space.coverage_dir / f"{layout}.coverage"
    with tempfile.TemporaryDirectory(dir=space.runs) as scratch:
        done = subprocess.run(
            [
                sys.executable, "-m", "pytest", *targets, "-q", "-p", "no:cacheprovider", "-p",
                "mutation.pytest_plugin", *flags, "--output", str(Path(scratch) / "test-results"),
            ],
            cwd=space.project,
            env={
                **os.environ,
                "PYTHONDONTWRITEBYTECODE": "1",
                plan.ENV_EXPECT_ROOT: str(space.project),
                plan.ENV_LAYOUT: layout,
                plan.ENV_COVERAGE: str(data_file),
            },
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-30:])
        raise SystemExit(f"the unmutated suite fails in the {layout} layout (exit {done.returncode}):\n{tail}")
    return scenario_map.from_coverage_data(data_file, Path(str(data_file) + ".durations.json"), space.project)


def suite_flags(project: Path) -> list[str]:
    """No living doc and no step screenshots per mutant, when this checkout's suite has those options."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--help", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    words = set(done.stdout.replace(",", " ").split())
    flags = []
    if "--no-living-doc" in words:
        flags.append("--no-living-doc")
    if "--step-screenshots" in words or "--step-screenshots=STEP_SCREENSHOTS" in words:
        flags += ["--step-screenshots", "off"]
    if "--step-timeout" in words or "--step-timeout=STEP_TIMEOUT" in words:
        flags += ["--step-timeout", str(STEP_TIMEOUT_SECONDS)]  # a mutant that hides a button fails in 3 s, not 10
    return flags


def print_template(report_path: Path) -> int:
    payload = json.loads(report_path.read_text(encoding="utf-8"))
    for survivor in payload["survivors"]:
        if survivor["accepted"] is None and survivor["status"] in ("survived", "unreached"):
            print(f"# {survivor['file']}:{survivor['line']} {survivor['operator']} ({survivor['status']})")
            print(
                accepted.toml_entry(
                    survivor["file"], survivor["original"].splitlines(), survivor["mutated"].splitlines()
                )
            )
    return 0


def print_dry_run(
    space: workspace.Workspace, coverage: dict[str, scenario_map.LayoutCoverage], layouts: tuple[str, ...]
) -> None:
    """Per module: the mutants to run, the scenarios they would run, and the time if every one survived."""
    from cosmic_ray.work_db import WorkDB, use_db

    selector = scenario_map.Selector(coverage, space.pristine, layouts)
    rows: dict[str, list[float]] = {}
    bases: dict[str, int] = {}
    with use_db(str(space.session), WorkDB.Mode.open) as db:
        items = db.pending_work_items
    for item in items:
        spec = item.mutations[0]
        file = str(spec.module_path)
        selection = selector.select(file, set(range(spec.start_pos[0], spec.end_pos[0] + 1)))
        rows.setdefault(file, []).append(selection.seconds(coverage))
        bases[selection.basis] = bases.get(selection.basis, 0) + 1
    for file, seconds in sorted(rows.items()):
        print(f"{file:<40} {len(seconds):>4} mutants, worst case {format_seconds(sum(seconds))}")
    print(
        f"all: {len(items)} mutants, worst case {format_seconds(sum(sum(v) for v in rows.values()))}; by basis {bases}"
    )


def format_seconds(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"
