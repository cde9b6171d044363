"""The home page (portal/views.py): each role's sections, the officer's to-do list,
and query counts that do not grow with the data."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.activity import CERTIFICATES_READY, DECISION_CREATE, DECISION_ISSUE, NOMINATION_STATE
from awards.enums import DecisionState, NominationState
from awards.services.nominations import perform
from campaign.activity import REGISTRATION_CREATE
from campaign.enums import CampaignStatus
from common.models import OutboxMessage, log_activity
from portal import selectors as portal_selectors
from tests.factories import (
    AwardDecisionFactory,
    AwardTypeFactory,
    CampaignFactory,
    CouncilMembershipFactory,
    NominationFactory,
    OfficerMembershipFactory,
    OutboxMessageFactory,
    RecipientFactory,
    RegistrationFactory,
    UnitFactory,
    UserFactory,
)
from units.enums import UnitLevel
from units.rules import EMULATION_STAFF_GROUP

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

STAFF_TITLES = ["Phong trào đang phát động", "Hồ sơ chờ thẩm định", "Quyết định khen thưởng"]
OFFICER_TITLES = ["Đơn vị của tôi", "Việc cần làm", "Phong trào đang mở", "Hồ sơ của đơn vị"]
COUNCIL_TITLES = ["Hồ sơ chờ Hội đồng xem xét"]
NO_ROLE_TITLES = ["Tài khoản chưa được phân quyền"]
ALL_TITLES = STAFF_TITLES + OFFICER_TITLES + COUNCIL_TITLES + NO_ROLE_TITLES


def home_html(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response, response.content.decode()


def assert_only_sections(html, expected):
    for title in ALL_TITLES:
        if title in expected:
            assert title in html, title
        else:
            assert title not in html, title


def test_home_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


# --- Home page by role ----------------------------------------------------------


def test_staff_home_shows_campaigns_review_count_and_decisions(client, staff_user):
    covid = CampaignFactory(
        title="Phong trào thi đua phòng, chống dịch COVID-19",
        plan_number="2777",
        plan_symbol="KH-UBND",
        nomination_deadline=datetime.date(2021, 2, 5),
    )
    CampaignFactory(title="Phong trào còn dự thảo", status=CampaignStatus.DRAFT)
    CampaignFactory(title="Phong trào đã kết thúc", status=CampaignStatus.CLOSED)
    NominationFactory.create_batch(2, campaign=covid, state=NominationState.SUBMITTED)
    NominationFactory(campaign=covid, state=NominationState.IN_REVIEW, is_fast_track=True)
    NominationFactory(campaign=covid, state=NominationState.DRAFT)
    NominationFactory(campaign=covid, state=NominationState.APPROVED)
    decision = AwardDecisionFactory(
        number=12, state=DecisionState.ISSUED, signed_date=datetime.date(2021, 9, 15)
    )
    RecipientFactory.create_batch(3, decision=decision)

    response, html = home_html(client, staff_user)

    assert_only_sections(html, STAFF_TITLES)
    assert [c.title for c in response.context["launched_campaigns"]] == [
        "Phong trào thi đua phòng, chống dịch COVID-19"
    ]
    assert "Kế hoạch 2777/KH-UBND" in html
    assert "05/02/2021" in html
    assert "Phong trào còn dự thảo" not in html
    assert "Phong trào đã kết thúc" not in html
    assert response.context["awaiting_review"] == {
        "total": 3,
        "submitted": 2,
        "in_review": 1,
        "fast_track": 1,
        "total_more": False,
        "submitted_more": False,
        "in_review_more": False,
        "fast_track_more": False,
    }
    assert "1 hồ sơ thưởng nóng" in html
    assert "2 hồ sơ mới gửi, chờ tiếp nhận" in html
    assert "1 hồ sơ đang thẩm định" in html
    assert [(d.reference, d.recipient_count) for d in response.context["recent_decisions"]] == [
        ("12/QĐ-UBND", 3)
    ]
    assert "Quyết định số 12/QĐ-UBND" in html
    assert "15/09/2021" in html
    assert "3 cá nhân, tập thể được khen" in html
    assert "Đã ban hành" in html


def test_staff_home_counts_up_to_the_cap_then_says_more(client, staff_user, monkeypatch):
    monkeypatch.setattr(portal_selectors, "COUNT_CAP", 2)
    NominationFactory.create_batch(3, state=NominationState.SUBMITTED)
    NominationFactory(state=NominationState.IN_REVIEW)

    response, html = home_html(client, staff_user)

    assert response.context["awaiting_review"] == {
        "total": 3,
        "submitted": 2,
        "in_review": 1,
        "fast_track": 0,
        "total_more": True,
        "submitted_more": True,
        "in_review_more": False,
        "fast_track_more": False,
    }
    assert " ".join(html.split()).count("hơn 2 hồ sơ mới gửi, chờ tiếp nhận") == 1


def test_staff_home_when_nothing_is_under_way(client, staff_user):
    response, html = home_html(client, staff_user)
    assert response.context["awaiting_review"] == {
        "total": 0,
        "submitted": 0,
        "in_review": 0,
        "fast_track": 0,
        "total_more": False,
        "submitted_more": False,
        "in_review_more": False,
        "fast_track_more": False,
    }
    assert "Chưa có phong trào nào đang phát động." in html
    assert "Chưa có quyết định khen thưởng nào." in html


def test_officer_home_shows_units_open_campaigns_and_unit_counts(client):
    membership = OfficerMembershipFactory(unit__name="Sở Y tế tỉnh Bến Tre")
    unit = membership.unit
    child = UnitFactory(parent=unit, name="Trung tâm Kiểm soát bệnh tật")
    other = UnitFactory(name="Sở Giáo dục và Đào tạo")
    today = timezone.localdate()
    open_ = CampaignFactory(
        title="Phong trào còn hạn", nomination_deadline=today + datetime.timedelta(10)
    )
    CampaignFactory(title="Phong trào không hạn", nomination_deadline=None)
    CampaignFactory(title="Phong trào quá hạn", nomination_deadline=today - datetime.timedelta(1))
    CampaignFactory(title="Phong trào dự thảo", status=CampaignStatus.DRAFT)
    NominationFactory.create_batch(
        2,
        campaign=open_,
        individual__unit=child,
        nominating_unit=child,
        state=NominationState.SUBMITTED,
    )
    NominationFactory(
        campaign=open_, individual__unit=unit, nominating_unit=unit, state=NominationState.DRAFT
    )
    NominationFactory(
        campaign=open_,
        individual__unit=other,
        nominating_unit=other,
        state=NominationState.SUBMITTED,
    )

    response, html = home_html(client, membership.user)

    assert_only_sections(html, OFFICER_TITLES)
    assert [m.unit.name for m in response.context["memberships"]] == ["Sở Y tế tỉnh Bến Tre"]
    assert "Cán bộ phụ trách thi đua" in html
    assert [c.title for c in response.context["open_campaigns"]] == [
        "Phong trào còn hạn",
        "Phong trào không hạn",
    ]
    assert "Còn 10 ngày" in html
    assert "Phong trào quá hạn" not in html
    assert "Phong trào dự thảo" not in html
    assert [
        (c.state, str(c.label), c.count) for c in response.context["unit_nomination_counts"]
    ] == [
        ("draft", "Dự thảo", 1),
        ("submitted", "Đã gửi", 2),
    ]
    assert response.context["unit_nomination_total"] == 3


def test_officer_sees_only_campaigns_addressed_to_their_units(client):
    membership = OfficerMembershipFactory()
    ours = CampaignFactory(title="Phong trào của ngành y tế")
    ours.participants.add(membership.unit)
    theirs = CampaignFactory(title="Phong trào của ngành giáo dục")
    theirs.participants.add(UnitFactory())
    everyone = CampaignFactory(title="Phong trào toàn tỉnh")

    response, html = home_html(client, membership.user)

    assert {c.pk for c in response.context["open_campaigns"]} == {ours.pk, everyone.pk}
    assert "Phong trào của ngành giáo dục" not in html
    assert f'href="{reverse("campaign:campaign_detail", args=[ours.pk])}"' in html


def test_officer_home_deadline_today(client):
    membership = OfficerMembershipFactory()
    CampaignFactory(nomination_deadline=timezone.localdate())
    _, html = home_html(client, membership.user)
    assert "Hạn chót hôm nay" in html


def test_inactive_officer_membership_gives_no_role(client):
    membership = OfficerMembershipFactory(is_active=False)
    _, html = home_html(client, membership.user)
    assert_only_sections(html, NO_ROLE_TITLES)


def test_council_member_home(client):
    membership = CouncilMembershipFactory()
    _, html = home_html(client, membership.user)
    assert_only_sections(html, COUNCIL_TITLES)


def test_user_without_role_is_told_to_contact_the_administrator(client):
    _, html = home_html(client, UserFactory())
    assert_only_sections(html, NO_ROLE_TITLES)
    assert "Vui lòng liên hệ quản trị viên để được phân quyền." in html
    assert reverse("admin:index") not in html


def test_superuser_gets_the_staff_sections_and_an_admin_link(client, admin_user):
    _, html = home_html(client, admin_user)
    assert_only_sections(html, STAFF_TITLES)
    assert "Mở trang quản trị" in html
    assert f'href="{reverse("admin:index")}"' in html


def test_staff_and_officer_roles_together_show_both(client, staff_user):
    OfficerMembershipFactory(user=staff_user)
    _, html = home_html(client, staff_user)
    assert_only_sections(html, STAFF_TITLES + OFFICER_TITLES)


def test_staff_review_card_links_to_the_queue(client, staff_user):
    campaign = CampaignFactory(title="Phong trào thi đua phòng, chống dịch COVID-19")
    NominationFactory(campaign=campaign, state=NominationState.SUBMITTED, is_fast_track=True)
    _, html = home_html(client, staff_user)
    queue = reverse("awards:nomination_list")
    assert f'href="{queue}?state=submitted"' in html
    assert f'href="{queue}?state=inreview"' in html
    assert f'href="{queue}?is_fast_track=true"' in html
    assert f'href="{reverse("campaign:campaign_detail", args=[campaign.pk])}"' in html


# --- The officer's to-do list ---------------------------------------------------------


@pytest.fixture
def officer():
    return OfficerMembershipFactory(unit__name="Bệnh viện Nguyễn Đình Chiểu")


def returned_nomination(officer, staff, *, reasons, name="Lê Văn Tâm", award="Bằng khen tỉnh"):
    """A nomination of the officer's unit, returned once per reason (the last one last)."""
    nomination = NominationFactory(
        individual__unit=officer.unit,
        individual__full_name=name,
        nominating_unit=officer.unit,
        # The province decides it: the staff review it.
        award_type=AwardTypeFactory(
            name=award, code=f"award-{award}", deciding_levels=[UnitLevel.PROVINCE]
        ),
        created_by=officer.user,
    )
    for reason in reasons:
        perform(nomination, "submit", by=officer.user)
        perform(nomination, "return", by=staff, reason=reason)
    return nomination


