"""Feed our reports to the consumers teams already use, installed from the registries, and check what
they read: ``python -m tools.report_consumers cucumber-html|allure``.

* ``cucumber-html``: renders ``reports/cucumber.json`` with the npm package cucumber-html-reporter and
  checks that it shows each feature with as many scenarios as the JSON has, and the same passed count.
* ``allure``: runs the BDD suite with allure-pytest-bdd (``--alluredir``), generates the HTML report with
  Allure's own command line (npm ``allure-commandline``, on Java), and checks the report's counts, that
  every Gherkin step is an Allure step, and that steps carry the living doc's screenshots.

Both install what they need under ``.tools/node`` (not in the repository). Exit status 1 on a mismatch.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_DIR = ROOT / ".tools" / "node"
PACKAGES = {"cucumber-html-reporter": "7.2.0", "allure-commandline": "2.46.1"}


def npm_install(package: str) -> Path:
    """Install ``package`` (pinned) under .tools/node once; return its folder."""
    folder = NODE_DIR / "node_modules" / package
    if not folder.is_dir():
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", f"{package}@{PACKAGES[package]}"],
            check=True,
        )
    return folder


def cucumber_html(reports: Path) -> int:
    source = reports / "cucumber.json"
    document = json.loads(source.read_text(encoding="utf-8"))
    npm_install("cucumber-html-reporter")
    output = reports / "cucumber-html" / "index.html"
    output.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["node", str(ROOT / "tools" / "cucumber_html.js"), str(source), str(output)],
        check=True,
        env={**os.environ, "NODE_PATH": str(NODE_DIR / "node_modules")},
    )
    page = output.read_text(encoding="utf-8")
    total = int(re.search(r"Scenarios</h\d>\s*</div>\s*<div class=\"feature-value\">\s*<h5>\s*(\d+)", page).group(1))  # type: ignore[union-attr]
    shown_passed = sum(int(n) for n in re.findall(r'title="(\d+) Scenarios Passed"', page))
    expected = sum(len(feature["elements"]) for feature in document)
    passed = sum(
        1
        for feature in document
        for element in feature["elements"]
        if all(step["result"]["status"] == "passed" for step in element["steps"])
    )
    print(f"cucumber-html-reporter {PACKAGES['cucumber-html-reporter']}: {output}")
    print(f"  the report shows {total} scenarios, {shown_passed} passed; cucumber.json has {expected}, {passed} passed")
    ok = (total, shown_passed) == (expected, passed)
    print(f"  {'match' if ok else 'MISMATCH'}")
    return 0 if ok else 1


def allure(reports: Path, pytest_args: list[str]) -> int:
    results, report = reports / "allure-results", reports / "allure-report"
    shutil.rmtree(results, ignore_errors=True)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--alluredir", str(results), "--living-doc-dir", str(reports), *pytest_args],
        cwd=ROOT,
        check=False,
    )
    folder = npm_install("allure-commandline")
    subprocess.run([str(folder / "bin" / "allure"), "generate", "--clean", "-o", str(report), str(results)], check=True)
    summary = json.loads((report / "widgets" / "summary.json").read_text(encoding="utf-8"))["statistic"]
    records = [json.loads(p.read_text(encoding="utf-8")) for p in results.glob("*-result.json")]
    steps = [step for record in records for step in record.get("steps", [])]
    with_shots = sum(
        1 for step in steps if any(a.get("type", "").startswith("image/") for a in step.get("attachments", []))
    )
    scenarios = sum(len(f["elements"]) for f in json.loads((reports / "cucumber.json").read_text(encoding="utf-8")))
    print(f"allure-commandline {PACKAGES['allure-commandline']}: {report}")
    print(f"  results: {summary}")
    print(
        f"  {len(records)} test results for {scenarios} scenarios; {len(steps)} Allure steps, {with_shots} with screenshots"
    )
    ok = summary["total"] == scenarios == len(records) and with_shots > 0 and run.returncode == 0
    print(f"  {'match' if ok else 'MISMATCH'}")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.report_consumers", description=__doc__.split("\n\n")[0])
    parser.add_argument("consumer", choices=("cucumber-html", "allure"))
    parser.add_argument("--reports", type=Path, default=ROOT / "reports")
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments (allure)")
    args = parser.parse_args(argv)
    if args.consumer == "cucumber-html":
        return cucumber_html(args.reports)
    return allure(args.reports, args.pytest_args)


if __name__ == "__main__":
    raise SystemExit(main())
