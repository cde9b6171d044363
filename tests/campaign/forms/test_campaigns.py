"""The staff's campaign forms (campaign/forms/campaigns.py): bad input gets a message in
Vietnamese on the field it concerns."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign.forms.campaigns import MAX_ITEMS, CampaignForm, CloseCampaignForm
from tests.factories import UnitFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def data(unit, **changes):
    values = {
        "title": "Phong trào thi đua phòng, chống dịch COVID-19",
        "issuing_unit": unit.pk,
        "kind": "thematic",
        "start_date": "2021-06-10",
        "end_condition": "đến khi hết dịch",
    }
    values.update(changes)
    return values


def test_items_are_read_one_a_line_without_blank_lines():
    form = CampaignForm(data(UnitFactory(), content_items=" Một \n\nHai\n"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["content_items"] == ["Một", "Hai"]


def test_an_end_before_the_start_is_refused():
    form = CampaignForm(data(UnitFactory(), end_date="2021-06-01"))

    assert form.errors["end_date"] == ["Ngày kết thúc không thể trước ngày bắt đầu."]


def test_a_span_needs_an_end_date_or_an_end_condition():
    form = CampaignForm(data(UnitFactory(), end_condition=""))

    assert form.errors["end_condition"][0].startswith("Ghi ngày kết thúc, hoặc điều kiện kết thúc")


def test_a_required_registration_needs_a_deadline():
    form = CampaignForm(data(UnitFactory(), registration_required="on"))

    assert form.errors["registration_deadline"] == [
        "Phong trào yêu cầu đăng ký thi đua: vui lòng ghi hạn đăng ký."
    ]


def test_the_final_review_cannot_come_before_the_interim_one():
    form = CampaignForm(
        data(UnitFactory(), interim_review_date="2022-01-10", final_review_date="2021-12-31")
    )

    assert form.errors["final_review_date"] == ["Ngày tổng kết không thể trước ngày sơ kết."]


def test_too_many_items_are_refused():
    items = "\n".join(f"Nội dung {n}" for n in range(MAX_ITEMS + 1))

    form = CampaignForm(data(UnitFactory(), content_items=items))

    expected = f"Tối đa {MAX_ITEMS} nội dung; đã nhập {MAX_ITEMS + 1}."
    assert form.errors["content_items"] == [expected]


def test_a_plan_file_that_is_not_a_pdf_is_refused_in_vietnamese():
    upload = SimpleUploadedFile("ke-hoach.pdf", b"not a pdf at all", "application/pdf")

    form = CampaignForm(data(UnitFactory()), {"plan_upload": upload})

    assert form.errors["plan_upload"] == [
        "Nội dung tệp không khớp với phần mở rộng “.pdf”. Chỉ chấp nhận tệp PDF."
    ]


def test_a_plan_date_centuries_away_is_refused():
    form = CampaignForm(data(UnitFactory(), start_date="1021-06-10"))

    assert "start_date" in form.errors


def test_closing_needs_a_number_and_a_date():
    form = CloseCampaignForm({"closing_number": "", "closing_date": "ngày mai"})

    assert form.errors == {
        "closing_number": ["Vui lòng ghi số quyết định kết thúc phong trào."],
        "closing_date": ["Ngày chưa đúng, ví dụ đúng: 04/05/2022."],
    }
