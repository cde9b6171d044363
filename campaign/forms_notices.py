"""The form that starts a batch of reminder notices.  It validates; the notices service writes."""

from django import forms
from django.utils import timezone

from units.models import Unit

from .models import NoticeBatch

#: Where a letter is written when the issuer has no place name of its own.
DEFAULT_PLACE = "Bến Tre"


def issuer_choices(campaign, today):
    """Bodies that issue documents (they have an issuer name), and the campaign's launcher."""
    active = Unit.objects.active_on(today).exclude(issuer_name="")
    return (active | Unit.objects.filter(pk=campaign.issuing_unit_id)).order_by("path")


class NoticeBatchForm(forms.ModelForm):
    class Meta:
        model = NoticeBatch
        fields = [
            "issuer",
            "number",
            "symbol",
            "place",
            "date",
            "signer_authority",
            "signer_title",
            "signer_name",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["issuer"].queryset = issuer_choices(campaign, today)
        self.fields["issuer"].empty_label = None
        self.fields["date"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        if not self.is_bound:
            self.initial.update(initial_values(campaign, today))


def initial_values(campaign, today) -> dict:
    """Prefill: the campaign's launcher issues, from its place, today; the signer of the
    launcher's last batch, or the usual signer of a people's committee."""
    issuer = campaign.issuing_unit
    values = {
        "issuer": issuer.pk,
        "place": issuer.place_name or DEFAULT_PLACE,
        "date": today,
        "symbol": "TĐKT",
    }
    last = (
        NoticeBatch.objects.filter(issuer=issuer)
        .order_by("-created_at", "-id")
        .values("symbol", "signer_authority", "signer_title", "signer_name")
        .first()
    )
    if last:
        values.update(last)
    elif (issuer.issuer_name or issuer.name).upper().startswith("ỦY BAN NHÂN DÂN"):
        values.update(signer_authority="KT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH")
    return values
