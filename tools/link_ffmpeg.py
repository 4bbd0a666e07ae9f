"""Let Playwright record video with Debian's ffmpeg.

Playwright's own ffmpeg download is not reachable here; Playwright looks for
``<browsers path>/ffmpeg-<revision>/ffmpeg-linux``. This links Debian's ``/usr/bin/ffmpeg``
there (revision read from the installed driver), so ``--video on|retain-on-failure`` works.

    python -m tools.link_ffmpeg        (run by `make setup`)
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import playwright


def ffmpeg_revision() -> str:
    browsers = Path(playwright.__file__).parent / "driver" / "package" / "browsers.json"
    for entry in json.loads(browsers.read_text(encoding="utf-8"))["browsers"]:
        if entry["name"] == "ffmpeg":
            return str(entry["revision"])
    raise LookupError(f"no ffmpeg entry in {browsers}")


def browsers_path() -> Path:
    configured = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    return Path(configured) if configured and configured != "0" else Path.home() / ".cache" / "ms-playwright"


def main() -> int:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        print("link_ffmpeg: no ffmpeg on PATH (apt-get install ffmpeg); video recording stays off", file=sys.stderr)
        return 0
    target = browsers_path() / f"ffmpeg-{ffmpeg_revision()}" / "ffmpeg-linux"
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or target.exists():
        if target.resolve() == Path(ffmpeg).resolve():
            return 0
        target.unlink()
    target.symlink_to(ffmpeg)
    print(f"link_ffmpeg: {target} -> {ffmpeg}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
