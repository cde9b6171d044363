"""The forwarding form (trình cấp trên): which nominations, the letter's date, its signer
among the unit's signers in force, an optional note.  It validates; the service
(``services.forwarding.forward_nominations``) writes and checks everything again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from units.forms import SignerChoiceField, check_signer
from units.selectors import signers_of


class ForwardForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Chọn ít nhất một hồ sơ để trình.")},
    )
    signed_date = forms.DateField(
        label=_("Ngày ký tờ trình"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        validators=[validate_happened_date],
    )
    signer = SignerChoiceField(
        label=_("Người ký tờ trình"),
        help_text=_(
            "Người ký của đơn vị còn hiệu lực; đơn vị chưa có danh sách người ký thì "
            "tờ trình ghi tên người trình dưới chức danh thủ trưởng."
        ),
    )
    note = forms.CharField(
        label=_("Ghi chú gửi cấp trên"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, issuer, ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.issuer = issuer
        today = timezone.localdate()
        submitted = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in [*submitted, *map(str, ids)]]
        signers = signers_of([issuer], day=today) if issuer is not None else []
        self.fields["signer"].set_signers(signers)
        if not self.is_bound:
            first = next(iter(signers), None)
            self.initial.update(
                {
                    "ids": list(ids),
                    "signed_date": today,
                    "signer": first.pk if first is not None else "",
                }
            )

    def clean(self):
        cleaned = super().clean()
        check_signer(
            self,
            issuer=self.issuer,
            day=cleaned.get("signed_date"),
            signer=cleaned.get("signer"),
            typed=(),
        )
        return cleaned
