"""The token forms: the officer's page (a label) and the admin's add form; the service
makes the token."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken
from .services import token_refusal


class TokenForm(forms.Form):
    label = forms.CharField(
        label=_("Tên gợi nhớ"),
        max_length=ApiToken._meta.get_field("label").max_length,
        help_text=_("Hệ thống nào dùng khóa này, ví dụ “Phần mềm quản lý nhân sự của bệnh viện”."),
    )


class AdminTokenForm(forms.ModelForm):
    """The admin's add form: refuses, with the service's message, what
    ``create_api_token`` would refuse (an account that is not an officer's, the limit)."""

    class Meta:
        model = ApiToken
        fields = ["user", "label"]

    #: Who is adding the token (the admin makes a subclass that sets it).
    by = None

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user")
        if user is not None:
            refusal = token_refusal(user, by=self.by, label=cleaned.get("label") or "")
            if refusal:
                raise forms.ValidationError(refusal)
        return cleaned
