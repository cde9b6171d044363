"""The documents' pages: the minutes card on the session's page, its progress partial,
the PDF download and the retry; the paper ballot.  Others get a 404, anonymous users
the login page."""

import pytest
from django.urls import reverse

from common.enums import JobState
from council.models import Minutes
from council.services.closing import close_session
from tests.council.conftest import open_session_of

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def closed(world, django_capture_on_commit_callbacks):
    session = open_session_of(world, nominations=world.nominations[:1])
    with django_capture_on_commit_callbacks(execute=True):
        close_session(session, by=world.secretary)
    return session


def test_session_page_shows_the_minutes_with_their_download(client, world, closed):
    client.force_login(world.secretary)

    response = client.get(reverse("council:session_detail", args=[closed.pk]))

    assert response.status_code == 200
    assert response.context["minutes"].number_text == "1/BB-HĐTĐKT"
    assert reverse("council:minutes_download", args=[closed.pk]) in response.text
    assert response.context["can_retry"] is False


def test_minutes_download_serves_the_pdf_to_the_secretary_and_members(client, world, closed):
    for user in (world.secretary, world.members[0], world.staff):
        client.force_login(user)
        response = client.get(reverse("council:minutes_download", args=[closed.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    "name", ["council:minutes_download", "council:minutes_progress", "council:paper_ballot"]
)
def test_documents_are_404_for_an_outsider_and_login_for_anonymous(client, world, closed, name):
    url = reverse(name, args=[closed.pk])

    assert client.get(url).status_code == 302
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_minutes_are_404_before_the_session_is_closed(client, world):
    session = open_session_of(world, nominations=world.nominations[:1])
    client.force_login(world.secretary)

    assert client.get(reverse("council:minutes_download", args=[session.pk])).status_code == 404


def test_retry_is_404_for_an_outsider_and_refused_for_a_member(client, world, closed):
    Minutes.objects.filter(session=closed).update(state=JobState.FAILED, error="x")
    url = reverse("council:minutes_retry", args=[closed.pk])
    client.force_login(world.outsider)
    assert client.post(url).status_code == 404

    client.force_login(world.members[0])
    response = client.post(url, follow=True)

    assert "Bạn không có quyền tạo lại biên bản này." in response.text
    assert Minutes.objects.get(session=closed).state == JobState.FAILED


def test_retry_from_the_page_renders_failed_minutes(
    client, world, closed, django_capture_on_commit_callbacks
):
    Minutes.objects.filter(session=closed).update(state=JobState.FAILED, error="OSError: disk")
    client.force_login(world.secretary)
    page = client.get(reverse("council:session_detail", args=[closed.pk]))
    assert page.context["can_retry"] is True

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("council:minutes_retry", args=[closed.pk]))

    assert response.status_code == 302
    assert Minutes.objects.get(session=closed).state == JobState.DONE


def test_progress_partial_polls_while_pending(client, world, closed):
    Minutes.objects.filter(session=closed).update(state=JobState.PENDING)
    client.force_login(world.secretary)

    response = client.get(reverse("council:minutes_progress", args=[closed.pk]))

    assert response.status_code == 200
    assert reverse("council:minutes_progress", args=[closed.pk]) in response.text


def test_paper_ballot_is_the_secretarys_and_not_a_members(client, world):
    session = open_session_of(world, is_paper=True)
    client.force_login(world.members[0])
    assert client.get(reverse("council:paper_ballot", args=[session.pk])).status_code == 404

    client.force_login(world.secretary)
    response = client.get(reverse("council:paper_ballot", args=[session.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    page = client.get(reverse("council:session_detail", args=[session.pk]))
    assert reverse("council:paper_ballot", args=[session.pk]) in page.text