def test_officer_quick_actions(client, officer):
    _, html = home_html(client, officer.user)
    for name in ("awards:fast_track", "awards:achievement_create", "awards:nomination_create"):
        assert f'href="{reverse(name)}"' in html, name
    assert "Khen đột xuất" in html
    assert "Ghi nhận thành tích" in html
    # Fast-track comes first: on a phone it is the button under the thumb.
    assert html.index(reverse("awards:fast_track")) < html.index(
        reverse("awards:achievement_create")
    )


def test_returned_nomination_with_its_latest_reason_comes_first(client, officer, staff_user):
    nomination = returned_nomination(
        officer,
        staff_user,
        reasons=["Thiếu báo cáo thành tích", "Bổ sung biên bản họp Hội đồng Thi đua – Khen thưởng"],
    )
    other_unit = OfficerMembershipFactory()
    returned_nomination(other_unit, staff_user, reasons=["Lý do của đơn vị khác"], name="Người Lạ")
    CampaignFactory(title="Phong trào đang mở")

    response, html = home_html(client, officer.user)

    [item] = response.context["returned_nominations"]
    assert item.nomination == nomination
    assert item.reason == "Bổ sung biên bản họp Hội đồng Thi đua – Khen thưởng"
    assert "Bổ sung biên bản họp Hội đồng Thi đua – Khen thưởng" in html
    assert "Thiếu báo cáo thành tích" not in html
    assert "Lý do của đơn vị khác" not in html
    assert "Người Lạ" not in html
    assert "Lê Văn Tâm" in html
    assert "Bằng khen tỉnh" in html
    assert f'href="{reverse("awards:nomination_edit", args=[nomination.pk])}"' in html
    top = html.index("Hồ sơ bị trả lại cần bổ sung")
    assert top < html.index("Việc cần làm") < html.index("Hồ sơ của đơn vị")
    assert top < html.index("Đơn vị của tôi")


