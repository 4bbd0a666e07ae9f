"""Merge the reports of CI shards into one living doc, cucumber JSON and JUnit XML.

Each shard runs part of the suite (pytest-split: ``--splits N --group i``) with
``--living-doc-dir reports/shard-i --living-doc-keep-data``; then

    python -m livingdoc.shards --out reports reports/shard-1 reports/shard-2 ...

merges them: scenarios by node id (a scenario run by two shards is reported once, as a
problem), writes the living doc, cucumber JSON and JUnit XML of the union, and applies the
coverage gate to it.
Exit status: 0 when every scenario passed and every documented step is covered, 1 otherwise,
2 when a shard's data is missing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

from livingdoc import verdicts as cov
from livingdoc.model import ARTIFACTS_DIR, ERROR, FAILED, PASSED, GateDecision, MergedRun, ReportMeta, merge, read_parts
from livingdoc.mutation import read_mutation_summary
from livingdoc.reports import write_reports
from livingdoc.verdicts import promise_coverage

DATA_DIR = "data"


def merge_shards(shard_dirs: list[Path], out: Path) -> tuple[MergedRun, list[cov.DocVerdict], list[str]]:
    """Merge the shards' records and screenshots into ``out``; returns the run, its coverage and problems."""
    files = out / DATA_DIR
    shutil.rmtree(files, ignore_errors=True)
    files.mkdir(parents=True)
    parts = []
    for shard in shard_dirs:
        data = shard / DATA_DIR
        if not (data / "parts").is_dir():
            raise FileNotFoundError(f"{shard} has no {DATA_DIR}/parts: run the shard with --living-doc-keep-data")
        parts.extend(read_parts(data / "parts"))
        shutil.copytree(data, files, dirs_exist_ok=True, ignore=shutil.ignore_patterns("parts"))
        if (shard / ARTIFACTS_DIR).is_dir():  # the failed scenarios' traces and videos, linked from the page
            shutil.copytree(shard / ARTIFACTS_DIR, out / ARTIFACTS_DIR, dirs_exist_ok=True)
    run = merge(parts)
    nodeids = Counter(record["scenario"]["nodeid"] for p in parts for record in p if record.get("kind") == "result")
    problems = [f"{nodeid} ran in {n} shards" for nodeid, n in sorted(nodeids.items()) if n > 1]
    run.problems.extend(problems)
    run.deselected = 0  # each shard deselects the others' scenarios; the union is what counts
    return run, cov.doc_verdicts(run.scenarios), run.problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m livingdoc.shards", description=__doc__.split("\n\n")[0])
    parser.add_argument("shards", nargs="+", type=Path, help="the shards' --living-doc-dir folders")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="where the merged reports go")
    parser.add_argument("--no-gate", action="store_true", help="do not fail when a documented step is uncovered")
    args = parser.parse_args(argv)
    started = time.time()
    try:
        run, rows, problems = merge_shards(args.shards, args.out)
    except FileNotFoundError as exc:
        print(f"livingdoc.shards: {exc}", file=sys.stderr)
        return 2
    gate = GateDecision(not args.no_gate, "merged shards" if not args.no_gate else "--no-gate")
    gate_lines = cov.gate_message(rows, promise_coverage(run.scenarios)) if gate.active else []
    meta = ReportMeta(
        generated=time.strftime("%Y-%m-%d %H:%M:%S"),
        wall_time=time.time() - started,
        workers=len(args.shards),
        gate=gate,
        gate_failed=bool(gate_lines),
        report_dir=args.out,
        notes=[f"merged from {len(args.shards)} shards", *problems],
        mutation=read_mutation_summary(args.out),
    )
    page = write_reports(run, rows, meta, args.out / DATA_DIR)
    passed = sum(1 for s in run.scenarios if s.status == PASSED)
    failed = sum(1 for s in run.scenarios if s.status in (FAILED, ERROR))
    print(f"merged {len(args.shards)} shards: {len(run.scenarios)} scenarios ({passed} passed, {failed} failed)")
    for line in [*problems, *gate_lines]:
        print(f"  {line}")
    print(f"  living doc: {page}\n  cucumber JSON: {args.out / 'cucumber.json'}\n  JUnit XML: {args.out / 'junit.xml'}")
    return 1 if failed or gate_lines or problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
