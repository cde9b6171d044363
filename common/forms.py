"""Forms of the shared pages: the user's own preferences, the password reset request."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .models import EmailMode, UserPreference


class EmailPreferenceForm(forms.Form):
    """How the logged-in user receives notification emails.  It names no user:
    the view saves it for ``request.user`` only."""

    email_mode = forms.ChoiceField(
        label=_("Nhận thư thông báo"),
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
    )

    def save(self, user) -> UserPreference:
        preference, _created = UserPreference.objects.update_or_create(
            user=user, defaults={"email_mode": self.cleaned_data["email_mode"]}
        )
        return preference


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset request, its one field named as the page names it."""

    email = forms.EmailField(
        label=_("Địa chỉ thư điện tử"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Địa chỉ thư điện tử chưa đúng, ví dụ đúng: canbo@donvi.gov.vn.")
        },
    )
