"""Whether a signing secret is safe to use: anyone who knows one can sign a session as anyone, so placeholders,
short or repetitive values and anything written in the project's files are refused."""

import os
import secrets
from pathlib import Path

from config.paths import PROJECT_ROOT

GENERATE_COMMAND = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'
# The secret that signs local sign-ins when none is set: made once per process and kept here, in the module, not in
# a Streamlit cache, which any browser can ask the server to clear (that signed everyone out).
PROCESS_SECRET = secrets.token_urlsafe(48).encode()
# Words of placeholders like the example file's "replace with: python -c ...": a secret generated as advised has none.
PLACEHOLDER_WORDS = ("replace", "change", "example", "placeholder", "secret", "password", "random", "<", ">")
SKIPPED_FOLDERS = {".git", ".venv", "venv", "__pycache__", ".pytest_cache", "node_modules", "test-artifacts"}
BINARY_SUFFIXES = {".xlsx", ".png", ".ttf", ".pdf", ".duckdb", ".wal", ".pyc", ".zip"}


def _repository_files(root: Path):
    """The project's own text files, where an example or test secret could be written (not secrets.toml files,
    which hold the real secrets and are never committed)."""
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS]
        for name in names:
            path = Path(folder) / name
            if name != "secrets.toml" and path.suffix.lower() not in BINARY_SUFFIXES:
                yield path


def found_in_repository(value: str, root: Path = PROJECT_ROOT) -> Path | None:
    """The first of the project's files that holds `value` (a published secret signs nothing safely), or None."""
    wanted = value.encode()
    for path in _repository_files(root):
        try:
            if path.stat().st_size <= 5_000_000 and wanted in path.read_bytes():
                return path
        except OSError:
            continue
    return None


def secret_problem(name: str, value: str, root: Path = PROJECT_ROOT) -> str | None:
    """Why `value` cannot be used as the secret `name`, or None."""
    advice = f"set {name} to a new random value, made with: {GENERATE_COMMAND}"
    lowered = value.lower()
    if len(value) < 32:
        return f"{name} must be at least 32 characters: {advice}"
    if any(word in lowered for word in PLACEHOLDER_WORDS) or any(c.isspace() for c in value):
        return f"{name} is still a placeholder (it reads like words, not a random value): {advice}"
    if len(set(value)) < 12:
        return f"{name} repeats too few different characters to be random: {advice}"
    published = found_in_repository(value, root)
    if published is not None:
        where = published.relative_to(root) if published.is_relative_to(root) else published.name
        return f"{name} is written in the project's file {where}, so anyone can read it: {advice}"
    return None
