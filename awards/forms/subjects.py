"""Choosing who a nomination, an achievement or a fast-track report is about."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.widgets import AutocompleteSelect
from units.models import Individual, Unit
from units.rules import officer_unit_paths, under_paths_q

from ..enums import SubjectType
from ..services.dossiers import nominating_unit_for

OUTSIDE_PERSON = _(
    "Chỉ chọn được người thuộc đơn vị mình phụ trách (kể cả đơn vị trực thuộc). "
    "Hãy gõ họ tên để tìm lại."
)
OUTSIDE_UNIT = _(
    "Chỉ chọn được đơn vị mình phụ trách hoặc đơn vị trực thuộc. Hãy gõ tên để tìm lại."
)


def person_search() -> AutocompleteSelect:
    """The search box of a person of the officer's units (``units:individual_autocomplete``)."""
    return AutocompleteSelect("units:individual_autocomplete", placeholder=_("Gõ họ tên để tìm…"))


def unit_search() -> AutocompleteSelect:
    """The search box of one of the officer's units (``units:unit_autocomplete``)."""
    return AutocompleteSelect("units:unit_autocomplete", placeholder=_("Gõ tên để tìm…"))


class SubjectChoiceMixin:
    """Two selects, an individual or a unit, limited to the officer's units.

    The forms give both fields the search boxes above (:func:`person_search`,
    :func:`unit_search`), so a page renders the chosen option only, never the officer's
    hundreds of people; a submitted value is still checked against the limited querysets.
    """

    def limit_subjects(self, user):
        self.officer_paths = paths = officer_unit_paths(user)
        self.fields["individual"].queryset = Individual.objects.filter(
            under_paths_q(paths, "unit__path")
        ).select_related("unit")
        self.fields["individual"].label_from_instance = lambda person: person.name_with_unit
        self.fields["individual"].error_messages["invalid_choice"] = OUTSIDE_PERSON
        self.fields["unit"].queryset = Unit.objects.filter(under_paths_q(paths))
        self.fields["unit"].error_messages["invalid_choice"] = OUTSIDE_UNIT

    def clean_subject(self, cleaned):
        if "individual" in self.errors or "unit" in self.errors:
            return  # the field says what is wrong with the choice
        individual, unit = cleaned.get("individual"), cleaned.get("unit")
        if bool(individual) == bool(unit):
            raise forms.ValidationError(
                _("Chọn một cá nhân hoặc một tập thể được đề nghị (không chọn cả hai).")
            )

    def acting_unit(self):
        """The officer's own unit the chosen subject belongs to: it nominates."""
        data = self.cleaned_data
        subject_unit = data["unit"] or data["individual"].unit
        return nominating_unit_for(self.officer_paths, subject_unit)

    @staticmethod
    def subject_type(cleaned):
        if cleaned.get("unit"):
            return SubjectType.COLLECTIVE
        individual = cleaned.get("individual")
        if individual is None:
            return None
        return SubjectType.HOUSEHOLD if individual.is_household else SubjectType.INDIVIDUAL

    def clean_award_type_fits(self, cleaned):
        """The campaign allows the form, and the form fits the subject."""
        campaign, award_type = cleaned.get("campaign"), cleaned.get("award_type")
        if not (campaign and award_type):
            return
        subject_type = self.subject_type(cleaned)
        if not campaign.allowed_award_types.filter(pk=award_type.pk).exists():
            self.add_error(
                "award_type", _("Phong trào này không áp dụng danh hiệu, hình thức đã chọn.")
            )
        elif subject_type and not award_type.fits_subject(subject_type):
            self.add_error(
                "award_type", _("Danh hiệu, hình thức này không dành cho đối tượng đã chọn.")
            )
