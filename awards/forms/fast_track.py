"""The instant-award lane's form (thưởng nóng): who, what happened and when, one photo."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from common.uploads import EvidenceFileField
from units.models import Individual, Unit

from .. import selectors
from ..models import AwardType
from .subjects import SubjectChoiceMixin, person_search, unit_search


class FastTrackForm(SubjectChoiceMixin, forms.Form):
    """The instant-award lane: who, what happened and when, one photo."""

    individual = forms.ModelChoiceField(
        label=_("Cá nhân"), queryset=Individual.objects, required=False, widget=person_search()
    )
    unit = forms.ModelChoiceField(
        label=_("hoặc tập thể"), queryset=Unit.objects, required=False, widget=unit_search()
    )
    what = forms.CharField(
        label=_("Thành tích (việc gì đã xảy ra)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    occurred_at = forms.DateTimeField(
        label=_("Thời điểm"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        validators=[validate_happened_date],
    )
    photo = EvidenceFileField(label=_("Ảnh minh chứng"), allow=("image",))
    campaign = forms.ModelChoiceField(
        label=_("Phong trào"), queryset=None, empty_label=_("Chọn phong trào…")
    )
    award_type = forms.ModelChoiceField(
        label=_("Hình thức khen"),
        queryset=AwardType.objects,
        empty_label=_("Chọn hình thức khen…"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_subjects(user)
        campaigns = selectors.open_campaigns()
        self.fields["campaign"].queryset = campaigns
        self.fields["award_type"].queryset = AwardType.objects.filter(
            is_active=True, campaigns__in=campaigns
        ).distinct()
        self.fields["photo"].widget.attrs["capture"] = "environment"
        if not self.is_bound:
            self.initial.setdefault(
                "occurred_at", timezone.localtime().replace(second=0, microsecond=0)
            )
            first = campaigns.first()
            if first is not None:
                self.initial.setdefault("campaign", first.pk)
                default_award = first.allowed_award_types.filter(code="giay-khen").first()
                if default_award is not None:
                    self.initial.setdefault("award_type", default_award.pk)

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now():
            raise forms.ValidationError(_("Thời điểm không được ở tương lai."))
        return value

    def clean(self):
        cleaned = super().clean()
        self.clean_subject(cleaned)
        self.clean_award_type_fits(cleaned)
        return cleaned
