"""The decision pages for a unit's people: their own decisions, per issuer; another
branch's user gets a 404; award at once from a fast-track nomination."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import DecisionState, NominationState
from awards.models import Nomination
from awards.services.decisions import add_recipients, issue_decision
from common.cache import DATA_NAMESPACE, bump
from tests.awards.services.test_decisions import approved, draft, make_world
from tests.awards.views.test_achievements import photo
from tests.factories import (
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UserFactory,
)
from units.enums import OfficerRole

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def member(unit, role=OfficerRole.OFFICER):
    return OfficerMembershipFactory(unit=unit, role=role, user=UserFactory()).user


@pytest.fixture
def world():
    world = make_world()
    world["officer"] = member(world["health"])
    world["director"] = member(world["health"], OfficerRole.HEAD)
    world["hospital_officer"] = member(world["hospital"])
    world["other"] = member(world["province"].children.create(name="Sở Giáo dục", code="sgd"))
    return world


def health_draft(world, lines=1):
    decision = draft(world, world["officer"], issuer=world["health"], award=world["giay_khen"])
    add_recipients(
        decision, [approved(world, world["giay_khen"]) for _ in range(lines)], by=world["officer"]
    )
    return decision


def draft_urls(decision, line):
    return [
        reverse("awards:decision_detail", args=[decision.pk]),
        reverse("awards:decision_edit", args=[decision.pk]),
        reverse("awards:decision_add_recipients", args=[decision.pk]),
    ]


def issued_urls(decision, line):
    certificate = line.certificates.get()
    return [
        reverse("awards:decision_revoke", args=[decision.pk]),
        reverse("awards:decision_revoke_recipient", args=[decision.pk, line.pk]),
        reverse("awards:ceremony_create", args=[decision.pk]),
        reverse("awards:certificate_reissue", args=[certificate.pk]),
    ]


def test_the_officer_reaches_the_draft_pages_of_the_unit(client, world):
    decision = health_draft(world)
    client.force_login(world["officer"])
    for url in [reverse("awards:decision_create"), *draft_urls(decision, None)]:
        assert client.get(url).status_code == 200, url
    # Issuing is the leaders': the officer is sent back to the decision, told so.
    response = client.get(reverse("awards:decision_issue", args=[decision.pk]), follow=True)
    assert "Lãnh đạo Sở Y tế ban hành quyết định này" in response.content.decode()


def test_the_create_page_offers_the_users_units_only(client, world):
    client.force_login(world["officer"])
    form = client.get(reverse("awards:decision_create")).context["form"]
    assert list(form.fields["issuer"].queryset) == [world["health"]]
    assert world["bang_khen"] not in form.fields["award_type"].queryset
    assert world["giay_khen"] in form.fields["award_type"].queryset


@pytest.mark.parametrize("who", ["hospital_officer", "other"])
def test_another_units_user_gets_404_on_a_units_draft(client, world, who):
    decision = health_draft(world)
    client.force_login(world[who])
    for url in [*draft_urls(decision, None), reverse("awards:decision_issue", args=[decision.pk])]:
        assert client.get(url).status_code == 404, url


def test_the_director_issues_from_the_page(client, world):
    decision = health_draft(world)
    client.force_login(world["director"])
    response = client.post(reverse("awards:decision_issue", args=[decision.pk]))
    decision.refresh_from_db()
    assert response.status_code == 302
    assert (decision.state, decision.reference) == (DecisionState.ISSUED, "1/QĐ-SYT")


def test_the_officer_posting_issue_is_refused(client, world):
    decision = health_draft(world)
    client.force_login(world["officer"])
    client.post(reverse("awards:decision_issue", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT


def test_issued_pages_for_the_unit_and_another_branch(client, world):
    decision = health_draft(world)
    issue_decision(decision, by=world["director"])
    line = decision.recipients.get()
    client.force_login(world["director"])
    for url in issued_urls(decision, line):
        assert client.get(url).status_code == 200, url
    client.force_login(world["other"])
    for url in issued_urls(decision, line):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("awards:decision_detail", args=[decision.pk])).status_code == 404


def test_the_list_shows_the_units_own_decisions_apart(client, world, staff_user):
    ours = health_draft(world)
    province = draft(world, staff_user)
    add_recipients(province, [approved(world)], by=staff_user)
    issue_decision(province, by=staff_user)  # lists a ward nurse: it concerns Sở Y tế too
    client.force_login(world["officer"])
    everything = client.get(reverse("awards:decision_list")).context["page"]
    own = client.get(reverse("awards:decision_list") + "?own=true").context["page"]
    assert {d.pk for d in everything} == {ours.pk, province.pk}
    assert [d.pk for d in own] == [ours.pk]


# built afresh (the cached page retired, the session and roles still cached): the user,
# the count, the page's decisions, then their lines' totals for that page only
@pytest.mark.parametrize(("rows", "queries"), [(1, 4), (3, 4)])
def test_the_list_as_a_unit_user_costs_the_same_queries(
    client, world, django_assert_num_queries, rows, queries
):
    for _ in range(rows):
        health_draft(world)
    client.force_login(world["officer"])
    url = reverse("awards:decision_list") + "?own=true"
    client.get(url)  # the session and the user, warmed
    bump(DATA_NAMESPACE)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert len(response.context["page"]) == rows


# --- Award at once ---------------------------------------------------------------------------


def fast_track(world, state=NominationState.SUBMITTED):
    return NominationFactory(
        individual=IndividualFactory(unit=world["ward"]),
        unit=None,
        nominating_unit=world["hospital"],
        campaign=world["campaign"],
        award_type=world["giay_khen"],
        state=state,
        is_fast_track=True,
        summary="Cứu người đuối nước",
    )


def test_the_nomination_page_offers_award_at_once_to_the_director(client, world):
    nomination = fast_track(world)
    client.force_login(world["director"])
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))
    assert page.context["can_award_at_once"] is True
    assert "Khen thưởng ngay" in page.content.decode()


def test_the_director_awards_at_once_from_the_form(client, world):
    nomination = fast_track(world)
    client.force_login(world["director"])
    url = reverse("awards:nomination_award_at_once", args=[nomination.pk])
    form = client.get(url).context["form"]
    data = {
        "issuer": world["health"].pk,
        "signed_date": form.initial["signed_date"].isoformat(),
        "citation": form.initial["citation"],
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn Giám",
    }
    response = client.post(url, data, follow=True)
    decision = response.context["decision"]
    assert decision.state == DecisionState.ISSUED
    assert decision.reference == "1/QĐ-SYT"
    assert form.initial["citation"] == "Đã có thành tích xuất sắc đột xuất: cứu người đuối nước"
    assert "Đã ban hành Quyết định số 1/QĐ-SYT" in response.content.decode()


@pytest.mark.parametrize("who", ["other", "hospital_officer_of_other_form"])
def test_award_at_once_is_404_for_others(client, world, who):
    nomination = fast_track(world)
    if who == "other":
        user = world["other"]
    else:  # an approved nomination that is not a fast track
        user = world["director"]
        nomination.is_fast_track = False
        nomination.save()
    client.force_login(user)
    url = reverse("awards:nomination_award_at_once", args=[nomination.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


def fast_track_post(client, world, user):
    """``user`` records a fast-track achievement of a hospital nurse on the phone form."""
    world["campaign"].allowed_award_types.add(world["giay_khen"])
    client.force_login(user)
    when = timezone.localtime() - datetime.timedelta(hours=1)
    return client.post(
        reverse("awards:fast_track"),
        {
            "individual": IndividualFactory(unit=world["hospital"]).pk,
            "what": "Cứu người đuối nước trên sông Hàm Luông",
            "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
            "photo": photo(),
            "campaign": world["campaign"].pk,
            "award_type": world["giay_khen"].pk,
        },
    )


def test_a_leader_who_records_a_fast_track_goes_on_to_award_it_at_once(client, world):
    response = fast_track_post(client, world, world["director"])
    nomination = Nomination.objects.get()
    assert nomination.state == NominationState.SUBMITTED
    url = reverse("awards:nomination_award_at_once", args=[nomination.pk])
    assert response["Location"] == url
    page = client.get(url)
    assert "Sở Y tế có thẩm quyền khen" in page.content.decode()
    assert page.context["issues_at_once"] is True


def test_an_officer_who_records_a_fast_track_sees_the_nomination_sent(client, world):
    response = fast_track_post(client, world, world["officer"])
    nomination = Nomination.objects.get()
    assert response["Location"] == reverse("awards:nomination_detail", args=[nomination.pk])
    assert not nomination.recipient_lines.exists()
