"""Who hears about a nomination's change of state, and about a draft awarded at once
that waits for its unit's leaders; and what they are told."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from common.notifications import Notice, notify, notify_many
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


class _Audiences:
    """Who hears about each of many nominations, read in one query per kind of
    audience (the units' memberships, the staff) rather than one per nomination."""

    def __init__(self, nominations):
        units = {n.nominating_unit_id for n in nominations} | {
            n.reviewing_unit_id
            for n in nominations
            if n.reviewing_unit is not None and n.reviewing_unit.level != UnitLevel.PROVINCE
        }
        self.members = {}
        memberships = OfficerMembership.objects.filter(unit__in=units, is_active=True)
        for membership in memberships.select_related("user").order_by("pk"):
            self.members.setdefault(membership.unit_id, []).append(membership.user)
        self._staff = None

    def unit(self, nomination):
        users = set(self.members.get(nomination.nominating_unit_id, []))
        if nomination.created_by is not None:
            users.add(nomination.created_by)
        return users

    def reviewers(self, nomination):
        unit = nomination.reviewing_unit
        if unit is None or unit.level == UnitLevel.PROVINCE:
            if self._staff is None:
                self._staff = list(staff_users())
            return self._staff
        return list(self.members.get(unit.pk, []))


def notify_about_transition(entry):
    """Tell the other side about a submit, return, approval or rejection."""
    notify_about_transitions([entry])


def notify_about_transitions(entries):
    """:func:`notify_about_transition` for many log entries (a bulk action's) at once:
    the nominations, their audiences, the users' email choices and the notifications
    each read or written in one query (or one batch), whatever their number."""
    entries = [e for e in entries if e.new_state in MESSAGES]
    if not entries:
        return
    nominations = Nomination.objects.select_related(
        "individual", "unit", "award_type", "nominating_unit", "created_by", "reviewing_unit"
    ).in_bulk([int(e.object_id) for e in entries])
    audiences = _Audiences(nominations.values())
    notices = []
    for entry in entries:
        nomination = nominations.get(int(entry.object_id))
        if nomination is None:
            continue
        audience, title = MESSAGES[entry.new_state]
        users = (
            audiences.reviewers(nomination)
            if audience == "reviewers"
            else audiences.unit(nomination)
        )
        notices.append(
            Notice(
                users=[u for u in users if u.pk != entry.actor_id],
                activity=entry,
                title=_(title) % {"nomination": nomination},
                body=entry.note,
                url=reverse("awards:nomination_detail", args=[nomination.pk]),
                context={"nomination": nomination, "entry": entry},
            )
        )
    notify_many(notices, email_template="awards/emails/nomination_state")


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
