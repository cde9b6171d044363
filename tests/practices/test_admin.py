"""The library's admin: every change list's query count, the workflow read-only, a
practice edited here found by the folded search and shown at once on the public pages."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from practices.admin import WORKFLOW_FIELDS
from practices.enums import PracticeState
from practices.models import Adoption, Practice, PracticeFile, PracticeResult
from tests.conftest import ADMIN_ROWS, admin_url
from tests.factories import PracticeFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

#: (model, queries) for every change list of the app, rows built by ``ADMIN_ROWS``.
CHANGELIST_QUERIES = [
    pytest.param(Practice, 4, id="practice"),  # the campaign filter lists the campaigns
    pytest.param(PracticeResult, 3, id="practiceresult"),
    pytest.param(PracticeFile, 3, id="practicefile"),
    pytest.param(Adoption, 3, id="adoption"),
]


def test_every_change_list_of_the_app_has_its_query_count():
    registered = {model for model in ADMIN_ROWS if model._meta.app_label == "practices"}
    assert {param.values[0] for param in CHANGELIST_QUERIES} == registered


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("model", "queries"), CHANGELIST_QUERIES)
def test_changelist_queries(assert_changelist_queries, model, queries, rows):
    assert_changelist_queries(model, rows, queries)


def test_the_change_page_shows_the_workflow_read_only_and_every_inline(superuser_client):
    practice = ADMIN_ROWS[Practice]()

    response = superuser_client.get(admin_url(Practice, "change", practice.pk))

    assert response.status_code == 200
    fields = response.context["adminform"].form.fields
    assert [name for name in WORKFLOW_FIELDS if name in fields] == []
    assert 'name="state"' not in response.text
    inlines = [
        (i.formset.prefix, len(i.formset.forms)) for i in response.context["inline_admin_formsets"]
    ]
    assert inlines == [("results", 1), ("files", 1), ("adoptions", 1)]


def _change_data(practice, **changes):
    data = {
        "unit": practice.unit_id,
        "campaign": "",
        "kind": practice.kind,
        "field": practice.field,
        "title": practice.title,
        "summary": practice.summary,
        "description": practice.description,
        "people": "",
        "started_on": "",
    }
    for prefix in ("results", "files", "adoptions"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | changes


def test_a_practice_edited_here_is_found_folded_and_public_at_once(superuser_client):
    practice = PracticeFactory(
        state=PracticeState.PUBLISHED, title="Chợ an toàn", published_at=timezone.now()
    )
    visitor = Client()
    public = reverse("practices:public_detail", args=[practice.pk])
    before = visitor.get(public)

    response = superuser_client.post(
        admin_url(Practice, "change", practice.pk),
        _change_data(practice, title="Phiên chợ không tiếp xúc", state=PracticeState.DRAFT),
    )

    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.title, practice.state) == ("Phiên chợ không tiếp xúc", PracticeState.PUBLISHED)
    found = superuser_client.get(admin_url(Practice, "changelist"), {"q": "phien cho"})
    assert list(found.context["cl"].result_list) == [practice]
    assert "Chợ an toàn" in before.text
    after = visitor.get(public)
    assert ("Phiên chợ không tiếp xúc" in after.text, "Chợ an toàn" in after.text) == (True, False)