def test_no_returned_card_without_returned_nominations(client, officer):
    response, html = home_html(client, officer.user)
    assert response.context["returned_nominations"] == []
    assert "Hồ sơ bị trả lại cần bổ sung" not in html


def todo_of(response, campaign):
    return next(t for t in response.context["campaign_todos"] if t.campaign == campaign)


def test_registration_todo_until_the_unit_registers(client, officer):
    today = timezone.localdate()
    campaign = CampaignFactory(
        title="Phong trào có đăng ký",
        registration_required=True,
        registration_deadline=today + datetime.timedelta(days=3),
        nomination_deadline=today + datetime.timedelta(days=12),
    )
    register_url = reverse("campaign:registration_create", args=[campaign.pk])

    response, html = home_html(client, officer.user)

    assert todo_of(response, campaign).unregistered_units == [officer.unit]
    assert "Bệnh viện Nguyễn Đình Chiểu chưa đăng ký thi đua" in html
    assert f'href="{register_url}"' in html
    assert "còn 3 ngày" in html
    assert "Còn 12 ngày" in html

    RegistrationFactory(campaign=campaign, unit=officer.unit)
    response, html = home_html(client, officer.user)
    todo = todo_of(response, campaign)
    assert todo.unregistered_units == []
    assert not todo.has_work
    assert "chưa đăng ký thi đua" not in html
    assert f'href="{register_url}"' not in html
    assert "Không còn việc tồn đọng" in html


