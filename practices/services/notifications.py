"""Who hears about a practice's change of state or a new adoption, and what they are
told: the staff of a submission, the practice's unit of everything else."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from common.notifications import notify
from units.models import OfficerMembership
from units.selectors import staff_users

from ..activity import PRACTICE_ADOPT, PRACTICE_STATE
from ..enums import PracticeState
from ..models import Practice

#: new state -> (who is told, title)
MESSAGES = {
    PracticeState.SUBMITTED: ("staff", N_("Sáng kiến, mô hình mới gửi: %(practice)s")),
    PracticeState.CHANGES_REQUESTED: (
        "unit",
        N_("Sáng kiến, mô hình cần bổ sung: %(practice)s"),
    ),
    PracticeState.PUBLISHED: ("unit", N_("Sáng kiến, mô hình đã được công bố: %(practice)s")),
    PracticeState.DECLINED: ("unit", N_("Sáng kiến, mô hình không được công bố: %(practice)s")),
    PracticeState.UNPUBLISHED: ("unit", N_("Sáng kiến, mô hình đã bị gỡ: %(practice)s")),
}


def unit_officers(practice):
    users = {
        m.user
        for m in OfficerMembership.objects.filter(
            unit=practice.unit_id, is_active=True
        ).select_related("user")
    }
    if practice.created_by is not None:
        users.add(practice.created_by)
    return sorted(users, key=lambda u: u.pk)


def notify_about_practice(entry):
    """Tell the other side about ``entry`` (a change of state or an adoption)."""
    practice = (
        Practice.objects.select_related("unit", "created_by").filter(pk=entry.object_id).first()
    )
    if practice is None:
        return
    url = reverse("practices:detail", args=[practice.pk])
    if entry.action == PRACTICE_ADOPT:
        users, title = (
            unit_officers(practice),
            _("%(unit)s đã áp dụng sáng kiến, mô hình: %(practice)s")
            % {"unit": entry.data.get("unit", ""), "practice": practice.title},
        )
    elif entry.action == PRACTICE_STATE and entry.new_state in MESSAGES:
        audience, title = MESSAGES[entry.new_state]
        users = list(staff_users()) if audience == "staff" else unit_officers(practice)
        title = _(title) % {"practice": practice.title}
    else:
        return
    notify(
        [u for u in users if u.pk != entry.actor_id],
        activity=entry,
        title=title[:255],
        body=entry.note,
        url=url,
    )
