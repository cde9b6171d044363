"""The admin of the awards app: money columns, read-only states, uploads through the checks,
inlines and autocomplete labels."""

import datetime
import io

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from awards import models as am
from awards.enums import DossierKind, NominationState
from tests.conftest import admin_url
from tests.factories import (
    AchievementFactory,
    AwardDecisionFactory,
    AwardTypeFactory,
    BaseSalaryFactory,
    CampaignFactory,
    CertificateFactory,
    IndividualFactory,
    NominationFactory,
    RecipientFactory,
    UnitFactory,
)
from units.enums import UnitLevel

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_money_columns_are_formatted(superuser_client):
    BaseSalaryFactory(amount=2_340_000)
    assert "2.340.000 đ" in superuser_client.get(admin_url(am.BaseSalary, "changelist")).text

    decision = AwardDecisionFactory()
    RecipientFactory.create_batch(2, decision=decision, amount=710_000)
    RecipientFactory(
        decision=decision,
        amount=702_000,
        revoked_at=datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC),
    )
    response = superuser_client.get(admin_url(am.AwardDecision, "changelist"))
    row = response.context["cl"].result_list[0]
    assert row.recipient_count == 3
    assert row.total_amount == 1_420_000
    assert "1.420.000 đ" in response.text


def test_decisions_are_found_by_number(superuser_client):
    # One title whose name has no digits: the factory's "Giấy khen <n>" would match "12"
    # once the sequence reaches 12, 112, 120…
    # The same for the issuer: the factory's "Đơn vị số <n>" would match too.
    award = AwardTypeFactory(name="Bằng khen", code="bang-khen-admin-search")
    issuer = UnitFactory(name="Ủy ban nhân dân tỉnh", level=UnitLevel.PROVINCE)
    wanted = AwardDecisionFactory(number=12, award_type=award, issuer=issuer)
    AwardDecisionFactory(number=123, award_type=award, issuer=issuer)
    AwardDecisionFactory(award_type=award, issuer=issuer)  # a draft, no number yet
    found = superuser_client.get(admin_url(am.AwardDecision, "changelist"), {"q": "12"}).context[
        "cl"
    ]
    assert list(found.result_list) == [wanted]


def test_state_is_read_only_on_change_forms(superuser_client):
    for obj in (NominationFactory(), AwardDecisionFactory(), CertificateFactory()):
        response = superuser_client.get(admin_url(type(obj), "change", obj.pk))
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
        admin_url(am.Nomination, "add"),
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


