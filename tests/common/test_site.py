"""common/site.py: absolute links on the configured SITE_URL."""

import pytest

from common.site import absolute_url

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("https://thidua.example.gov.vn", "https://thidua.example.gov.vn/accounts/preferences/"),
        ("https://thidua.example.gov.vn/", "https://thidua.example.gov.vn/accounts/preferences/"),
        ("https://example.gov.vn/thidua/", "https://example.gov.vn/thidua/accounts/preferences/"),
    ],
)
def test_a_path_is_put_on_the_site_address(settings, site_url, expected):
    settings.SITE_URL = site_url

    assert absolute_url("/accounts/preferences/") == expected


def test_no_path_is_no_link(settings):
    settings.SITE_URL = "https://thidua.example.gov.vn"

    assert absolute_url("") == ""
