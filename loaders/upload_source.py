"""An uploaded file as the loaders read it: a path on disk (the command line's file) or the upload's bytes, held in
memory (the app's upload box).

The app hands the loaders the bytes it was given and nothing of an upload is written to disk, not even to a
temporary folder: an Annex A workbook holds children's records, and a file written and deleted can be left behind by
a crash, or read back from the disk."""

import hashlib
import io
from pathlib import Path
from typing import BinaryIO

from config import file_sha256

Source = Path | bytes


def name_of(source: Source, file_name: str | None) -> str:
    """The name the person gave the file: `file_name`, or a path's own name. Bytes carry no name, so need one."""
    if file_name:
        return file_name
    if isinstance(source, bytes):
        raise ValueError("an upload's bytes need the file's name")
    return Path(source).name


def size_of(source: Source) -> int:
    return len(source) if isinstance(source, bytes) else Path(source).stat().st_size


def opened(source: Source) -> BinaryIO:
    """The file to read, from its start: zipfile and the signature check read it through this."""
    return io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")


def sha256_of(source: Source) -> str:
    """The file's SHA-256 (an upload's fingerprint), of its bytes whichever way they came."""
    return hashlib.sha256(source).hexdigest() if isinstance(source, bytes) else file_sha256(source)
