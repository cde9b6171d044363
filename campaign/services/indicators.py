"""A campaign's indicators (chỉ tiêu), as the staff edit them.

:func:`save_indicators` writes a valid indicator formset: it acts for ``by`` and
asks :func:`campaign.rules.can_edit_indicators` under the campaign's lock; an
indicator some unit already set a target or reported a figure for is not
deleted (its rows are kept, ``PROTECT``) and the whole change is refused with a
:class:`CampaignError`, nothing written.  The change is logged on the campaign.
"""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from common.models import log_activity
from common.text import nfc

from .. import rules
from ..activity import INDICATORS_UPDATE
from ..models import Campaign
from .campaigns import CampaignError


def save_indicators(campaign, formset, *, by) -> list:
    """Write the formset's indicators for ``campaign``; returns them in order."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not rules.can_edit_indicators(by, locked):
            raise CampaignError(_("Bạn không có quyền sửa chỉ tiêu của phong trào này."))
        indicators = formset.save(commit=False)
        for indicator in formset.deleted_objects:
            try:
                with transaction.atomic():
                    indicator.delete()
            except ProtectedError as error:
                raise CampaignError(
                    _(
                        "Chỉ tiêu “%(name)s” đã có đơn vị đăng ký hoặc báo cáo số liệu: "
                        "không xóa được."
                    )
                    % {"name": indicator.name}
                ) from error
        for indicator in indicators:
            indicator.campaign = locked
            indicator.name = nfc(" ".join(indicator.name.split()))
            indicator.measure = nfc(indicator.measure.strip())
            indicator.save()
        kept = list(locked.indicators.order_by("position", "id"))
        log_activity(
            locked,
            INDICATORS_UPDATE,
            actor=by,
            note="; ".join(str(indicator) for indicator in kept),
        )
    return kept
