"""The review queue's cached rows and filter form (awards/views/nominations.py): never
stale after a change through any service or write path, never another scope's rows,
the language kept apart, and a warm page costs a constant handful of queries."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from awards.enums import NominationState
from awards.models import Nomination
from awards.services.decisions import add_recipients
from awards.services.nominations import perform, perform_bulk
from awards.views import nominations as queue_views
from tests.awards.services.test_decisions import approved, draft, issue, make_world
from tests.factories import (
    AwardTypeFactory,
    CampaignFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UnitFactory,
    UserFactory,
)
from units.enums import UnitLevel
from units.models import Individual, Unit
from units.rules import EMULATION_STAFF_GROUP

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

QUEUE = reverse("awards:nomination_list")


@pytest.fixture
def world(staff_user):
    """Sở Y tế (an officer) and Công an tỉnh (an officer); a doctor's draft nomination of
    Sở Y tế for a form the province decides."""
    health = UnitFactory(name="Sở Y tế")
    police = UnitFactory(name="Công an tỉnh")
    officer = OfficerMembershipFactory(unit=health, user=UserFactory(username="yte")).user
    police_officer = OfficerMembershipFactory(unit=police, user=UserFactory(username="ca")).user
    award = AwardTypeFactory(
        name="Bằng khen tỉnh", code="bang-khen-tinh", deciding_levels=[UnitLevel.PROVINCE]
    )
    campaign = CampaignFactory()
    campaign.allowed_award_types.add(award)
    nomination = NominationFactory(
        individual=IndividualFactory(full_name="Nguyễn Văn An", unit=health),
        nominating_unit=health,
        campaign=campaign,
        award_type=award,
        created_by=officer,
    )
    return {
        "health": health,
        "police": police,
        "officer": officer,
        "police_officer": police_officer,
        "staff": staff_user,
        "nomination": nomination,
    }


def tbody(html: str) -> str:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def rows_of(client, user, **params) -> list[tuple[str, str]]:
    """(subject, state label) of each row of ``user``'s queue as the HTML shows it."""
    client.force_login(user)
    response = client.get(QUEUE, {"queue": "all", **params})
    assert response.status_code == 200
    body = tbody(response.content.decode())
    names = re.findall(r'nominations/\d+/">([^<]+)</a>', body)
    states = re.findall(r'<span class="badge text-bg-\w+">([^<]+)</span>', body)
    return list(zip(names, states, strict=True))


def test_a_second_identical_request_is_served_from_the_cache(client, world, monkeypatch):
    built = []
    render = queue_views._QueueListing.render
    monkeypatch.setattr(
        queue_views._QueueListing, "render", lambda self: built.append(1) or render(self)
    )

    first = rows_of(client, world["staff"])
    second = rows_of(client, world["staff"])

    assert first == second == [("Nguyễn Văn An", "Dự thảo")]
    assert built == [1]


def test_a_warm_page_costs_the_user_and_nothing_else(client, world, django_assert_num_queries):
    client.force_login(world["staff"])
    client.get(QUEUE)  # the session, the roles, the rows, the form and the bell cached

    with django_assert_num_queries(1):  # the signed-in user (AuthenticationMiddleware)
        response = client.get(QUEUE)

    assert response.status_code == 200
    assert "Nguyễn Văn An" in response.content.decode()


def test_every_transition_through_the_services_shows_at_once(client, world):
    nomination, officer, staff = world["nomination"], world["officer"], world["staff"]
    steps = [
        (officer, "submit", "", NominationState.SUBMITTED),
        (staff, "start_review", "", NominationState.IN_REVIEW),
        (staff, "return", "Bổ sung báo cáo thành tích", NominationState.RETURNED),
        (officer, "submit", "", NominationState.SUBMITTED),
        (staff, "approve", "", NominationState.APPROVED),
    ]
    seen = [(rows_of(client, staff), rows_of(client, officer))]  # both scopes cached

    for by, action, reason, _state in steps:
        perform(Nomination.objects.get(pk=nomination.pk), action, by=by, reason=reason)
        seen.append((rows_of(client, staff), rows_of(client, officer)))

    expected = [NominationState.DRAFT] + [state for *_, state in steps]
    assert seen == [([("Nguyễn Văn An", str(state.label))],) * 2 for state in expected]


