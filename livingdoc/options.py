"""The living doc's command-line options, and the settings a run takes from them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from livingdoc import coverage as cov

DEFAULT_DIR = "reports"


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("livingdoc", "living documentation and CI reports")
    group.addoption(
        "--living-doc-dir",
        default=None,
        help="where the living doc, cucumber.json, junit.xml and illustrations go (default: reports). "
        "Never inside pytest-playwright's --output, which is wiped at the start of each run.",
    )
    group.addoption("--no-living-doc", action="store_true", help="record nothing and write no living doc")
    group.addoption(
        "--living-doc-keep-data",
        action="store_true",
        help="also keep the run's records and screenshots in <living-doc-dir>/data, so CI shards can be merged "
        "into one report with `python -m livingdoc.shards`",
    )
    group.addoption(
        "--step-screenshots",
        choices=("on", "off"),
        default="on",
        help="screenshot every open tab after each Gherkin step (default: on). With off, only the failing step "
        "and the doc's illustrations are captured.",
    )
    group.addoption(
        "--cucumber-step-screenshots",
        action="store_true",
        help="embed every step's screenshots in cucumber.json (default: only the failing step's)",
    )
    group.addoption(
        "--doc-coverage-gate",
        choices=(cov.GATE_AUTO, cov.GATE_ON, cov.GATE_OFF),
        default=cov.GATE_AUTO,
        help="fail the run when a documented step has no passing scenario, or a passing scenario left one of "
        "the doc's promises unchecked. auto (default): only when the whole suite ran (no -k, -m, node ids, "
        "deselection, no feature file left out).",
    )
    group.addoption(
        "--no-doc-coverage-gate",
        dest="doc_coverage_gate",
        action="store_const",
        const=cov.GATE_OFF,
        default=cov.GATE_AUTO,
        help="same as --doc-coverage-gate=off, for subset runs",
    )


@dataclass(frozen=True)
class Settings:
    report_dir: Path
    keep_data: bool
    step_screenshots: bool
    cucumber_step_screenshots: bool
    gate_mode: str


def settings(config: pytest.Config) -> Settings | None:
    """This run's settings; ``None`` with ``--no-living-doc``."""
    if config.getoption("no_living_doc"):
        return None
    chosen = config.getoption("living_doc_dir") or DEFAULT_DIR
    return Settings(
        report_dir=(config.invocation_params.dir / str(chosen)).resolve(),
        keep_data=bool(config.getoption("living_doc_keep_data")),
        step_screenshots=config.getoption("step_screenshots") == "on",
        cucumber_step_screenshots=bool(config.getoption("cucumber_step_screenshots")),
        gate_mode=str(config.getoption("doc_coverage_gate")),
    )
