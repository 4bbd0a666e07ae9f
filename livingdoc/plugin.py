"""The living-doc pytest plugin: its options, the settings a run takes from them, and its two halves.

Registered from the root conftest (``pytest_plugins``). Where scenarios run (the only process,
or each xdist worker) a ``Recorder`` records them step by step; in the process that ends the run
(the only one, or xdist's controller) a ``Controller`` merges the records and writes, under
``--living-doc-dir`` (default ``reports/``): ``living-doc.html``, ``cucumber.json``, ``junit.xml``
(one test case per scenario) and the doc's ``illustrations/``. What the plugin needs from the
harness (tabs, mock log, masking) it asks through the hooks in ``livingdoc.hookspecs``.

With allure-pytest-bdd and ``--alluredir``, each Gherkin step's screenshots are attached to its Allure
step (``AllureScreenshots``): allure-pytest-bdd itself turns every scenario into an Allure test and every
Gherkin step into an Allure step; the bridge only adds the living doc's screenshots
(``pytest_livingdoc_step_screenshots``), while the step is still open.
"""

from __future__ import annotations

import os
import shlex
import time
from pathlib import Path
from typing import Any

import pytest

from flowspec import published_doc
from flowspec.published_doc import PublishedDoc
from livingdoc import hookspecs
from livingdoc.controller import Controller, prune_stale_runs
from livingdoc.model import Settings
from livingdoc.recording import Recorder
from livingdoc.verdicts import GATE_AUTO, GATE_OFF, GATE_ON

DEFAULT_DIR = "reports"
SOURCE_DOC_ENV = "LIVING_DOC_SOURCE"  # the published doc's editions, as --source-doc takes them (space-separated)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_addoption(parser: pytest.Parser) -> None:
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
        choices=(GATE_AUTO, GATE_ON, GATE_OFF),
        default=GATE_AUTO,
        help="fail the run when a documented step has no passing scenario, or a passing scenario left one of "
        "the doc's promises unchecked. auto (default): only when the whole suite ran (no -k, -m, node ids, "
        "deselection, no feature file left out).",
    )
    group.addoption(
        "--source-doc",
        action="append",
        default=None,
        metavar="PATH_OR_URL",
        help="the published doc (its Markdown, the German or English edition), read at the run's start: the living "
        "doc shows each numbered step in the doc's own words. Give it twice for both editions (the doc's language "
        f"and English). Default: ${SOURCE_DOC_ENV} (space-separated); without either, the project's paraphrase.",
    )
    group.addoption(
        "--no-doc-coverage-gate",
        dest="doc_coverage_gate",
        action="store_const",
        const=GATE_OFF,
        default=GATE_AUTO,
        help="same as --doc-coverage-gate=off, for subset runs",
    )


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
        source_docs=tuple(config.getoption("source_doc") or shlex.split(os.environ.get(SOURCE_DOC_ENV, ""))),
    )


def read_docs(locations: tuple[str, ...]) -> list[PublishedDoc]:
    """The published doc's editions; a location that cannot be read, or is not this doc, is a usage error."""
    docs = []
    for location in locations:
        try:
            docs.append(published_doc.load(location))
        except (published_doc.DocUnreadable, published_doc.NotThisDoc) as exc:
            raise pytest.UsageError(f"--source-doc: {exc}") from None
    return docs


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    chosen = settings(config)
    if chosen is None:
        return
    if allure_wanted(config):
        config.pluginmanager.register(AllureScreenshots(), "livingdoc-allure")
    worker_input: dict[str, Any] | None = getattr(config, "workerinput", None)
    if worker_input is not None:
        if "livingdoc_run_dir" in worker_input:
            worker = str(worker_input.get("workerid", "worker"))
            recorder = Recorder(config, chosen, Path(worker_input["livingdoc_run_dir"]), worker)
            config.pluginmanager.register(recorder, "livingdoc-recorder")
        return
    docs = read_docs(chosen.source_docs)  # before anything runs: a wrong location stops the run at once
    run_dir = chosen.report_dir / ".runs" / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    prune_stale_runs(run_dir.parent)
    config.pluginmanager.register(Recorder(config, chosen, run_dir, "main"), "livingdoc-recorder")
    config.pluginmanager.register(Controller(config, chosen, run_dir, docs), "livingdoc-controller")


# ---- Allure ----


class AllureScreenshots:
    def __init__(self) -> None:
        import allure  # the optional extra: imported only when Allure is in use

        self.allure = allure

    def pytest_livingdoc_step_screenshots(
        self, item: pytest.Item, step_title: str, files: list[tuple[str, Any]]
    ) -> None:
        for tab, path in files:
            if Path(path).is_file():
                kind = (
                    self.allure.attachment_type.PNG if str(path).endswith(".png") else self.allure.attachment_type.JPG
                )
                self.allure.attach.file(str(path), name=f"{tab} tab", attachment_type=kind)


def allure_wanted(config: pytest.Config) -> bool:
    """allure-pytest-bdd is installed and this run writes Allure results."""
    return bool(getattr(config.option, "allure_report_dir", None)) and config.pluginmanager.has_plugin(
        "allure_pytest_bdd"
    )