@pytest.mark.parametrize(
    ("action", "reason", "state"),
    [
        ("reject", "Chưa đủ tiêu chuẩn", NominationState.REJECTED),
        ("withdraw", "", NominationState.WITHDRAWN),
    ],
)
def test_a_rejection_or_a_withdrawal_shows_at_once(client, world, action, reason, state):
    nomination, officer, staff = world["nomination"], world["officer"], world["staff"]
    perform(nomination, "submit", by=officer)
    assert rows_of(client, staff) == [("Nguyễn Văn An", "Đã gửi")]

    by = staff if action == "reject" else officer
    perform(Nomination.objects.get(pk=nomination.pk), action, by=by, reason=reason)

    assert rows_of(client, staff) == [("Nguyễn Văn An", str(state.label))]


def test_a_bulk_approval_shows_at_once(client, world):
    perform(world["nomination"], "submit", by=world["officer"])
    assert rows_of(client, world["staff"]) == [("Nguyễn Văn An", "Đã gửi")]

    perform_bulk(Nomination.objects.all(), "approve", by=world["staff"])

    assert rows_of(client, world["staff"]) == [("Nguyễn Văn An", "Đã duyệt")]


def test_an_issued_decision_shows_its_nominations_awarded(client, staff_user):
    decided = make_world()
    nomination = approved(
        decided, individual=IndividualFactory(full_name="Lê Thị Bình", unit=decided["ward"])
    )
    decision = draft(decided, staff_user)
    add_recipients(decision, [nomination], by=staff_user)
    assert rows_of(client, staff_user) == [("Lê Thị Bình", "Đã duyệt")]

    issue(decision, staff_user)

    assert rows_of(client, staff_user) == [("Lê Thị Bình", "Đã khen thưởng")]


def test_writes_past_the_services_show_at_once(client, world):
    """queryset.update(), bulk_update (the staff-list import's path) and a unit renamed:
    the tables are watched, not the callers."""
    staff = world["staff"]
    assert rows_of(client, staff) == [("Nguyễn Văn An", "Dự thảo")]

    Nomination.objects.update(state=NominationState.SUBMITTED)
    assert rows_of(client, staff) == [("Nguyễn Văn An", "Đã gửi")]

    person = Individual.objects.get(full_name="Nguyễn Văn An")
    person.full_name = "Nguyễn Văn Ân"
    Individual.objects.bulk_update([person], ["full_name"])
    assert rows_of(client, staff) == [("Nguyễn Văn Ân", "Đã gửi")]

    Unit.objects.filter(pk=world["health"].pk).update(name="Sở Y tế tỉnh Bến Tre")
    client.force_login(staff)
    assert "Sở Y tế tỉnh Bến Tre" in tbody(client.get(QUEUE, {"queue": "all"}).content.decode())


def test_a_new_nomination_appears_at_once(client, world):
    assert rows_of(client, world["officer"]) == [("Nguyễn Văn An", "Dự thảo")]

    NominationFactory(
        individual=IndividualFactory(full_name="Trần Văn Cường", unit=world["health"]),
        nominating_unit=world["health"],
    )

    assert sorted(rows_of(client, world["officer"])) == [
        ("Nguyễn Văn An", "Dự thảo"),
        ("Trần Văn Cường", "Dự thảo"),
    ]


def test_another_scope_never_gets_the_cached_rows(client, world):
    """Same query string, the cache warm with Sở Y tế's rows: Công an's officer sees
    only Công an's (none), and the staff every row."""
    assert rows_of(client, world["officer"]) == [("Nguyễn Văn An", "Dự thảo")]

    assert rows_of(client, world["police_officer"]) == []
    assert rows_of(client, world["staff"]) == [("Nguyễn Văn An", "Dự thảo")]