def test_no_registration_todo_when_not_required_or_not_addressed(client, officer):
    free = CampaignFactory(title="Phong trào không cần đăng ký", registration_required=False)
    everyone = CampaignFactory(title="Phong trào toàn tỉnh", registration_required=True)
    ours = CampaignFactory(title="Phong trào ngành y tế", registration_required=True)
    ours.participants.add(officer.unit, UnitFactory())
    # Addressed to a unit below the officer's, not to the officer's own unit.
    below_only = CampaignFactory(title="Phong trào cơ sở", registration_required=True)
    below_only.participants.add(UnitFactory(parent=officer.unit))

    response, _ = home_html(client, officer.user)

    assert todo_of(response, free).unregistered_units == []
    assert todo_of(response, everyone).unregistered_units == [officer.unit]
    assert todo_of(response, ours).unregistered_units == [officer.unit]
    assert below_only not in [t.campaign for t in response.context["campaign_todos"]]

    # Staff see every campaign; as officers they still owe only what addresses their unit.
    officer.user.groups.add(Group.objects.get_or_create(name=EMULATION_STAFF_GROUP)[0])
    response, _ = home_html(client, officer.user)
    assert todo_of(response, below_only).unregistered_units == []
    assert todo_of(response, everyone).unregistered_units == [officer.unit]


