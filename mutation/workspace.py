"""The work folder of a mutation run: a copy of the project that cosmic-ray may change, and pristine mocks.

``build/mutation/<mode>/``
    ``project/``    what the suite needs (``plan.PROJECT_PARTS``); cosmic-ray mutates files here, one at a time
    ``pristine/``   ``mocks/`` as it was: line numbers of the coverage map, and what a mutated file is diffed against
    ``coverage/``   the coverage data of the unmutated runs
    ``cosmic-ray.toml``, ``session.sqlite``   cosmic-ray's config and its database of mutants and results
    ``plan.json``   what the oracle needs to know; ``verdicts.jsonl`` one line per mutant as it finishes
    ``timing.json`` when the run started and how long each phase took
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from mutation.plan import PROJECT_PARTS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WORK_DIR = ROOT / "build" / "mutation"

_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "*.egg-info")


@dataclass(frozen=True)
class Workspace:
    base: Path

    @property
    def project(self) -> Path:
        return self.base / "project"

    @property
    def pristine(self) -> Path:
        return self.base / "pristine"

    @property
    def coverage_dir(self) -> Path:
        return self.base / "coverage"

    @property
    def config(self) -> Path:
        return self.base / "cosmic-ray.toml"

    @property
    def session(self) -> Path:
        return self.base / "session.sqlite"

    @property
    def plan(self) -> Path:
        return self.base / "plan.json"

    @property
    def scenario_map(self) -> Path:
        return self.base / "scenario_map.json"

    @property
    def verdicts(self) -> Path:
        return self.base / "verdicts.jsonl"

    @property
    def timing(self) -> Path:
        """When the run started and how long each phase took, for the report."""
        return self.base / "timing.json"

    @property
    def runs(self) -> Path:
        """Scratch space of the oracle's pytest runs (Playwright output, JUnit XML)."""
        return self.base / "runs"


def prepare(base: Path, source: Path = ROOT) -> Workspace:
    """A fresh work folder: the project copied from ``source``, and the pristine mocks."""
    if base.exists():
        shutil.rmtree(base)
    space = Workspace(base)
    for part in PROJECT_PARTS:
        src, dst = source / part, space.project / part
        if src.is_dir():
            shutil.copytree(src, dst, ignore=_IGNORED)
        elif src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
        else:
            raise FileNotFoundError(f"the mutation copy needs {src}")
    shutil.copytree(space.project / "mocks", space.pristine / "mocks", ignore=_IGNORED)
    for folder in (space.coverage_dir, space.runs):
        folder.mkdir(parents=True, exist_ok=True)
    return space


def mutated_files(space: Workspace, modules: list[str]) -> list[str]:
    """The modules whose copy in ``project/`` differs from the pristine one (cosmic-ray mutates one)."""
    return [m for m in modules if (space.project / m).read_bytes() != (space.pristine / m).read_bytes()]
