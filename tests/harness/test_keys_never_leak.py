"""No API key a run creates, copies, reads or finds stored appears in anything the run leaves: not as text (the
reports, the traces and their members, screenshots' neighbours), and not as pixels, read back with OCR
(Debian's tesseract-ocr) from every picture of the living doc, which still shows its pictures.

The OCR check is proven able to fail: the same scenarios with ``--reveal-keys`` (bundled mocks only) leave
pictures in which OCR reads a key.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from flowspec.commerce import SANDBOX_API_KEY_PATH
from tests.harness.conftest import RunSuite
from tools.served_mocks import CREDENTIALS, Observer, serve

TOKEN = "observer-only-91c4"
SHOWING_KEYS = "end_to_end and not describes or copy_puts or save_config_stores"  # portal list, clipboard, field
DATA_URI = re.compile(rb"data:image/(?:png|jpeg|webp);base64,([A-Za-z0-9+/=]+)")
EMBEDDING = re.compile(rb'"mime_type":\s*"image/(?:png|jpeg)",\s*"data":\s*"([A-Za-z0-9+/=]+)"')
KEYLIKE = re.compile(r"[0-9a-f]{16,}")  # a run of hex as OCR reads a key (48 hex characters on the mocks)
WINDOW = 12  # a key counts as read when OCR shows 12 of its characters in a row

needs_ocr = pytest.mark.skipif(
    not (shutil.which("tesseract") and shutil.which("ffmpeg")), reason="tesseract-ocr or ffmpeg missing: `make ocr`"
)


def _texts(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Every file below ``folder``, and every member of every zip archive (Playwright traces)."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        yield str(path), path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    yield f"{path}:{name}", archive.read(name)


def _pictures(folders: list[Path], out: Path) -> list[Path]:
    """Every picture a run left: image files, images inlined in HTML or JSON, cucumber embeddings; once each."""
    seen: dict[str, Path] = {}
    out.mkdir(parents=True, exist_ok=True)

    def keep(data: bytes) -> None:
        digest = hashlib.sha1(data).hexdigest()
        if digest not in seen:
            seen[digest] = out / f"{digest}.img"
            seen[digest].write_bytes(data)

    for folder in folders:
        for name, data in _texts(folder):
            if name.endswith((".png", ".jpg", ".jpeg", ".webp")):
                keep(data)
            for match in [*DATA_URI.finditer(data), *EMBEDDING.finditer(data)]:
                keep(base64.b64decode(match.group(1)))
    return list(seen.values())


def _ocr(picture: Path) -> str:
    """What OCR reads, at its best: the picture three times as large, in grey (a key at the screencast's scale
    is too small for tesseract as it is)."""
    large = picture.with_suffix(".png")
    scale = ["-vf", "scale=iw*3:ih*3:flags=lanczos,format=gray"]
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(picture), *scale, str(large)], check=True)
    done = subprocess.run(["tesseract", str(large), "-"], capture_output=True, text=True, timeout=120, check=False)
    return done.stdout.lower().replace("o", "0").replace(" ", "")


def _read_all(pictures: list[Path]) -> dict[Path, str]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(pictures, pool.map(_ocr, pictures), strict=True))


def _windows(key: str) -> set[str]:
    return {key[i : i + WINDOW].lower() for i in range(len(key) - WINDOW + 1)}


@needs_ocr
def test_no_key_in_any_file_or_picture_a_run_leaves(run_suite: RunSuite, tmp_path: Path) -> None:
    with serve("--control-token", TOKEN, data_dir=tmp_path / "data") as target:
        observer = Observer(target, TOKEN)
        stored = {observer.store_key(), observer.store_key(SANDBOX_API_KEY_PATH, name="Sandbox")}
        result = run_suite(
            "-k", SHOWING_KEYS, *target.suite_args(), "--tracing", "on", "--screenshot", "on", env=CREDENTIALS
        )
        keys = observer.all_keys()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert stored < keys and len(keys) > len(stored), "the run should have made keys of its own"
    folders = [tmp_path / "reports", tmp_path / "test-results"]
    assert any(name.endswith("trace.zip") for folder in folders for name, _ in _texts(folder)), "traces were kept"
    for key in keys:
        assert key not in output, "the terminal shows a key"
        for folder in folders:
            for name, data in _texts(folder):
                assert key.encode() not in data, f"{name} holds a key"
    pictures = _pictures(folders, tmp_path / "pictures")
    assert len(pictures) >= 10, "the living doc should still show its pictures"
    windows = set().union(*(_windows(key) for key in keys))
    for picture, text in _read_all(pictures).items():
        read = {w for w in windows if w in text}
        assert not read, f"OCR reads key characters {sorted(read)[:3]} in {picture}"
        assert not KEYLIKE.findall(text), f"OCR reads something like a key in {picture}: {KEYLIKE.findall(text)}"


@needs_ocr
def test_with_keys_revealed_ocr_reads_them(run_suite: RunSuite, tmp_path: Path) -> None:
    """The check above can fail: on the bundled mocks with --reveal-keys, OCR reads a key in a picture."""
    result = run_suite("-k", "copy_puts", "--reveal-keys")
    assert result.returncode == 0, result.stdout[-3000:]
    pictures = _pictures([tmp_path / "reports"], tmp_path / "pictures")
    read = [KEYLIKE.findall(text) for text in _read_all(pictures).values()]
    assert any(read), "OCR read no key in pictures that show keys: the check above would prove nothing"
