"""The forms of two-factor sign-in: a code to type. Services check the code."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A code from the authenticator app (6 digits) or a recovery code."""

    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Hãy nhập mã xác thực.")},
    )


class EnrolForm(CodeForm):
    """The first code read from the app, to confirm it was set up right."""

    code = forms.CharField(
        label=_("Mã 6 chữ số trong ứng dụng"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": _("Hãy nhập mã 6 chữ số đang hiện trong ứng dụng.")},
    )


class RemoveForm(CodeForm):
    """Removing one's own device asks for a current code again."""

    code = forms.CharField(
        label=_("Mã xác thực hiện tại"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        error_messages={"required": _("Hãy nhập mã xác thực để xác nhận.")},
        help_text=_("Mã 6 chữ số trong ứng dụng, hoặc một mã khôi phục."),
    )
