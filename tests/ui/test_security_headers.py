"""The security headers (ui/security_headers.py) as a middleware adds them, on a response made up by the test."""

import base64
import hashlib
import re

from tests.event_loops import in_own_thread
from ui.security_headers import STREAMLIT_PAGE, SecurityHeaders, content_security_policy


def response_headers(scheme: str, ancestors: tuple[str, ...] = ()) -> dict[str, str]:
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"x-frame-options", b"SAMEORIGIN")]})
        await send({"type": "http.response.body", "body": b""})

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "scheme": scheme, "path": "/", "method": "GET", "headers": []}
    in_own_thread(SecurityHeaders(app, frame_ancestors=lambda: ancestors)(scope, None, send))
    return {k.decode(): v.decode() for k, v in sent[0]["headers"]}


def test_hsts_only_over_https_and_any_header_the_response_set_is_replaced():
    assert "strict-transport-security" not in response_headers("http")
    over_tls = response_headers("https")
    assert over_tls["strict-transport-security"] == "max-age=31536000"
    assert over_tls["x-frame-options"] == "DENY"


def test_a_configured_intranet_may_frame_the_dashboard():
    headers = response_headers("https", ("https://intranet.example.gov.uk",))
    assert "frame-ancestors https://intranet.example.gov.uk" in headers["content-security-policy"]
    assert "x-frame-options" not in headers  # it cannot name a site, and would refuse the intranet


def test_streamlits_one_inline_script_is_allowed_by_its_hash_and_nothing_else_inline():
    page = STREAMLIT_PAGE.read_text()
    (inline,) = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    script_src = next(d for d in content_security_policy().split("; ") if d.startswith("script-src"))
    assert script_src == f"script-src 'self' 'sha256-{digest}'"
