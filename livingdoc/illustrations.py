"""The doc's three illustrations, re-created from the mocks during the end-to-end scenario.

Each illustration is the screenshot of one tab right after a given Gherkin step of a
scenario tagged ``@end-to-end``; the file names are the doc's own (``assets/<name>``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

SCENARIO_TAG = "end-to-end"


@dataclass(frozen=True)
class Illustration:
    filename: str
    doc_tag: str
    caption: str
    step: re.Pattern[str]  # matched against the step text (without keyword)
    tab: str  # "admin" or "portal"

    def matches(self, step_text: str) -> bool:
        return bool(self.step.search(step_text))


ILLUSTRATIONS: tuple[Illustration, ...] = (
    Illustration(
        "amazon-api-verification-prompt.png",
        "doc-step-2",
        "The prompt to get an Amazon API key and add it (Welcome to Amazon Sales Channel)",
        re.compile(r'^the "Welcome to Amazon Sales Channel" prompt is shown$'),
        "admin",
    ),
    Illustration(
        "amazon-add-api-key.png",
        "doc-step-4",
        "API Portal in the Commerce account: a new key, listed under its description, copied",
        re.compile(r"^I copy the key named "),
        "portal",
    ),
    Illustration(
        "config-magento-services-api-screen.png",
        "doc-step-8",
        "Stores > Configuration > Services > Magento Services, Api Keys: the key saved",
        re.compile(r'^the message "You saved the configuration\." is shown$'),
        "admin",
    ),
)


def due(tags: Iterable[str], step_text: str, done: Iterable[str] = ()) -> list[Illustration]:
    """The illustrations to capture after this step (each one once per run and process)."""
    if SCENARIO_TAG not in set(tags):
        return []
    finished = set(done)
    return [i for i in ILLUSTRATIONS if i.filename not in finished and i.matches(step_text)]


def for_doc_step(doc_tag: str) -> list[Illustration]:
    return [i for i in ILLUSTRATIONS if i.doc_tag == doc_tag]
