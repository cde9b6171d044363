"""The public pages: board, entry, photo, feed, sitemap; cached, and cleared at once."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from awards.services.decisions import revoke_recipient
from campaign.enums import CampaignStatus
from tests.factories import (
    CampaignFactory,
    CertificateFactory,
    IndividualFactory,
    PhotoConsentFactory,
    RecipientFactory,
)
from units.services.publicity import set_public_visibility

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def entry_url(line):
    return reverse("honours:entry", kwargs={"key": f"d-{line.pk}"})


def test_board_is_public_and_cached_for_anonymous_visitors(client, board):
    first = client.get(reverse("honours:board"))
    second = client.get(reverse("honours:board"))

    assert first.status_code == 200
    assert first["X-Portal-Cache"] == "miss"
    assert second["X-Portal-Cache"] == "hit"
    assert "Nguyễn Văn Đạt" in second.text
    assert "csrfmiddlewaretoken" not in first.text
    assert not first.cookies


def test_a_revoked_award_leaves_the_cached_board_at_once(client, board, staff_user):
    line = board.issued.recipients.get(individual=board.dat)
    client.get(reverse("honours:board"))
    client.get(entry_url(line))

    revoke_recipient(line, by=staff_user, reason="Kê khai không trung thực")

    board_page = client.get(reverse("honours:board"))
    assert board_page["X-Portal-Cache"] == "miss"
    assert "Nguyễn Văn Đạt" not in board_page.text
    assert client.get(entry_url(line)).status_code == 404


def test_hiding_a_person_clears_the_cached_pages(client, board, staff_user):
    assert "Nguyễn Văn Đạt" in client.get(reverse("honours:board")).text

    set_public_visibility(board.dat, hidden=True, by=staff_user, reason="Đề nghị của cá nhân")

    assert "Nguyễn Văn Đạt" not in client.get(reverse("honours:board")).text


def test_board_query_count_does_not_grow_with_rows(client, board, django_assert_num_queries):
    # Lines, central awards, photos; the campaigns' links; the campaign and form choices.
    with django_assert_num_queries(6):
        client.get(reverse("honours:board"), {"year": "2021"})
    for index in range(3):
        RecipientFactory(
            decision=board.issued, individual=IndividualFactory(full_name=f"Người {index}")
        )
    with django_assert_num_queries(6):
        response = client.get(reverse("honours:board"), {"year": "2021", "q": ""})
    assert response.text.count('class="card h-100 honour-card"') == 5


def test_board_filters_and_bad_input(client, board):
    response = client.get(reverse("honours:board"), {"q": "dat", "year": "abc"})

    assert response.status_code == 200
    assert "Nhập năm bằng số, ví dụ 2021." in response.text
    assert "Nguyễn Văn Đạt" in response.text
    assert "Trần Thị Hoa" not in response.text


def test_campaign_board(client, board):
    response = client.get(reverse("honours:campaign", kwargs={"pk": board.campaign.pk}))

    assert response.status_code == 200
    assert "Phòng, chống dịch COVID-19" in response.text
    assert client.get(reverse("honours:campaign", kwargs={"pk": 99999})).status_code == 404
    draft = CampaignFactory(status=CampaignStatus.DRAFT)
    assert client.get(reverse("honours:campaign", kwargs={"pk": draft.pk})).status_code == 404


def test_entry_page_has_opengraph_and_twitter_tags(client, board, settings):
    settings.SITE_URL = "https://thidua.bentre.gov.vn"
    line = board.issued.recipients.get(individual=board.dat)

    html = client.get(entry_url(line)).text

    page = f"https://thidua.bentre.gov.vn{entry_url(line)}"
    assert '<meta property="og:title" content="Nguyễn Văn Đạt">' in html
    assert (
        '<meta property="og:description" content="Bằng khen (bảng vàng thử) – '
        'Quyết định số 1234/QĐ-UBND ngày 15/09/2021">'
    ) in html
    assert f'<meta property="og:url" content="{page}">' in html
    assert (
        '<meta property="og:image" content="https://thidua.bentre.gov.vn/static/img/honours-og.png">'
        in html
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_entry_with_a_consented_photo_shares_the_photo(client, board, settings):
    settings.SITE_URL = "https://thidua.bentre.gov.vn"
    consent = PhotoConsentFactory(individual=board.dat)
    line = board.issued.recipients.get(individual=board.dat)
    photo = reverse("honours:photo", kwargs={"pk": consent.pk})

    html = client.get(entry_url(line)).text
    response = client.get(photo)

    assert f'<meta property="og:image" content="https://thidua.bentre.gov.vn{photo}">' in html
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_photo_is_gone_once_its_person_is_hidden(client, board, staff_user):
    consent = PhotoConsentFactory(individual=board.dat)
    set_public_visibility(board.dat, hidden=True, by=staff_user, reason="Đề nghị của cá nhân")

    assert client.get(reverse("honours:photo", kwargs={"pk": consent.pk})).status_code == 404


@pytest.mark.parametrize("key", ["d-0", "x-1", "d-abc", "t-999999"])
def test_unknown_entry_is_404(client, board, key):
    assert client.get(reverse("honours:entry", kwargs={"key": key})).status_code == 404


def test_feed_is_valid_atom_with_the_entries(client, board, settings):
    settings.SITE_URL = "https://thidua.bentre.gov.vn"

    response = client.get(reverse("feed"))

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    assert root.tag == f"{ATOM}feed"
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles == ["Trần Thị Hoa", "Bệnh viện Nguyễn Đình Chiểu", "Nguyễn Văn Đạt"]
    links = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    assert all(link.startswith("https://thidua.bentre.gov.vn/honours/d-") for link in links)


def test_public_pages_announce_the_feed(client, board):
    html = client.get(reverse("honours:board")).text

    assert 'type="application/atom+xml"' in html
    assert f'href="{reverse("feed")}"' in html


def test_sitemap_lists_the_boards_and_every_entry(client, board, settings):
    settings.SITE_URL = "https://thidua.bentre.gov.vn"

    root = ET.fromstring(client.get(reverse("sitemap")).content)  # noqa: S314 - our own answer

    urls = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    lines = sorted(board.issued.recipients.all(), key=lambda r: r.pk) + list(
        board.unit_decision.recipients.all()
    )
    expected = {
        "https://thidua.bentre.gov.vn/honours/",
        f"https://thidua.bentre.gov.vn/honours/campaign/{board.campaign.pk}/",
        *(f"https://thidua.bentre.gov.vn{entry_url(line)}" for line in lines),
    }
    assert set(urls) == expected
    assert len(urls) == len(expected)


def test_unit_box_offers_units_not_hidden(client, board):
    board.hospital.hidden_from_public = True
    board.hospital.save()

    results = client.get(reverse("honours:unit_autocomplete"), {"q": "so y te"}).json()["results"]

    assert results == [{"value": board.department.pk, "text": "Sở Y tế"}]


def test_verification_page_links_the_entry_while_it_is_on_the_board(client, board):
    line = board.issued.recipients.get(individual=board.dat)
    certificate = CertificateFactory(recipient=line)
    verify = reverse("verify", kwargs={"token": certificate.token})

    assert f'href="{entry_url(line)}"' in client.get(verify).text

    board.dat.hidden_from_public = True
    board.dat.save()
    assert 'id="honour-link"' not in client.get(verify).text


def test_navbar_links_the_board_for_everyone(client, board):
    assert f'href="{reverse("honours:board")}"' in client.get(reverse("login")).text
