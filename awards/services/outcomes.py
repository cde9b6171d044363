"""What the statistics count of a nomination's award, kept on the nomination.

``Nomination.awarded_on`` is the date of the decision in force that awards it, and
``Nomination.award_amount`` the bonus of that decision's line:

* a line of an issued decision (``DecisionState.ISSUED``), not revoked one by one:
  the decision's signing date and the line's amount (the latest decision if, after
  a revocation, a second one awarded it again);
* otherwise the central decision recorded for it (``CentralOutcome.AWARDED``): its
  date, and no amount (the central level pays);
* otherwise nothing: empty date, amount 0.

Whoever changes one of those (``decisions.set_decision_state`` on issue and on
revocation, ``decisions.revoke_recipient``, ``central.record_central_result``)
calls :func:`refresh_award_fields` in the same transaction, so the statistics page
reads one table.  It is one UPDATE whatever the number of rows, and running it
twice changes nothing the second time.

The same moments change what the public honour board shows (an award issued,
revoked, a central award recorded), so it also retires the cached public pages
(``common.cache.bump``): now, and again when the transaction commits.
"""

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from common.cache import bump
from units.services.publicity import PUBLIC_AWARDS

from ..enums import CentralOutcome, DecisionState
from ..models import CentralSubmissionLine, Nomination, Recipient


def _line_in_force(field):
    lines = Recipient.objects.filter(
        nomination=OuterRef("pk"),
        revoked_at__isnull=True,
        decision__state=DecisionState.ISSUED,
    ).order_by("-decision__signed_date", "-id")
    return Subquery(lines.values(field)[:1])


def _central_date():
    lines = CentralSubmissionLine.objects.filter(
        nomination=OuterRef("pk"), outcome=CentralOutcome.AWARDED, result__isnull=False
    ).order_by("-result__decision_date", "-id")
    return Subquery(lines.values("result__decision_date")[:1])


def refresh_award_fields(nominations) -> int:
    """Recompute ``awarded_on`` and ``award_amount`` of ``nominations`` (a queryset);
    returns the number of rows updated."""
    bump(PUBLIC_AWARDS)
    return Nomination.objects.filter(pk__in=nominations.values("pk")).update(
        awarded_on=Coalesce(_line_in_force("decision__signed_date"), _central_date()),
        award_amount=Coalesce(_line_in_force("amount"), Value(0)),
    )
