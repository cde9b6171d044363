"""Forms of the shared pages: the user's own preferences."""

from django import forms
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
