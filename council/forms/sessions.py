"""The secretary's forms: a session's details and agenda, a material, attendance,
an absent member's written opinion, the paper-ballot counts.  Forms validate;
the services in ``services/sessions.py`` write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.uploads import EvidenceFileField

from ..enums import Choice
from ..selectors import councils_managed_by, nominations_needing_council

DATETIME_WIDGET = {"type": "datetime-local"}
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]


def _datetime_field(label, **kwargs):
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs=DATETIME_WIDGET, format="%Y-%m-%dT%H:%M"),
        input_formats=DATETIME_FORMATS,
        **kwargs,
    )


class NominationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.subject_name} – {obj.nominating_unit.name} – {obj.award_type.name}"


class SessionForm(forms.Form):
    council = forms.ModelChoiceField(label=_("Hội đồng"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Nội dung phiên họp"), max_length=255)
    meeting_at = _datetime_field(_("Thời gian họp"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    votes_open_at = _datetime_field(_("Mở bỏ phiếu lúc"))
    votes_close_at = _datetime_field(_("Đóng bỏ phiếu lúc"))
    is_paper = forms.BooleanField(
        label=_("Bỏ phiếu giấy (thư ký nhập kết quả kiểm phiếu)"), required=False
    )
    nominations = NominationChoiceField(
        label=_("Hồ sơ đưa ra xét"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Các hồ sơ đang chờ quyết định mà danh hiệu, hình thức cần Hội đồng biểu quyết."
        ),
    )

    def __init__(self, *args, user, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        councils = councils_managed_by(user)
        self.fields["council"].queryset = councils
        if session is not None:
            self.fields["council"].disabled = True
            self.fields["council"].queryset = councils.model.objects.filter(pk=session.council_id)
            self.initial.setdefault("council", session.council_id)
            if session.state != "draft":
                del self.fields["nominations"]
                self.fields["is_paper"].disabled = True
        elif not self.is_bound and councils[:1]:
            self.initial.setdefault("council", councils[0].pk)
        if "nominations" in self.fields:
            self.fields["nominations"].queryset = self._candidates()

    def _candidates(self):
        council = self._council()
        if council is None:
            return self.fields["nominations"].queryset.model.objects.none()
        day = self._day()
        candidates = nominations_needing_council(council, day)
        if self.session is not None:
            on_agenda = self.session.items.values("nomination")
            candidates = candidates | candidates.model.objects.filter(pk__in=on_agenda)
        return candidates.select_related("award_type", "individual", "unit", "nominating_unit")

    def _council(self):
        if self.session is not None:
            return self.session.council
        value = self.data.get("council") if self.is_bound else self.initial.get("council")
        return self.fields["council"].queryset.filter(pk=value).first() if value else None

    def _day(self):
        if self.is_bound:
            try:
                return self.fields["meeting_at"].clean(self.data.get("meeting_at")).date()
            except forms.ValidationError:
                pass
        if self.session is not None:
            return timezone.localdate(self.session.meeting_at)
        return timezone.localdate()

    def clean(self):
        data = super().clean()
        opens, closes = data.get("votes_open_at"), data.get("votes_close_at")
        if opens and closes and closes <= opens:
            self.add_error("votes_close_at", _("Giờ đóng bỏ phiếu phải sau giờ mở."))
        return data


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255)
    file = EvidenceFileField(label=_("Tệp (PDF hoặc ảnh)"))


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Thành viên dự họp"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (m.user_id, f"{m.user.get_full_name() or m.user.username} – {m.get_role_display()}")
            for m in members
        ]


class WrittenVoteForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Thành viên vắng mặt"), coerce=int)
    item = forms.TypedChoiceField(label=_("Hồ sơ"), coerce=int)
    choice = forms.ChoiceField(label=_("Ý kiến"), choices=Choice.choices)

    def __init__(self, *args, members, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [
            (m.user_id, m.user.get_full_name() or m.user.username) for m in members
        ]
        self.fields["item"].choices = [(i.pk, str(i)) for i in items]


class PaperCountForm(forms.Form):
    item = forms.TypedChoiceField(label=_("Hồ sơ"), coerce=int)
    agree = forms.IntegerField(label=_("Đồng ý"), min_value=0, max_value=1000)
    disagree = forms.IntegerField(label=_("Không đồng ý"), min_value=0, max_value=1000)
    abstain = forms.IntegerField(
        label=pgettext_lazy("ballot choice", "Không biểu quyết"), min_value=0, max_value=1000
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.pk, str(i)) for i in items]
