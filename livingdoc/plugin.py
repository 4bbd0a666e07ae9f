"""The living-doc pytest plugin: registers its options and hooks, and its two halves.

Registered from the root conftest (``pytest_plugins``). Where scenarios run (the only process,
or each xdist worker) a ``Recorder`` records them step by step; in the process that ends the run
(the only one, or xdist's controller) a ``Controller`` merges the records and writes, under
``--living-doc-dir`` (default ``reports/``): ``living-doc.html``, ``cucumber.json``, ``junit.xml``
(one test case per scenario) and the doc's ``illustrations/``. What the plugin needs from the
harness (tabs, mock log, masking) it asks through the hooks in ``livingdoc.hookspecs``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from livingdoc import allure_bridge, hookspecs, options
from livingdoc.controller import Controller, prune_stale_runs
from livingdoc.recorder import Recorder


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_addoption(parser: pytest.Parser) -> None:
    options.add_options(parser)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    settings = options.settings(config)
    if settings is None:
        return
    if allure_bridge.wanted(config):
        config.pluginmanager.register(allure_bridge.AllureScreenshots(), "livingdoc-allure")
    worker_input: dict[str, Any] | None = getattr(config, "workerinput", None)
    if worker_input is not None:
        if "livingdoc_run_dir" in worker_input:
            worker = str(worker_input.get("workerid", "worker"))
            recorder = Recorder(config, settings, Path(worker_input["livingdoc_run_dir"]), worker)
            config.pluginmanager.register(recorder, "livingdoc-recorder")
        return
    run_dir = settings.report_dir / ".runs" / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    prune_stale_runs(run_dir.parent)
    config.pluginmanager.register(Recorder(config, settings, run_dir, "main"), "livingdoc-recorder")
    config.pluginmanager.register(Controller(config, settings, run_dir), "livingdoc-controller")
