"""Reading the TOML files a council edits by hand: the KPI catalogue, the workstreams, the events, the role rules,
the definitions and the published measures. A slip in typing one (a missing quote, bracket or comma) is reported
by the error the file's own checks raise, naming the file and the line, so that the app shows it as a
configuration problem in words rather than as Streamlit's redacted error box."""

import tomllib
from pathlib import Path


def read_toml(path: Path, error: type[Exception]) -> dict:
    """The file's contents. Raises `error` saying where a file that cannot be read or parsed goes wrong."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as found:
        raise error(
            f"{path}: this is not valid TOML, so none of the file can be used: {found}. Look there for a missing "
            "or extra quote, bracket or comma"
        ) from None
    except OSError as found:
        raise error(f"{path}: cannot be read ({found.strerror or found})") from None
