import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from awards.enums import NominationState, SubjectType
from awards.filters import NominationFilter
from awards.models import AwardType, DossierFile, Nomination
from awards.selectors import nomination_queue
from awards.services.dossiers import refresh_queue_fields
from awards.services.forwarding import forward_nominations
from awards.services.nominations import perform
from common.models import ActivityLog
from tests.factories import (
    AchievementFactory,
    AwardTypeFactory,
    CampaignFactory,
    CouncilMembershipFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UnitFactory,
    UserFactory,
)
from units.enums import UnitLevel

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def world():
    """Two units with an officer each; a sub-unit under the first; one campaign."""
    health = UnitFactory(name="Sở Y tế")
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=health)
    police = UnitFactory(name="Công an tỉnh")
    officer1 = OfficerMembershipFactory(unit=health, user=UserFactory(username="o1")).user
    officer2 = OfficerMembershipFactory(unit=police, user=UserFactory(username="o2")).user
    # Only the province decides it: the nominations go to the staff's queue.
    award = AwardTypeFactory(
        name="Bằng khen tỉnh", code="bang-khen-tinh", deciding_levels=[UnitLevel.PROVINCE]
    )
    campaign = CampaignFactory()
    campaign.allowed_award_types.add(award)
    doctor = IndividualFactory(full_name="Nguyễn Văn An", unit=hospital)
    nomination = NominationFactory(
        individual=doctor,
        nominating_unit=health,
        campaign=campaign,
        award_type=award,
        created_by=officer1,
    )
    return {
        "health": health,
        "hospital": hospital,
        "police": police,
        "officer1": officer1,
        "officer2": officer2,
        "award": award,
        "campaign": campaign,
        "doctor": doctor,
        "nomination": nomination,
    }


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_officer_of_another_unit_gets_404_everywhere(client, world):
    nomination = world["nomination"]
    client.force_login(world["officer2"])
    for name in ("awards:nomination_detail", "awards:nomination_edit"):
        assert client.get(reverse(name, args=[nomination.pk])).status_code == 404
    response = client.post(reverse("awards:nomination_action", args=[nomination.pk, "submit"]))
    assert response.status_code == 404
    listing = client.get(reverse("awards:nomination_list"))
    assert listing.status_code == 200
    assert "Nguyễn Văn An" not in listing.content.decode()


def test_officer_of_the_parent_unit_sees_the_sub_unit_and_council_reads_only(client, world):
    nomination = world["nomination"]
    client.force_login(world["officer1"])
    assert client.get(reverse("awards:nomination_detail", args=[nomination.pk])).status_code == 200

    council = CouncilMembershipFactory().user
    client.force_login(council)
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))
    assert page.status_code == 200
    assert page.context["actions"] == []
    assert client.get(reverse("awards:nomination_edit", args=[nomination.pk])).status_code == 404
    client.post(reverse("awards:nomination_action", args=[nomination.pk, "submit"]))
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DRAFT
    assert client.get(reverse("awards:nomination_create")).status_code == 404
    response = client.post(reverse("awards:nomination_bulk"), {"action": "approve", "ids": [1]})
    assert response.status_code == 404


def test_unknown_action_and_unknown_nomination_are_404(client, world, staff_user):
    client.force_login(staff_user)
    pk = world["nomination"].pk
    assert client.post(reverse("awards:nomination_action", args=[pk, "explode"])).status_code == 404
    assert client.get(reverse("awards:nomination_detail", args=[pk + 999])).status_code == 404


