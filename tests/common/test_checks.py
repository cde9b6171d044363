"""common/checks.py: SITE_URL is set, an http(s) address, and not this machine in production."""

import pytest
from django.core import checks
from django.core.checks import Error

from common.checks import (
    SITE_URL_HINT,
    check_file_delivery,
    check_site_url,
    check_trusted_proxies,
)

pytestmark = pytest.mark.unit


def site_url_error(code, message):
    return [Error(message, hint=SITE_URL_HINT, id=f"common.{code}")]


@pytest.mark.parametrize("debug", [False, True])
def test_a_missing_site_url_is_an_error(settings, debug):
    settings.DEBUG = debug
    settings.SITE_URL = " "

    assert check_site_url() == site_url_error("E001", "SITE_URL is not set.")


@pytest.mark.parametrize(
    "site_url", ["thidua.example.gov.vn", "ftp://thidua.example.gov.vn", "https://", "http://[::1"]
)
def test_a_site_url_that_is_not_an_http_address_is_an_error(settings, site_url):
    settings.SITE_URL = site_url

    assert check_site_url() == site_url_error(
        "E002", f"SITE_URL {site_url!r} is not an http:// or https:// address with a host."
    )


@pytest.mark.parametrize(
    "site_url",
    [
        "http://localhost:8000",
        "http://LOCALHOST",
        "https://portal.localhost/",
        "http://127.0.0.1:8000",
        "http://127.0.1.1",
        "http://[::1]:8000",
        "http://0.0.0.0:8000",
    ],
)
def test_this_machine_as_site_url_is_an_error_with_debug_off(settings, site_url):
    settings.DEBUG = False
    settings.SITE_URL = site_url

    assert check_site_url() == site_url_error(
        "E003", f"SITE_URL {site_url!r} points at this machine while DEBUG is off."
    )


def test_this_machine_as_site_url_is_fine_in_development(settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"

    assert check_site_url() == []


@pytest.mark.parametrize(
    "site_url",
    ["https://thidua.example.gov.vn", "https://example.gov.vn/thidua/", "http://10.0.0.5"],
)
def test_a_public_address_is_fine_in_production(settings, site_url):
    settings.DEBUG = False
    settings.SITE_URL = site_url

    assert check_site_url() == []


def test_the_check_is_registered(settings):
    settings.DEBUG = False
    settings.SITE_URL = ""

    errors = [e for e in checks.run_checks(tags=["site"]) if e.id.startswith("common.")]

    assert errors == site_url_error("E001", "SITE_URL is not set.")


def test_trusted_proxies_must_be_addresses_or_networks(settings):
    settings.TRUSTED_PROXIES = ["172.16.0.0/12", "10.0.0.1", "proxy.local"]

    [error] = check_trusted_proxies()

    assert error.id == "common.E004"
    assert error.msg == "TRUSTED_PROXIES: 'proxy.local' is not an address or a network."
    settings.TRUSTED_PROXIES = ["172.16.0.0/12", "::1"]
    assert check_trusted_proxies() == []


def test_files_are_streamed_by_default(settings):
    assert settings.PRIVATE_FILE_DELIVERY == "stream"
    assert check_file_delivery() == []


def test_an_unknown_file_delivery_is_an_error(settings):
    settings.PRIVATE_FILE_DELIVERY = "presigned"

    assert check_file_delivery() == [
        Error(
            "PRIVATE_FILE_DELIVERY 'presigned' is neither 'stream' nor 'signed'.",
            hint="Leave it unset (stream files through the portal) or set it to signed.",
            id="common.E005",
        )
    ]


def test_signed_links_without_object_storage_are_an_error(settings):
    settings.PRIVATE_FILE_DELIVERY = "signed"

    assert check_file_delivery() == [
        Error(
            "PRIVATE_FILE_DELIVERY is 'signed' but files are not in object storage.",
            hint="Set S3_BUCKET and the other S3_* variables, or unset it.",
            id="common.E006",
        )
    ]


def test_signed_links_with_object_storage_pass(s3_bucket, settings):
    settings.PRIVATE_FILE_DELIVERY = "signed"

    assert check_file_delivery() == []
