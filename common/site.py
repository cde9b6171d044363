"""The portal's own address, for links read outside it: emails and the QR codes on certificates.

Every absolute link is ``absolute_url(path)``: ``settings.SITE_URL`` (scheme,
host and any prefix the portal is served under) followed by a path from
``reverse()``.  Nothing else reads SITE_URL or builds a link from the request,
so a worker without a request makes the same links as the web process.
:mod:`common.checks` refuses a missing SITE_URL, and one pointing at this
machine while DEBUG is off.
"""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse()``, starting with "/") on the configured site; "" stays ""."""
    if not path:
        return ""
    return settings.SITE_URL.rstrip("/") + path
