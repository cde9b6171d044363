"""A member's ballot page: one choice per item (or one for the whole list)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import Choice

EMPTY = [("", _("— chưa chọn —"))]


class BallotForm(forms.Form):
    """One field per item the member may still vote on or change, ``item_<id>``; and
    "all", a choice applied to every item left empty."""

    all = forms.ChoiceField(
        label=_("Cho tất cả hồ sơ chưa chọn"),
        choices=EMPTY + Choice.choices,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, items, initial_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=str(item.nomination),
                choices=EMPTY + Choice.choices,
                required=False,
                initial=(initial_choices or {}).get(item.pk, ""),
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def choices(self) -> dict[int, str]:
        """{item id: choice} of what was chosen, "all" filling the empty ones."""
        everything = self.cleaned_data.get("all")
        chosen = {}
        for item in self.items:
            value = self.cleaned_data.get(f"item_{item.pk}") or everything
            if value:
                chosen[item.pk] = value
        return chosen

    def clean(self):
        data = super().clean()
        if not self.errors and not self.choices():
            raise forms.ValidationError(_("Vui lòng chọn ý kiến cho ít nhất một hồ sơ."))
        return data
