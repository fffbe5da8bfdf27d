"""Signing in with the organisation's account: Streamlit's built-in OIDC login (st.login) against a mock identity
provider started by the test on 127.0.0.1, with roles mapped from e-mail and group claims by the roles file."""

from secrets import token_urlsafe

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import READY, open_app, screenshot, serve
from tests.browser.mock_oidc import CLIENT_ID, CLIENT_SECRET, MockIdentityProvider

pytestmark = pytest.mark.browser

ROLES = """
issuer = "{issuer}"
default_role = ""
[[rule]]
email = "pat.officer@council.example"
role = "performance"
[[rule]]
group = "directors-group-id"
role = "director"
"""


@pytest.fixture(scope="module")
def provider():
    with MockIdentityProvider() as mock:
        yield mock


@pytest.fixture(scope="module")
def oidc_app(provider, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc")
    (folder / "roles.toml").write_text(ROLES.format(issuer=provider.url))
    secrets = f"""
[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "{token_urlsafe(48)}"
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{provider.url}/.well-known/openid-configuration"

[dashboard]
roles_file = "{folder / "roles.toml"}"
oidc_label = "your council account"
local_accounts = false
"""
    with serve(folder, secrets=secrets) as (url, _process):
        yield url


def sign_in_with_provider(page, url, provider, claims):
    provider.user = claims
    open_app(page, f"{url}/sign_in")
    expect(page.get_by_role("textbox", name="User name")).to_have_count(0)  # local accounts are switched off
    page.get_by_role("button", name="Sign in with your council account").click()
    page.get_by_test_id("stSidebar").get_by_text("Signed in as").wait_for(timeout=60_000)
    page.wait_for_selector(READY)


def nav(page):
    return page.get_by_role("navigation", name="Pages")


def test_an_email_mapped_to_the_performance_team_gets_the_upload_page(page, oidc_app, provider):
    sign_in_with_provider(
        page,
        oidc_app,
        provider,
        {"sub": "1", "email": "Pat.Officer@council.example", "email_verified": True, "name": "Pat Officer"},
    )
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as Pat Officer, Performance team.")).to_be_visible()
    expect(nav(page).get_by_role("link", name="Upload monthly return")).to_be_visible()
    open_app(page, f"{oidc_app}/upload")  # a new page load: the identity provider's cookie keeps the sign-in
    expect(page.get_by_text("recorded as made by Pat Officer, Performance team")).to_be_visible()
    screenshot(page, "oidc-performance")


def test_a_group_claim_maps_to_director(page, oidc_app, provider):
    sign_in_with_provider(
        page,
        oidc_app,
        provider,
        {"sub": "2", "email": "sam@council.example", "name": "Sam Lead", "groups": ["other", "directors-group-id"]},
    )
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as Sam Lead, Director.")).to_be_visible()
    expect(nav(page).get_by_role("link", name="History")).to_be_visible()
    expect(nav(page).get_by_role("link", name="Upload monthly return")).to_have_count(0)


def test_someone_no_rule_matches_sees_only_the_public_view_and_can_sign_out(page, oidc_app, provider):
    sign_in_with_provider(
        page, oidc_app, provider, {"sub": "3", "email": "visitor@elsewhere.example", "name": "A Visitor"}
    )
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as A Visitor, with no role yet.")).to_be_visible()
    expect(page.get_by_text("no role has been given to you yet")).to_be_visible()
    expect(page.get_by_text("Public view.", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stMain").get_by_role("link", name="Sign in")).to_have_count(0)  # signed in already
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("You are not signed in")).to_be_visible(timeout=30_000)


def test_an_email_the_provider_does_not_vouch_for_gets_no_role(page, oidc_app, provider):
    """The same address as the performance lead's, but not verified: anyone can type an address at some providers."""
    sign_in_with_provider(
        page, oidc_app, provider, {"sub": "4", "email": "pat.officer@council.example", "name": "Not Pat"}
    )
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as Not Pat, with no role yet.")).to_be_visible()
    expect(nav(page).get_by_role("link", name="Upload monthly return")).to_have_count(0)


def test_signing_in_from_a_page_comes_back_to_it(page, oidc_app, provider):
    provider.user = {"sub": "5", "email": "sam@council.example", "name": "Sam Lead", "groups": ["directors-group-id"]}
    open_app(page, f"{oidc_app}/kpi?kpi=WF03+Agency+social+worker+rate&month=March+2023")
    nav(page).get_by_role("link", name="Sign in").click()
    page.get_by_role("button", name="Sign in with your council account").click()
    page.get_by_test_id("stSidebar").get_by_text("Signed in as Sam Lead, Director.").wait_for(timeout=60_000)
    expect(page.get_by_role("heading", name="Agency social worker rate")).to_be_visible()
    assert page.url.startswith(f"{oidc_app}/kpi?") and "month=March+2023" in page.url
    assert "dashboard_return" not in {cookie["name"] for cookie in page.context.cookies()}  # used once, then gone
