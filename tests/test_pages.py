"""The page shell: login, logout, the home page of each role, language switch, error pages."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import permission_denied, server_error

from awards.enums import DecisionState, NominationState
from campaign.enums import CampaignStatus
from tests.factories import (
    AwardDecisionFactory,
    CampaignFactory,
    CouncilMembershipFactory,
    NominationFactory,
    OfficerMembershipFactory,
    RecipientFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

STAFF_TITLES = ["Phong trào đang phát động", "Hồ sơ chờ thẩm định", "Quyết định khen thưởng"]
OFFICER_TITLES = ["Đơn vị của tôi", "Phong trào đang mở", "Hồ sơ của đơn vị"]
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


# --- Login and logout ---------------------------------------------------------


def test_login_page_is_vietnamese_by_default(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html
    assert "Tên đăng nhập" in html
    assert "Mật khẩu" in html


def test_wrong_password_shows_the_vietnamese_error(client, staff_user):
    response = client.post(reverse("login"), {"username": "staff_t", "password": "wrong-pass"})
    assert response.status_code == 200
    assert (
        "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác. "
        "Chú ý rằng cả hai khung thông tin đều phân biệt chữ hoa và chữ thường."
    ) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_right_password_logs_in_and_goes_home(client, staff_user):
    response = client.post(reverse("login"), {"username": "staff_t", "password": "x-test-pass-1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_home_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_logout_by_post(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_navbar_greets_the_user_family_name_first(client, staff_user):
    staff_user.first_name, staff_user.last_name = "Lan", "Trần Thị"
    staff_user.save()
    _, html = home_html(client, staff_user)
    assert "Xin chào, Trần Thị Lan" in html
    assert "Lan Trần Thị" not in html


def test_logout_form_in_the_navbar_posts(client, staff_user):
    _, html = home_html(client, staff_user)
    assert f'<form method="post" action="{reverse("logout")}">' in html


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
    assert response.context["awaiting_review"] == {"total": 3, "fast_track": 1}
    assert "1 hồ sơ thưởng nóng" in html
    assert [(d.reference, d.recipient_count) for d in response.context["recent_decisions"]] == [
        ("12/QĐ-UBND", 3)
    ]
    assert "Quyết định số 12/QĐ-UBND" in html
    assert "15/09/2021" in html
    assert "3 cá nhân, tập thể được khen" in html
    assert "Đã ban hành" in html


def test_staff_home_when_nothing_is_under_way(client, staff_user):
    response, html = home_html(client, staff_user)
    assert response.context["awaiting_review"] == {"total": 0, "fast_track": 0}
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


def test_pages_have_no_inline_script_or_style(client, staff_user):
    OfficerMembershipFactory(user=staff_user)
    CouncilMembershipFactory(user=staff_user)
    CampaignFactory(nomination_deadline=timezone.localdate() + datetime.timedelta(3))
    for html in (home_html(client, staff_user)[1], client.get(reverse("login")).content.decode()):
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)
        assert "<style" not in html
        assert " style=" not in html
        assert 'hx-headers=\'{"X-CSRFToken": "' in html


# --- Query counts ---------------------------------------------------------------


def count_home_queries(client, user):
    client.force_login(user)
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


# --- Language switch ------------------------------------------------------------


def test_language_switch_to_english_and_back(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"

    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "Log out" in html
    assert "Campaigns under way" in html
    assert "Đăng xuất" not in html
    assert "Phong trào đang phát động" not in html

    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng xuất" in html


def test_language_switch_form_on_every_page(client, staff_user):
    html = client.get(reverse("login")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language"' in html
    assert 'value="vi"' in html
    assert 'value="en"' in html


# --- Error pages ----------------------------------------------------------------


def test_unknown_url_renders_the_vietnamese_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "Về trang chủ" in html


def test_403_page_is_vietnamese(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    response = permission_denied(request, exception=PermissionDenied())
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_500_page_is_static(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi hệ thống" in html
    assert '<html lang="vi">' in html


@pytest.mark.django_db
def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in page.content.decode()
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="vi")
    assert "Log in" in page.content.decode()
