"""The states of a session's second factor, kept in the session under ``SESSION_KEY``.

A session starts ``PENDING`` at sign-in when its user must give a second factor
(``rules.must_verify``) and ``NOT_NEEDED`` otherwise; a right code makes it
``VERIFIED``. A session without the key (older than this feature) is judged again by
the middleware on its next request.
"""

from django.db import models

#: The session key holding the session's state.
SESSION_KEY = "twofactor_state"
#: The session key holding recovery codes just generated, shown once then removed.
NEW_CODES_SESSION_KEY = "twofactor_new_codes"


class SessionState(models.TextChoices):
    NOT_NEEDED = "not_needed", "not needed"
    PENDING = "pending", "pending"
    VERIFIED = "verified", "verified"
