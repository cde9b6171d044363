"""The pages of review at the units and forwarding up a level: the nomination's route and
levels, its actions at each level, "Trình cấp trên" from the page and from the queue, the
proposal letter's PDF; each for the right user, a 404 for another branch."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards.enums import NominationState, StageOutcome
from awards.models import AwardType, Nomination, NominationStage, ProposalLetter
from awards.services.forwarding import forward_nominations
from awards.services.nominations import perform
from tests.factories import (
    CampaignFactory,
    CouncilMembershipFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UnitFactory,
)
from units.enums import OfficerRole, UnitLevel

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def sent_up(tree, individual=None, award_code="bang-khen-chu-tich-ubnd-tinh"):
    """A nomination of the hospital sent on its way (bằng khen: through Sở Y tế)."""
    nomination = NominationFactory(
        individual=individual or tree["nurse"],
        nominating_unit=tree["hospital"],
        award_type=AwardType.objects.get(code=award_code),
        created_by=tree["officer"],
    )
    perform(nomination, "submit", by=tree["officer"])
    return nomination


@pytest.fixture
def other_branch(tree):
    """Sở Giáo dục beside Sở Y tế, with its officer and its head."""
    education = UnitFactory(
        name="Sở Giáo dục và Đào tạo", parent=tree["province"], level=UnitLevel.DEPARTMENT
    )
    return {
        "officer": OfficerMembershipFactory(unit=education).user,
        "head": OfficerMembershipFactory(unit=education, role=OfficerRole.HEAD).user,
    }


def forward_data(tree, *nominations, **fields):
    return {
        "ids": [n.pk for n in nominations],
        "signed_date": timezone.localdate().isoformat(),
        "signer": tree["signer"].pk,
        **fields,
    }


# --- The nomination's page -------------------------------------------------------------------


def test_the_page_shows_the_route_with_the_current_level(client, tree):
    nomination = sent_up(tree)
    client.force_login(tree["officer"])

    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))

    assert page.context["route"] == {
        "levels": [
            {"name": "Sở Y tế", "current": True, "passed": False},
            {"name": "Ủy ban nhân dân tỉnh Vĩnh Long", "current": False, "passed": False},
        ],
        "deciding": "Ủy ban nhân dân tỉnh Vĩnh Long",
    }
    assert 'class="list-group-item active route-current"' in page.content.decode()
    assert page.context["forward_form"] is None
    assert [a.name for a in page.context["actions"]] == ["withdraw"]


def test_a_draft_shows_the_route_it_would_take(client, tree):
    nomination = NominationFactory(
        individual=tree["nurse"],
        nominating_unit=tree["hospital"],
        award_type=AwardType.objects.get(code="giay-khen"),
    )
    client.force_login(tree["officer"])

    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))

    assert page.context["route"] == {
        "levels": [{"name": "Bệnh viện Đa khoa tỉnh", "current": False, "passed": False}],
        "deciding": "Bệnh viện Đa khoa tỉnh",
    }


def test_the_departments_officer_reviews_but_only_its_leader_forwards(client, tree):
    nomination = sent_up(tree)
    client.force_login(tree["health_officer"])

    officer_page = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))
    client.force_login(tree["deputy"])
    deputy_page = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))

    # Sở Y tế is above the hospital: its officer may also withdraw the hospital's dossier.
    assert [a.name for a in officer_page.context["actions"]] == [
        "withdraw",
        "start_review",
        "return",
        "reject",
    ]
    assert officer_page.context["forward_form"] is None
    assert officer_page.context["return_to"] == "Bệnh viện Đa khoa tỉnh"
    assert [a.name for a in deputy_page.context["actions"]] == [
        "withdraw",
        "start_review",
        "return",
        "reject",
    ]
    assert deputy_page.context["forward_form"] is not None
    assert 'id="forward-form"' in deputy_page.content.decode()


def test_the_deputy_forwards_from_the_page_with_a_note(client, tree):
    nomination = sent_up(tree)
    client.force_login(tree["deputy"])

    response = client.post(
        reverse("awards:nomination_forward"),
        forward_data(tree, nomination, note="Đề nghị xem xét sớm"),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("awards:nomination_detail", args=[nomination.pk])
    nomination.refresh_from_db()
    assert (nomination.state, nomination.reviewing_unit, nomination.at_final_level) == (
        NominationState.SUBMITTED,
        tree["province"],
        True,
    )
    letter = ProposalLetter.objects.get()
    assert letter.reference == "1/TTr-SYT"
    forwarded = NominationStage.objects.get(nomination=nomination, outcome=StageOutcome.FORWARDED)
    assert (forwarded.letter, forwarded.note) == (letter, "Đề nghị xem xét sớm")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Tờ trình số 1/TTr-SYT" in html
    assert reverse("awards:proposal_letter_document", args=[letter.pk]) in html
    assert page.context["route"]["levels"][0] == {
        "name": "Sở Y tế",
        "current": False,
        "passed": True,
    }


def test_a_signer_of_another_unit_is_refused_and_nothing_is_forwarded(client, tree):
    nomination = sent_up(tree)
    client.force_login(tree["deputy"])

    response = client.post(
        reverse("awards:nomination_forward"), forward_data(tree, nomination, signer="")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["signer"] == [
        "Sở Y tế có danh sách người ký: vui lòng chọn người ký."
    ]
    nomination.refresh_from_db()
    assert nomination.reviewing_unit == tree["health"]
    assert ProposalLetter.objects.count() == 0


def test_the_officer_cannot_forward(client, tree):
    nomination = sent_up(tree)
    client.force_login(tree["health_officer"])

    response = client.post(reverse("awards:nomination_forward"), forward_data(tree, nomination))

    assert response.status_code == 404
    nomination.refresh_from_db()
    assert nomination.reviewing_unit == tree["health"]


def test_another_branch_gets_404_on_every_page(client, tree, other_branch):
    nomination = sent_up(tree)
    forward_nominations(
        [nomination], by=tree["deputy"], signed_date=timezone.localdate(), signer=tree["signer"]
    )
    letter = ProposalLetter.objects.get()
    for user in other_branch.values():
        client.force_login(user)
        pages = [
            client.get(reverse("awards:nomination_detail", args=[nomination.pk])),
            client.get(reverse("awards:proposal_letter_document", args=[letter.pk])),
            client.post(
                reverse("awards:nomination_action", args=[nomination.pk, "return"]),
                {"reason": "x"},
            ),
        ]
        assert [page.status_code for page in pages] == [404, 404, 404]
    client.force_login(other_branch["head"])
    response = client.post(reverse("awards:nomination_forward"), forward_data(tree, nomination))
    assert response.status_code == 404
    nomination.refresh_from_db()
    assert nomination.state == NominationState.SUBMITTED


def test_a_return_from_the_province_goes_back_to_the_department(client, tree, staff_user):
    nomination = sent_up(tree)
    forward_nominations(
        [nomination], by=tree["deputy"], signed_date=timezone.localdate(), signer=tree["signer"]
    )
    client.force_login(staff_user)
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))

    client.post(
        reverse("awards:nomination_action", args=[nomination.pk, "return"]),
        {"reason": "Thiếu biên bản họp hội đồng"},
    )

    assert page.context["return_to"] == "Sở Y tế"
    nomination.refresh_from_db()
    assert (nomination.state, nomination.reviewing_unit) == (
        NominationState.IN_REVIEW,
        tree["health"],
    )


def test_approve_is_offered_at_the_final_level_only(client, tree, staff_user):
    nomination = sent_up(tree)
    client.force_login(tree["deputy"])
    below = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))
    forward_nominations(
        [nomination], by=tree["deputy"], signed_date=timezone.localdate(), signer=tree["signer"]
    )
    client.force_login(staff_user)
    final = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))

    assert "approve" not in [a.name for a in below.context["actions"]]
    assert [a.name for a in final.context["actions"]] == [
        "start_review",
        "return",
        "approve",
        "reject",
    ]
    assert final.context["forward_form"] is None


# --- Forwarding several from the queue ---------------------------------------------------------


def test_the_queue_forwards_the_ticked_rows_with_one_letter(client, tree):
    first = sent_up(tree)
    second = sent_up(tree, IndividualFactory(unit=tree["hospital"]))
    client.force_login(tree["deputy"])
    queue = client.get(reverse("awards:nomination_list"))

    chosen = client.post(
        reverse("awards:nomination_bulk"), {"action": "forward", "ids": [first.pk, second.pk]}
    )
    page = client.get(chosen["Location"])
    done = client.post(reverse("awards:nomination_forward"), forward_data(tree, first, second))

    assert 'value="forward"' in queue.content.decode()
    assert chosen.status_code == 302
    assert page.context["rows"] == [first, second]
    assert page.context["plan"]["refusal"] == ""
    assert done["Location"] == reverse("awards:nomination_list")
    letter = ProposalLetter.objects.get()
    assert list(
        NominationStage.objects.filter(letter=letter).values_list("nomination", flat=True)
    ) == [first.pk, second.pk]
    assert set(Nomination.objects.values_list("reviewing_unit", flat=True)) == {tree["province"].pk}


def test_rows_going_to_different_levels_are_refused_with_a_message(client, tree):
    up = sent_up(tree)
    stays = sent_up(tree, award_code="giay-khen")  # the hospital decides it: its own level
    OfficerMembershipFactory(unit=tree["hospital"], user=tree["deputy"], role=OfficerRole.HEAD)
    client.force_login(tree["deputy"])

    page = client.get(reverse("awards:nomination_forward"), {"ids": [up.pk, stays.pk]})
    response = client.post(reverse("awards:nomination_forward"), forward_data(tree, up, stays))

    message = "Chỉ trình được hồ sơ đang chờ đơn vị mình xét duyệt và chưa ở cấp xét duyệt cuối."
    assert page.context["plan"]["refusal"] == message
    assert 'id="forward-form"' not in page.content.decode()
    assert response.context["plan"]["refusal"] == message
    assert ProposalLetter.objects.count() == 0
    assert set(Nomination.objects.values_list("reviewing_unit", flat=True)) == {
        tree["health"].pk,
        tree["hospital"].pk,
    }


def test_the_staff_are_not_offered_forwarding(client, tree, staff_user):
    sent_up(tree)
    client.force_login(staff_user)

    queue = client.get(reverse("awards:nomination_list"), {"queue": "all"})
    response = client.post(
        reverse("awards:nomination_bulk"),
        {"action": "forward", "ids": list(Nomination.objects.values_list("pk", flat=True))},
    )

    assert 'value="forward"' not in queue.content.decode()
    assert response.status_code == 404


# --- The proposal letter's PDF -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer", "deputy", "health_officer", "staff", "council"])
def test_the_letter_is_downloaded_by_whoever_sees_the_nomination(client, tree, staff_user, who):
    nomination = sent_up(tree)
    letter = forward_nominations(
        [nomination], by=tree["deputy"], signed_date=timezone.localdate(), signer=tree["signer"]
    )
    users = {"staff": staff_user, "council": CouncilMembershipFactory().user}
    client.force_login(users.get(who) or tree[who])

    response = client.get(reverse("awards:proposal_letter_document", args=[letter.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert "1/TTr-SYT" in text


# --- The deciding unit on the nomination form ---------------------------------------------------


def test_the_form_offers_the_units_with_authority_and_the_choice_routes_the_nomination(
    client, tree
):
    giay_khen = AwardType.objects.get(code="giay-khen")
    campaign = CampaignFactory()
    campaign.allowed_award_types.add(giay_khen)
    client.force_login(tree["officer"])
    fragment = client.get(
        reverse("awards:nomination_deciding_choices"),
        {"individual": tree["nurse"].pk, "award_type": giay_khen.pk},
    )

    response = client.post(
        reverse("awards:nomination_create"),
        {
            "campaign": campaign.pk,
            "individual": tree["nurse"].pk,
            "award_type": giay_khen.pk,
            "deciding_unit": tree["health"].pk,
            "summary": "Chăm sóc người bệnh tận tình",
            "submit": "1",
        },
    )

    field = fragment.context["form"].fields["deciding_unit"]
    assert list(field.queryset) == [tree["hospital"], tree["health"]]
    assert field.empty_label == "Mặc định: Bệnh viện Đa khoa tỉnh"
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.deciding_unit, nomination.reviewing_unit) == (
        tree["health"],
        tree["health"],
    )


def test_a_unit_without_authority_is_not_a_choice(client, tree):
    giay_khen = AwardType.objects.get(code="giay-khen")
    campaign = CampaignFactory()
    campaign.allowed_award_types.add(giay_khen)
    client.force_login(tree["officer"])

    response = client.post(
        reverse("awards:nomination_create"),
        {
            "campaign": campaign.pk,
            "individual": tree["nurse"].pk,
            "award_type": giay_khen.pk,
            "deciding_unit": tree["province"].pk,
            "summary": "Chăm sóc người bệnh tận tình",
        },
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["deciding_unit"]
    assert Nomination.objects.count() == 0