def test_registration_past_its_deadline_is_flagged(client, officer):
    CampaignFactory(
        registration_required=True,
        registration_deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    _, html = home_html(client, officer.user)
    assert "chưa đăng ký thi đua" in html
    assert "đã quá hạn" in html


def test_draft_todo_counts_the_unit_drafts_of_each_campaign(client, officer):
    campaign = CampaignFactory()
    other = CampaignFactory()
    below = UnitFactory(parent=officer.unit)
    NominationFactory(
        campaign=campaign, individual__unit=officer.unit, nominating_unit=officer.unit
    )
    NominationFactory(campaign=campaign, individual__unit=below, nominating_unit=below)
    NominationFactory(
        campaign=campaign,
        individual__unit=officer.unit,
        nominating_unit=officer.unit,
        state=NominationState.SUBMITTED,
    )
    stranger = UnitFactory()
    NominationFactory(campaign=campaign, individual__unit=stranger, nominating_unit=stranger)

    response, html = home_html(client, officer.user)

    assert todo_of(response, campaign).draft_count == 2
    assert todo_of(response, other).draft_count == 0
    assert "2 hồ sơ dự thảo chưa gửi" in html
    drafts_url = f"{reverse('awards:nomination_list')}?state=draft&amp;campaign={campaign.pk}"
    assert f'href="{drafts_url}"' in html


# --- Query counts ---------------------------------------------------------------


def count_home_queries(client, user):
    client.force_login(user)
    cache.clear()  # measured cold: the writes between do not decide
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    return len(queries)


def test_staff_home_query_count_does_not_grow_with_rows(client, staff_user):
    CampaignFactory()
    AwardDecisionFactory(number=1, state=DecisionState.ISSUED)
    one = count_home_queries(client, staff_user)
    CampaignFactory.create_batch(9)
    for n in range(2, 6):
        RecipientFactory(decision=AwardDecisionFactory(number=n, state=DecisionState.ISSUED))
    assert count_home_queries(client, staff_user) == one


def test_officer_home_query_count_does_not_grow_with_rows(client):
    membership = OfficerMembershipFactory()
    user = membership.user
    CampaignFactory()
    NominationFactory(individual__unit=membership.unit, nominating_unit=membership.unit)
    one = count_home_queries(client, user)
    for _ in range(4):
        unit = UnitFactory(parent=membership.unit)
        OfficerMembershipFactory(user=user, unit=unit)
        NominationFactory(
            individual__unit=unit, nominating_unit=unit, state=NominationState.SUBMITTED
        )
    CampaignFactory.create_batch(9)
    assert count_home_queries(client, user) == one


def test_officer_home_query_count_does_not_grow_with_returned_nominations(
    client, officer, staff_user
):
    returned_nomination(officer, staff_user, reasons=["Lý do 0"], name="Người 0")
    CampaignFactory(registration_required=True)
    one = count_home_queries(client, officer.user)
    for i in range(1, 10):
        returned_nomination(
            officer, staff_user, reasons=[f"Lý do {i}"], name=f"Người {i}", award=f"Hình thức {i}"
        )
    for campaign in CampaignFactory.create_batch(4, registration_required=True):
        NominationFactory(
            campaign=campaign, individual__unit=officer.unit, nominating_unit=officer.unit
        )
    RegistrationFactory(campaign=campaign, unit=officer.unit)

    client.force_login(officer.user)
    response = client.get(reverse("home"))
    assert len(response.context["returned_nominations"]) == 10
    assert [t.draft_count for t in response.context["campaign_todos"]].count(1) == 4
    assert count_home_queries(client, officer.user) == one


def test_staff_are_warned_when_the_task_outbox_has_waited_for_minutes(client, staff_user):
    officer = OfficerMembershipFactory().user
    message = OutboxMessageFactory()
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=4)
    )
    _response, before = home_html(client, staff_user)

    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=6)
    )
    _response, html = home_html(client, staff_user)
    _response, officer_html = home_html(client, officer)

    assert 'id="outbox-waiting"' not in before
    assert 'id="outbox-waiting"' in html
    assert "Hàng đợi việc nền không nhận việc từ" in html
    assert 'id="outbox-waiting"' not in officer_html


# --- The staff's activity log page ------------------------------------------------------

ACTIVITY = reverse("activity_log")


def activity_rows(response) -> list[tuple[str, str, str | None]]:
    """(action label, object, link) of each row shown, top to bottom."""
    return [(str(e.label), e.object_repr, e.url) for e in response.context["page"].entries]


