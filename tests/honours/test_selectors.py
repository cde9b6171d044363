"""honours/selectors.py: who the board shows, its filters and its pages."""

import datetime

import pytest

from awards.enums import AwardLevel, CentralOutcome, CertificateState, DecisionState
from honours import selectors
from honours.selectors import BoardFilter
from tests.factories import (
    CertificateFactory,
    IndividualFactory,
    PhotoConsentFactory,
    RecipientFactory,
    UnitFactory,
)
from tests.honours.conftest import central_award, issued_decision

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


EVERYTHING = BoardFilter()


def names(f=EVERYTHING, **kwargs):
    return [entry.name for entry in selectors.board_page(f, **kwargs).entries]


def test_board_shows_lines_of_issued_decisions_newest_first(board):
    assert names() == ["Trần Thị Hoa", "Bệnh viện Nguyễn Đình Chiểu", "Nguyễn Văn Đạt"]


def test_board_leaves_out_drafts_revoked_decisions_and_revoked_lines(board):
    RecipientFactory(
        decision=issued_decision(state=DecisionState.DRAFT, number=None),
        individual=IndividualFactory(full_name="Dự Thảo"),
    )
    RecipientFactory(
        decision=issued_decision(state=DecisionState.REVOKED, number=99),
        individual=IndividualFactory(full_name="Thu Hồi Cả Quyết Định"),
    )
    RecipientFactory(
        decision=board.issued,
        individual=IndividualFactory(full_name="Thu Hồi Một Dòng"),
        revoked_at=datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC),
    )

    assert names() == ["Trần Thị Hoa", "Bệnh viện Nguyễn Đình Chiểu", "Nguyễn Văn Đạt"]


def test_a_reissued_certificate_shows_its_award_once(board):
    line = board.issued.recipients.get(individual=board.dat)
    old = CertificateFactory(recipient=line, state=CertificateState.REPLACED)
    old.replaced_by = CertificateFactory(recipient=line)
    old.save()

    assert names().count("Nguyễn Văn Đạt") == 1


def test_central_awards_show_and_pending_or_declined_ones_do_not(board):
    central_award(
        individual=IndividualFactory(full_name="Lê Văn Được Khen"), campaign=board.campaign
    )
    central_award(
        individual=IndividualFactory(full_name="Chờ Kết Quả"), outcome=CentralOutcome.PENDING
    )
    central_award(
        individual=IndividualFactory(full_name="Không Được Khen"),
        outcome=CentralOutcome.NOT_AWARDED,
    )

    page = selectors.board_page(BoardFilter())
    assert [e.name for e in page.entries] == [
        "Trần Thị Hoa",
        "Lê Văn Được Khen",
        "Bệnh viện Nguyễn Đình Chiểu",
        "Nguyễn Văn Đạt",
    ]
    assert page.entries[1].reference == "156/QĐ-TTg"
    assert page.entries[1].issuer == "Thủ tướng Chính phủ"


def test_hidden_people_units_and_the_people_of_hidden_units_are_left_out(board):
    board.dat.hidden_from_public = True
    board.dat.save()
    assert names() == ["Trần Thị Hoa", "Bệnh viện Nguyễn Đình Chiểu"]

    board.department.hidden_from_public = True
    board.department.save()
    assert names() == ["Bệnh viện Nguyễn Đình Chiểu"]


def test_entry_carries_the_public_values_only(board):
    line = board.issued.recipients.get(individual=board.dat)

    entry = selectors.entry_by_key(f"d-{line.pk}")

    assert entry.name == "Nguyễn Văn Đạt"
    assert entry.unit_name == "Bệnh viện Nguyễn Đình Chiểu"
    assert entry.position == "Bác sĩ, Khoa Hồi sức"
    assert entry.award == "Bằng khen (bảng vàng thử)"
    assert entry.reference == "1234/QĐ-UBND"
    assert entry.decided_on == datetime.date(2021, 9, 15)
    assert entry.campaign == "Phòng, chống dịch COVID-19"
    assert entry.photo_id is None
    assert not {"citizen_id", "phone", "date_of_birth", "email"} & set(vars(entry))


def test_entry_by_key_refuses_what_the_board_does_not_show(board):
    line = board.issued.recipients.get(individual=board.dat)
    line.revoked_at = datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC)
    line.save()

    assert selectors.entry_by_key(f"d-{line.pk}") is None
    assert selectors.entry_by_key("x-1") is None
    assert selectors.entry_by_key("d-99999999") is None


def test_photo_only_with_a_consent_in_force(board):
    consent = PhotoConsentFactory(individual=board.dat)
    PhotoConsentFactory(
        individual=board.unit_decision.recipients.get().individual,
        withdrawn_at=datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC),
    )

    photos = {e.name: e.photo_id for e in selectors.board_page(BoardFilter()).entries}

    assert photos == {
        "Trần Thị Hoa": None,
        "Bệnh viện Nguyễn Đình Chiểu": None,
        "Nguyễn Văn Đạt": consent.pk,
    }


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (BoardFilter(query="nguyen van dat"), ["Nguyễn Văn Đạt"]),
        (BoardFilter(query="ĐÌNH chieu"), ["Bệnh viện Nguyễn Đình Chiểu"]),
        (BoardFilter(level=AwardLevel.BASE), ["Trần Thị Hoa"]),
        (BoardFilter(year=2021), ["Bệnh viện Nguyễn Đình Chiểu", "Nguyễn Văn Đạt"]),
        (BoardFilter(subject="collective"), ["Bệnh viện Nguyễn Đình Chiểu"]),
        (BoardFilter(subject="individual"), ["Trần Thị Hoa", "Nguyễn Văn Đạt"]),
        (BoardFilter(year=2020), []),
    ],
)
def test_filters(board, f, expected):
    assert names(f) == expected


def test_filter_by_unit_takes_its_branch(board):
    other = UnitFactory(name="Công an tỉnh", parent=board.province)
    RecipientFactory(
        decision=board.issued, individual=IndividualFactory(unit=other, full_name="Võ Công An")
    )

    assert names(BoardFilter(unit_path=board.department.path)) == [
        "Trần Thị Hoa",
        "Bệnh viện Nguyễn Đình Chiểu",
        "Nguyễn Văn Đạt",
    ]
    assert names(BoardFilter(unit_path=board.hospital.path)) == [
        "Bệnh viện Nguyễn Đình Chiểu",
        "Nguyễn Văn Đạt",
    ]


def test_filter_by_campaign_and_form(board):
    assert names(BoardFilter(campaign=board.campaign.pk, award_type=board.giay_khen.pk)) == [
        "Trần Thị Hoa"
    ]
    assert names(BoardFilter(campaign=board.campaign.pk + 1000)) == []


def test_pages_by_key_cover_every_entry_once(board):
    for index in range(7):
        RecipientFactory(
            decision=board.issued, individual=IndividualFactory(full_name=f"Người {index}")
        )
        central_award(individual=IndividualFactory(full_name=f"Trung ương {index}"))
    everyone = names(size=100)
    seen, cursor = [], None
    while True:
        page = selectors.board_page(BoardFilter(), cursor=cursor, size=4)
        seen += [e.name for e in page.entries]
        if not page.next_cursor:
            break
        cursor = selectors.parse_cursor(page.next_cursor)

    assert len(everyone) == 17
    assert seen == everyone


@pytest.mark.parametrize("text", ["", "garbage", "2021-13-40_d1", "2021-01-01_x1"])
def test_a_broken_cursor_starts_from_the_top(text):
    assert selectors.parse_cursor(text) is None
