"""The form of a page that adds nominations to something (a decision's lines, a proposal
to the central level): the ticked rows, or every row the page's filter matches."""

from django import forms

from ..selectors import chosen_nominations


class PickNominationsForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, required=False)
    all = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is accepted here; ``chosen`` narrows them to the nominations the user sees.
        submitted = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in submitted]

    def chosen(self, user, matching):
        """``matching`` (what the page's filter lists) when "all" was ticked, else the
        ticked nominations the user sees; the service skips (and counts) what it cannot add."""
        self.is_valid()
        if self.cleaned_data.get("all"):
            return matching
        return chosen_nominations(user, self.cleaned_data.get("ids"))
