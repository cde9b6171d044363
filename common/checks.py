"""System checks of the portal's own settings, registered by ``CommonConfig.ready``.

They run with every management command that checks (``migrate``, ``runserver``,
``check``, ``check --deploy``), so a production stack with a wrong SITE_URL stops
at its ``migrate`` as it stops without a SECRET_KEY.

SITE_URL must be an http(s) address with a host.  With DEBUG off it must not be
this machine's own (localhost, a loopback or unspecified address): emails would
link to the reader's own computer, and the QR codes printed on certificates
could never be verified.

TRUSTED_PROXIES must list addresses or networks (common/lockout.py reads the
client's address behind them): a typo there would otherwise surface as a 500
on the login page.

PRIVATE_FILE_DELIVERY is "stream" or "signed", and "signed" needs a storage that
signs links (object storage, S3_BUCKET): otherwise a typo would quietly stream.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error
from django.core.files.storage import storages

SITE_URL_HINT = (
    "Set SITE_URL to the address people open the portal at, e.g. "
    "https://thidua.example.gov.vn: links in emails and the QR codes on "
    "certificates are built on it."
)


def is_this_machine(host: str) -> bool:
    """Whether ``host`` names the machine itself: localhost, a loopback or unspecified address."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def check_site_url(app_configs=None, **kwargs) -> list[Error]:
    site_url = settings.SITE_URL.strip()
    if not site_url:
        return [Error("SITE_URL is not set.", hint=SITE_URL_HINT, id="common.E001")]
    try:
        parts = urlsplit(site_url)
        scheme, host = parts.scheme, parts.hostname
    except ValueError:  # e.g. an unbalanced "[" around an IPv6 address
        scheme, host = "", None
    if scheme not in ("http", "https") or not host:
        return [
            Error(
                f"SITE_URL {site_url!r} is not an http:// or https:// address with a host.",
                hint=SITE_URL_HINT,
                id="common.E002",
            )
        ]
    if not settings.DEBUG and is_this_machine(host):
        return [
            Error(
                f"SITE_URL {site_url!r} points at this machine while DEBUG is off.",
                hint=SITE_URL_HINT,
                id="common.E003",
            )
        ]
    return []


def check_trusted_proxies(app_configs=None, **kwargs) -> list[Error]:
    wrong = []
    for entry in settings.TRUSTED_PROXIES:
        try:
            ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError:
            wrong.append(entry)
    if not wrong:
        return []
    return [
        Error(
            f"TRUSTED_PROXIES: {', '.join(repr(e) for e in wrong)} is not an address or a network.",
            hint="List the TLS proxy's address or network, e.g. TRUSTED_PROXIES=172.16.0.0/12.",
            id="common.E004",
        )
    ]


def check_file_delivery(app_configs=None, **kwargs) -> list[Error]:
    delivery = settings.PRIVATE_FILE_DELIVERY
    if delivery not in ("stream", "signed"):
        return [
            Error(
                f"PRIVATE_FILE_DELIVERY {delivery!r} is neither 'stream' nor 'signed'.",
                hint="Leave it unset (stream files through the portal) or set it to signed.",
                id="common.E005",
            )
        ]
    if delivery == "signed" and not hasattr(storages["default"], "signed_url"):
        return [
            Error(
                "PRIVATE_FILE_DELIVERY is 'signed' but files are not in object storage.",
                hint="Set S3_BUCKET and the other S3_* variables, or unset it.",
                id="common.E006",
            )
        ]
    return []
