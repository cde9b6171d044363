"""Forms of the nomination workflow: the dossier, a reason, the queue's bulk action.

The dossier's achievements are those of its chosen subject only: the choices follow the
individual or collective submitted (or, unbound, the one already chosen), so a pick of
someone else's achievement is refused with :data:`WRONG_ACHIEVEMENT`.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.uploads import EvidenceFileField
from units.models import Individual, Unit

from .. import routing, selectors
from ..enums import DossierKind
from ..models import AwardType
from ..selectors import achievements_visible_to
from .subjects import SubjectChoiceMixin, person_search, unit_search

DOSSIER_FIELDS = {
    "proposal_letter": DossierKind.PROPOSAL_LETTER,
    "achievement_report": DossierKind.ACHIEVEMENT_REPORT,
    "council_minutes": DossierKind.COUNCIL_MINUTES,
}


WRONG_ACHIEVEMENT = _("Chỉ chọn thành tích của chính cá nhân, tập thể được đề nghị.")


class NominationForm(SubjectChoiceMixin, forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Phong trào thi đua"), queryset=None, empty_label=_("Chọn phong trào…")
    )
    individual = forms.ModelChoiceField(
        label=_("Cá nhân được đề nghị"),
        queryset=Individual.objects,
        required=False,
        widget=person_search(),
    )
    unit = forms.ModelChoiceField(
        label=_("hoặc tập thể được đề nghị"),
        queryset=Unit.objects,
        required=False,
        widget=unit_search(),
    )
    award_type = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức đề nghị"),
        queryset=AwardType.objects,
        empty_label=_("Chọn danh hiệu, hình thức…"),
    )
    deciding_unit = forms.ModelChoiceField(
        label=_("Cấp quyết định khen thưởng"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_(
            "Hồ sơ đi qua các cấp từ đơn vị mình lên cấp quyết định. Có thể chọn cấp cao hơn "
            "cũng có thẩm quyền với hình thức này."
        ),
    )
    summary = forms.CharField(
        label=_("Tóm tắt thành tích"), widget=forms.Textarea(attrs={"rows": 5})
    )
    achievements = forms.ModelMultipleChoiceField(
        label=_("Thành tích kèm theo"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": WRONG_ACHIEVEMENT},
        help_text=_("Thành tích đã ghi nhận của cá nhân, tập thể được chọn ở trên."),
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
        campaigns = selectors.campaigns_with(
            selectors.open_campaigns(), nomination.campaign_id if nomination is not None else None
        )
        self.fields["campaign"].queryset = campaigns
        if not self.is_bound and "campaign" not in self.initial:
            only = list(campaigns[:2])
            if len(only) == 1:
                self.initial["campaign"] = only[0].pk
        self.fields["award_type"].queryset = AwardType.objects.filter(
            is_active=True, campaigns__in=campaigns
        ).distinct()
        self.fields["achievements"].queryset = self.subject_achievements(user)
        self.limit_deciding_units()
        if nomination is not None:
            self.fields["remove_files"] = forms.ModelMultipleChoiceField(
                label=_("Xóa tệp đã đính kèm"),
                queryset=nomination.files.all(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def chosen_subject_ids(self) -> tuple[int | None, int | None]:
        """(individual id, unit id) as submitted, or as chosen before when unbound."""
        if self.is_bound:
            raw = (self.data.get("individual"), self.data.get("unit"))
        else:
            nomination = self.nomination
            raw = (
                self.initial.get("individual", nomination and nomination.individual_id),
                self.initial.get("unit", nomination and nomination.unit_id),
            )
        return tuple(_key(value) for value in raw)

    def chosen_award_type_id(self) -> int | None:
        if self.is_bound:
            return _key(self.data.get("award_type"))
        nomination = self.nomination
        return _key(self.initial.get("award_type", nomination and nomination.award_type_id))

    def limit_deciding_units(self):
        """The units that may decide the chosen form over the chosen subject today, lowest
        first (``routing.deciding_unit_choices``); the empty choice is the lowest."""
        field = self.fields["deciding_unit"]
        individual_id, unit_id = self.chosen_subject_ids()
        award_type = AwardType.objects.filter(pk=self.chosen_award_type_id() or 0).first()
        subject_unit = None
        if individual_id and not unit_id:
            person = Individual.objects.filter(pk=individual_id).select_related("unit").first()
            subject_unit = person.unit if person is not None else None
        elif unit_id and not individual_id:
            subject_unit = Unit.objects.filter(pk=unit_id).first()
        choices = []
        if award_type is not None and subject_unit is not None:
            choices = routing.deciding_unit_choices(subject_unit, award_type, timezone.localdate())
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in choices]).order_by("-path")
        field.empty_label = (
            _("Mặc định: %(unit)s") % {"unit": choices[0].name}
            if choices
            else _("Mặc định: đơn vị thấp nhất có thẩm quyền")
        )
        if not self.is_bound and self.nomination is not None:
            self.initial.setdefault("deciding_unit", self.nomination.deciding_unit_id)

    @property
    def has_subject(self) -> bool:
        return any(self.chosen_subject_ids())

    def subject_achievements(self, user):
        """The visible achievements of the chosen subject; none while none is chosen."""
        individual_id, unit_id = self.chosen_subject_ids()
        visible = achievements_visible_to(user).select_related("individual", "unit")
        if individual_id and not unit_id:
            return visible.filter(individual_id=individual_id)
        if unit_id and not individual_id:
            return visible.filter(unit_id=unit_id, individual__isnull=True)
        return visible.none()

    def clean(self):
        cleaned = super().clean()
        self.clean_subject(cleaned)
        self.clean_award_type_fits(cleaned)
        achievements = cleaned.get("achievements") or []
        subject = cleaned.get("individual") or cleaned.get("unit")
        if subject is not None and any(a.subject != subject for a in achievements):
            self.add_error("achievements", WRONG_ACHIEVEMENT)
        return cleaned

    def dossier_uploads(self):
        """[(kind, processed upload)] for the files chosen in this submission."""
        return [
            (kind, self.cleaned_data[name])
            for name, kind in DOSSIER_FIELDS.items()
            if self.cleaned_data.get(name)
        ]


def _key(value) -> int | None:
    """A primary key from a submitted or initial value (a model, a number, text); None for
    anything else, a number out of the key's range included."""
    value = getattr(value, "pk", value)
    try:
        key = int(value)
    except (TypeError, ValueError):
        return None
    return key if 0 < key < 2**63 else None


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