def test_the_activity_log_is_the_staffs_only(client, officer):
    assert client.get(ACTIVITY).status_code == 302
    client.force_login(officer.user)

    assert client.get(ACTIVITY).status_code == 404
    assert 'href="/activity/"' not in client.get(reverse("home")).text


def test_the_activity_log_lists_newest_first_with_labels_links_and_states(client, staff_user):
    nomination = NominationFactory(individual__full_name="Lê Văn Tâm")
    registration = RegistrationFactory()
    unit = UnitFactory(name="Sở Tư pháp")
    log_activity(
        nomination,
        NOMINATION_STATE,
        actor=staff_user,
        previous_state="submitted",
        new_state="approved",
        note="Đủ điều kiện",
    )
    log_activity(registration, REGISTRATION_CREATE, actor=staff_user)
    log_activity(unit, "unit.renamed")  # a kind the page does not know, an unknown action
    client.force_login(staff_user)

    response = client.get(ACTIVITY)

    assert activity_rows(response) == [
        ("unit.renamed", "Sở Tư pháp", None),
        (
            "Đăng ký thi đua",
            str(registration),
            reverse("campaign:campaign_detail", args=[registration.campaign_id]),
        ),
        (
            "Chuyển trạng thái hồ sơ",
            str(nomination),
            reverse("awards:nomination_detail", args=[nomination.pk]),
        ),
    ]
    row = response.text.split(f'id="activity-{response.context["page"].entries[2].pk}"')[1]
    assert "Đã gửi →" in row.split("</tr>")[0] and "Đã duyệt" in row.split("</tr>")[0]
    assert "Hệ thống" in response.text  # the row without an actor
    assert 'href="/activity/"' in response.text  # in the staff navigation


def test_a_certificate_run_on_a_decision_shows_the_runs_state_label(client, staff_user):
    decision = AwardDecisionFactory()
    entry = log_activity(decision, CERTIFICATES_READY, new_state="done", note="Đã tạo 3")
    client.force_login(staff_user)

    response = client.get(ACTIVITY)

    row = response.text.split(f'id="activity-{entry.pk}"')[1].split("</tr>")[0]
    assert [str(e.new_label) for e in response.context["page"].entries] == ["Hoàn tất"]
    assert "Hoàn tất" in row and ">done<" not in row and " done" not in row


def test_the_activity_log_filters(client, staff_user):
    ha = UserFactory(username="ha", last_name="Phạm Ngọc", first_name="Hà")
    nomination = NominationFactory(individual__full_name="Lê Văn Tâm")
    decision = AwardDecisionFactory()
    log_activity(nomination, NOMINATION_STATE, actor=ha, new_state="submitted")
    log_activity(decision, DECISION_CREATE, actor=staff_user, new_state="draft")
    log_activity(decision, DECISION_ISSUE, actor=staff_user, new_state="issued")
    client.force_login(staff_user)

    def shown(**params):
        return [e.action for e in client.get(ACTIVITY, params).context["page"].entries]

    assert shown(actor="ngọc hà") == [NOMINATION_STATE]
    assert shown(action=DECISION_CREATE) == [DECISION_CREATE]
    assert shown(kind="awards.awarddecision") == [DECISION_ISSUE, DECISION_CREATE]
    assert shown(q="tâm") == [NOMINATION_STATE]
    assert shown(q=str(decision.pk), kind="awards.awarddecision") == [
        DECISION_ISSUE,
        DECISION_CREATE,
    ]
    today = timezone.localdate()
    assert len(shown(since=today.isoformat(), until=today.isoformat())) == 3
    assert shown(until=(today - datetime.timedelta(days=1)).isoformat()) == []
    assert shown(since=(today + datetime.timedelta(days=1)).isoformat()) == []