def test_officer_creates_and_submits_with_a_dossier_file(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["officer1"])
    achievement = AchievementFactory(individual=world["doctor"], campaign=world["campaign"])
    letter = io.BytesIO(png_bytes())
    letter.name = "to-trinh.png"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("awards:nomination_create"),
            {
                "campaign": world["campaign"].pk,
                "individual": world["doctor"].pk,
                "award_type": world["award"].pk,
                "summary": "Điều trị khỏi 300 bệnh nhân COVID-19",
                "achievements": [achievement.pk],
                "proposal_letter": letter,
                "submit": "1",
            },
        )
    created = Nomination.objects.exclude(pk=world["nomination"].pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:nomination_detail", args=[created.pk])
    assert created.state == NominationState.SUBMITTED
    assert created.nominating_unit == world["health"]
    assert list(created.achievements.all()) == [achievement]
    dossier = DossierFile.objects.get(nomination=created)
    assert dossier.original_name == "to-trinh.png"
    assert "to-trinh" not in dossier.file.name  # stored under an unguessable name
    download = client.get(reverse("awards:dossier_file", args=[dossier.pk]))
    assert download.status_code == 200
    client.force_login(world["officer2"])
    assert client.get(reverse("awards:dossier_file", args=[dossier.pk])).status_code == 404


def test_rejected_upload_keeps_the_rest_of_the_form(client, world):
    client.force_login(world["officer1"])
    bad = io.BytesIO(b"this is not a picture")
    bad.name = "bien-ban.jpg"
    response = client.post(
        reverse("awards:nomination_create"),
        {
            "campaign": world["campaign"].pk,
            "individual": world["doctor"].pk,
            "award_type": world["award"].pk,
            "summary": "Tóm tắt được giữ lại",
            "council_minutes": bad,
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["council_minutes"]
    assert "Tóm tắt được giữ lại" in response.content.decode()
    assert Nomination.objects.count() == 1


def test_award_type_must_fit_the_campaign_and_subject(client, world):
    client.force_login(world["officer1"])
    collective_only = AwardType.objects.get(code="tap-the-lao-dong-xuat-sac")
    assert collective_only.subject_types == [SubjectType.COLLECTIVE]
    world["campaign"].allowed_award_types.add(collective_only)
    response = client.post(
        reverse("awards:nomination_create"),
        {
            "campaign": world["campaign"].pk,
            "individual": world["doctor"].pk,
            "award_type": collective_only.pk,
            "summary": "x",
        },
    )
    assert response.context["form"].errors["award_type"] == [
        "Danh hiệu, hình thức này không dành cho đối tượng đã chọn."
    ]


def achievement_ids(form) -> list[int]:
    return sorted(a.pk for a in form.fields["achievements"].queryset)


def test_the_form_offers_the_chosen_subjects_achievements_only(client, world):
    nurse = IndividualFactory(full_name="Trần Thị Bình", unit=world["hospital"])
    doctors = AchievementFactory(individual=world["doctor"], campaign=world["campaign"])
    AchievementFactory(individual=nurse, campaign=world["campaign"])
    AchievementFactory(individual=None, unit=world["hospital"], campaign=world["campaign"])
    world["nomination"].achievements.add(doctors)
    client.force_login(world["officer1"])

    new = client.get(reverse("awards:nomination_create"))
    edit = client.get(reverse("awards:nomination_edit", args=[world["nomination"].pk]))
    fragment = client.get(
        reverse("awards:nomination_achievement_choices"), {"individual": world["doctor"].pk}
    )

    assert achievement_ids(new.context["form"]) == []
    assert "---------" not in new.text
    assert "Chọn danh hiệu, hình thức…" in new.text
    assert "Chọn cá nhân hoặc tập thể được đề nghị" in new.text
    assert achievement_ids(edit.context["form"]) == [doctors.pk]
    assert achievement_ids(fragment.context["form"]) == [doctors.pk]
    assert f'value="{doctors.pk}"' in fragment.text
    assert fragment.text.count('type="checkbox"') == 1
    assert 'hx-get="/nominations/achievement-choices/"' in new.text


def test_the_achievement_choices_are_scoped_and_officers_only(client, world, staff_user):
    police_man = IndividualFactory(unit=world["police"])
    theirs = AchievementFactory(individual=police_man)
    url = reverse("awards:nomination_achievement_choices")

    client.force_login(world["officer1"])
    other = client.get(url, {"individual": police_man.pk})
    junk = [client.get(url, {"individual": v}) for v in ("abc", "99999999999999999999999")]
    client.force_login(staff_user)
    staff = client.get(url, {"individual": police_man.pk})

    assert achievement_ids(other.context["form"]) == []
    assert f'value="{theirs.pk}"' not in other.text
    assert 'type="checkbox"' not in other.text
    assert staff.status_code == 404
    assert [(r.status_code, achievement_ids(r.context["form"])) for r in junk] == [
        (200, []),
        (200, []),
    ]


def test_someone_elses_achievement_is_refused_and_the_form_kept(client, world):
    nurse = IndividualFactory(full_name="Trần Thị Bình", unit=world["hospital"])
    hers = AchievementFactory(individual=nurse, campaign=world["campaign"])
    client.force_login(world["officer1"])

    response = client.post(
        reverse("awards:nomination_create"),
        {
            "campaign": world["campaign"].pk,
            "individual": world["doctor"].pk,
            "award_type": world["award"].pk,
            "summary": "Tóm tắt được giữ lại",
            "achievements": [hers.pk],
        },
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "achievements": ["Chỉ chọn thành tích của chính cá nhân, tập thể được đề nghị."]
    }
    assert "Tóm tắt được giữ lại" in response.text
    assert f'<option value="{world["doctor"].pk}" selected>' in response.text
    assert Nomination.objects.count() == 1


def test_the_unit_filter_renders_the_chosen_unit_only(client, world, staff_user):
    UnitFactory.create_batch(5, name="Trường Tiểu học")
    client.force_login(staff_user)

    response = client.get(reverse("awards:nomination_list"), {"unit": world["police"].pk})

    select = response.text.split('name="unit"')[1].split("</select>")[0]
    assert 'data-autocomplete-url="/units/autocomplete/"' in select
    assert f'<option value="{world["police"].pk}" selected>Công an tỉnh</option>' in select
    assert select.count("<option") == 2


def test_return_shows_the_reason_to_the_officer(client, world, staff_user):
    nomination = world["nomination"]
    client.force_login(world["officer1"])
    client.post(reverse("awards:nomination_action", args=[nomination.pk, "submit"]))
    client.force_login(staff_user)
    client.post(
        reverse("awards:nomination_action", args=[nomination.pk, "return"]),
        {"reason": "Bổ sung biên bản họp Hội đồng"},
    )
    client.force_login(world["officer1"])
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))
    assert page.context["nomination"].state == NominationState.RETURNED
    assert "Bổ sung biên bản họp Hội đồng" in page.content.decode()
    assert page.context["can_edit"] is True


def test_second_staff_member_gets_a_message_not_an_error(client, world, staff_user):
    nomination = world["nomination"]
    client.force_login(world["officer1"])
    client.post(reverse("awards:nomination_action", args=[nomination.pk, "submit"]))
    client.force_login(staff_user)
    client.post(reverse("awards:nomination_action", args=[nomination.pk, "approve"]))
    response = client.post(
        reverse("awards:nomination_action", args=[nomination.pk, "reject"]),
        {"reason": "Muộn"},
        follow=True,
    )
    assert response.status_code == 200
    texts = [str(m) for m in response.context["messages"]]
    assert any("quyền" in t or "người khác" in t for t in texts)


def test_search_ignores_diacritics(client, world, staff_user):
    NominationFactory(individual=IndividualFactory(full_name="Trần Thị Bình"))
    client.force_login(staff_user)
    page = client.get(reverse("awards:nomination_list"), {"q": "nguyen van an"})
    names = [n.subject_name for n in page.context["page"]]
    assert names == ["Nguyễn Văn An"]
    page = client.get(reverse("awards:nomination_list"), {"q": "BÌNH"})
    assert [n.subject_name for n in page.context["page"]] == ["Trần Thị Bình"]


def test_unit_filter_includes_sub_units_and_fast_track_comes_first(client, world, staff_user):
    late = NominationFactory(
        individual=IndividualFactory(unit=world["police"]),
        is_fast_track=True,
        state=NominationState.SUBMITTED,
    )
    client.force_login(staff_user)
    page = client.get(reverse("awards:nomination_list"))
    assert list(page.context["page"])[0] == late
    page = client.get(reverse("awards:nomination_list"), {"unit": world["health"].pk})
    assert list(page.context["page"]) == [world["nomination"]]


def test_bulk_approve_changes_only_eligible_rows(client, world, staff_user):
    submitted = NominationFactory.create_batch(3, state=NominationState.SUBMITTED)
    draft = world["nomination"]
    client.force_login(staff_user)
    client.post(
        reverse("awards:nomination_bulk"),
        {"action": "approve", "ids": [n.pk for n in submitted] + [draft.pk]},
    )
    assert set(Nomination.objects.filter(state=NominationState.APPROVED)) == set(submitted)
    draft.refresh_from_db()
    assert draft.state == NominationState.DRAFT
    assert ActivityLog.objects.filter(new_state=NominationState.APPROVED).count() == 3


def test_bulk_return_needs_a_reason(client, world, staff_user):
    submitted = NominationFactory(state=NominationState.SUBMITTED)
    client.force_login(staff_user)
    response = client.post(
        reverse("awards:nomination_bulk"),
        {"action": "return", "ids": [submitted.pk]},
        follow=True,
    )
    assert "Vui lòng ghi rõ lý do." in [str(m) for m in response.context["messages"]]
    submitted.refresh_from_db()
    assert submitted.state == NominationState.SUBMITTED


def test_bulk_approve_by_the_filters_changes_every_row_they_find(client, world, staff_user):
    police = NominationFactory.create_batch(
        3, nominating_unit=world["police"], state=NominationState.SUBMITTED
    )
    health = NominationFactory(nominating_unit=world["health"], state=NominationState.SUBMITTED)
    client.force_login(staff_user)

    response = client.post(
        reverse("awards:nomination_bulk"),
        {"action": "approve", "everything": "1", "filters": f"unit={world['police'].pk}"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == ["Đã xử lý 3 hồ sơ."]
    approved = Nomination.objects.filter(state=NominationState.APPROVED)
    assert sorted(approved.values_list("pk", flat=True)) == sorted(n.pk for n in police)
    health.refresh_from_db()
    assert health.state == NominationState.SUBMITTED


def test_bulk_by_the_filters_refuses_more_rows_than_the_limit(
    client, world, staff_user, monkeypatch
):
    monkeypatch.setattr("awards.views.nominations.BULK_LIMIT", 2)
    NominationFactory.create_batch(
        3, nominating_unit=world["police"], state=NominationState.SUBMITTED
    )
    client.force_login(staff_user)

    response = client.post(
        reverse("awards:nomination_bulk"),
        {"action": "approve", "everything": "1", "filters": f"unit={world['police'].pk}"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Bộ lọc khớp hơn 2 hồ sơ: hãy lọc hẹp hơn (theo phong trào, đơn vị, hình thức "
        "hoặc ngày gửi) rồi thao tác lại."
    ]
    assert Nomination.objects.filter(state=NominationState.APPROVED).count() == 0
    assert ActivityLog.objects.count() == 0


def test_bulk_by_filters_that_are_not_valid_is_refused_not_widened(client, world, staff_user):
    NominationFactory(nominating_unit=world["police"], state=NominationState.SUBMITTED)
    client.force_login(staff_user)

    response = client.post(
        reverse("awards:nomination_bulk"),
        {"action": "approve", "everything": "1", "filters": "queue=all&unit=not-a-unit"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Bộ lọc không hợp lệ: hãy lọc lại danh sách rồi thao tác."
    ]
    assert Nomination.objects.filter(state=NominationState.APPROVED).count() == 0


def test_bulk_forwarding_by_the_filters_is_refused(client, world, staff_user):
    NominationFactory(nominating_unit=world["police"], state=NominationState.SUBMITTED)
    client.force_login(staff_user)

    response = client.post(
        reverse("awards:nomination_bulk"),
        {"action": "forward", "everything": "1", "filters": ""},
        follow=True,
    )

    texts = [str(m) for m in response.context["messages"]]
    assert len(texts) == 1 and texts[0].startswith("Trình cấp trên cần đánh dấu từng hồ sơ")


def test_the_queue_offers_every_row_of_its_filters_when_they_span_pages(
    client, world, staff_user, monkeypatch
):
    monkeypatch.setattr("awards.views.nominations.PAGE_SIZE", 2)
    NominationFactory.create_batch(
        2, nominating_unit=world["police"], state=NominationState.SUBMITTED
    )
    client.force_login(staff_user)

    page = client.get(reverse("awards:nomination_list"), {"queue": "all"})
    html = " ".join(page.content.decode().split())

    assert 'name="everything"' in html
    assert '<input type="hidden" name="filters" value="queue=all">' in html
    assert "Áp dụng cho cả 3 hồ sơ khớp bộ lọc trên mọi trang" in html


def count_queries(client, url, **params):
    """The queries of a page built from nothing: the cache emptied first (the session
    then comes from the database, the roles, the rows and the form are read again)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), len(response.context["page"])


def add_queue_rows(world, count):
    for _ in range(count):
        achievement = AchievementFactory(individual=IndividualFactory(unit=world["hospital"]))
        nomination = NominationFactory(
            individual=achievement.individual,
            nominating_unit=world["health"],
            state=NominationState.SUBMITTED,
            is_fast_track=True,
        )
        nomination.achievements.add(achievement)


@pytest.mark.parametrize(
    ("user_kind", "queries"),
    [pytest.param("staff", 10, id="staff"), pytest.param("officer", 10, id="officer")],
)
def test_list_uses_a_constant_number_of_queries(client, world, staff_user, user_kind, queries):
    user = staff_user if user_kind == "staff" else world["officer1"]
    client.force_login(user)
    url = reverse("awards:nomination_list")
    one = count_queries(client, url, queue="all")  # the world's one nomination
    add_queue_rows(world, 2)
    three = count_queries(client, url, queue="all")
    assert (one, three) == ((queries, 1), (queries, 3))


def test_history_shows_the_action_label_and_the_state_change(client, world):
    nomination = world["nomination"]
    perform(nomination, "submit", by=world["officer1"])
    client.force_login(world["officer1"])

    response = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))

    [entry] = response.context["history"]
    assert str(entry.label) == "Chuyển trạng thái hồ sơ"
    html = response.content.decode()
    history = html[html.index('id="history"') :]
    assert "Chuyển trạng thái hồ sơ" in history
    assert '<span class="badge text-bg-secondary">Dự thảo</span>' in history
    assert '<span class="badge text-bg-primary">Đã gửi</span>' in history


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31"])
def test_an_absurd_filter_date_is_flagged_and_ignored(client, world, staff_user, typed):
    client.force_login(staff_user)

    page = client.get(reverse("awards:nomination_list"), {"submitted_from": typed})
    everything = client.get(reverse("awards:nomination_list"))

    assert page.status_code == 200
    [error] = page.context["filter"].form.errors["submitted_from"]
    assert error.startswith(f"Ngày {typed[8:10]}/{typed[5:7]}/{typed[:4]} quá xa")
    assert list(page.context["page"]) == list(everything.context["page"])
    assert len(everything.context["page"]) >= 1


def test_a_filter_error_is_shown_under_its_field_and_the_others_are_plain(
    client, world, staff_user
):
    client.force_login(staff_user)

    html = client.get(reverse("awards:nomination_list"), {"submitted_from": "hôm qua"}).content
    html = html.decode()

    form = html[html.index('id="filter-form"') : html.index('id="bulk-form"')]
    field = form[form.index('for="id_submitted_from"') : form.index('for="id_submitted_to"')]
    assert 'class="dateinput form-control is-invalid"' not in field  # no crispy-forms class
    assert 'class="form-control is-invalid"' in field
    assert '<div class="invalid-feedback">Nhập một ngày hợp lệ.</div>' in field
    assert form.count("is-invalid") == 1
    assert '<select name="state" class="form-select" id="id_state">' in form
    assert 'name="q" placeholder="Họ tên, tên tập thể…" class="form-control"' in form


# --- The queue's order, count, pages, sort choices and bulk action ------------------------


def sent(day):
    return timezone.make_aware(datetime.datetime(2021, 9, day, 9))


def test_only_open_fast_track_is_pinned_on_top(client, world, staff_user):
    awarded_fast = NominationFactory(
        is_fast_track=True, state=NominationState.AWARDED, submitted_at=sent(20)
    )
    recent = NominationFactory(state=NominationState.SUBMITTED, submitted_at=sent(10))
    open_fast = NominationFactory(
        is_fast_track=True, state=NominationState.IN_REVIEW, submitted_at=sent(1)
    )
    draft = world["nomination"]  # never sent: last
    client.force_login(staff_user)

    page = client.get(reverse("awards:nomination_list"), {"queue": "all"})

    assert list(page.context["page"]) == [open_fast, awarded_fast, recent, draft]


def test_only_an_open_fast_track_counts_the_time_since_its_achievement(client, staff_user):
    day = datetime.date(2021, 8, 1)
    for state in (NominationState.SUBMITTED, NominationState.AWARDED):
        nomination = NominationFactory(is_fast_track=True, state=state, submitted_at=sent(2))
        nomination.achievements.add(AchievementFactory(date=day))
        refresh_queue_fields(Nomination.objects.filter(pk=nomination.pk))
    client.force_login(staff_user)

    html = client.get(reverse("awards:nomination_list"), {"queue": "all"}).content.decode()

    assert html.count("lập thành tích") == 1
    assert html.count("table-danger-subtle") == 1
    assert html.count("Đột xuất</span>") == 2


def test_a_chosen_sort_keeps_open_fast_track_first(client, world, staff_user):
    older = NominationFactory(state=NominationState.SUBMITTED, submitted_at=sent(2))
    newer = NominationFactory(state=NominationState.SUBMITTED, submitted_at=sent(12))
    fast = NominationFactory(
        is_fast_track=True, state=NominationState.SUBMITTED, submitted_at=sent(20)
    )
    client.force_login(staff_user)

    page = client.get(reverse("awards:nomination_list"), {"sort": "submitted"})

    assert list(page.context["page"]) == [fast, older, newer, world["nomination"]]


def test_sort_choices_are_all_in_vietnamese(client, world, staff_user):
    client.force_login(staff_user)
    form = client.get(reverse("awards:nomination_list")).context["filter"].form

    labels = [str(label) for _, label in form.fields["sort"].choices]

    assert labels == [
        "Mặc định (đột xuất đang chờ trước, mới gửi trước)",
        "Ngày gửi (mới nhất trước)",
        "Ngày gửi (cũ nhất trước)",
        "Ngày cập nhật (mới nhất trước)",
        "Ngày cập nhật (cũ nhất trước)",
        "Đơn vị đề nghị (A → Z)",
        "Đơn vị đề nghị (Z → A)",
        "Hình thức (theo thứ tự danh mục)",
        "Hình thức (ngược thứ tự danh mục)",
        "Trạng thái (nhóm theo trạng thái)",
        "Trạng thái (nhóm theo trạng thái, thứ tự ngược)",
    ]


@pytest.mark.parametrize("sort", ["-submitted", "changed", "unit", "-award", "state"])
def test_every_sort_choice_answers(client, world, staff_user, sort):
    client.force_login(staff_user)
    page = client.get(reverse("awards:nomination_list"), {"sort": sort})
    assert list(page.context["page"]) == [world["nomination"]]


def test_count_and_pages_stop_at_the_cap(client, world, staff_user, monkeypatch):
    monkeypatch.setattr("awards.views.nominations.PAGE_SIZE", 2)
    monkeypatch.setattr("awards.views.nominations.QUEUE_CAP", 4)
    NominationFactory.create_batch(4, state=NominationState.SUBMITTED)  # 5 with the world's
    client.force_login(staff_user)

    last = client.get(reverse("awards:nomination_list"), {"queue": "all", "page": 9})

    assert (last.context["page"].number, last.context["page"].paginator.num_pages) == (2, 2)
    assert last.context["page"].paginator.is_capped
    text = " ".join(last.content.decode().split())
    assert "Hơn 4 hồ sơ. Danh sách chỉ mở 2 trang đầu" in text


def test_under_the_cap_the_count_is_exact(client, world, staff_user, monkeypatch):
    monkeypatch.setattr("awards.views.nominations.QUEUE_CAP", 4)
    NominationFactory.create_batch(3)
    client.force_login(staff_user)

    page = client.get(reverse("awards:nomination_list"))

    assert not page.context["page"].paginator.is_capped
    assert "4 hồ sơ" in " ".join(page.content.decode().split())


def test_the_bulk_action_has_no_preselected_choice(client, world, staff_user):
    NominationFactory(state=NominationState.SUBMITTED)
    client.force_login(staff_user)
    html = client.get(reverse("awards:nomination_list")).content.decode()
    select = html[
        html.index('id="bulk-action"') : html.index("</select>", html.index("bulk-action"))
    ]
    assert 'value=""' in select
    assert "selected" not in select


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param({}, "Chọn thao tác cần thực hiện (duyệt hoặc trả lại).", id="no-action"),
        pytest.param({"action": "approve", "ids": []}, "Chọn ít nhất một hồ sơ", id="no-rows"),
    ],
)
def test_a_bulk_post_without_a_choice_changes_nothing(client, world, staff_user, data, message):
    submitted = NominationFactory(state=NominationState.SUBMITTED)
    client.force_login(staff_user)
    payload = {"ids": [submitted.pk]} | data

    response = client.post(reverse("awards:nomination_bulk"), payload, follow=True)

    texts = [str(m) for m in response.context["messages"]]
    assert len(texts) == 1 and texts[0].startswith(message)
    submitted.refresh_from_db()
    assert submitted.state == NominationState.SUBMITTED
    assert ActivityLog.objects.count() == 0


# --- The review queue of a level: "Chờ đơn vị tôi xét duyệt" -------------------------------


def nurse_nomination(tree, **fields):
    """The nurse's bằng khen of the provincial chair, from her hospital: it goes through
    Sở Y tế to the province."""
    return NominationFactory(
        individual=tree["nurse"],
        nominating_unit=tree["hospital"],
        award_type=AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh"),
        created_by=tree["officer"],
        **fields,
    )


def sent_up(tree):
    nomination = nurse_nomination(tree)
    perform(nomination, "submit", by=tree["officer"])
    return nomination


def test_the_queue_of_a_unit_shows_what_waits_there_by_default(client, tree):
    waiting = sent_up(tree)
    nurse_nomination(tree)  # a draft of the hospital: not the department's to review
    client.force_login(tree["deputy"])

    page = client.get(reverse("awards:nomination_list"))

    assert page.context["filter"].form["queue"].value() == "mine"
    assert list(page.context["page"]) == [waiting]
    assert "Chờ Sở Y tế" in page.content.decode()


def test_an_officer_whose_unit_reviews_nothing_sees_all_their_dossiers(client, tree):
    waiting = sent_up(tree)
    draft = nurse_nomination(tree)
    client.force_login(tree["officer"])

    page = client.get(reverse("awards:nomination_list"))
    mine = client.get(reverse("awards:nomination_list"), {"queue": "mine"})

    assert page.context["filter"].form["queue"].value() == "all"
    assert list(page.context["page"]) == [waiting, draft]
    assert list(mine.context["page"]) == []


def test_the_staff_queue_holds_the_provinces_rows(client, tree, staff_user):
    at_department = sent_up(tree)
    at_province = sent_up(tree)
    forward_nominations(
        [at_province], by=tree["deputy"], signed_date=timezone.localdate(), signer=tree["signer"]
    )
    client.force_login(staff_user)

    page = client.get(reverse("awards:nomination_list"))
    everything = client.get(reverse("awards:nomination_list"), {"queue": "all"})

    assert list(page.context["page"]) == [at_province]
    assert "Chờ tỉnh" in page.content.decode()
    assert list(everything.context["page"]) == [at_province, at_department]


def test_a_link_with_filters_lists_every_row_that_fits(client, tree):
    waiting = sent_up(tree)
    draft = nurse_nomination(tree)
    client.force_login(tree["deputy"])

    page = client.get(reverse("awards:nomination_list"), {"unit": tree["hospital"].pk})

    assert list(page.context["page"]) == [waiting, draft]


def test_someone_who_reviews_nowhere_gets_no_queue_choice(client, world):
    council = CouncilMembershipFactory().user
    client.force_login(council)

    page = client.get(reverse("awards:nomination_list"))

    assert "queue" not in page.context["filter"].form.fields
    assert list(page.context["page"]) == [world["nomination"]]


def test_a_units_queue_uses_a_constant_number_of_queries(client, tree):
    sent_up(tree)
    client.force_login(tree["deputy"])
    url = reverse("awards:nomination_list")
    one = count_queries(client, url)
    sent_up(tree)
    sent_up(tree)
    three = count_queries(client, url)
    assert (one, three) == ((10, 1), (10, 3))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_a_units_queue_reads_the_reviewing_index(tree):
    nomination = sent_up(tree)
    rows = NominationFilter(None, queryset=nomination_queue(tree["deputy"]), user=tree["deputy"]).qs
    with connection.cursor() as cursor:
        # A tiny table: forbid the full scan and the sort, so the plan shows whether an
        # index gives the rows of one level in the queue's order by itself.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        sql, params = rows.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = [line.strip() for (line,) in cursor.fetchall()]
    scans = [line.split("  (cost")[0] for line in plan if "on awards_nomination" in line]
    assert scans == ["->  Index Scan using nomination_queue_reviewing on awards_nomination"]
    assert "Sort" not in plan[0]
    assert list(rows) == [nomination]
