"""Forms of the nomination workflow.  They validate input; services write it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.enums import CampaignStatus
from campaign.models import Campaign
from common.uploads import EvidenceFileField
from units.models import Individual, Unit
from units.rules import officer_unit_paths, under_paths_q

from .enums import DossierKind, SubjectType
from .models import Achievement, AwardType
from .selectors import achievements_visible_to
from .services.dossiers import nominating_unit_for

DOSSIER_FIELDS = {
    "proposal_letter": DossierKind.PROPOSAL_LETTER,
    "achievement_report": DossierKind.ACHIEVEMENT_REPORT,
    "council_minutes": DossierKind.COUNCIL_MINUTES,
}


def open_campaigns():
    return Campaign.objects.filter(status=CampaignStatus.LAUNCHED)


class SubjectChoiceMixin:
    """Two selects, an individual or a unit, limited to the officer's units."""

    def limit_subjects(self, user):
        self.officer_paths = paths = officer_unit_paths(user)
        self.fields["individual"].queryset = Individual.objects.filter(
            under_paths_q(paths, "unit__path")
        ).select_related("unit")
        self.fields["unit"].queryset = Unit.objects.filter(under_paths_q(paths))

    def clean_subject(self, cleaned):
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


class NominationForm(SubjectChoiceMixin, forms.Form):
    campaign = forms.ModelChoiceField(label=_("Phong trào thi đua"), queryset=Campaign.objects)
    individual = forms.ModelChoiceField(
        label=_("Cá nhân được đề nghị"), queryset=Individual.objects, required=False
    )
    unit = forms.ModelChoiceField(
        label=_("hoặc tập thể được đề nghị"), queryset=Unit.objects, required=False
    )
    award_type = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức đề nghị"), queryset=AwardType.objects
    )
    summary = forms.CharField(
        label=_("Tóm tắt thành tích"), widget=forms.Textarea(attrs={"rows": 5})
    )
    achievements = forms.ModelMultipleChoiceField(
        label=_("Thành tích kèm theo"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    proposal_letter = EvidenceFileField(label=DossierKind.PROPOSAL_LETTER.label, required=False)
    achievement_report = EvidenceFileField(
        label=DossierKind.ACHIEVEMENT_REPORT.label, required=False
    )
    council_minutes = EvidenceFileField(label=DossierKind.COUNCIL_MINUTES.label, required=False)

    def __init__(self, *args, user, nomination=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.nomination = nomination
        self.limit_subjects(user)
        campaigns = open_campaigns()
        if nomination is not None:
            campaigns = campaigns | Campaign.objects.filter(pk=nomination.campaign_id)
        self.fields["campaign"].queryset = campaigns.distinct()
        if not self.is_bound and "campaign" not in self.initial:
            only = list(campaigns.distinct()[:2])
            if len(only) == 1:
                self.initial["campaign"] = only[0].pk
        self.fields["award_type"].queryset = AwardType.objects.filter(
            is_active=True, campaigns__in=campaigns
        ).distinct()
        self.fields["achievements"].queryset = achievements_visible_to(user).select_related(
            "individual", "unit"
        )
        if nomination is not None:
            self.fields["remove_files"] = forms.ModelMultipleChoiceField(
                label=_("Xóa tệp đã đính kèm"),
                queryset=nomination.files.all(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self):
        cleaned = super().clean()
        self.clean_subject(cleaned)
        self.clean_award_type_fits(cleaned)
        achievements = cleaned.get("achievements") or []
        subject = cleaned.get("individual") or cleaned.get("unit")
        if subject is not None and any(a.subject != subject for a in achievements):
            self.add_error(
                "achievements", _("Chỉ chọn thành tích của chính cá nhân, tập thể được đề nghị.")
            )
        return cleaned

    def dossier_uploads(self):
        """[(kind, processed upload)] for the files chosen in this submission."""
        return [
            (kind, self.cleaned_data[name])
            for name, kind in DOSSIER_FIELDS.items()
            if self.cleaned_data.get(name)
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class BulkActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("approve", _("Duyệt các hồ sơ đã chọn")),
            ("return", _("Trả lại các hồ sơ đã chọn")),
        ]
    )
    ids = forms.TypedMultipleChoiceField(coerce=int)
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is accepted here; the view narrows them to the visible rows.
        submitted = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in submitted]


class FastTrackForm(SubjectChoiceMixin, forms.Form):
    """The instant-award lane: who, what happened and when, one photo."""

    individual = forms.ModelChoiceField(
        label=_("Cá nhân"), queryset=Individual.objects, required=False
    )
    unit = forms.ModelChoiceField(label=_("hoặc tập thể"), queryset=Unit.objects, required=False)
    what = forms.CharField(
        label=_("Thành tích (việc gì đã xảy ra)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    occurred_at = forms.DateTimeField(
        label=_("Thời điểm"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    photo = EvidenceFileField(label=_("Ảnh minh chứng"), allow=("image",))
    campaign = forms.ModelChoiceField(label=_("Phong trào"), queryset=Campaign.objects)
    award_type = forms.ModelChoiceField(label=_("Hình thức khen"), queryset=AwardType.objects)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_subjects(user)
        campaigns = open_campaigns()
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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceFilesField(EvidenceFileField):
    """Several photos or PDFs at once; ``cleaned_data`` is a list of uploads."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            return super().clean(None, initial) or []
        processed, errors = [], []
        for upload in files:
            try:
                processed.append(super().clean(upload, initial))
            except forms.ValidationError as error:
                errors.extend(f"{upload.name}: {message}" for message in error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return processed


class AchievementForm(SubjectChoiceMixin, forms.ModelForm):
    evidence_files = EvidenceFilesField(
        label=_("Minh chứng (ảnh JPEG, PNG, WebP hoặc PDF; chọn được nhiều tệp)"), required=False
    )

    class Meta:
        model = Achievement
        fields = ["individual", "unit", "campaign", "date", "category", "title", "description"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_subjects(user)
        self.fields["unit"].label = _("hoặc tập thể")
        self.fields["campaign"].queryset = Campaign.objects.exclude(status=CampaignStatus.DRAFT)
        if self.instance.pk:
            self.fields["remove_evidence"] = forms.ModelMultipleChoiceField(
                label=_("Xóa minh chứng"),
                queryset=self.instance.evidence.all(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self):
        cleaned = super().clean()
        self.clean_subject(cleaned)
        return cleaned
