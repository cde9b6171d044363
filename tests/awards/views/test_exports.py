"""The Excel files of the review queue and of a decision's list, read back with openpyxl."""

import io
import re
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.views import exports
from tests.awards.conftest import NAME, make_decision
from tests.factories import (
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    RecipientFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

QUEUE = reverse("awards:nomination_export")


def sheet_of(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def data_rows(sheet, first=4):
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=first)]


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(QUEUE).status_code == 302
    assert client.get(reverse("awards:decision_export", args=[1])).status_code == 302


def test_the_queue_export_has_every_matching_row_in_the_queues_order(
    client, staff_user, statistics_world
):
    client.force_login(staff_user)

    sheet = sheet_of(client.get(QUEUE, {"queue": "all", "sort": "submitted"}))

    assert sheet["A1"].value == "DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG"
    assert [c.value for c in sheet[4]][:8] == [
        "STT",
        "Họ và tên, tên tập thể",
        "Cá nhân/Tập thể",
        "Chức vụ",
        "Đơn vị công tác",
        "Đơn vị đề nghị",
        "Phong trào",
        "Danh hiệu, hình thức đề nghị",
    ]
    rows = data_rows(sheet, 5)
    # Oldest sent first; the three sent at the same moment, the newest row first.
    assert [row[1] for row in rows] == [
        "Xã Đa Phước Hội",
        "Trần Văn Bình",
        "Nguyễn Thị An",
        "Lê Văn Cường",
        "Phạm Văn Dũng",
        "Võ Văn Em",  # a draft, never sent: last
    ]
    assert [row[0] for row in rows] == [1, 2, 3, 4, 5, 6]
    collective = rows[0]
    assert collective[2:6] == ["Tập thể", None, "Huyện Mỏ Cày Nam", "Xã Đa Phước Hội"]
    awarded = rows[2]
    assert awarded[11] == "Đã khen thưởng"
    assert awarded[13].date().isoformat() == "2021-10-05"
    assert awarded[14] == 710_000
    assert rows[3][11:13] == ["Đã gửi", "Cấp tỉnh"]


def test_the_queue_export_follows_the_filters_and_the_officers_scope(client, statistics_world):
    client.force_login(statistics_world.police_officer)

    everything = data_rows(sheet_of(client.get(QUEUE, {"queue": "all"})), 5)
    drafts = data_rows(sheet_of(client.get(QUEUE, {"queue": "all", "state": "draft"})), 5)

    assert sorted(row[1] for row in everything) == ["Phạm Văn Dũng", "Võ Văn Em"]
    assert [row[1] for row in drafts] == ["Võ Văn Em"]


def test_a_name_typed_as_a_formula_stays_text(client, staff_user, statistics_world):
    person = IndividualFactory(full_name='=HYPERLINK("http://x")', unit=statistics_world.police)
    NominationFactory(individual=person, campaign=statistics_world.campaign)
    client.force_login(staff_user)

    rows = data_rows(sheet_of(client.get(QUEUE, {"queue": "all", "q": "hyperlink"})), 5)

    assert [row[1] for row in rows] == ['\'=HYPERLINK("http://x")']


def test_too_many_rows_are_refused_with_a_message(
    client, staff_user, statistics_world, monkeypatch
):
    monkeypatch.setattr(exports, "QUEUE_EXPORT_CAP", 3)
    client.force_login(staff_user)

    response = client.get(QUEUE, {"queue": "all"}, follow=True)

    assert response.redirect_chain == [(reverse("awards:nomination_list") + "?queue=all", 302)]
    assert "Danh sách có hơn 3 hồ sơ" in response.content.decode()


def test_a_decisions_list_in_the_offices_layout(client, staff_user):
    world = make_decision()
    client.force_login(staff_user)

    response = client.get(reverse("awards:decision_export", args=[world.decision.pk]))

    assert "Danh-Sach-Khen-Thuong-123-Qd-Ubnd.xlsx" in response["Content-Disposition"]
    sheet = sheet_of(response)
    assert sheet["A1"].value == "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG"
    assert sheet["A2"].value == (
        "(Kèm theo Quyết định số 123/QĐ-UBND ngày 15/9/2021 của Ủy ban nhân dân tỉnh Bến Tre)"
    )
    assert data_rows(sheet) == [
        ["STT", "Họ và tên, tên tập thể", "Chức vụ", "Đơn vị", "Hình thức khen thưởng",
         "Số tiền (đồng)", "Ghi chú"],
        [1, unicodedata.normalize("NFC", NAME), None, "Bệnh viện Nguyễn Đình Chiểu",
         "Bằng khen của Chủ tịch UBND tỉnh", 2_240_000, None],
        [2, "Trần Văn Đạt", None, "Công an tỉnh", "Bằng khen của Chủ tịch UBND tỉnh",
         2_240_000, None],
        [3, "Khoa Hồi sức tích cực – Chống độc", None, "Bệnh viện Nguyễn Đình Chiểu",
         "Bằng khen của Chủ tịch UBND tỉnh", 4_480_000, None],
        [None, "Tổng cộng", None, None, None, 8_960_000, None],
    ]  # fmt: skip


def test_an_officer_gets_their_own_lines_and_another_decision_is_404(client):
    world = make_decision()
    police_officer = OfficerMembershipFactory(unit=world.police).user
    client.force_login(police_officer)
    url = reverse("awards:decision_export", args=[world.decision.pk])

    rows = data_rows(sheet_of(client.get(url)), 5)

    assert [row[1] for row in rows] == ["Trần Văn Đạt", "Tổng cộng"]
    assert rows[-1][5] == 2_240_000
    client.force_login(OfficerMembershipFactory().user)
    assert client.get(url).status_code == 404


def test_the_queues_link_exports_the_rows_the_page_lists(client, staff_user, statistics_world):
    client.force_login(staff_user)
    page = client.get(reverse("awards:nomination_list"))
    link = re.search(r'href="([^"]*/nominations/export/[^"]*)"', page.content.decode())[1]

    rows = data_rows(sheet_of(client.get(link.replace("&amp;", "&"))), 5)

    assert sorted(row[1] for row in rows) == sorted(n.subject_name for n in page.context["page"])
    assert "queue=" in link


@pytest.mark.parametrize("extra", [1, 3])
def test_the_queue_export_makes_the_same_queries_whatever_the_rows(
    client, staff_user, statistics_world, django_assert_num_queries, extra
):
    for _ in range(extra):
        NominationFactory(campaign=statistics_world.campaign)
    client.force_login(staff_user)

    # The user (the session and the roles come from the cache): 1; "more than the cap?": 1;
    # the rows, read in chunks: 1.
    with django_assert_num_queries(3):
        response = client.get(QUEUE, {"queue": "all"})
        rows = data_rows(sheet_of(response), 5)

    assert len(rows) == 6 + extra


@pytest.mark.parametrize("extra", [1, 3])
def test_a_decisions_list_makes_the_same_queries_whatever_the_lines(
    client, staff_user, django_assert_num_queries, extra
):
    world = make_decision()
    for _ in range(extra):
        RecipientFactory(decision=world.decision, individual__unit=world.police)
    client.force_login(staff_user)

    # The user (the session and the roles come from the cache): 1; the decision: 1; its
    # lines with their people: 1.
    with django_assert_num_queries(3):
        rows = data_rows(
            sheet_of(client.get(reverse("awards:decision_export", args=[world.decision.pk]))), 5
        )

    assert len(rows) == 3 + extra + 1  # the lines and the total
