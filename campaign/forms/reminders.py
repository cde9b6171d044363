"""The admin's reminder rule form: it lists the placeholders each kind of rule may use.

The wording itself is checked by :meth:`campaign.models.ReminderRule.clean` (run by the
form's validation): plain text with ``{{ name }}`` placeholders of the rule's kind only.
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from ..enums import COMMON_PLACEHOLDERS, KIND_PLACEHOLDERS, PLACEHOLDER_LABELS
from ..models import ReminderRule


def _listing(names) -> str:
    return format_html_join(
        "; ", "<code>{{{{ {} }}}}</code>: {}", ((name, PLACEHOLDER_LABELS[name]) for name in names)
    )


def placeholder_help() -> str:
    """The placeholders every rule may use, then those of each kind, as the admin's HTML
    help text (the admin prints help text unescaped, so everything goes through
    ``format_html``)."""
    lines = [(_("Mọi loại"), _listing(COMMON_PLACEHOLDERS))]
    lines += [(kind.label, _listing(names)) for kind, names in KIND_PLACEHOLDERS.items()]
    return format_html(
        "{}<br>{}",
        _("Văn bản thường, không dùng thẻ hay bộ lọc mẫu. Các biến dùng được:"),
        format_html_join("<br>", "{}: {}.", lines),
    )


class ReminderRuleForm(forms.ModelForm):
    """The rule's fields, with the placeholders of every kind as the wording's help text."""

    class Meta:
        model = ReminderRule
        fields = ["name", "kind", "enabled", "offsets", "schedule", "subject", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        help_text = placeholder_help()
        for name in ("subject", "body"):
            if name in self.fields:
                self.fields[name].help_text = help_text