def test_a_role_given_changes_the_page_at_once(client, world):
    """Công an's officer joins the staff group: the next page is the staff's."""
    user = world["police_officer"]
    assert rows_of(client, user) == []

    user.groups.add(Group.objects.get(name=EMULATION_STAFF_GROUP))

    assert rows_of(client, user) == [("Nguyễn Văn An", "Dự thảo")]


def test_a_membership_ended_changes_the_page_at_once(client, world):
    officer = world["officer"]
    assert rows_of(client, officer) == [("Nguyễn Văn An", "Dự thảo")]

    officer.officer_memberships.update(is_active=False)

    client.force_login(officer)
    assert (
        client.get(reverse("awards:nomination_detail", args=[world["nomination"].pk])).status_code
        == 404
    )
    assert rows_of(client, officer) == []


def test_the_language_switch_is_never_served_the_other_languages_page(client, world):
    assert rows_of(client, world["staff"]) == [("Nguyễn Văn An", "Dự thảo")]

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(QUEUE, {"queue": "all"}).content.decode()
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    vietnamese = client.get(QUEUE, {"queue": "all"}).content.decode()

    assert ">Draft</span>" in tbody(english)
    assert '<option value="draft">Draft</option>' in english  # the filter form too
    assert ">Dự thảo</span>" in tbody(vietnamese)
    assert '<option value="draft">Dự thảo</option>' in vietnamese


def test_a_new_campaign_shows_in_the_filter_at_once(client, world):
    client.force_login(world["staff"])
    client.get(QUEUE)

    CampaignFactory(title="Thi đua phòng, chống dịch COVID-19")

    assert "Thi đua phòng, chống dịch COVID-19" in client.get(QUEUE).content.decode()


# --- The whole page, kept per user (common.cache.user_page) --------------------------


def csrf_of(html: str) -> str:
    (token,) = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    return token


def test_a_page_from_the_cache_carries_a_working_csrf_token_of_its_own(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["staff"])
    perform(world["nomination"], "submit", by=world["officer"])
    client.get(QUEUE)  # kept
    cached = client.get(QUEUE).content.decode()  # served from the cache

    assert "portal-cached-page-csrf-token" not in cached
    response = client.post(
        reverse("awards:nomination_bulk"),
        {
            "action": "approve",
            "ids": [world["nomination"].pk],
            "csrfmiddlewaretoken": csrf_of(cached),
        },
    )

    assert response.status_code == 302
    assert Nomination.objects.get().state == NominationState.APPROVED


def test_a_waiting_message_is_shown_not_a_kept_page(client, world):
    perform(world["nomination"], "submit", by=world["officer"])
    client.force_login(world["staff"])
    client.get(QUEUE)
    client.get(QUEUE)

    response = client.post(
        reverse("awards:nomination_bulk"),
        {"action": "approve", "ids": [world["nomination"].pk]},
        follow=True,
    )

    html = response.content.decode()
    assert "Đã xử lý 1 hồ sơ." in html
    assert ">Đã duyệt</span>" in tbody(html)


def test_two_staff_members_each_see_their_own_name_over_the_same_rows(client, world):
    first = world["staff"]
    first.last_name, first.first_name = "Trần Thị", "Lan"
    first.save()
    second = UserFactory(username="staff2", last_name="Phạm Văn", first_name="Hùng")
    second.groups.add(Group.objects.get(name=EMULATION_STAFF_GROUP))

    client.force_login(first)
    mine = client.get(QUEUE).content.decode()
    client.force_login(second)
    theirs = client.get(QUEUE).content.decode()

    assert ("Trần Thị Lan" in mine, "Phạm Văn Hùng" in mine) == (True, False)
    assert ("Trần Thị Lan" in theirs, "Phạm Văn Hùng" in theirs) == (False, True)
    assert tbody(mine) == tbody(theirs)


def test_the_bell_counts_a_new_notification_at_once(client, world):
    from common.models import Notification

    client.force_login(world["staff"])
    assert 'id="notifications-unread"' not in client.get(QUEUE).content.decode()

    Notification.objects.create(recipient=world["staff"], title="Hồ sơ mới")

    html = client.get(QUEUE).content.decode()
    assert re.search(r'id="notifications-unread">\s*1\s', html)
