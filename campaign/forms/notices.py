"""The form that starts a batch of reminder notices.  It validates; the notices service writes.

The place line of the letters is not asked: it is the issuer's own place name
(``Unit.place_name``), which the service writes on the batch.
"""

from django import forms
from django.utils import timezone

from ..models import NoticeBatch
from ..selectors import last_notice_signer, notice_issuers


class NoticeBatchForm(forms.ModelForm):
    class Meta:
        model = NoticeBatch
        fields = [
            "issuer",
            "number",
            "symbol",
            "date",
            "signer_authority",
            "signer_title",
            "signer_name",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["issuer"].queryset = notice_issuers(campaign, today)
        self.fields["issuer"].empty_label = None
        self.fields["date"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        if not self.is_bound:
            self.initial.update(initial_values(campaign, today))


def initial_values(campaign, today) -> dict:
    """Prefill: the campaign's launcher issues, today; the signer of the launcher's last
    batch, or the usual signer of a people's committee."""
    issuer = campaign.issuing_unit
    values = {"issuer": issuer.pk, "date": today, "symbol": "TĐKT"}
    last = last_notice_signer(issuer)
    if last:
        values.update(last)
    elif (issuer.issuer_name or issuer.name).upper().startswith("ỦY BAN NHÂN DÂN"):
        values.update(signer_authority="KT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH")
    return values
