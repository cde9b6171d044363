"""Decree 13/2023: no public page shows a person's private data.

Loads the demo, gathers every stored value of every field that holds a citizen ID, a
phone number, a date of birth, an address or an email (found by field name across the
project's models, so a field added later is caught too), then crawls every public
page: each page of the honour board (all campaigns and each campaign's), every URL the
sitemap lists, the Atom feed and the sitemap itself.  None may contain any value."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from portal.demo.loader import HIDE_REASON
from units.models import Individual, PhotoConsent

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

PROJECT_APPS = ("common", "units", "awards", "campaign", "council", "portal", "honours")
PRIVATE_FIELD = re.compile(r"citizen|cccd|phone|birth|(^|_)address(_|$)|email|home|residence")
#: Names that match but hold no personal data: timestamps, settings, one-way hashes.
NOT_PRIVATE = re.compile(r"_(at|mode|hash)$")
TEXT_FIELDS = (models.CharField, models.TextField, models.EmailField, models.DateField)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def private_fields():
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if (
                    isinstance(field, TEXT_FIELDS)
                    and not isinstance(field, models.DateTimeField)
                    and PRIVATE_FIELD.search(field.name)
                    and not NOT_PRIVATE.search(field.name)
                ):
                    yield model, field


def spellings(value) -> set[str]:
    """How a value could be printed on a page."""
    if isinstance(value, datetime.date):
        return {
            value.isoformat(),
            f"{value.day:02d}/{value.month:02d}/{value.year}",
            f"{value.day}/{value.month}/{value.year}",
        }
    text = str(value).strip()
    return {text} if len(text) >= 6 else set()


def private_values() -> set[str]:
    values = set()
    for model, field in private_fields():
        for value in model._default_manager.exclude(**{f"{field.name}__isnull": True}).values_list(
            field.name, flat=True
        ):
            values |= spellings(value)
    return values


def crawl(client) -> dict[str, str]:
    """path -> body of every public page."""
    pages = {}

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
        return pages[path]

    sitemap = get(reverse("sitemap"))
    get(reverse("feed"))
    listed = [
        re.sub(r"^https?://[^/]+", "", loc.text)
        for loc in ET.fromstring(sitemap).iter(f"{SITEMAP}loc")  # noqa: S314 - our own answer
    ]
    for path in listed:
        body = get(path)
        # Every further page of a board, by its "next" link.
        while match := re.search(r'rel="next" href="\?([^"]+)"', body):
            body = get(f"{path}?{match.group(1).replace('&amp;', '&')}")
    return pages


def test_no_public_page_shows_private_data_and_the_board_is_the_demos(client):
    from tests.portal.demo.test_loader import load

    load()
    fields = {f"{m._meta.label}.{f.name}" for m, f in private_fields()}
    assert {
        "units.Individual.citizen_id",
        "units.Individual.phone",
        "units.Individual.date_of_birth",
        "units.Individual.email",
    } <= fields
    secrets = private_values()
    people = Individual.objects.exclude(citizen_id__isnull=True)
    assert people.count() > 200  # the demo's people, with their citizen IDs and phones
    assert Individual.objects.exclude(phone="").count() == Individual.objects.count()

    pages = crawl(client)

    entries = [path for path in pages if re.match(r"^/honours/[dt]-\d+/$", path)]
    assert len(entries) >= 10
    leaks = {path: sorted(s for s in secrets if s in body) for path, body in pages.items()}
    assert {path: found for path, found in leaks.items() if found} == {}

    # The demo's board: two consented photos, one person hidden by the staff.
    hidden = Individual.objects.get(hidden_from_public=True)
    consents = PhotoConsent.objects.filter(withdrawn_at__isnull=True).select_related("individual")

    html = "".join(pages.values())

    assert hidden.hidden_reason == HIDE_REASON
    assert hidden.full_name not in html
    assert len(consents) == 2
    for consent in consents:
        assert consent.individual.full_name in html
        assert reverse("honours:photo", kwargs={"pk": consent.pk}) in html