def test_the_activity_log_actor_search_ignores_accents_and_case(client, staff_user):
    ha = UserFactory(username="ha.pn", last_name="Phạm Ngọc", first_name="Hà")
    dat = UserFactory(username="dat", last_name="Trần Văn", first_name="Đạt")
    nomination = NominationFactory()
    log_activity(nomination, NOMINATION_STATE, actor=ha, new_state="submitted")
    log_activity(nomination, NOMINATION_STATE, actor=dat, new_state="in_review")
    log_activity(nomination, NOMINATION_STATE, new_state="approved")  # no actor
    client.force_login(staff_user)

    def shown(actor):
        page = client.get(ACTIVITY, {"actor": actor}).context["page"]
        return [e.actor_id for e in page.entries]

    assert shown("NGOC HA") == [ha.pk]
    assert shown("pham ha") == [ha.pk]
    assert shown("Ha.PN") == [ha.pk]
    assert shown("dat tran") == [dat.pk]
    assert shown("Đạt") == [dat.pk]
    assert shown("ngoc dat") == []
    assert len(shown("   ")) == 3


@pytest.mark.parametrize("rows", [1, 3])
def test_the_activity_log_actor_search_query_count_does_not_grow(
    client, staff_user, django_assert_num_queries, rows
):
    UserFactory.create_batch(rows, last_name="Phạm Ngọc", first_name="Hà")
    for _ in range(rows):
        log_activity(NominationFactory(), NOMINATION_STATE, actor=staff_user)
    client.force_login(staff_user)

    with django_assert_num_queries(5):
        response = client.get(ACTIVITY, {"actor": staff_user.username.upper()})

    assert len(response.context["page"].entries) == rows


def test_a_bad_filter_or_cursor_is_told_or_ignored_not_a_500(client, staff_user):
    log_activity(NominationFactory(), NOMINATION_STATE, actor=staff_user)
    client.force_login(staff_user)

    bad_date = client.get(ACTIVITY, {"since": "31/02/2026", "action": "no.such"})
    bad_cursor = client.get(ACTIVITY, {"before": "x.y"})

    assert bad_date.status_code == 200
    assert set(bad_date.context["filter"].form.errors) == {"since", "action"}
    assert bad_cursor.status_code == 200
    assert len(bad_cursor.context["page"].entries) == 1


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31"])
def test_an_absurd_activity_date_is_flagged_and_ignored(client, staff_user, typed):
    log_activity(NominationFactory(), NOMINATION_STATE, actor=staff_user)
    client.force_login(staff_user)

    page = client.get(ACTIVITY, {"since": typed, "until": typed})

    assert page.status_code == 200
    assert set(page.context["filter"].form.errors) == {"since", "until"}
    since_error = page.context["filter"].form.errors["since"][0]
    assert since_error.startswith(f"Ngày {typed[8:10]}/{typed[5:7]}/{typed[:4]} quá xa")
    assert len(page.context["page"].entries) == 1


def test_the_activity_log_pages_by_key(client, staff_user):
    nomination = NominationFactory()
    entries = [log_activity(nomination, NOMINATION_STATE, actor=staff_user) for _ in range(52)]
    client.force_login(staff_user)

    first = client.get(ACTIVITY, {"kind": "awards.nomination"})
    cursor = first.context["page"].next_cursor
    second = client.get(ACTIVITY, {"kind": "awards.nomination", "before": cursor})

    assert [e.pk for e in first.context["page"].entries] == [e.pk for e in entries[::-1][:50]]
    assert f"kind=awards.nomination&amp;before={cursor}" in first.text
    assert [e.pk for e in second.context["page"].entries] == [entries[1].pk, entries[0].pk]
    assert second.context["page"].next_cursor is None


@pytest.mark.parametrize("rows", [1, 3])
def test_the_activity_log_query_count_does_not_grow(
    client, staff_user, django_assert_num_queries, rows
):
    for _ in range(rows):
        log_activity(NominationFactory(), NOMINATION_STATE, actor=staff_user)
        log_activity(RegistrationFactory(), REGISTRATION_CREATE, actor=staff_user)
    client.force_login(staff_user)

    with django_assert_num_queries(5):
        response = client.get(ACTIVITY)

    assert len(response.context["page"].entries) == 2 * rows
