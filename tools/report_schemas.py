"""The schemas our CI reports are checked against.

* ``junit-10.xsd``, the JUnit schema Jenkins' xUnit plugin validates against, as pytest's own source
  distribution ships it (``testing/example_scripts/junit-10.xsd``): fetched from PyPI once with pip and
  kept under ``.tools/schemas/`` (not in the repository);
* ``livingdoc/schemas/cucumber-json.schema.json``: cucumber JSON's common dialect, written from the
  conventions of cucumber-js, cucumber-jvm and the reporters that read it.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / ".tools" / "schemas"
CUCUMBER_SCHEMA = ROOT / "livingdoc" / "schemas" / "cucumber-json.schema.json"
JUNIT_MEMBER = "testing/example_scripts/junit-10.xsd"


def junit_xsd() -> Path:
    """The path of ``junit-10.xsd``, fetched from pytest's source distribution on first use."""
    target = SCHEMAS / "junit-10.xsd"
    if target.is_file():
        return target
    wanted = f"pytest=={version('pytest')}"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-d",
                tmp,
                wanted,
            ],
            check=True,
        )
        (sdist,) = Path(tmp).glob("pytest-*.tar.gz")
        with tarfile.open(sdist) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith(JUNIT_MEMBER))
            data = archive.extractfile(member)
            assert data is not None
            SCHEMAS.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data.read())
    return target


if __name__ == "__main__":
    print(junit_xsd())
