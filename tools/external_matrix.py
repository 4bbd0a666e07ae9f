"""Run the whole BDD suite against `commerce-mocks serve` in its own process, in all four combinations: doc /
current admin layout, with / without the control token; secret keys in admin URLs, a custom admin path and
free (non-default) ports every time. Without the token the served mocks stand in for someone's Commerce: the
suite gets no control API, and an observer token the suite never sees proves the run left the stored keys
and the account's active keys exactly as it found them (serial, then with ``-n 2``).

    python -m tools.external_matrix        (make external-matrix)

Prints one line per run and exits non-zero if any run failed or left the target changed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flowspec.commerce import SANDBOX_API_KEY_PATH
from tools.served_mocks import CREDENTIALS, Observer, serve

ROOT = Path(__file__).resolve().parents[1]
OBSERVER = "matrix-observer-7d2e"
RUNS: tuple[tuple[str, str | None, list[str]], ...] = (  # (admin layout, the suite's control token, its extra args)
    ("doc", "matrix-token-1", []),
    ("doc", None, []),
    ("doc", None, ["-n", "2"]),
    ("current", "matrix-token-1", []),
    ("current", None, []),
)


def main() -> int:
    failed = 0
    for layout, token, extra in RUNS:
        with tempfile.TemporaryDirectory() as tmp, serve(
            "--secret-keys", "--admin-path", "backoffice_9x2", "--admin-layout", layout,
            "--control-token", token or OBSERVER, data_dir=Path(tmp) / "data",
        ) as target:  # fmt: skip
            observer = None if token else Observer(target, OBSERVER)
            if observer:
                observer.store_key()
                observer.store_key(SANDBOX_API_KEY_PATH, name="Store's sandbox key")
            before = observer.state() if observer else None
            started = time.monotonic()
            result = subprocess.run(
                [
                    sys.executable, "-m", "pytest", "tests/e2e", "-q", "-p", "no:cacheprovider",
                    *target.suite_args(), *(["--control-token", token] if token else []), *extra,
                    f"--output={Path(tmp) / 'out'}", f"--living-doc-dir={Path(tmp) / 'reports'}",
                ],
                cwd=ROOT, env={**os.environ, **CREDENTIALS}, capture_output=True, text=True,
            )  # fmt: skip
            elapsed = time.monotonic() - started
            as_found = "" if observer is None else (
                "  target as found" if observer.state() == before else "  TARGET LEFT CHANGED"
            )  # fmt: skip
        closing = [
            line for line in result.stdout.splitlines() if " in " in line and ("passed" in line or "failed" in line)
        ]
        label = f"{layout:7} admin, {'control token' if token else 'no control API'} {' '.join(extra)}"
        print(f"{label:44} exit {result.returncode}  {closing[-1] if closing else '?'}  ({elapsed:.0f} s){as_found}")
        if result.returncode != 0 or "CHANGED" in as_found:
            failed += 1
            print(result.stdout[-4000:], file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
