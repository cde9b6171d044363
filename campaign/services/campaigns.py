"""Campaigns (phong trào thi đua) as the staff keep them: create, edit, change state, close.

:func:`save_campaign` is the one writer of a campaign's plan fields; it also
keeps ``search_name`` (title and plan reference, accents folded) and stores
the plan's file, an upload already checked by ``common.uploads``.
:func:`set_campaign_state` is the one place where ``status`` changes
(``CAMPAIGN_TRANSITIONS``); :func:`close_campaign` records the closing
decision's number and date through it.  Each acts for a person (``by``), asks
the :mod:`campaign.rules` predicate again under the lock of the campaign row,
and refuses with a :class:`CampaignError`, whose message is shown as is and
after which nothing has changed.  Every change is written to the activity log.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from common.models import log_activity
from common.text import fold, nfc

from .. import rules
from ..activity import CAMPAIGN_CREATE, CAMPAIGN_STATE, CAMPAIGN_UPDATE
from ..enums import CAMPAIGN_TRANSITIONS, CampaignStatus
from ..models import Campaign


class CampaignError(Exception):
    """A campaign change that cannot happen; the message is shown to the user as is."""


def campaign_search_name(campaign) -> str:
    """What the list's search box looks in: the title and the plan reference, folded."""
    return fold(f"{campaign.title} {campaign.plan_reference}")[:600]


def clean_items(items) -> list[str]:
    """Content items as stored: NFC, trimmed, no empty ones."""
    return [nfc(item.strip()) for item in items or [] if item and item.strip()]


def save_campaign(form, *, by, plan_file=None) -> Campaign:
    """Create or update a campaign from a valid form; ``plan_file`` is a checked upload
    (``common.uploads.ProcessedUpload``) replacing the stored file, or ``None``."""
    with transaction.atomic():
        created = form.instance.pk is None
        if created:
            if not rules.can_manage_campaigns(by):
                raise CampaignError(_("Bạn không có quyền tạo phong trào thi đua."))
            previous = ""
        else:
            locked = Campaign.objects.select_for_update().get(pk=form.instance.pk)
            if not rules.can_edit_campaign(by, locked):
                raise CampaignError(
                    _("Phong trào “%(title)s” đã kết thúc, không sửa được nữa.")
                    % {"title": locked.title}
                    if locked.status == CampaignStatus.CLOSED
                    else _("Bạn không có quyền sửa phong trào thi đua này.")
                )
            previous = locked.status
        campaign = form.save(commit=False)
        if not created:
            campaign.status = previous  # the form never changes the state
        campaign.content_items = clean_items(campaign.content_items)
        campaign.search_name = campaign_search_name(campaign)
        if plan_file is not None:
            campaign.plan_file.save(f"upload{plan_file.extension}", plan_file.content, save=False)
            campaign.plan_file_name = plan_file.original_name
        campaign.save()
        form.save_m2m()
        log_activity(
            campaign,
            CAMPAIGN_CREATE if created else CAMPAIGN_UPDATE,
            actor=by,
            new_state=campaign.status if created else "",
        )
    return campaign


#: The predicate that allows a move to each state.
STATE_RULES = {
    CampaignStatus.LAUNCHED: rules.can_launch_campaign,
    CampaignStatus.CLOSED: rules.can_close_campaign,
}


def set_campaign_state(campaign, new_state, *, by, note="", changes=None) -> Campaign:
    """Move ``campaign`` to ``new_state`` or raise :class:`CampaignError`.

    The row is locked and re-read; a copy whose state is no longer the stored
    one (someone acted meanwhile) is refused.  ``changes`` are further fields
    written with the state (the closing decision).  ``campaign`` is refreshed
    in place.
    """
    seen = campaign.status
    changes = dict(changes or {})
    with transaction.atomic():
        current = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if current.status != seen:
            raise CampaignError(
                _("Phong trào vừa được người khác chuyển sang “%(state)s”. Vui lòng xem lại.")
                % {"state": current.get_status_display()}
            )
        if new_state not in CAMPAIGN_TRANSITIONS[CampaignStatus(current.status)]:
            raise CampaignError(
                _("Không thể chuyển phong trào từ “%(old)s” sang “%(new)s”.")
                % {"old": current.get_status_display(), "new": CampaignStatus(new_state).label}
            )
        if not STATE_RULES[new_state](by, current):
            raise CampaignError(_("Bạn không có quyền thực hiện thao tác này với phong trào."))
        current.status = new_state
        for field, value in changes.items():
            setattr(current, field, value)
        current.save(update_fields=["status", *changes, "updated_at"])
        log_activity(
            current,
            CAMPAIGN_STATE,
            actor=by,
            previous_state=seen,
            new_state=new_state,
            note=note,
            data={k: str(v) for k, v in changes.items()},
        )
    for field in ("status", "updated_at", *changes):
        setattr(campaign, field, getattr(current, field))
    return campaign


def close_campaign(campaign, *, by, closing_number, closing_date) -> Campaign:
    """Close a launched campaign by its closing decision (number, date).  An open-ended
    campaign ends on the decision's date; one with an end date keeps it."""
    closing_number = nfc((closing_number or "").strip())
    if not closing_number or closing_date is None:
        raise CampaignError(_("Vui lòng ghi số và ngày của quyết định kết thúc phong trào."))
    if closing_date < campaign.start_date:
        raise CampaignError(_("Ngày quyết định kết thúc không thể trước ngày bắt đầu phong trào."))
    changes = {"closing_number": closing_number, "closing_date": closing_date}
    if campaign.end_date is None:
        changes["end_date"] = closing_date
    note = _("Quyết định số %(number)s") % {"number": closing_number}
    return set_campaign_state(campaign, CampaignStatus.CLOSED, by=by, note=note, changes=changes)
