"""practices/views/manage.py: the officers' and staff's pages; the wrong user gets a 404."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from practices.enums import PracticeKind, PracticeState
from practices.models import Adoption, Practice
from practices.services.practices import perform, record_adoption
from tests.factories import PracticeFactory, PracticeFileFactory
from tests.practices.conftest import make_practice, practice_data

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def photo(name="cho.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), "green").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def _post_data(unit, **overrides):
    data = practice_data(unit, **overrides)
    data.update(
        {
            "results-TOTAL_FORMS": "2",
            "results-INITIAL_FORMS": "0",
            "results-MIN_NUM_FORMS": "0",
            "results-MAX_NUM_FORMS": "30",
            "results-0-label": "Số hộ tham gia",
            "results-0-value": "1.250",
            "results-0-measure": "hộ",
        }
    )
    return data


def test_officer_creates_a_practice_with_results_and_a_photo(client, world):
    client.force_login(world.o_health)
    data = _post_data(world.hospital)
    data["files"] = [photo()]
    response = client.post(reverse("practices:create"), data)

    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("practices:detail", args=[practice.pk])
    assert [(r.label, int(r.value)) for r in practice.results.all()] == [("Số hộ tham gia", 1250)]
    assert [(f.original_name, f.content_type) for f in practice.files.all()] == [
        ("cho.jpg", "image/jpeg")
    ]


def test_a_bad_upload_keeps_what_was_typed_and_saves_nothing(client, world):
    client.force_login(world.o_health)
    data = _post_data(world.hospital, title="Tên đã gõ")
    bad = io.BytesIO(b"not an image at all")
    bad.name = "anh.jpg"
    data["files"] = [bad]
    response = client.post(reverse("practices:create"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert Practice.objects.count() == 0
    assert "anh.jpg" in html and "Sáng kiến chưa được lưu" in html
    assert 'value="Tên đã gõ"' in html


def test_a_result_without_figure_is_refused_with_a_message(client, world):
    client.force_login(world.o_health)
    data = _post_data(world.hospital)
    data["results-0-value"] = ""
    response = client.post(reverse("practices:create"), data)
    assert response.status_code == 200
    assert "Nhập số liệu cho chỉ tiêu này." in response.content.decode()
    assert Practice.objects.count() == 0


@pytest.mark.parametrize("who", ["outsider", "o_police"])
def test_wrong_user_gets_404_on_every_page_of_a_practice(client, world, draft, who):
    perform(draft, "submit", by=world.o_health)
    row = PracticeFileFactory(practice=draft, content_type="application/pdf")
    client.force_login(getattr(world, who))
    for url in (
        reverse("practices:detail", args=[draft.pk]),
        reverse("practices:edit", args=[draft.pk]),
        reverse("practices:file", args=[row.pk]),
        reverse("practices:statistics"),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("practices:action", args=[draft.pk]), {"action": "publish"})
    assert response.status_code == 404
    assert Practice.objects.get().state == PracticeState.SUBMITTED


def test_outsider_gets_404_on_the_list_and_the_form(client, world):
    client.force_login(world.outsider)
    assert client.get(reverse("practices:list")).status_code == 404
    assert client.get(reverse("practices:create")).status_code == 404


def test_adoption_page_is_404_for_an_unpublished_practice_and_for_an_outsider(client, world, draft):
    url = reverse("practices:adopt", args=[draft.pk])
    client.force_login(world.o_police)
    assert client.get(url).status_code == 404
    perform(draft, "submit", by=world.o_health)
    perform(draft, "publish", by=world.staff)
    assert client.get(url).status_code == 200
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_login(client, world, draft):
    response = client.get(reverse("practices:detail", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_officer_edit_after_changes_requested_then_staff_publish(client, world, draft):
    perform(draft, "submit", by=world.o_health)
    perform(draft, "request_changes", by=world.staff, reason="Thêm số liệu")
    client.force_login(world.o_health)
    page = client.get(reverse("practices:detail", args=[draft.pk]))
    assert page.context["changes_asked"] == "Thêm số liệu"
    response = client.post(
        reverse("practices:edit", args=[draft.pk]), _post_data(world.hospital, title="Bản sửa")
    )
    assert response.status_code == 302
    client.post(reverse("practices:action", args=[draft.pk]), {"action": "submit"})
    client.force_login(world.staff)
    response = client.post(reverse("practices:action", args=[draft.pk]), {"action": "publish"})

    draft.refresh_from_db()
    assert response.status_code == 302
    assert (draft.title, draft.state) == ("Bản sửa", PracticeState.PUBLISHED)


def test_staff_request_changes_without_reason_shows_the_message(client, world, draft):
    perform(draft, "submit", by=world.o_health)
    client.force_login(world.staff)
    response = client.post(
        reverse("practices:action", args=[draft.pk]), {"action": "request_changes"}, follow=True
    )
    assert "Vui lòng ghi rõ lý do." in response.content.decode()
    assert Practice.objects.get().state == PracticeState.SUBMITTED


def test_officer_records_adoption_through_the_page(client, world, draft):
    perform(draft, "submit", by=world.o_health)
    perform(draft, "publish", by=world.staff)
    client.force_login(world.o_police)
    response = client.post(
        reverse("practices:adopt", args=[draft.pk]),
        {
            "unit": world.police.pk,
            "adopted_on": "2021-09-01",
            "place": "Trụ sở",
            "result": "Khai báo nhanh hơn",
        },
    )
    assert response.status_code == 302
    assert list(Adoption.objects.values_list("unit__name", "place")) == [("Công an tỉnh", "Trụ sở")]


def test_queue_defaults_to_waiting_practices_for_staff(client, world, draft):
    waiting = make_practice(world.o_health, world.health, title="Đang chờ")
    perform(waiting, "submit", by=world.o_health)
    client.force_login(world.staff)
    response = client.get(reverse("practices:list"))
    assert [p.title for p in response.context["page"]] == ["Đang chờ"]
    response = client.get(reverse("practices:list"), {"state": ""})
    titles = sorted(p.title for p in response.context["page"])
    assert titles == ["Khai báo y tế điện tử", "Đang chờ"]


def test_officer_sees_only_the_practices_of_their_branch(client, world, draft):
    make_practice(world.o_police, world.police, title="Của công an")
    client.force_login(world.o_police)
    response = client.get(reverse("practices:list"))
    assert [p.title for p in response.context["page"]] == ["Của công an"]


def test_manage_list_query_count_does_not_grow_with_rows(
    client, world, draft, django_assert_num_queries
):
    client.force_login(world.o_health)
    client.get(reverse("practices:list"))
    with django_assert_num_queries(4):
        client.get(reverse("practices:list"))
    for title in ("Hai", "Ba"):
        make_practice(world.o_health, world.hospital, title=title)
    with django_assert_num_queries(4):
        response = client.get(reverse("practices:list"))
    assert len(response.context["page"]) == 3


def test_manage_list_pages_keep_the_filters_and_not_the_page(client, world):
    for number in range(26):  # one more than a page
        PracticeFactory(unit=world.hospital, title=f"Sáng kiến {number}")
    client.force_login(world.o_health)

    response = client.get(reverse("practices:list"), {"kind": PracticeKind.MODEL, "page": 2})

    html = response.content.decode()
    assert len(response.context["page"]) == 1
    assert html.count("kind=model&amp;page=1") == 1
    assert "page=2&amp;page" not in html
    assert '<span class="badge text-bg-light border">Dự thảo</span>' in html


def test_statistics_count_published_by_field_and_replicated(client, world, draft):
    perform(draft, "submit", by=world.o_health)
    perform(draft, "publish", by=world.staff)
    for unit, officer in ((world.police, world.o_police), (world.commune, world.staff)):
        day = draft.published_at.date()
        record_adoption(draft, by=officer, unit=unit, adopted_on=day, place="x", result="y")
    client.force_login(world.staff)
    stats = client.get(reverse("practices:statistics")).context["stats"]
    assert (stats["published"], stats["replicated"], stats["adoptions"]) == (1, 1, 2)
    assert dict(stats["fields"])["Y tế, phòng chống dịch"] == 1
    assert [(p.title, p.n) for p in stats["most_adopted"]] == [("Khai báo y tế điện tử", 2)]