def test_achievements_changed_in_the_admin_refresh_the_queue_columns(superuser_client):
    nomination = NominationFactory(state=NominationState.SUBMITTED)  # not fast track yet
    achievement = AchievementFactory(individual=nomination.individual)
    data = {
        "campaign": nomination.campaign_id,
        "nominating_unit": nomination.nominating_unit_id,
        "award_type": nomination.award_type_id,
        "individual": nomination.individual_id,
        "unit": "",
        "summary": nomination.summary,
        "achievements": [achievement.pk],
        "is_fast_track": "on",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    response = superuser_client.post(admin_url(am.Nomination, "change", nomination.pk), data)
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.achieved_on, nomination.is_pinned) == (datetime.date(2021, 10, 1), True)

    changed = _achievement_change_data(achievement) | {"date": "2021-08-20"}
    response = superuser_client.post(admin_url(am.Achievement, "change", achievement.pk), changed)
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.achieved_on == datetime.date(2021, 8, 20)

    response = superuser_client.post(
        admin_url(am.Achievement, "delete", achievement.pk), {"post": "yes"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.achieved_on is None


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
        admin_url(am.Achievement, "change", achievement.pk),
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
        admin_url(am.Achievement, "change", achievement.pk),
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
        admin_url(am.DossierFile, "add"),
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


def test_decision_shows_its_recipients_inline(superuser_client):
    decision = AwardDecisionFactory()
    recipient = RecipientFactory(decision=decision, individual__full_name="Trần Thị Hoa")
    response = superuser_client.get(admin_url(am.AwardDecision, "change", decision.pk))
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


# --- Change lists: a fixed number of queries, whatever the number of rows --------------

#: (model, queries) for every change list of the app, rows built by ``ADMIN_ROWS``.
CHANGELIST_QUERIES = [
    pytest.param(am.AwardType, 4, id="awardtype"),
    pytest.param(am.BonusCoefficient, 5, id="bonuscoefficient"),
    pytest.param(am.BaseSalary, 4, id="basesalary"),
    pytest.param(am.AwardAuthority, 5, id="awardauthority"),
    pytest.param(am.Achievement, 4, id="achievement"),
    pytest.param(am.Evidence, 3, id="evidence"),
    pytest.param(am.Nomination, 5, id="nomination"),
    pytest.param(am.DossierFile, 3, id="dossierfile"),
    pytest.param(am.AwardDecision, 8, id="awarddecision"),
    pytest.param(am.Recipient, 4, id="recipient"),
    pytest.param(am.Certificate, 3, id="certificate"),
    pytest.param(am.CertificateLayout, 4, id="certificatelayout"),
    pytest.param(am.OverlayField, 5, id="overlayfield"),
    pytest.param(am.CertificateRun, 4, id="certificaterun"),
    pytest.param(am.NumberSequence, 6, id="numbersequence"),
    pytest.param(am.Ceremony, 3, id="ceremony"),
    pytest.param(am.CentralSubmission, 4, id="centralsubmission"),
    pytest.param(am.CentralSubmissionLine, 4, id="centralsubmissionline"),
    pytest.param(am.CentralResult, 4, id="centralresult"),
    pytest.param(am.CentralPackage, 4, id="centralpackage"),
    pytest.param(am.ProposalLetter, 4, id="proposalletter"),
    pytest.param(am.NominationStage, 3, id="nominationstage"),
    pytest.param(am.NominationImport, 6, id="nominationimport"),
    pytest.param(am.Consultation, 4, id="consultation"),
    pytest.param(am.ConsultationComment, 4, id="consultationcomment"),
]


def test_every_change_list_of_the_app_has_its_query_count():
    registered = {model for model in admin.site._registry if model._meta.app_label == "awards"}
    assert {param.values[0] for param in CHANGELIST_QUERIES} == registered


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("model", "queries"), CHANGELIST_QUERIES)
def test_changelist_queries(assert_changelist_queries, model, queries, rows):
    assert_changelist_queries(model, rows, queries)


# --- Authority and branch: the admin cannot bypass them ----------------------------------


def _decision_change_data(decision, **changes):
    data = {
        "issuer": decision.issuer_id,
        "year": decision.year,
        "number": decision.number or "",
        "symbol": decision.symbol,
        "signed_date": decision.signed_date.isoformat(),
        "place": decision.place,
        "campaign": decision.campaign_id or "",
        "award_type": decision.award_type_id,
        "citation": decision.citation,
        "rounding_mode": decision.rounding_mode,
        "signer_authority": decision.signer_authority,
        "signer_capacity": decision.signer_capacity,
        "signer_title": decision.signer_title,
        "signer_name": decision.signer_name,
        "revoked_reason": "",
        "recipients-TOTAL_FORMS": 0,
        "recipients-INITIAL_FORMS": 0,
        "recipients-MIN_NUM_FORMS": 0,
        "recipients-MAX_NUM_FORMS": 1000,
    }
    return {**data, **changes}


def test_admin_refuses_a_decision_beyond_the_issuers_authority(superuser_client):
    province = UnitFactory(level=UnitLevel.PROVINCE)
    health = UnitFactory(name="Sở Y tế", parent=province)
    decision = AwardDecisionFactory(
        issuer=province,
        award_type=am.AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh"),
        signed_date=datetime.date(2025, 9, 15),
    )
    response = superuser_client.post(
        admin_url(am.AwardDecision, "change", decision.pk),
        _decision_change_data(decision, issuer=health.pk),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Sở Y tế không có thẩm quyền quyết định tặng “Bằng khen của Chủ tịch UBND tỉnh” "
        "(ngày 15/09/2025). Thẩm quyền quyết định thuộc: Chủ tịch UBND tỉnh."
    ]
    decision.refresh_from_db()
    assert decision.issuer == province


def test_admin_refuses_a_line_outside_the_issuers_branch(superuser_client):
    province = UnitFactory(level=UnitLevel.PROVINCE)
    health = UnitFactory(name="Sở Y tế", parent=province)
    police = UnitFactory(name="Công an tỉnh", parent=province)
    decision = AwardDecisionFactory(
        issuer=health, award_type=am.AwardType.objects.get(code="giay-khen")
    )
    officer = IndividualFactory(full_name="Võ Văn Cảnh", unit=police)
    response = superuser_client.post(
        admin_url(am.Recipient, "add"),
        {"decision": decision.pk, "individual": officer.pk, "amount": 0, "sort_order": 1},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Sở Y tế chỉ khen thưởng người, tập thể của đơn vị mình và các đơn vị trực thuộc; "
        "không thuộc phạm vi này: Võ Văn Cảnh (Công an tỉnh)."
    ]
    assert not am.Recipient.objects.exists()


def test_admin_authority_list_filters_the_rows_in_force(superuser_client):
    response = superuser_client.get(admin_url(am.AwardAuthority, "changelist"), {"in_force": "no"})
    ended = [row.decider for row in response.context["cl"].result_list]
    # The district rows, ended 30/6/2025: four base-level forms, thư khen, thưởng nóng.
    assert ended == ["Chủ tịch UBND cấp huyện"] * 6
