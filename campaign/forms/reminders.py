"""The admin's reminder rule form: it refuses wording that is not valid Django template
syntax, before it reaches beat."""

from django import forms
from django.template import Template, TemplateSyntaxError
from django.utils.translation import gettext_lazy as _

from ..models import ReminderRule


class ReminderRuleForm(forms.ModelForm):
    """Refuses wording that is not valid Django template syntax, before it reaches beat."""

    class Meta:
        model = ReminderRule
        fields = ["name", "kind", "enabled", "offsets", "schedule", "subject", "body"]

    def clean(self):
        cleaned_data = super().clean()
        for name in ("subject", "body"):
            value = cleaned_data.get(name)
            if not value:
                continue
            try:
                Template(value)
            except TemplateSyntaxError as error:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Mẫu không hợp lệ: %(error)s"),
                        code="template_syntax",
                        params={"error": error},
                    ),
                )
        return cleaned_data
