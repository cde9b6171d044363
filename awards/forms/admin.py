"""Forms of the awards admin where an edit must pass the same checks as the pages.

The admin saves rows directly (a repair tool), so the decision and recipient
forms ask the decisions service's own checks in ``clean``: a decision's issuer
must have the authority for its title or form on its signed date, and every
line's subject must lie in the issuer's branch.
"""

from django import forms

from ..models import AwardDecision, Recipient
from ..services.decisions import DecisionError, check_authority, check_in_branch

#: Changing any of these on a decision asks the authority table again.
AUTHORITY_FIELDS = ("issuer", "award_type", "signed_date")


class AwardDecisionAdminForm(forms.ModelForm):
    class Meta:
        model = AwardDecision
        fields = list(AUTHORITY_FIELDS)  # the admin adds the rest of its fieldsets

    def clean(self):
        cleaned = super().clean()
        issuer, award_type, day = (cleaned.get(name) for name in AUTHORITY_FIELDS)
        changed = self.instance.pk is None or set(AUTHORITY_FIELDS) & set(self.changed_data)
        if issuer and award_type and day and changed:
            try:
                check_authority(issuer, award_type, day)
            except DecisionError as error:
                raise forms.ValidationError(str(error)) from error
        return cleaned


class RecipientAdminForm(forms.ModelForm):
    """A line, alone or inline under its decision (whose issuer may change with it)."""

    class Meta:
        model = Recipient
        fields = ["decision", "individual", "unit"]  # the admin adds the rest

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision") or getattr(self.instance, "decision", None)
        individual, unit = cleaned.get("individual"), cleaned.get("unit")
        if self.instance.revoked_at or decision is None or bool(individual) == bool(unit):
            return cleaned  # history, or the model's one-subject rule reports it
        probe = Recipient(individual=individual, unit=unit)
        try:
            check_in_branch(decision.issuer, [probe])
        except DecisionError as error:
            raise forms.ValidationError(str(error)) from error
        return cleaned
