"""With allure-pytest-bdd and ``--alluredir``: each Gherkin step's screenshots attached to its Allure step.

allure-pytest-bdd itself turns every scenario into an Allure test and every Gherkin step into an Allure
step; this plugin only adds the living doc's screenshots (``pytest_livingdoc_step_screenshots``), while
the step is still open. Registered by ``livingdoc.plugin`` only when that plugin is installed and active.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


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


def wanted(config: pytest.Config) -> bool:
    """allure-pytest-bdd is installed and this run writes Allure results."""
    return bool(getattr(config.option, "allure_report_dir", None)) and config.pluginmanager.has_plugin(
        "allure_pytest_bdd"
    )
