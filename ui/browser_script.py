"""The dashboard's own JavaScript (ui/assets/dashboard.js), served by the app's web server as a file so the
Content-Security-Policy allows no inline script (ui/security_headers.py).

Its address carries a hash of its content, so a browser fetches it again after an upgrade, and may keep it for a
year otherwise."""

import hashlib
from functools import lru_cache
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
ROUTE = "/assets"
SERVED = {"dashboard.js": "text/javascript; charset=utf-8", "sign_in.css": "text/css; charset=utf-8"}


@lru_cache(maxsize=len(SERVED))
def content(name: str) -> bytes:
    """The file's bytes, read once per process (a council's server runs released code)."""
    return (ASSETS / name).read_bytes()


def address(name: str) -> str:
    """The file's address on the app's server, with its content's hash (so a changed file is a new address)."""
    return f"{ROUTE}/{name}?v={hashlib.sha256(content(name)).hexdigest()[:12]}"


def script_tag() -> str:
    return f'<script src="{address("dashboard.js")}"></script>'
