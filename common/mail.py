"""What every email the portal sends shares: its Message-ID, and reading an SMTP refusal."""

import smtplib
from email.utils import parseaddr

from django.conf import settings


def stable_message_id(local_part: str) -> str:
    """A Message-ID that is the same on every attempt, so that a resend is recognisably
    the same mail: "<reminder-5@bentre.gov.vn>", in the domain of the portal's sender
    (``DEFAULT_FROM_EMAIL`` may carry a display name)."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<{local_part}@{domain}>"


def refused_for_good(error: Exception) -> bool:
    """The SMTP server answered 5xx: to every recipient of a refused list, or to the command."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500
