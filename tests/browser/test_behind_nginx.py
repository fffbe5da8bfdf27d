"""The app behind the reverse proxy every council puts in front of it: Debian's nginx with deploy/nginx/dashboard.conf
(its ports, upstream and certificate swapped for the test's), TLS with a self-signed certificate, and Chromium
driven through it: sign in, upload, download, the Secure cookie and the security headers."""

import os
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import READY, open_app, serve, session_cookie, sign_in
from tests.browser.test_upload import load_november
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE = ROOT / "deploy" / "nginx" / "dashboard.conf"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def swapped(text: str, replacements: dict[str, str]) -> str:
    """The site file with the test's ports and paths; fails if the file no longer says what is swapped."""
    for old, new in replacements.items():
        assert old in text, f"deploy/nginx/dashboard.conf no longer has {old!r}: update this test"
        text = text.replace(old, new)
    return text


def certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            shutil.which("openssl") or "/usr/bin/openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture(scope="module")
def through_nginx(tmp_path_factory):
    """(https URL, http URL, the certificate to trust) of the app behind nginx."""
    if not Path(NGINX).exists():
        pytest.fail("nginx not found: install it with 'apt-get install nginx' (.ci/run does)")
    folder = tmp_path_factory.mktemp("nginx")
    cert, key = certificate(folder)
    https_port, http_port = free_port(), free_port()
    with serve(folder / "app") as (app_url, _process):
        upstream = app_url.removeprefix("http://")
        site = swapped(
            SITE.read_text(),
            {
                "listen 80;": f"listen 127.0.0.1:{http_port};",
                "listen [::]:80;": "",
                "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
                "listen [::]:443 ssl http2;": "",
                "/etc/ssl/dashboard/fullchain.pem": str(cert),
                "/etc/ssl/dashboard/privkey.pem": str(key),
                "http://127.0.0.1:8501": f"http://{upstream}",
            },
        )
        (folder / "site.conf").write_text(site)
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (folder / temp).mkdir()
        (folder / "nginx.conf").write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"""worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
daemon off;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
"""
        )
        command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        nginx = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"https://127.0.0.1:{https_port}"
        trusted = ssl.create_default_context(cafile=cert)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{url}/_stcore/health", verify=trusted, timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline, (folder / "error.log").read_text()
                time.sleep(0.2)
            yield url, f"http://127.0.0.1:{http_port}", trusted
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)


def test_plain_http_is_sent_to_https(through_nginx):
    _, plain, _ = through_nginx
    response = httpx.get(f"{plain}/scorecard?month=October+2026", timeout=30)
    assert response.status_code == 301 and response.headers["location"].startswith("https://127.0.0.1/scorecard?")


def test_over_https_every_response_has_hsts_and_the_policy_and_nginx_hides_its_version(through_nginx):
    url, _, cert = through_nginx
    for path in ("/", "/session/sign-in", "/assets/dashboard.js"):
        response = httpx.get(url + path, verify=cert, timeout=30)
        assert response.status_code == 200
        assert response.headers["strict-transport-security"] == "max-age=31536000"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["server"] == "nginx"  # server_tokens off: no version


def test_a_body_over_the_upload_limit_is_refused_by_nginx(through_nginx):
    url, _, cert = through_nginx
    response = httpx.put(f"{url}/_stcore/upload_file/x/y", content=b"0" * 23_000_000, verify=cert, timeout=60)
    assert response.status_code == 413


def test_sign_in_upload_and_download_work_end_to_end_through_nginx(browser, through_nginx, tmp_path):
    url, _, cert = through_nginx
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        sign_in(page, url, "demo.performance")
        cookie = next(c for c in context.cookies() if c["name"] == "dashboard_session")
        assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        open_app(page, f"{url}/upload")
        with page.expect_download() as arrived:
            page.get_by_role("button", name="Download the blank template").click()
        saved = tmp_path / arrived.value.suggested_filename
        arrived.value.save_as(saved)
        assert saved.name == "monthly_return_template.xlsx" and saved.read_bytes()[:2] == b"PK"
        assert httpx.get(arrived.value.url, verify=cert, timeout=30).status_code == 404  # not without the cookie
        load_november(page, tmp_path)  # the upload (Streamlit's PUT) and the page's websocket, through nginx
        page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
        page.wait_for_selector(READY)
        expect(page.get_by_test_id("stSidebar").get_by_text("You are not signed in")).to_be_visible(timeout=60_000)
        assert session_cookie(page) is None
    finally:
        context.close()


def test_nginx_refuses_a_burst_of_sign_in_requests(through_nginx):
    """A second line behind the app's own throttling (last in this file: it uses up the address's allowance)."""
    url, _, cert = through_nginx
    statuses = [httpx.get(f"{url}/session/sign-in", verify=cert, timeout=30).status_code for _ in range(10)]
    assert statuses.count(429) >= 3 and set(statuses) == {200, 429}
    assert httpx.get(f"{url}/scorecard", verify=cert, timeout=30).status_code == 200  # the rest of the app is not
