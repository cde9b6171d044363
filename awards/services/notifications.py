"""Who hears about a nomination's change of state, and about a draft awarded at once
that waits for its unit's leaders; and what they are told."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from common.notifications import notify
from units.enums import UnitLevel
from units.models import OfficerMembership
from units.rules import LEADER_ROLES
from units.selectors import staff_users

from ..enums import NominationState
from ..models import AwardDecision, Nomination

#: new state -> (who is told, title)
MESSAGES = {
    NominationState.SUBMITTED: ("reviewers", N_("Hồ sơ mới gửi: %(nomination)s")),
    NominationState.RETURNED: ("unit", N_("Hồ sơ bị trả lại để bổ sung: %(nomination)s")),
    NominationState.APPROVED: ("unit", N_("Hồ sơ đã được duyệt: %(nomination)s")),
    NominationState.REJECTED: ("unit", N_("Hồ sơ không được duyệt: %(nomination)s")),
}

#: the states whose arrival the other side hears about
NOTIFIED_STATES = frozenset(MESSAGES)


def unit_officers(nomination):
    users = {
        m.user
        for m in OfficerMembership.objects.filter(
            unit=nomination.nominating_unit, is_active=True
        ).select_related("user")
    }
    if nomination.created_by is not None:
        users.add(nomination.created_by)
    return users


def reviewers(nomination):
    """Who works in the queue holding ``nomination``: its unit's members, or the staff at
    the province."""
    unit = nomination.reviewing_unit
    if unit is None or unit.level == UnitLevel.PROVINCE:
        return list(staff_users())
    memberships = OfficerMembership.objects.filter(unit=unit, is_active=True)
    return [m.user for m in memberships.select_related("user").order_by("pk")]


def notify_about_transition(entry):
    """Tell the other side about a submit, return, approval or rejection."""
    if entry.new_state not in MESSAGES:
        return
    nomination = (
        Nomination.objects.select_related(
            "individual", "unit", "award_type", "nominating_unit", "created_by", "reviewing_unit"
        )
        .filter(pk=entry.object_id)
        .first()
    )
    if nomination is None:
        return
    audience, title = MESSAGES[entry.new_state]
    users = reviewers(nomination) if audience == "reviewers" else list(unit_officers(nomination))
    users = [u for u in users if u.pk != entry.actor_id]
    notify(
        users,
        activity=entry,
        title=_(title) % {"nomination": nomination},
        body=entry.note,
        url=reverse("awards:nomination_detail", args=[nomination.pk]),
        email_template="awards/emails/nomination_state",
        context={"nomination": nomination, "entry": entry},
    )


def notify_leaders_to_issue(entry):
    """Tell the issuer's leaders (head, deputies) that the officer's draft awarded at
    once (``entry``, logged on the decision) waits for them to issue it."""
    decision = (
        AwardDecision.objects.select_related("issuer", "award_type")
        .filter(pk=entry.object_id)
        .first()
    )
    if decision is None:
        return
    leaders = [
        m.user
        for m in OfficerMembership.objects.filter(
            unit=decision.issuer_id, is_active=True, role__in=LEADER_ROLES
        )
        .select_related("user")
        .order_by("pk")
        if m.user_id != entry.actor_id
    ]
    notify(
        leaders,
        activity=entry,
        title=_("Chờ ban hành: %(award)s cho %(name)s")
        % {"award": decision.award_type.name, "name": entry.note},
        body=_("Khen thưởng ngay do cán bộ của %(issuer)s lập: vui lòng xem và ban hành.")
        % {"issuer": decision.issuer.name},
        url=reverse("awards:decision_issue", args=[decision.pk]),
    )
