"""What the app's web server answers to anyone on the network, asked with a plain HTTP client."""

import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.browser


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_streamlits_metrics_are_not_public_and_the_app_still_answers(app_url):
    """/_stcore/metrics told anyone how many people had the app open and what each cache held."""
    assert status_of(f"{app_url}/_stcore/metrics") == 404
    assert status_of(f"{app_url}/_stcore/metrics/") == 404
    assert status_of(f"{app_url}/_stcore/health") == 200
    assert status_of(f"{app_url}/") == 200


def test_streamlits_api_for_programs_is_off(app_url):
    """/_stcore/agent/ would run the app for a caller that never signs in (.streamlit/config.toml keeps it off)."""
    import httpx

    assert httpx.post(f"{app_url}/_stcore/agent/interact", json={}, timeout=30).status_code == 403
    assert "switched off" in httpx.get(f"{app_url}/_stcore/agent/openapi.json", timeout=30).text


def test_the_landing_page_at_its_own_name_goes_to_the_root_with_its_filters(app_url):
    """Streamlit serves the default page at "/" and shows "Page not found" over it at /overview."""
    import httpx

    answer = httpx.get(f"{app_url}/overview?month=October+2026&workstream=WS01", timeout=30)
    assert answer.status_code == 307 and answer.headers["location"] == "/?month=October+2026&workstream=WS01"
    assert httpx.get(f"{app_url}/overview", timeout=30).headers["location"] == "/"
