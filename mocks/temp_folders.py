"""The temporary data folder of an instance started without ``--data-dir``, and sweeping those left behind.

A clean stop removes the folder. A process killed outright (``kill -9``, a power cut) cannot, so
each folder holds ``instance.lock``, locked (``flock``) by its instance while it runs; the kernel
drops the lock when the process ends, whatever way. Starting an instance removes the folders of
this user in the temporary folder whose lock nobody holds. A folder without that file (made by
an older version, which may still be running) is never touched.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO

PREFIX = "commerce-mocks-"
LOCK = "instance.lock"


class TempDataFolder:
    """A folder of this instance's own, locked while it runs."""

    def __init__(self, path: Path, lock: IO[bytes]) -> None:
        self.path = path
        self._lock: IO[bytes] | None = lock

    @classmethod
    def create(cls) -> TempDataFolder:
        sweep()
        path = Path(tempfile.mkdtemp(prefix=PREFIX))
        try:
            # locked under another name, then renamed: a sweep never sees the lock file before it is held
            lock = open(path / f".{LOCK}.new", "wb")  # noqa: SIM115 - held open while the instance runs
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.rename(path / f".{LOCK}.new", path / LOCK)
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        return cls(path, lock)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def sweep(folder: Path | None = None) -> list[Path]:
    """Remove this user's instance folders in ``folder`` (the temporary folder) whose instance is gone."""
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder or tempfile.gettempdir()) as entries:
        for entry in entries:
            if entry.name.startswith(PREFIX) and _is_own_folder(entry) and _remove_if_abandoned(Path(entry.path)):
                removed.append(Path(entry.path))
    return removed


def _is_own_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_uid == os.getuid()
    except OSError:
        return False


def _remove_if_abandoned(path: Path) -> bool:
    try:
        lock = open(path / LOCK, "rb")  # noqa: SIM115 - closed below, after the folder is gone
    except OSError:  # no lock file: not a folder this version made, or already removed
        return False
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # its instance is running
            return False
        shutil.rmtree(path, ignore_errors=True)
    return True
