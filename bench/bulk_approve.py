"""Bulk approval of 1,000 submitted nominations, as staff do it from the queue: the
action applied to every row the queue's filters find (``everything``), not to 1,000
ticked ids (which one POST could not carry past ``DATA_UPLOAD_MAX_NUMBER_FIELDS``).

    python -m bench.bulk_approve [N]

Prints the time of the approval itself (the staff's POST through the whole
request cycle: lock, check, update, log, queue one notification task) and,
separately, the time of the notification task that follows in the background.
"""

import sys
import time

from bench.common import scratch_database
from bench.server import signed_in


def main(count: int) -> None:
    with scratch_database() as connection:
        from django.contrib.auth.models import Group
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        from awards.enums import NominationState
        from awards.models import AwardType, Nomination
        from awards.tasks import notify_nomination_changes
        from common.models import ActivityLog
        from tests.factories import (
            CampaignFactory,
            IndividualFactory,
            OfficerMembershipFactory,
            UnitFactory,
            UserFactory,
        )
        from units.rules import EMULATION_STAFF_GROUP

        staff = UserFactory(username="bench-staff")
        staff.groups.add(Group.objects.get(name=EMULATION_STAFF_GROUP))
        unit = UnitFactory()
        OfficerMembershipFactory(unit=unit)
        campaign = CampaignFactory()
        people = IndividualFactory.create_batch(count, unit=unit)
        award = AwardType.objects.get(code="giay-khen")
        Nomination.objects.bulk_create(
            Nomination(
                individual=p,
                nominating_unit=unit,
                campaign=campaign,
                award_type=award,
                summary="Hoàn thành xuất sắc nhiệm vụ phòng, chống dịch",
                state=NominationState.SUBMITTED,
            )
            for p in people
        )
        # The staff's POST from the review queue, through the whole request
        # cycle; the notification task it queues after commit goes to an
        # in-memory broker and is timed apart below.
        client = Client()
        signed_in(client, staff)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                reverse("awards:nomination_bulk"),
                {"action": "approve", "everything": "1", "filters": "queue=all"},
            )
        approve_s = time.perf_counter() - started
        assert response.status_code == 302
        logged = ActivityLog.objects.filter(new_state=NominationState.APPROVED)
        assert logged.count() == count

        started = time.perf_counter()
        notify_nomination_changes(activity_ids=list(logged.values_list("pk", flat=True)))
        notify_s = time.perf_counter() - started

        vendor = connection.vendor
        print(
            f"bulk approve ({vendor}): {count} nominations in {approve_s:.2f} s "
            f"({len(queries)} queries); notification task afterwards {notify_s:.2f} s"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
