"""The rules the database itself enforces, whatever code writes the rows."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from awards.enums import CertificateState, DecisionState
from awards.models import BaseSalary
from common.models import ActivityLog, log_activity
from tests.factories import (
    AchievementFactory,
    AwardDecisionFactory,
    BaseSalaryFactory,
    CertificateFactory,
    IndividualFactory,
    NominationFactory,
    RecipientFactory,
    UnitFactory,
)
from units.models import Unit

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

# SQLite names the columns of a violated unique index, PostgreSQL the constraint.
DECISION_NUMBER_TAKEN = (
    r"decision_number_unique_per_issuer_year"
    r"|awards_awarddecision\.issuer_id, awards_awarddecision\.year, awards_awarddecision\.number"
)
SECOND_VALID_CERTIFICATE = (
    r"one_active_certificate_per_recipient"
    r"|UNIQUE constraint failed: awards_certificate\.recipient_id"
)
CITIZEN_ID_TAKEN = (
    r"individual_citizen_id_unique|UNIQUE constraint failed: units_individual\.citizen_id"
)


# --- Award decisions: "Số: 12/QĐ-UBND" restarts every year for each issuer ------


def test_decision_number_unique_per_issuer_and_year():
    issuer = UnitFactory()
    AwardDecisionFactory(issuer=issuer, year=2021, number=12)

    AwardDecisionFactory(issuer=issuer, year=2022, number=12)  # next year: fine
    AwardDecisionFactory(issuer=UnitFactory(), year=2021, number=12)  # another issuer: fine
    with pytest.raises(IntegrityError, match=DECISION_NUMBER_TAKEN), transaction.atomic():
        AwardDecisionFactory(issuer=issuer, year=2021, number=12)

    assert issuer.decisions.filter(year=2021, number=12).count() == 1


def test_draft_decisions_without_number_do_not_collide():
    issuer = UnitFactory()
    AwardDecisionFactory(issuer=issuer, year=2021, number=None)
    AwardDecisionFactory(issuer=issuer, year=2021, number=None)

    assert issuer.decisions.filter(year=2021, number__isnull=True).count() == 2


def test_issued_decision_must_have_a_number():
    with pytest.raises(IntegrityError, match="decision_issued_has_number"), transaction.atomic():
        AwardDecisionFactory(state=DecisionState.ISSUED, number=None)

    issued = AwardDecisionFactory(state=DecisionState.ISSUED, number=7)
    assert issued.reference == "7/QĐ-UBND"


# --- Certificates: one valid certificate per recipient line -----------------------


def test_second_valid_certificate_for_a_recipient_is_refused():
    recipient = RecipientFactory()
    CertificateFactory(recipient=recipient)

    with pytest.raises(IntegrityError, match=SECOND_VALID_CERTIFICATE), transaction.atomic():
        CertificateFactory(recipient=recipient)

    assert recipient.certificates.count() == 1


def test_replaced_certificate_and_its_valid_successor_coexist():
    recipient = RecipientFactory()
    old = CertificateFactory(recipient=recipient, state=CertificateState.REPLACED)
    new = CertificateFactory(recipient=recipient)
    old.replaced_by = new
    old.save()

    assert list(recipient.certificates.order_by("id").values_list("state", flat=True)) == [
        CertificateState.REPLACED,
        CertificateState.VALID,
    ]
    assert new.replaces == old


def test_revoked_certificate_does_not_block_a_new_valid_one():
    recipient = RecipientFactory()
    CertificateFactory(recipient=recipient, state=CertificateState.REVOKED)
    CertificateFactory(recipient=recipient)

    assert recipient.certificates.filter(state=CertificateState.VALID).count() == 1


# --- Subjects: an individual or a unit, never both, never neither ------------------

SUBJECT_MODELS = [
    pytest.param(
        AchievementFactory,
        "awards_achievement_one_subject",
        {"owner_unit": UnitFactory},
        id="achievement",
    ),
    pytest.param(
        NominationFactory,
        "awards_nomination_one_subject",
        {"nominating_unit": UnitFactory},
        id="nomination",
    ),
    pytest.param(RecipientFactory, "awards_recipient_one_subject", {}, id="recipient"),
]


def _required(extra):
    """The other required foreign keys, set explicitly so only the subject is at stake."""
    return {field: factory() for field, factory in extra.items()}


@pytest.mark.parametrize(("factory", "constraint", "extra"), SUBJECT_MODELS)
def test_subject_is_an_individual_or_a_unit(factory, constraint, extra):
    person = factory(individual=IndividualFactory(), unit=None, **_required(extra))
    collective = factory(individual=None, unit=UnitFactory(), **_required(extra))

    assert person.subject == person.individual
    assert collective.subject == collective.unit


@pytest.mark.parametrize(("factory", "constraint", "extra"), SUBJECT_MODELS)
def test_subject_cannot_be_both(factory, constraint, extra):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        factory(individual=IndividualFactory(), unit=UnitFactory(), **_required(extra))


@pytest.mark.parametrize(("factory", "constraint", "extra"), SUBJECT_MODELS)
def test_subject_cannot_be_neither(factory, constraint, extra):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        factory(individual=None, unit=None, **_required(extra))


# --- Individuals: the citizen id (CCCD) is unique when known ------------------------


def test_citizen_id_unique_when_present():
    IndividualFactory(citizen_id=None)
    IndividualFactory(citizen_id=None)  # two unknown ids: fine
    IndividualFactory(citizen_id="083090001234")

    with pytest.raises(IntegrityError, match=CITIZEN_ID_TAKEN), transaction.atomic():
        IndividualFactory(citizen_id="083090001234")


def test_citizen_id_is_null_not_empty():
    with (
        pytest.raises(IntegrityError, match="individual_citizen_id_not_empty"),
        transaction.atomic(),
    ):
        IndividualFactory(citizen_id="")


# --- Units: the materialised path follows the tree ----------------------------------


def test_unit_path_follows_parent():
    province = UnitFactory()
    department = UnitFactory(parent=province)
    office = UnitFactory(parent=department)

    assert province.path == f"/{province.pk}/"
    assert department.path == f"/{province.pk}/{department.pk}/"
    assert office.path == f"/{province.pk}/{department.pk}/{office.pk}/"
    assert office.path.startswith(department.path)
    assert set(province.descendants()) == {province, department, office}
    assert set(office.ancestors()) == {province, department}


def test_moving_a_subtree_updates_every_descendant():
    old_parent = UnitFactory()
    new_parent = UnitFactory()
    department = UnitFactory(parent=old_parent)
    office = UnitFactory(parent=department)
    team = UnitFactory(parent=office)

    department.parent = new_parent
    department.save()

    stored = dict(Unit.objects.values_list("pk", "path"))
    assert stored[department.pk] == f"/{new_parent.pk}/{department.pk}/"
    assert stored[office.pk] == f"/{new_parent.pk}/{department.pk}/{office.pk}/"
    assert stored[team.pk] == f"/{new_parent.pk}/{department.pk}/{office.pk}/{team.pk}/"
    assert set(old_parent.descendants()) == {old_parent}
    assert set(new_parent.descendants()) == {new_parent, department, office, team}


# --- The activity log is append-only ---------------------------------------------------


def test_activity_log_rows_cannot_be_changed_or_deleted():
    unit = UnitFactory()
    entry = log_activity(unit, "state_changed", previous_state="draft", new_state="submitted")

    entry.note = "sửa lại"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        ActivityLog.objects.filter(pk=entry.pk).update(note="sửa lại")
    with pytest.raises(TypeError):
        ActivityLog.objects.filter(pk=entry.pk).delete()

    stored = ActivityLog.objects.get(pk=entry.pk)
    assert (stored.note, stored.previous_state, stored.new_state) == ("", "draft", "submitted")
    assert list(ActivityLog.objects.for_object(unit)) == [stored]


# --- Base salary: the row in force on a day ----------------------------------------------


def test_base_salary_in_force_on():
    BaseSalary.objects.all().delete()  # the catalogue migration seeds the real timeline
    for day, amount in [
        (datetime.date(2019, 7, 1), 1_490_000),
        (datetime.date(2023, 7, 1), 1_800_000),
        (datetime.date(2024, 7, 1), 2_340_000),
        (datetime.date(2026, 7, 1), 2_530_000),
    ]:
        BaseSalaryFactory(effective_from=day, amount=amount)

    def amount_on(day):
        row = BaseSalary.objects.in_force_on(day)
        return row.amount if row else None

    assert amount_on(datetime.date(2019, 6, 30)) is None
    assert amount_on(datetime.date(2019, 7, 1)) == 1_490_000
    assert amount_on(datetime.date(2023, 6, 30)) == 1_490_000
    assert amount_on(datetime.date(2024, 6, 30)) == 1_800_000
    assert amount_on(datetime.date(2024, 7, 1)) == 2_340_000
    assert amount_on(datetime.date(2025, 3, 10)) == 2_340_000
    assert amount_on(datetime.date(2026, 7, 1)) == 2_530_000
    assert amount_on(datetime.date(2030, 1, 1)) == 2_530_000


@pytest.mark.django_db
def test_search_name_follows_a_rename_saved_with_update_fields():
    from tests.factories import IndividualFactory, UnitFactory

    person = IndividualFactory(full_name="Nguyễn Văn An")
    person.full_name = "Trần Thị Đào"
    person.save(update_fields=["full_name"])
    person.refresh_from_db()
    assert person.search_name == "tran thi dao"
    unit = UnitFactory(name="Sở Y tế")
    unit.name = "Sở Nội vụ"
    unit.save(update_fields=["name"])
    unit.refresh_from_db()
    assert unit.search_name.startswith("so noi vu")