#: The bulk action that leads to the forwarding page (trình cấp trên) rather than acting.
FORWARD = "forward"


class BulkActionForm(forms.Form):
    """The queue's bulk action: nothing is chosen for the user, so a slip of the
    mouse approves nothing."""

    action = forms.ChoiceField(
        label=_("Thao tác với hồ sơ đã chọn"),
        choices=[
            ("", _("— Chọn thao tác —")),
            ("approve", _("Duyệt các hồ sơ đã chọn")),
            ("return", _("Trả lại các hồ sơ đã chọn")),
            (FORWARD, _("Trình cấp trên các hồ sơ đã chọn")),
        ],
        error_messages={
            "required": _("Chọn thao tác cần thực hiện (duyệt hoặc trả lại)."),
            "invalid_choice": _("Thao tác không hợp lệ."),
        },
    )
    ids = forms.TypedMultipleChoiceField(coerce=int, required=False)
    #: Every row the queue's filters find, not only the ticked ones (``filters`` is the
    #: queue's query string).
    everything = forms.BooleanField(required=False)
    filters = forms.CharField(required=False, max_length=2000)
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi trả lại)"),
        required=False,
        widget=forms.TextInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is accepted here; the view narrows them to the visible rows.
        submitted = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in submitted]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("everything") and not cleaned.get("ids"):
            raise forms.ValidationError(_("Chọn ít nhất một hồ sơ trong danh sách."))
        if cleaned.get("everything") and cleaned.get("action") == FORWARD:
            raise forms.ValidationError(
                _(
                    "Trình cấp trên cần đánh dấu từng hồ sơ: một tờ trình không áp dụng "
                    "cho cả bộ lọc."
                )
            )
        return cleaned
