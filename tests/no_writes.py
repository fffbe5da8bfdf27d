"""A guard for tests that something writes no file: an upload's bytes are kept in memory, never on disk."""

import builtins
import io
import os
import tempfile
from contextlib import contextmanager

WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


@contextmanager
def no_file_written(monkeypatch):
    """Fails on any attempt from Python to create or write a file, or a temporary one, while it lasts; yields the
    list of attempts, each also raised as an AssertionError where it was made. DuckDB's own file is written by its
    C++ code, not through Python, so a test may open a database inside the guard."""
    attempts = []
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file, mode="r", *arguments, **options):
        if isinstance(file, (str, os.PathLike)) and set(mode) & set("wax+"):
            attempts.append(str(file))
            raise AssertionError(f"opened {file} to write it")
        return real_open(file, mode, *arguments, **options)

    def guarded_os_open(path, flags, *arguments, **options):
        if flags & WRITING:
            attempts.append(str(path))
            raise AssertionError(f"opened {path} to write it")
        return real_os_open(path, flags, *arguments, **options)

    def refused(*_, **__):
        attempts.append("a temporary file or folder")
        raise AssertionError("made a temporary file or folder")

    with monkeypatch.context() as patch:
        patch.setattr(builtins, "open", guarded_open)
        patch.setattr(io, "open", guarded_open)
        patch.setattr(os, "open", guarded_os_open)
        for name in ("mkstemp", "mkdtemp", "TemporaryDirectory", "NamedTemporaryFile", "TemporaryFile"):
            patch.setattr(tempfile, name, refused)
        yield attempts
