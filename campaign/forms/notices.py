"""The form that starts a batch of reminder notices.  It validates; the notices service writes.

The place line of the letters is not asked: it is the issuer's own place name
(``Unit.place_name``), which the service writes on the batch.  The signer is
chosen among the issuers' signers (``units.UnitSigner``); the signature lines
are typed only for an issuer that has none.
"""

from django import forms
from django.utils import timezone

from units.forms import SignerChoiceField, check_signer
from units.selectors import signers_of

from ..models import NoticeBatch
from ..selectors import last_notice_signer, notice_issuers


class NoticeBatchForm(forms.ModelForm):
    signer = SignerChoiceField()

    class Meta:
        model = NoticeBatch
        fields = [
            "issuer",
            "number",
            "symbol",
            "date",
            "signer",
            "signer_authority",
            "signer_title",
            "signer_name",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        issuers = notice_issuers(campaign, today)
        self.fields["issuer"].queryset = issuers
        self.fields["issuer"].empty_label = None
        self.fields["signer"].set_signers(signers_of(issuers))
        for name in ("signer_title", "signer_name"):
            self.fields[name].required = False  # typed only without a listed signer
        self.fields["date"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        if not self.is_bound:
            self.initial.update(initial_values(campaign, today))

    def clean(self):
        cleaned = super().clean()
        check_signer(
            self,
            issuer=cleaned.get("issuer"),
            day=cleaned.get("date"),
            signer=cleaned.get("signer"),
        )
        return cleaned


def initial_values(campaign, today) -> dict:
    """Prefill: the campaign's launcher issues, today, signed as the launcher's last batch
    was (its listed signer while still in force, else the lines it typed)."""
    issuer = campaign.issuing_unit
    values = {"issuer": issuer.pk, "date": today, "symbol": "TĐKT"}
    last = last_notice_signer(issuer, today)
    if last:
        values.update(last)
    return values
