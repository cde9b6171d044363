"""The award-at-once form (khen thưởng ngay): one screen, prefilled, phone-sized.

It validates; ``services.award_at_once`` writes and checks everything again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from units.forms import SignerChoiceField, check_signer
from units.models import Unit
from units.selectors import signers_of

from ..services.award_at_once import default_citation, head_signer


class AwardAtOnceForm(forms.Form):
    """Issuer (one of ``issuers``), signing day, citation, signer; the amount of a
    cash award.  The title or form is the nomination's."""

    issuer = forms.ModelChoiceField(
        label=_("Cơ quan ra quyết định"), queryset=Unit.objects.none(), empty_label=None
    )
    signed_date = forms.DateField(
        label=_("Ngày ký"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        validators=[validate_happened_date],
    )
    citation = forms.CharField(
        label=_("Lý do khen thưởng"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    signer = SignerChoiceField()
    signer_title = forms.CharField(
        label=_("Chức vụ người ký (nhập tay)"), max_length=128, required=False
    )
    signer_name = forms.CharField(
        label=_("Họ và tên người ký (nhập tay)"), max_length=128, required=False
    )
    fixed_amount = forms.IntegerField(label=_("Mức thưởng (đồng)"), min_value=0, required=False)

    def __init__(self, *args, nomination, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.nomination = nomination
        today = timezone.localdate()
        self.fields["issuer"].queryset = Unit.objects.filter(pk__in=[u.pk for u in issuers])
        self.fields["signer"].set_signers(signers_of(self.fields["issuer"].queryset, day=today))
        award = nomination.award_type
        if award.is_statutory:
            del self.fields["fixed_amount"]
        elif award.is_cash_only:
            self.fields["fixed_amount"].required = True
        if not self.is_bound and issuers:
            signer = head_signer(issuers[0], today)
            self.initial.update(
                {
                    "issuer": issuers[0].pk,
                    "signed_date": today,
                    "citation": default_citation(nomination),
                    "signer": signer.pk if signer is not None else "",
                }
            )

    def clean(self):
        cleaned = super().clean()
        if isinstance(cleaned.get("citation"), str):
            cleaned["citation"] = cleaned["citation"].replace("\r\n", "\n").strip()
        check_signer(
            self,
            issuer=cleaned.get("issuer"),
            day=cleaned.get("signed_date"),
            signer=cleaned.get("signer"),
        )
        return cleaned
