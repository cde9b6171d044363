"""The Django admin: every model registered, every page renders, no query per row."""

import datetime
import io

import factory
import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule
from PIL import Image
from pypdf import PdfWriter
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges

from awards import models as am
from awards.enums import DossierKind, NominationState
from campaign.models import Campaign, Notice, NoticeBatch, Registration, Reminder, ReminderRule
from campaign.services.schedules import sync_rule_schedule
from common.admin import format_money
from common.models import ActivityLog, Notification, UserPreference, log_activity
from units.enums import UnitLevel, UnitType
from units.models import Council, CouncilMembership, Individual, OfficerMembership, Unit

from .factories import (
    AchievementFactory,
    AwardDecisionFactory,
    AwardTypeFactory,
    BaseSalaryFactory,
    BonusCoefficientFactory,
    CampaignFactory,
    CertificateFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    RecipientFactory,
    RegistrationFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

OUR_APPS = {"common", "units", "campaign", "awards"}


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.Evidence

    achievement = factory.SubFactory(AchievementFactory)
    file = factory.django.FileField(filename="anh-truy-vet.jpg", data=b"\xff\xd8\xff\xe0 jpeg")
    original_name = "Ảnh truy vết.jpg"
    content_type = "image/jpeg"
    size = 9
    caption = "Tổ truy vết tại ấp 3"


class DossierFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.DossierFile

    nomination = factory.SubFactory(NominationFactory)
    kind = DossierKind.PROPOSAL_LETTER
    file = factory.django.FileField(filename="to-trinh.pdf", data=b"%PDF-1.4 test")
    original_name = "Tờ trình.pdf"
    content_type = "application/pdf"
    size = 13


# --- One row of each model, with the relations its change list shows -----------------
# Each builder adds exactly one row of its model; the related rows differ from call to
# call, so a change list that fetched a relation per row would show it in the count.


def _unit():
    return UnitFactory(parent=Unit.objects.order_by("-pk").first())


def _council():
    council = CouncilFactory()
    CouncilMembershipFactory.create_batch(2, council=council)
    return council


def _campaign():
    campaign = CampaignFactory(target_unit_types=[UnitType.STATE_AGENCY, UnitType.COMMUNE])
    campaign.allowed_award_types.add(AwardTypeFactory())
    RegistrationFactory(campaign=campaign)
    return campaign


def _registration():
    registration = RegistrationFactory(registered_by=UserFactory())
    registration.intended_award_types.add(AwardTypeFactory())
    return registration


def _award_type():
    award_type = AwardTypeFactory()
    BonusCoefficientFactory(award_type=award_type)
    return award_type


def _base_salary():
    day = datetime.date(2000, 1, 1) + datetime.timedelta(days=am.BaseSalary.objects.count())
    return BaseSalaryFactory(effective_from=day, amount=1_490_000)


def _subject(index):
    """Alternately an individual and a collective."""
    if index % 2:
        return {"individual": None, "unit": UnitFactory()}
    return {}


def _achievement():
    achievement = AchievementFactory(
        recorded_by=UserFactory(), **_subject(am.Achievement.objects.count())
    )
    EvidenceFactory(achievement=achievement)
    return achievement


def _evidence():
    return EvidenceFactory(uploaded_by=UserFactory())


def _nomination():
    nomination = NominationFactory(
        created_by=UserFactory(), **_subject(am.Nomination.objects.count())
    )
    DossierFileFactory(nomination=nomination)
    nomination.achievements.add(AchievementFactory())
    return nomination


def _dossier_file():
    return DossierFileFactory(uploaded_by=UserFactory())


def _decision():
    decision = AwardDecisionFactory(campaign=CampaignFactory(), created_by=UserFactory())
    RecipientFactory.create_batch(2, decision=decision)
    return decision


def _recipient():
    return RecipientFactory(
        nomination=NominationFactory(), **_subject(am.Recipient.objects.count())
    )


def _activity():
    nomination = NominationFactory()
    return log_activity(
        nomination,
        "submit",
        actor=UserFactory(),
        previous_state=NominationState.DRAFT,
        new_state=NominationState.SUBMITTED,
        note="Gửi hồ sơ",
    )


def _notification():
    return Notification.objects.create(
        recipient=UserFactory(), activity=_activity(), title="Hồ sơ đã được gửi"
    )


_layout_names = iter(f"Mẫu in {n}" for n in range(10_000))


def _layout():
    layout = am.CertificateLayout.objects.create(name=next(_layout_names), kind="overlay")
    am.OverlayField.objects.create(layout=layout, field="recipient", x_mm=40, y_mm=90)
    return layout


def _overlay_field():
    return _layout().fields.get()


def _run():
    decision = _decision()
    return am.CertificateRun.objects.create(decision=decision, total=2, requested_by=UserFactory())


def _sequence():
    return am.NumberSequence.objects.create(issuer=UnitFactory(), name="decision", year=2021)


def _rule():
    """A rule with a crontab and a beat entry of its own."""
    number = ReminderRule.objects.count()
    rule = ReminderRule.objects.create(
        name=f"Nhắc hạn gửi hồ sơ {number}",
        kind="nomination_deadline",
        offsets="7, 2",
        subject="Còn {{ days_left }} ngày – {{ unit }}",
        body="Kính gửi {{ recipient }}",
        schedule=CrontabSchedule.objects.create(minute=str(number % 60), hour="7"),
    )
    sync_rule_schedule(rule)
    return rule


def _reminder():
    return Reminder.objects.create(
        rule=_rule(),
        recipient=UserFactory(),
        object_key="campaign:1/unit:1",
        period="nomination:2026-12-09/7",
        campaign=CampaignFactory(),
        unit=UnitFactory(),
        subject="Còn 7 ngày đến hạn gửi hồ sơ",
        body_text="Kính gửi ...",
    )


def _notice_batch():
    batch = NoticeBatch.objects.create(
        campaign=CampaignFactory(),
        issuer=UnitFactory(level=UnitLevel.PROVINCE),
        place="Bến Tre",
        date=datetime.date(2026, 12, 1),
        signer_name="Nguyễn Văn Bé",
        signer_title="TRƯỞNG BAN",
        created_by=UserFactory(),
        total=1,
    )
    Notice.objects.create(batch=batch, unit=UnitFactory(), items=[{"kind": "nomination"}])
    return batch


def _notice():
    return _notice_batch().notices.get()


def _preference():
    return UserPreference.objects.create(user=UserFactory())


BUILDERS = {
    Unit: _unit,
    Individual: IndividualFactory,
    OfficerMembership: OfficerMembershipFactory,
    Council: _council,
    CouncilMembership: CouncilMembershipFactory,
    Campaign: _campaign,
    Registration: _registration,
    am.AwardType: _award_type,
    am.BonusCoefficient: BonusCoefficientFactory,
    am.BaseSalary: _base_salary,
    am.Achievement: _achievement,
    am.Evidence: _evidence,
    am.Nomination: _nomination,
    am.DossierFile: _dossier_file,
    am.AwardDecision: _decision,
    am.Recipient: _recipient,
    am.Certificate: CertificateFactory,
    am.CertificateLayout: _layout,
    am.OverlayField: _overlay_field,
    am.CertificateRun: _run,
    am.NumberSequence: _sequence,
    ActivityLog: _activity,
    Notification: _notification,
    UserPreference: _preference,
    ReminderRule: _rule,
    Reminder: _reminder,
    NoticeBatch: _notice_batch,
    Notice: _notice,
}


def _label(model):
    return model._meta.label_lower


REGISTERED = sorted(admin.site._registry, key=_label)
OURS = [model for model in REGISTERED if model._meta.app_label in OUR_APPS]
#: Admins that show rows but let nobody add any.
NO_ADD = {
    "common.activitylog",
    "common.notification",
    "campaign.reminder",
    "campaign.noticebatch",
    "campaign.notice",
    "awards.certificaterun",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_every_model_of_our_apps_is_registered():
    ours = {
        model
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        if not issubclass(model, HistoricalChanges)
    }
    assert set(OURS) == ours
    assert set(BUILDERS) == ours


def test_models_with_history_use_the_history_admin():
    with_history = {
        _label(model)
        for model in OURS
        if isinstance(admin.site._registry[model], SimpleHistoryAdmin)
    }
    assert with_history == {
        "units.unit",
        "units.individual",
        "awards.awardtype",
        "awards.bonuscoefficient",
        "awards.basesalary",
    }


@pytest.mark.parametrize("model", REGISTERED, ids=_label)
def test_changelist_and_add_page_render(superuser_client, model):
    assert superuser_client.get(_url(model, "changelist")).status_code == 200
    expected = 403 if _label(model) in NO_ADD else 200
    assert superuser_client.get(_url(model, "add")).status_code == expected


@pytest.mark.parametrize("model", OURS, ids=_label)
def test_change_page_renders(superuser_client, model):
    obj = BUILDERS[model]()
    response = superuser_client.get(_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"] == obj


@pytest.mark.parametrize(
    "model",
    [m for m in OURS if isinstance(admin.site._registry[m], SimpleHistoryAdmin)],
    ids=_label,
)
def test_history_page_renders(superuser_client, model):
    obj = BUILDERS[model]()
    response = superuser_client.get(_url(model, "history", obj.pk))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 1


def _changelist(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(model, "changelist"))
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("model", OURS, ids=_label)
def test_changelist_queries_do_not_grow_with_rows(superuser_client, model):
    build = BUILDERS[model]
    if model.objects.exists():  # the catalogue tables start with seeded rows
        model.objects.all().delete()
    build()
    superuser_client.get(_url(model, "changelist"))  # warm the session and caches
    response, with_one = _changelist(superuser_client, model)
    assert len(response.context["cl"].result_list) == 1

    for _ in range(19):
        build()
    response, with_twenty = _changelist(superuser_client, model)
    assert len(response.context["cl"].result_list) == 20
    assert len(with_twenty) == len(with_one), "\n".join(with_twenty)


# --- Behaviour ------------------------------------------------------------------------


def test_format_money_vietnamese_style():
    assert format_money(1_410_000) == "1.410.000 đ"
    assert format_money(702_000) == "702.000 đ"
    assert format_money(0) == "0 đ"
    assert format_money(None) == ""


def test_site_header_is_vietnamese(superuser_client):
    response = superuser_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Quản trị Cổng thi đua – khen thưởng" in response.text


def test_unit_list_shows_the_tree(superuser_client):
    province = UnitFactory(name="Tỉnh Bến Tre", level=UnitLevel.PROVINCE)
    department = UnitFactory(name="Sở Nội vụ", parent=province)
    UnitFactory(name="Ban Thi đua – Khen thưởng", parent=department, level=UnitLevel.BASE)

    response = superuser_client.get(_url(Unit, "changelist"))
    html = response.text
    assert ">Tỉnh Bến Tre<" in html
    assert ">\u2003\u2003└ Sở Nội vụ<" in html
    assert ">\u2003\u2003\u2003\u2003└ Ban Thi đua – Khen thưởng<" in html
    assert html.index("Tỉnh Bến Tre") < html.index("Sở Nội vụ") < html.index("Ban Thi đua")

    roots = superuser_client.get(_url(Unit, "changelist"), {"root": "yes"}).context["cl"]
    assert list(roots.result_list) == [province]
    found = superuser_client.get(_url(Unit, "changelist"), {"q": "nội vụ"}).context["cl"]
    assert list(found.result_list) == [department]


def test_unit_validity_filter(superuser_client):
    current = UnitFactory(name="Xã An Hội")
    merged = UnitFactory(name="Huyện Châu Thành", valid_to=datetime.date(2025, 6, 30))
    active = superuser_client.get(_url(Unit, "changelist"), {"valid": "yes"}).context["cl"]
    ended = superuser_client.get(_url(Unit, "changelist"), {"valid": "no"}).context["cl"]
    assert list(active.result_list) == [current]
    assert list(ended.result_list) == [merged]


def test_money_columns_are_formatted(superuser_client):
    BaseSalaryFactory(amount=2_340_000)
    assert "2.340.000 đ" in superuser_client.get(_url(am.BaseSalary, "changelist")).text

    decision = AwardDecisionFactory()
    RecipientFactory.create_batch(2, decision=decision, amount=710_000)
    RecipientFactory(
        decision=decision,
        amount=702_000,
        revoked_at=datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC),
    )
    response = superuser_client.get(_url(am.AwardDecision, "changelist"))
    row = response.context["cl"].result_list[0]
    assert row.recipient_count == 3
    assert row.total_amount == 1_420_000
    assert "1.420.000 đ" in response.text


def test_decisions_are_found_by_number(superuser_client):
    wanted = AwardDecisionFactory(number=12)
    AwardDecisionFactory(number=123)
    AwardDecisionFactory()  # a draft, no number yet
    found = superuser_client.get(_url(am.AwardDecision, "changelist"), {"q": "12"}).context["cl"]
    assert list(found.result_list) == [wanted]


def test_campaign_list_shows_labels_and_links_its_registrations(superuser_client):
    campaign = CampaignFactory(target_unit_types=[UnitType.STATE_AGENCY, UnitType.COMMUNE])
    RegistrationFactory.create_batch(2, campaign=campaign)
    RegistrationFactory()  # another campaign's
    response = superuser_client.get(_url(Campaign, "changelist"))
    assert "Cơ quan Nhà nước, Xã, phường, đặc khu" in response.text
    link = f"{_url(Registration, 'changelist')}?campaign__id__exact={campaign.pk}"
    assert f'<a href="{link}">2 đăng ký</a>' in response.text
    listed = superuser_client.get(link).context["cl"]
    assert {r.campaign_id for r in listed.result_list} == {campaign.pk}
    assert len(listed.result_list) == 2


def test_adding_a_campaign_stores_the_checked_unit_types(superuser_client):
    province = UnitFactory(level=UnitLevel.PROVINCE)
    response = superuser_client.post(
        _url(Campaign, "add"),
        {
            "title": "Phong trào thi đua phòng, chống dịch COVID-19",
            "plan_number": "2777",
            "plan_symbol": "KH-UBND",
            "issuing_unit": province.pk,
            "kind": "thematic",
            "status": "draft",
            "start_date": "2021-06-01",
            "end_condition": "Đến khi hết dịch bệnh theo công bố của Chính phủ",
            "target_unit_types": [UnitType.STATE_AGENCY, UnitType.COMMUNE],
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.target_unit_types == [UnitType.STATE_AGENCY, UnitType.COMMUNE]
    listing = superuser_client.get(_url(Campaign, "changelist")).text
    assert "2777/KH-UBND" in listing
    assert "Đến khi hết dịch bệnh theo công bố của Chính phủ" in listing


def test_adding_a_unit_places_it_in_the_tree(superuser_client):
    province = UnitFactory(level=UnitLevel.PROVINCE)
    response = superuser_client.post(
        _url(Unit, "add"),
        {
            "name": "Sở Y tế",
            "code": "so-y-te",
            "unit_type": UnitType.STATE_AGENCY,
            "level": UnitLevel.DEPARTMENT,
            "parent": province.pk,
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="so-y-te")
    assert unit.path == f"{province.path}{unit.pk}/"


def test_state_is_read_only_on_change_forms(superuser_client):
    for obj in (NominationFactory(), AwardDecisionFactory(), CertificateFactory()):
        response = superuser_client.get(_url(type(obj), "change", obj.pk))
        assert response.status_code == 200
        assert 'name="state"' not in response.text
        assert "state" not in response.context["adminform"].form.fields


def test_adding_a_nomination_ignores_a_posted_state_and_records_the_author(
    superuser_client, admin_user
):
    individual = IndividualFactory()
    campaign = CampaignFactory()
    award_type = AwardTypeFactory()
    response = superuser_client.post(
        _url(am.Nomination, "add"),
        {
            "campaign": campaign.pk,
            "nominating_unit": individual.unit_id,
            "award_type": award_type.pk,
            "individual": individual.pk,
            "unit": "",
            "summary": "Truy vết F0 trong 24 giờ.",
            "is_fast_track": "on",
            "state": NominationState.APPROVED,
            "files-TOTAL_FORMS": "0",
            "files-INITIAL_FORMS": "0",
            "files-MIN_NUM_FORMS": "0",
            "files-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    nomination = am.Nomination.objects.get()
    assert nomination.state == NominationState.DRAFT
    assert nomination.created_by == admin_user
    assert nomination.is_fast_track is True


def _jpeg(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def _pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _achievement_change_data(achievement, *evidence_files):
    data = {
        "individual": achievement.individual_id,
        "unit": "",
        "owner_unit": achievement.owner_unit_id,
        "campaign": achievement.campaign_id,
        "date": "2021-10-01",
        "category": achievement.category,
        "title": achievement.title,
        "description": achievement.description,
        "evidence-TOTAL_FORMS": str(len(evidence_files)),
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    for index, upload in enumerate(evidence_files):
        data[f"evidence-{index}-caption"] = "Tổ truy vết"
        data[f"evidence-{index}-file"] = upload
    return data


def test_evidence_uploaded_inline_goes_through_the_upload_checks(superuser_client, admin_user):
    achievement = AchievementFactory()
    upload = SimpleUploadedFile("Ảnh truy vết.jpg", _jpeg(), content_type="image/png")
    response = superuser_client.post(
        _url(am.Achievement, "change", achievement.pk),
        _achievement_change_data(achievement, upload),
    )
    assert response.status_code == 302
    evidence = am.Evidence.objects.get()
    assert evidence.original_name == "Ảnh truy vết.jpg"
    assert evidence.content_type == "image/jpeg"  # detected, not what the browser said
    assert evidence.size == evidence.file.size
    assert evidence.file.name.startswith("evidence/")
    assert evidence.file.name.endswith(".jpg")
    assert evidence.thumbnail.name.startswith("thumbnails/")
    assert evidence.uploaded_by == admin_user
    achievement.refresh_from_db()
    assert achievement.recorded_by is None  # changed here, not recorded here


def test_admin_refuses_an_upload_that_is_neither_image_nor_pdf(superuser_client):
    achievement = AchievementFactory()
    upload = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = superuser_client.post(
        _url(am.Achievement, "change", achievement.pk),
        _achievement_change_data(achievement, upload),
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert list(formset.errors[0]) == ["file"]
    assert not am.Evidence.objects.exists()


def test_dossier_file_added_in_admin_keeps_its_metadata(superuser_client, admin_user):
    nomination = NominationFactory()
    data = _pdf()
    response = superuser_client.post(
        _url(am.DossierFile, "add"),
        {
            "nomination": nomination.pk,
            "kind": DossierKind.COUNCIL_MINUTES,
            "file": SimpleUploadedFile("Biên bản họp.pdf", data, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    dossier = am.DossierFile.objects.get()
    assert dossier.original_name == "Biên bản họp.pdf"
    assert dossier.content_type == "application/pdf"
    assert dossier.size == len(data)
    assert dossier.file.read() == data  # PDFs are stored byte for byte
    assert dossier.uploaded_by == admin_user


def test_search_ignores_diacritics(superuser_client):
    unit = UnitFactory(name="Sở Nội vụ")
    UnitFactory(name="Sở Y tế")
    person = IndividualFactory(full_name="Nguyễn Văn Đạt")
    IndividualFactory(full_name="Trần Thị Hoa")
    units = superuser_client.get(_url(Unit, "changelist"), {"q": "noi vu"}).context["cl"]
    assert list(units.result_list) == [unit]
    people = superuser_client.get(_url(Individual, "changelist"), {"q": "dat nguyen"}).context["cl"]
    assert list(people.result_list) == [person]
    exact = superuser_client.get(_url(Individual, "changelist"), {"q": "Đạt"}).context["cl"]
    assert list(exact.result_list) == [person]


def test_decision_shows_its_recipients_inline(superuser_client):
    decision = AwardDecisionFactory()
    recipient = RecipientFactory(decision=decision, individual__full_name="Trần Thị Hoa")
    response = superuser_client.get(_url(am.AwardDecision, "change", decision.pk))
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.model is am.Recipient
    assert [form.instance for form in formset.forms] == [recipient]
    assert "Trần Thị Hoa" in response.text


def test_nomination_autocomplete_labels(superuser_client):
    nomination = NominationFactory(
        individual__full_name="Lê Văn Tám", award_type__name="Giấy khen Sở Y tế"
    )
    NominationFactory(individual__full_name="Phạm Thị Mai")
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "awards",
            "model_name": "recipient",
            "field_name": "nomination",
            "term": "Tám",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"id": str(nomination.pk), "text": "Lê Văn Tám – Giấy khen Sở Y tế"}
    ]


class TestActivityLogIsReadOnly:
    def test_viewable_but_not_editable(self, superuser_client):
        entry = _activity()
        response = superuser_client.get(_url(ActivityLog, "change", entry.pk))
        assert response.status_code == 200
        assert "Gửi hồ sơ" in response.text
        assert 'name="_save"' not in response.text

    def test_no_add_change_or_delete(self, superuser_client):
        entry = _activity()
        assert superuser_client.get(_url(ActivityLog, "add")).status_code == 403
        assert superuser_client.post(_url(ActivityLog, "add"), {"action": "x"}).status_code == 403
        response = superuser_client.post(_url(ActivityLog, "change", entry.pk), {"note": "sửa"})
        assert response.status_code == 403
        assert superuser_client.get(_url(ActivityLog, "delete", entry.pk)).status_code == 403
        assert superuser_client.post(_url(ActivityLog, "delete", entry.pk)).status_code == 403
        entry.refresh_from_db()
        assert entry.note == "Gửi hồ sơ"

    def test_no_bulk_delete_action(self, superuser_client):
        _activity()
        response = superuser_client.get(_url(ActivityLog, "changelist"))
        assert "delete_selected" not in response.text

    def test_filter_and_search(self, superuser_client):
        entry = _activity()
        log_activity(AwardTypeFactory(), "create", note="Thêm danh hiệu")
        url = _url(ActivityLog, "changelist")
        by_action = superuser_client.get(url, {"action": "submit"}).context["cl"]
        assert list(by_action.result_list) == [entry]
        by_note = superuser_client.get(url, {"q": "danh hiệu"}).context["cl"]
        assert [e.action for e in by_note.result_list] == ["create"]
        by_type = superuser_client.get(
            url, {"content_type__id__exact": entry.content_type_id}
        ).context["cl"]
        assert list(by_type.result_list) == [entry]
