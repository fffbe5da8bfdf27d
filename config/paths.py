"""The project's own folders, and file helpers every layer uses. Imports nothing of the dashboard's."""

import hashlib
import os
import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


def modified_time(path: Path) -> float:
    """The file's modification time, or 0 if it does not exist: a cache key that changes when the file does."""
    return path.stat().st_mtime if path.exists() else 0.0


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a block at a time (an upload's fingerprint, a backup's check)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def without_server_paths(message: str) -> str:
    """A message safe to show anyone: the project's own files named from the project folder (data/kpis.toml), any
    other file by its name only, so the server's folders are never shown to the public."""
    message = message.replace(str(PROJECT_ROOT) + os.sep, "")
    return re.sub(r"(?:[A-Za-z]:)?(?:[\\/][^\\/\s:;,'\"]+)+[\\/]([^\\/\s:;,'\"]+)", r"\1", message)
