"""Recording award ceremonies, and the time from the achievement to the ceremony."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from awards.activity import CEREMONY_RECORD
from awards.enums import DecisionState
from awards.models import Ceremony
from awards.services.ceremonies import ceremony_notes, record_ceremony
from awards.services.decisions import DecisionError
from common.models import ActivityLog
from common.uploads import process_upload
from tests.factories import (
    AwardDecisionFactory,
    NominationFactory,
    OfficerMembershipFactory,
    RecipientFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

TZ = timezone.get_default_timezone()


def moment(*args):
    return datetime.datetime(*args, tzinfo=TZ)


@pytest.fixture
def decision():
    return AwardDecisionFactory(
        state=DecisionState.ISSUED, number=15, signed_date=datetime.date(2025, 9, 15)
    )


def photo():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return process_upload(
        SimpleUploadedFile("trao-thuong.jpg", buffer.getvalue()), allow=("image",)
    )


def record(decision, by, lines, **fields):
    values = {
        "held_at": moment(2025, 9, 20, 9, 30),
        "place": "Hội trường Sở Y tế",
        "presented_by": "Trần Văn Minh, Giám đốc Sở Y tế",
        **fields,
    }
    return record_ceremony(decision, by=by, lines=lines, **values)


def test_a_ceremony_records_its_lines_photo_and_log(decision, staff_user):
    first, second, _third = RecipientFactory.create_batch(3, decision=decision)

    ceremony = record(decision, staff_user, [first, second], photo=photo(), notes=" Trao tại chỗ ")

    ceremony.refresh_from_db()
    assert sorted(ceremony.lines.values_list("pk", flat=True)) == [first.pk, second.pk]
    assert (ceremony.place, ceremony.notes, ceremony.recorded_by) == (
        "Hội trường Sở Y tế",
        "Trao tại chỗ",
        staff_user,
    )
    assert (ceremony.photo_name, ceremony.photo_content_type) == ("trao-thuong.jpg", "image/jpeg")
    assert ceremony.photo.name.startswith("ceremonies/")
    entry = ActivityLog.objects.for_object(decision).get(action=CEREMONY_RECORD)
    assert entry.actor == staff_user
    assert (
        entry.note
        == "Trao thưởng ngày 20/09/2025 09:30 tại Hội trường Sở Y tế cho 2 người, tập thể."
    )
    assert entry.data == {"ceremony": ceremony.pk, "lines": sorted([first.pk, second.pk])}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"held_at": moment(2025, 9, 14, 23, 0)},
            r"không thể trước ngày ký quyết định \(15/09/2025\)",
        ),
        ({"held_at": timezone.now() + datetime.timedelta(hours=2)}, "không được ở tương lai"),
    ],
)
def test_a_ceremony_at_an_impossible_moment_is_refused(decision, staff_user, change, message):
    line = RecipientFactory(decision=decision)
    with pytest.raises(DecisionError, match=message):
        record(decision, staff_user, [line], **change)
    assert not Ceremony.objects.exists()
    assert not ActivityLog.objects.filter(action=CEREMONY_RECORD).exists()


def test_a_revoked_line_or_another_decisions_line_is_refused(decision, staff_user):
    line = RecipientFactory(decision=decision)
    revoked = RecipientFactory(decision=decision, revoked_at=timezone.now())
    foreign = RecipientFactory(decision=AwardDecisionFactory(state=DecisionState.ISSUED, number=2))
    for wrong in (revoked, foreign):
        with pytest.raises(DecisionError, match="không thuộc quyết định này"):
            record(decision, staff_user, [line, wrong])
    with pytest.raises(DecisionError, match="Chọn ít nhất một"):
        record(decision, staff_user, [])
    assert not Ceremony.objects.exists()


@pytest.mark.parametrize("state", [DecisionState.DRAFT, DecisionState.REVOKED])
def test_only_an_issued_decision_has_ceremonies(staff_user, state):
    decision = AwardDecisionFactory(state=state, number=None if state == "draft" else 3)
    line = RecipientFactory(decision=decision)
    with pytest.raises(DecisionError, match="đang có hiệu lực"):
        record(decision, staff_user, [line])
    assert not Ceremony.objects.exists()


def test_a_unit_officer_cannot_record_a_ceremony_yet(decision):
    line = RecipientFactory(decision=decision)
    officer = OfficerMembershipFactory(unit=line.individual.unit).user
    with pytest.raises(DecisionError, match="không có quyền ghi nhận trao thưởng"):
        record(decision, officer, [line])
    assert not Ceremony.objects.exists()


def test_days_run_from_the_achievement_or_else_the_signing(decision, staff_user):
    timed = RecipientFactory(
        decision=decision,
        nomination=NominationFactory(achieved_at=moment(2025, 9, 10, 22, 0), achieved_on=None),
    )
    dated = RecipientFactory(
        decision=decision,
        nomination=NominationFactory(achieved_at=None, achieved_on=datetime.date(2025, 9, 1)),
    )
    without = RecipientFactory(decision=decision, nomination=None)
    first = record(decision, staff_user, [timed, dated, without], held_at=moment(2025, 9, 15, 8))
    record(decision, staff_user, [dated], held_at=moment(2025, 9, 20, 8), place="Nhà văn hóa")

    notes = ceremony_notes(decision, decision.recipients.prefetch_related("ceremonies"))

    assert {pk: (n.held_at, n.place, n.days) for pk, n in notes.items()} == {
        timed.pk: (first.held_at, "Hội trường Sở Y tế", 5),
        dated.pk: (moment(2025, 9, 20, 8), "Nhà văn hóa", 19),
        without.pk: (first.held_at, "Hội trường Sở Y tế", 0),
    }
