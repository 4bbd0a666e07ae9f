"""Run the whole BDD suite against `commerce-mocks serve` in its own process, in all four
combinations: doc / current admin layout, with / without the control token; secret keys
in admin URLs, a custom admin path and free (non-default) ports every time.

    python -m tools.external_matrix        (make external-matrix)

Prints one line per combination and exits non-zero if any run failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.served_mocks import CREDENTIALS, serve

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    failed = 0
    for layout in ("doc", "current"):
        for token in ("matrix-token-1", None):
            token_args = ["--control-token", token] if token else []
            with tempfile.TemporaryDirectory() as tmp, serve(
                "--secret-keys", "--admin-path", "backoffice_9x2", "--admin-layout", layout, *token_args,
                data_dir=Path(tmp) / "data",
            ) as target:  # fmt: skip
                started = time.monotonic()
                result = subprocess.run(
                    [
                        sys.executable, "-m", "pytest", "tests/e2e", "-q", "-p", "no:cacheprovider",
                        *target.suite_args(), *token_args, "--output", str(Path(tmp) / "out"),
                        f"--living-doc-dir={Path(tmp) / 'reports'}",
                    ],
                    cwd=ROOT, env={**os.environ, **CREDENTIALS}, capture_output=True, text=True,
                )  # fmt: skip
                elapsed = time.monotonic() - started
            closing = [
                line for line in result.stdout.splitlines() if " in " in line and ("passed" in line or "failed" in line)
            ]
            label = f"{layout:7} admin, {'control token' if token else 'no control API'}"
            print(
                f"{label:40} exit {result.returncode}  {closing[-1] if closing else '?'}  ({elapsed:.0f} s)", flush=True
            )
            if result.returncode != 0:
                failed += 1
                print(result.stdout[-4000:], file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
