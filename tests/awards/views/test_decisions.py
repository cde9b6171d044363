"""Pages of award decisions: who reaches them, what they show, what they do."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.enums import CertificateState, DecisionState, NominationState, RoundingMode
from awards.models import AwardDecision, AwardType, Certificate, CertificateRun, Nomination
from awards.services.decisions import (
    DEFAULT_CITATION,
    add_recipients,
    create_decision,
    issue_decision,
)
from tests.factories import (
    CampaignFactory,
    CouncilMembershipFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UnitFactory,
    UserFactory,
)
from units.enums import UnitLevel, UnitType

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

SIGNED = datetime.date(2025, 9, 15)


@pytest.fixture
def world():
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        code="ubnd-tinh-bt",
        level=UnitLevel.PROVINCE,
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        head_title="CHỦ TỊCH",
        collective_leadership=True,
        document_symbol="UBND",
        place_name="Bến Tre",
    )
    health = UnitFactory(
        name="Sở Y tế",
        code="so-y-te",
        parent=province,
        document_symbol="SYT",
        place_name="Bến Tre",
    )
    hospital = UnitFactory(
        name="Bệnh viện Nguyễn Đình Chiểu",
        code="bv-ndc",
        parent=health,
        level=UnitLevel.BASE,
        unit_type=UnitType.PUBLIC_SERVICE,
    )
    police = UnitFactory(name="Công an tỉnh", code="cong-an", parent=province)
    return {
        "province": province,
        "health": health,
        "hospital": hospital,
        "police": police,
        "bang_khen": AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh"),
        "giay_khen": AwardType.objects.get(code="giay-khen"),
        "campaign": CampaignFactory(issuing_unit=province, title="Phòng, chống dịch COVID-19"),
        "other_campaign": CampaignFactory(issuing_unit=province, title="Chuyển đổi số"),
        "health_officer": OfficerMembershipFactory(
            unit=health, user=UserFactory(username="officer_health")
        ).user,
        "police_officer": OfficerMembershipFactory(
            unit=police, user=UserFactory(username="officer_police")
        ).user,
        "council": CouncilMembershipFactory(user=UserFactory(username="council_1")).user,
    }


def approved(world, *, unit_of=None, award=None, campaign=None, name=None, collective=None):
    if collective is not None:
        subject = {"unit": collective, "individual": None}
        nominating = collective.parent or collective
    else:
        unit = unit_of or world["hospital"]
        extra = {"full_name": name} if name else {}
        subject = {"individual": IndividualFactory(unit=unit, position="Bác sĩ", **extra)}
        nominating = unit
    return NominationFactory(
        **subject,
        nominating_unit=nominating,
        campaign=campaign or world["campaign"],
        award_type=award or world["bang_khen"],
        state=NominationState.APPROVED,
    )


def draft(world, by, *, issuer=None, award=None, signed=SIGNED):
    return create_decision(
        by=by,
        issuer=issuer or world["province"],
        award_type=award or world["bang_khen"],
        signed_date=signed,
        signer_name="Trần Minh Hiển",
        signer_title="PHÓ CHỦ TỊCH",
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_capacity="KT. CHỦ TỊCH",
        campaign=world["campaign"],
    )


def issued(world, by, nominations):
    decision = draft(world, by)
    add_recipients(decision, nominations, by=by)
    issue_decision(decision, by=by)
    return decision


def page_text(response):
    return response.content.decode()


# --- Who reaches which page -------------------------------------------------------------


def staff_urls(decision, line):
    return [
        reverse("awards:decision_edit", args=[decision.pk]),
        reverse("awards:decision_add_recipients", args=[decision.pk]),
        reverse("awards:decision_issue", args=[decision.pk]),
        reverse("awards:decision_revoke", args=[decision.pk]),
        reverse("awards:decision_revoke_recipient", args=[decision.pk, line.pk]),
    ]


def test_staff_reach_every_page(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world)], by=staff_user)
    line = decision.recipients.get()
    for url in [
        reverse("awards:decision_list"),
        reverse("awards:decision_detail", args=[decision.pk]),
        reverse("awards:decision_create"),
        reverse("awards:decision_edit", args=[decision.pk]),
        reverse("awards:decision_add_recipients", args=[decision.pk]),
        reverse("awards:decision_issue", args=[decision.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    # Revocation pages of a draft send staff back with a message.
    assert client.get(reverse("awards:decision_revoke", args=[decision.pk])).status_code == 302

    issue_decision(decision, by=staff_user)
    assert client.get(reverse("awards:decision_revoke", args=[decision.pk])).status_code == 200
    url = reverse("awards:decision_revoke_recipient", args=[decision.pk, line.pk])
    assert client.get(url).status_code == 200
    # The draft-only pages of an issued decision send staff back too.
    for name in ("awards:decision_edit", "awards:decision_add_recipients", "awards:decision_issue"):
        response = client.get(reverse(name, args=[decision.pk]))
        assert response.status_code == 302
        assert response.url == reverse("awards:decision_detail", args=[decision.pk])


@pytest.mark.parametrize("who", ["health_officer", "council"])
def test_officers_and_council_get_404_on_staff_pages(client, world, staff_user, who):
    decision = issued(world, staff_user, [approved(world)])
    line = decision.recipients.get()
    client.force_login(world[who])
    for url in staff_urls(decision, line):  # the province's decision: its staff's
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    remove = reverse("awards:decision_remove_recipient", args=[decision.pk, line.pk])
    assert client.post(remove).status_code == 404
    decision.refresh_from_db()
    assert decision.state == DecisionState.ISSUED
    assert decision.recipients.get().revoked_at is None


def test_unknown_decision_is_404(client, world, staff_user):
    client.force_login(staff_user)
    for name in (
        "awards:decision_detail",
        "awards:decision_edit",
        "awards:decision_add_recipients",
        "awards:decision_issue",
        "awards:decision_revoke",
    ):
        assert client.get(reverse(name, args=[999_999])).status_code == 404, name
    decision = draft(world, staff_user)
    url = reverse("awards:decision_remove_recipient", args=[decision.pk, 999_999])
    assert client.post(url).status_code == 404


def test_anonymous_users_are_sent_to_login(client, world, staff_user):
    decision = draft(world, staff_user)
    for url in (
        reverse("awards:decision_list"),
        reverse("awards:decision_detail", args=[decision.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_officers_read_issued_decisions_of_their_units_only(client, world, staff_user):
    ours = issued(world, staff_user, [approved(world, name="Lê Thị Hồng")])
    theirs = issued(
        world, staff_user, [approved(world, unit_of=world["police"], name="Võ Văn Cảnh")]
    )
    mixed = issued(
        world,
        staff_user,
        [
            approved(world, name="Phan Thị Mai"),
            approved(world, unit_of=world["police"], name="Đặng Văn Tâm"),
        ],
    )
    pending = draft(world, staff_user)
    add_recipients(pending, [approved(world, name="Ngô Thị Lan")], by=staff_user)

    client.force_login(world["health_officer"])
    listing = client.get(reverse("awards:decision_list"))
    assert {d.pk for d in listing.context["page"]} == {ours.pk, mixed.pk}
    for hidden in (theirs, pending):
        url = reverse("awards:decision_detail", args=[hidden.pk])
        assert client.get(url).status_code == 404
    detail = client.get(reverse("awards:decision_detail", args=[mixed.pk]))
    assert detail.status_code == 200
    text = page_text(detail)
    assert "Phan Thị Mai" in text
    assert "Đặng Văn Tâm" not in text  # another unit's line
    assert 'id="actions"' not in text

    client.force_login(world["council"])
    listing = client.get(reverse("awards:decision_list"))
    assert {d.pk for d in listing.context["page"]} == {ours.pk, theirs.pk, mixed.pk, pending.pk}


def test_list_query_count_does_not_grow(client, world, staff_user):
    client.force_login(staff_user)
    url = reverse("awards:decision_list")
    issued(world, staff_user, [approved(world)])

    def count():
        cache.clear()  # measured cold: nothing cached between the two
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    one = count()
    for _ in range(19):
        issued(world, staff_user, [approved(world), approved(world)])
    assert AwardDecision.objects.count() == 20
    # the page's decisions, then their lines' totals for that page only
    assert (one, count()) == (9, 9)
    cache.clear()  # the page built again, for its context
    response = client.get(url)
    rows = list(response.context["page"])
    assert len(rows) == 20
    assert rows[0].recipient_count == 2
    assert rows[0].total_amount == 7_020_000
    assert "7.020.000 đ" in page_text(response)


@pytest.mark.parametrize(
    ("state", "queries"),
    # A draft's warnings ask the authority table (one query); the ceremonies, one more for
    # the decision and its lines' latest; the lines are counted for their pages, and the
    # totals of every line are summed apart from the page's rows.
    [pytest.param("draft", 20, id="draft"), pytest.param("issued", 15, id="issued")],
)
def test_detail_query_count_does_not_grow_with_the_lines(client, world, staff_user, state, queries):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    add_recipients(
        decision, [approved(world), approved(world, collective=world["hospital"])], by=staff_user
    )
    url = reverse("awards:decision_detail", args=[decision.pk])

    def count():
        cache.clear()  # measured cold: nothing cached between the two
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    if state == "issued":
        issue_decision(decision, by=staff_user)
    few = count()
    if state == "issued":
        decision = draft(world, staff_user)
        add_recipients(decision, [approved(world) for _ in range(20)], by=staff_user)
        issue_decision(decision, by=staff_user)
        url = reverse("awards:decision_detail", args=[decision.pk])
    else:
        add_recipients(decision, [approved(world) for _ in range(20)], by=staff_user)
    assert (few, count()) == (queries, queries)
    cache.clear()  # the page built again, for its context
    assert len(client.get(url).context["rows"]) >= 20


def test_detail_pages_the_lines_and_totals_every_line(client, world, staff_user, monkeypatch):
    monkeypatch.setattr("awards.views.decisions.LINES_PER_PAGE", 2)
    client.force_login(staff_user)
    decision = draft(world, staff_user, issuer=world["health"], award=world["giay_khen"])
    names = ["Lê Thị Hồng", "Trần Văn An", "Phạm Thị Bích"]
    add_recipients(
        decision,
        [approved(world, award=world["giay_khen"], name=name) for name in names],
        by=staff_user,
    )
    url = reverse("awards:decision_detail", args=[decision.pk])

    first, second = client.get(url), client.get(url, {"page": 2})

    assert [row.line.subject_name for row in first.context["rows"]] == names[:2]
    assert [row.line.subject_name for row in second.context["rows"]] == names[2:]
    assert "Dòng 3–3 trong 3 dòng" in page_text(second)
    assert first.context["totals"] == second.context["totals"] == {"count": 3, "amount": 2_130_000}


def test_detail_searches_the_lines_without_diacritics(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user, issuer=world["health"], award=world["giay_khen"])
    add_recipients(
        decision,
        [
            approved(world, award=world["giay_khen"], name="Lê Thị Hồng"),
            approved(world, award=world["giay_khen"], name="Trần Văn An"),
        ],
        by=staff_user,
    )
    url = reverse("awards:decision_detail", args=[decision.pk])

    response = client.get(url, {"q": "le thi hong"})

    assert [row.line.subject_name for row in response.context["rows"]] == ["Lê Thị Hồng"]
    assert response.context["totals"]["count"] == 2  # the totals stay the decision's


def test_detail_past_the_last_page_shows_the_last(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world)], by=staff_user)
    url = reverse("awards:decision_detail", args=[decision.pk])

    response = client.get(url, {"page": "99"})

    assert response.status_code == 200
    assert len(response.context["rows"]) == 1


def test_the_decision_page_polls_an_unfinished_run_and_stops_once_it_is_done(
    client, world, staff_user
):
    decision = issued(world, staff_user, [approved(world)])
    runs = CertificateRun.objects.filter(decision=decision)
    url = reverse("awards:decision_detail", args=[decision.pk])
    progress = reverse("awards:certificate_progress", args=[decision.pk])
    client.force_login(staff_user)

    runs.update(state="pending")  # queued, its worker yet to start
    waiting = client.get(url).content.decode()
    runs.update(state="done")
    done = client.get(url).content.decode()

    assert f'hx-get="{progress}"' in waiting
    assert 'id="download-zip"' not in waiting
    assert f'hx-get="{progress}"' not in done
    assert 'id="download-zip"' in done


# --- Composing ----------------------------------------------------------------------------


def form_data(world, **overrides):
    data = {
        "issuer": world["province"].pk,
        "award_type": world["bang_khen"].pk,
        "campaign": world["campaign"].pk,
        "citation": DEFAULT_CITATION,
        "symbol": "",
        "signed_date": "2025-09-15",
        "place": "",
        "signer_authority": "TM. ỦY BAN NHÂN DÂN",
        "signer_capacity": "KT. CHỦ TỊCH",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Trần Minh Hiển",
        "rounding_mode": RoundingMode.UP,
        "fixed_amount": "",
        "legal_basis": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "executors": "Các cơ quan có liên quan chịu trách nhiệm thi hành.",
        "distribution": "Như Điều 3;\nLưu: VT.",
    }
    data.update(overrides)
    return data


def test_the_new_form_is_prefilled(client, world, staff_user):
    client.force_login(staff_user)
    form = client.get(reverse("awards:decision_create")).context["form"]
    assert form["citation"].value() == DEFAULT_CITATION
    assert (
        form["legal_basis"]
        .value()
        .startswith("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;")
    )
    assert form["distribution"].value() == "Như Điều 3;\nLưu: VT."
    issuers = set(form.fields["issuer"].queryset)
    # Every level the authority table lets decide something today: hospitals too.
    assert {world["province"], world["health"], world["police"], world["hospital"]} <= issuers


def test_creating_a_decision(client, world, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("awards:decision_create"), form_data(world))
    decision = AwardDecision.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("awards:decision_add_recipients", args=[decision.pk])
    assert (decision.symbol, decision.place, decision.state) == (
        "QĐ-UBND",
        "Bến Tre",
        DecisionState.DRAFT,
    )
    assert decision.signed_date == SIGNED
    assert decision.created_by == staff_user


def test_authority_refusal_is_shown_on_the_form(client, world, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("awards:decision_create"), form_data(world, issuer=world["health"].pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["award_type"] == [
        "Sở Y tế không có thẩm quyền quyết định tặng “Bằng khen của Chủ tịch UBND tỉnh” "
        "(ngày 15/09/2025). Thẩm quyền quyết định thuộc: Chủ tịch UBND tỉnh."
    ]
    assert "không có thẩm quyền quyết định tặng" in page_text(response)
    assert not AwardDecision.objects.exists()


def test_a_department_decision_gets_its_own_wording(client, world, staff_user):
    """The form is pre-filled with the provincial texts; left unchanged, a department
    decision takes its own default wording.  Browser line breaks are normalised."""
    client.force_login(staff_user)
    form = client.get(reverse("awards:decision_create")).context["form"]
    data = form_data(
        world,
        issuer=world["health"].pk,
        award_type=world["giay_khen"].pk,
        legal_basis=form["legal_basis"].value().replace("\n", "\r\n"),
        executors=form["executors"].value(),
        distribution="Như Điều 3;\r\nLưu: VT.",
    )
    assert client.post(reverse("awards:decision_create"), data).status_code == 302
    decision = AwardDecision.objects.get()
    assert decision.symbol == "QĐ-SYT"
    assert "Luật Tổ chức chính quyền địa phương" not in decision.legal_basis
    assert decision.legal_basis.startswith("Căn cứ Luật Thi đua, khen thưởng")
    assert not decision.executors.startswith("Chánh Văn phòng Ủy ban nhân dân tỉnh")
    assert decision.distribution == "Như Điều 3;\nLưu: VT."

    # Moving the draft to the province brings the province's symbol with it.
    edit = client.post(
        reverse("awards:decision_edit", args=[decision.pk]),
        form_data(world, symbol=decision.symbol),
    )
    assert edit.status_code == 302
    decision.refresh_from_db()
    assert (decision.issuer, decision.symbol) == (world["province"], "QĐ-UBND")


def test_editing_the_rounding_recomputes_the_amounts(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user, issuer=world["health"], award=world["giay_khen"])
    add_recipients(decision, [approved(world, award=world["giay_khen"])], by=staff_user)
    data = form_data(
        world,
        issuer=world["health"].pk,
        award_type=world["giay_khen"].pk,
        rounding_mode=RoundingMode.NEAREST,
    )
    response = client.post(reverse("awards:decision_edit", args=[decision.pk]), data)
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.rounding_mode == RoundingMode.NEAREST
    assert decision.recipients.get().amount == 700_000


def test_detail_shows_every_figure_and_the_total(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user, issuer=world["health"], award=world["giay_khen"])
    add_recipients(
        decision,
        [
            approved(world, award=world["giay_khen"], name="Lê Thị Hồng"),
            approved(world, award=world["giay_khen"], collective=world["hospital"]),
        ],
        by=staff_user,
    )
    response = client.get(reverse("awards:decision_detail", args=[decision.pk]))
    text = page_text(response)
    assert "Số: …/QĐ-SYT" in text
    assert "Lê Thị Hồng" in text
    assert "Bác sĩ, Bệnh viện Nguyễn Đình Chiểu" in text
    for figure in ("0,3", "2.340.000 đ", "702.000 đ", "710.000 đ", "1.404.000 đ", "1.410.000 đ"):
        assert figure in text, figure
    assert response.context["totals"] == {"count": 2, "amount": 2_120_000}
    assert "2.120.000 đ" in text
    assert response.context["warnings"] == []
    assert response.context["can_issue"] is True


def test_detail_warns_about_a_missing_coefficient(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user, signed=datetime.date(2017, 9, 15))
    add_recipients(decision, [approved(world)], by=staff_user)
    response = client.get(reverse("awards:decision_detail", args=[decision.pk]))
    assert len(response.context["warnings"]) == 1
    assert "Chưa có hệ số tiền thưởng" in response.context["warnings"][0]
    assert "Chưa có hệ số áp dụng" in page_text(response)


def test_removing_a_line(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world, name="Lê Thị Hồng")], by=staff_user)
    line = decision.recipients.get()
    url = reverse("awards:decision_remove_recipient", args=[decision.pk, line.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert not decision.recipients.exists()
    assert "Đã bỏ Lê Thị Hồng khỏi quyết định." in page_text(response)


# --- The "add recipients" page ------------------------------------------------------------


def add_url(decision, **params):
    url = reverse("awards:decision_add_recipients", args=[decision.pk])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def listed(response):
    return {n.pk for n in response.context["page"]}


def test_add_page_defaults_to_the_decisions_campaign_and_form(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    ours = approved(world)
    other_campaign = approved(world, campaign=world["other_campaign"])
    other_form = approved(world, award=world["giay_khen"])
    on_another_draft = approved(world)
    add_recipients(draft(world, staff_user), [on_another_draft], by=staff_user)
    not_approved = approved(world)
    Nomination.objects.filter(pk=not_approved.pk).update(state=NominationState.SUBMITTED)

    response = client.get(add_url(decision))
    assert listed(response) == {ours.pk}

    everything = client.get(add_url(decision, campaign="", award_type="", unit="", q=""))
    assert listed(everything) == {ours.pk, other_campaign.pk, other_form.pk}
    assert everything.context["other_forms"] is True


def test_add_page_filters_by_unit_including_sub_units(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    at_hospital = approved(world)  # a doctor of the hospital, below the health department
    hospital_itself = approved(world, collective=world["hospital"])
    police = approved(world, unit_of=world["police"])

    under_health = client.get(add_url(decision, unit=world["health"].pk))
    assert listed(under_health) == {at_hospital.pk, hospital_itself.pk}
    under_police = client.get(add_url(decision, unit=world["police"].pk))
    assert listed(under_police) == {police.pk}


def test_add_page_filters_by_campaign_and_name(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    first = approved(world, name="Lê Thị Hồng")
    approved(world, name="Võ Văn Cảnh")
    digital = approved(world, campaign=world["other_campaign"], name="Lê Văn Số")
    # The filter form sends every field; "le" matches "Lê" (accent-insensitive).
    by_name = client.get(add_url(decision, campaign=world["campaign"].pk, q="le"))
    assert listed(by_name) == {first.pk}
    in_any_campaign = client.get(add_url(decision, campaign="", q="le"))
    assert listed(in_any_campaign) == {first.pk, digital.pk}
    by_campaign = client.get(add_url(decision, campaign=world["other_campaign"].pk))
    assert listed(by_campaign) == {digital.pk}


def test_adding_the_selected_nominations(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    chosen = [approved(world), approved(world)]
    left = approved(world)
    response = client.post(
        add_url(decision),
        {"ids": [n.pk for n in chosen], "campaign": world["campaign"].pk},
        follow=True,
    )
    assert set(decision.recipients.values_list("nomination_id", flat=True)) == {
        n.pk for n in chosen
    }
    text = page_text(response)
    assert "Đã thêm 2 người, tập thể." in text
    assert "tổng tiền thưởng 7.020.000 đ" in text
    # Back on the add page with the running total, and only the one left.
    assert listed(response) == {left.pk}
    assert response.context["current_total"] == 7_020_000
    assert response.context["after_all_total"] == 10_530_000


def test_adding_all_matching_takes_every_page(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    hospital = [approved(world) for _ in range(55)]
    police = approved(world, unit_of=world["police"])
    first_page = client.get(add_url(decision, unit=world["health"].pk))
    assert len(first_page.context["page"]) == 50
    assert first_page.context["page"].paginator.count == 55
    assert first_page.context["estimate_total"] == 55 * 3_510_000
    assert "Thêm tất cả 55 hồ sơ phù hợp bộ lọc" in page_text(first_page)

    response = client.post(add_url(decision), {"all": "1", "unit": world["health"].pk})
    assert response.status_code == 302
    added = set(decision.recipients.values_list("nomination_id", flat=True))
    assert added == {n.pk for n in hospital}
    assert police.pk not in added


def test_adding_a_nomination_of_another_form_is_skipped_with_a_message(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    other_form = approved(world, award=world["giay_khen"])
    response = client.post(add_url(decision), {"ids": [other_form.pk]}, follow=True)
    assert not decision.recipients.exists()
    assert "1 đề nghị hình thức khác" in page_text(response)


def test_adding_nothing_is_an_error_message(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    response = client.post(add_url(decision), {"add": "1"}, follow=True)
    assert "Chọn ít nhất một hồ sơ để thêm." in page_text(response)


# --- Issue and revocation -----------------------------------------------------------------


def test_issuing_from_the_confirmation_page(
    client, world, staff_user, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    nomination = approved(world)
    add_recipients(decision, [nomination], by=staff_user)
    url = reverse("awards:decision_issue", args=[decision.pk])
    confirm = client.get(url)
    assert confirm.context["next_number"] == 1
    assert "1/QĐ-UBND" in page_text(confirm)

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, follow=True)

    decision.refresh_from_db()
    assert (decision.state, decision.reference) == (DecisionState.ISSUED, "1/QĐ-UBND")
    text = page_text(response)
    assert "Đã ban hành Quyết định số 1/QĐ-UBND." in text
    assert "Số: 1/QĐ-UBND" in text
    assert response.context["run"] == CertificateRun.objects.get(decision=decision)
    assert 'id="certificate-run"' in text
    nomination.refresh_from_db()
    assert nomination.state == NominationState.AWARDED


def test_a_second_click_on_issue_gets_a_message_not_an_error(client, world, staff_user):
    """Two staff on the same confirmation page: the second POST arrives after the first."""
    client.force_login(staff_user)
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world)], by=staff_user)
    url = reverse("awards:decision_issue", args=[decision.pk])
    assert client.post(url).status_code == 302
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "đã được ban hành (số 1/QĐ-UBND)" in page_text(response)
    assert AwardDecision.objects.get(pk=decision.pk).number == 1


def test_issue_refusal_is_a_message(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user, signed=datetime.date(2017, 9, 15))
    add_recipients(decision, [approved(world)], by=staff_user)
    response = client.post(reverse("awards:decision_issue", args=[decision.pk]), follow=True)
    assert "Chưa có hệ số tiền thưởng" in page_text(response)
    assert AwardDecision.objects.get(pk=decision.pk).state == DecisionState.DRAFT


def test_revoking_a_line_and_the_decision(client, world, staff_user):
    client.force_login(staff_user)
    decision = issued(world, staff_user, [approved(world, name="Lê Thị Hồng"), approved(world)])
    first, second = decision.recipients.order_by("sort_order")
    line_url = reverse("awards:decision_revoke_recipient", args=[decision.pk, first.pk])

    no_reason = client.post(line_url, {"reason": ""})
    assert no_reason.status_code == 200
    assert no_reason.context["form"].errors["reason"]
    assert first.certificates.get().state == CertificateState.VALID

    response = client.post(line_url, {"reason": "Sai họ tên"}, follow=True)
    assert "Đã thu hồi khen thưởng của Lê Thị Hồng" in page_text(response)
    assert first.certificates.get().state == CertificateState.REVOKED

    url = reverse("awards:decision_revoke", args=[decision.pk])
    response = client.post(url, {"reason": "Hồ sơ giả mạo"}, follow=True)
    decision.refresh_from_db()
    assert decision.state == DecisionState.REVOKED
    assert "Hồ sơ giả mạo" in page_text(response)
    assert set(Certificate.objects.values_list("state", flat=True)) == {CertificateState.REVOKED}
    again = client.post(url, {"reason": "Lần nữa"}, follow=True)
    assert "Quyết định này đã bị thu hồi." in page_text(again)


# --- History ------------------------------------------------------------------------------


def test_history_lists_each_action_with_its_label(client, world, staff_user):
    decision = issued(world, staff_user, [approved(world)])
    client.force_login(staff_user)
    response = client.get(reverse("awards:decision_detail", args=[decision.pk]))
    labels = [str(entry.label) for entry in response.context["history"]]
    assert labels == ["Lập dự thảo", "Thêm người, tập thể", "Ban hành"]
    history = page_text(response).split("Nhật ký", 1)[1]
    assert "Lập dự thảo" in history and "Ban hành" in history


def test_a_decision_signed_in_9999_is_refused_by_the_form(client, world, staff_user):
    client.force_login(staff_user)

    response = client.post(
        reverse("awards:decision_create"), form_data(world, signed_date="9999-12-31")
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors["signed_date"]
    assert error.startswith("Ngày 31/12/9999 ở tương lai: việc đã diễn ra chỉ được ghi")
    assert 'value="Trần Minh Hiển"' in response.text
    assert AwardDecision.objects.count() == 0


# --- The issuer's branch on the add page ------------------------------------------------


def test_the_add_page_lists_only_the_issuers_branch(client, world, staff_user):
    client.force_login(staff_user)
    decision = draft(world, staff_user, issuer=world["health"], award=world["giay_khen"])
    inside = approved(world, award=world["giay_khen"])
    approved(world, award=world["giay_khen"], unit_of=world["police"])
    response = client.get(reverse("awards:decision_add_recipients", args=[decision.pk]))
    assert list(response.context["page"]) == [inside]


def test_adding_a_nomination_outside_the_branch_is_refused_with_a_message(
    client, world, staff_user
):
    client.force_login(staff_user)
    decision = draft(world, staff_user, issuer=world["health"], award=world["giay_khen"])
    outside = approved(world, award=world["giay_khen"], unit_of=world["police"], name="Võ Văn Cảnh")
    response = client.post(
        reverse("awards:decision_add_recipients", args=[decision.pk]),
        {"ids": [outside.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Sở Y tế chỉ khen thưởng người, tập thể của đơn vị mình và các đơn vị trực thuộc; "
        "không thuộc phạm vi này: Võ Văn Cảnh (Công an tỉnh)."
    ]
    assert not decision.recipients.exists()
