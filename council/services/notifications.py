"""What the members of a council hear when a session is called."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.notifications import notify

from ..models import Session
from ..selectors import voting_members


def notify_members_of_session(entry):
    """Notify the session's voting members (``entry``: the log row of its opening)."""
    session = Session.objects.select_related("council").filter(pk=entry.object_id).first()
    if session is None:
        return
    users = [m.user for m in voting_members(session)]
    meeting = timezone.localtime(session.meeting_at)
    closes = timezone.localtime(session.votes_close_at)
    notify(
        users,
        activity=entry,
        title=_("Triệu tập phiên họp Hội đồng: %(title)s") % {"title": session.title},
        body=_("Họp lúc %(when)s tại %(place)s. Bỏ phiếu đến %(closes)s.")
        % {
            "when": date_format(meeting, "d/m/Y H:i"),
            "place": session.place,
            "closes": date_format(closes, "d/m/Y H:i"),
        },
        url=reverse("council:session_vote", args=[session.pk]),
    )
