"""Password validators whose messages Django's Vietnamese catalogue misses.

Django 5.2 changed the wording of the minimum-length error (``%d`` in place of
``%(min_length)d``) and its Vietnamese translation was not updated, so the
error came out in English. This validator says the same thing through our own
catalogue.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Mật khẩu này quá ngắn: cần ít nhất %(min_length)d ký tự.",
            "Mật khẩu này quá ngắn: cần ít nhất %(min_length)d ký tự.",
            self.min_length,
        ) % {"min_length": self.min_length}
