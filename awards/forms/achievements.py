"""The achievement form and its several-files evidence field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.uploads import EvidenceFileField, check_file_count, max_upload_files

from .. import selectors
from ..models import Achievement
from .subjects import SubjectChoiceMixin, person_search, unit_search


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceFilesField(EvidenceFileField):
    """Several photos or PDFs at once, at most ``UPLOAD_MAX_FILES``; ``cleaned_data`` is a
    list of uploads."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            return super().clean(None, initial) or []
        check_file_count(len(files))
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
            "individual": person_search(),
            "unit": unit_search(),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_subjects(user)
        self.fields["unit"].label = _("hoặc tập thể")
        self.fields["campaign"].queryset = selectors.published_campaigns()
        self.fields["campaign"].empty_label = _("(Không gắn với phong trào)")
        category = self.fields["category"]
        category.choices = [("", _("Chọn loại thành tích…"))] + [
            choice for choice in category.choices if choice[0] != ""
        ]
        self.fields["evidence_files"].help_text = _("Tối đa %(limit)s tệp mỗi lần lưu.") % {
            "limit": max_upload_files()
        }
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
