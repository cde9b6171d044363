"""The Django admin: every model registered, every page renders; the site-wide pieces
(header, money format) and the read-only activity log."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges

from campaign.models import Reminder
from common.admin import format_money
from common.models import (
    ActivityLog,
    Holiday,
    Notification,
    OutboxMessage,
    UserPreference,
    log_activity,
)
from tests.conftest import ADMIN_ROWS, OUR_APPS, admin_url
from tests.factories import AwardTypeFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _label(model):
    return model._meta.label_lower


REGISTERED = sorted(admin.site._registry, key=_label)
OURS = [model for model in REGISTERED if model._meta.app_label in OUR_APPS]
#: Admins that show rows but let nobody add any.
NO_ADD = {
    "common.activitylog",
    "twofactor.authenticatordevice",
    "common.notification",
    "common.outboxmessage",
    "campaign.reminder",
    "campaign.noticebatch",
    "units.staffimport",
    "units.photoconsent",
    "awards.nominationimport",
    "campaign.notice",
    "campaign.launchrun",
    "campaign.campaignreview",
    "campaign.launchdelivery",
    "campaign.registrationtarget",
    "campaign.reportinground",
    "campaign.progressreport",
    "campaign.reportfigure",
    "campaign.reportattachment",
    "awards.certificaterun",
    "awards.ceremony",
    "awards.centralsubmission",
    "awards.centralsubmissionline",
    "awards.centralresult",
    "awards.centralpackage",
    "awards.proposalletter",
    "awards.nominationstage",
    "council.session",
    "council.agendaitem",
    "council.ballot",
    "council.vote",
    "council.papercount",
    "council.sessionmaterial",
    "council.minutes",
    "awards.consultation",
    "awards.consultationcomment",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "practices.adoption",
}


def test_every_model_of_our_apps_is_registered():
    ours = {
        model
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        if not issubclass(model, HistoricalChanges)
    }
    assert set(OURS) == ours
    assert set(ADMIN_ROWS) == ours


def test_models_with_history_use_the_history_admin():
    with_history = {
        _label(model)
        for model in OURS
        if isinstance(admin.site._registry[model], SimpleHistoryAdmin)
    }
    assert with_history == {
        "units.unit",
        "units.unitsigner",
        "units.individual",
        "awards.awardtype",
        "awards.awardauthority",
        "awards.bonuscoefficient",
        "awards.basesalary",
    }


@pytest.mark.parametrize("model", REGISTERED, ids=_label)
def test_changelist_and_add_page_render(superuser_client, model):
    assert superuser_client.get(admin_url(model, "changelist")).status_code == 200
    expected = 403 if _label(model) in NO_ADD else 200
    assert superuser_client.get(admin_url(model, "add")).status_code == expected


@pytest.mark.parametrize("model", OURS, ids=_label)
def test_change_page_renders(superuser_client, model):
    obj = ADMIN_ROWS[model]()
    response = superuser_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"] == obj


@pytest.mark.parametrize(
    "model",
    [m for m in OURS if isinstance(admin.site._registry[m], SimpleHistoryAdmin)],
    ids=_label,
)
def test_history_page_renders(superuser_client, model):
    obj = ADMIN_ROWS[model]()
    response = superuser_client.get(admin_url(model, "history", obj.pk))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 1


def test_format_money_vietnamese_style():
    assert format_money(1_410_000) == "1.410.000 đ"
    assert format_money(702_000) == "702.000 đ"
    assert format_money(0) == "0 đ"
    assert format_money(None) == ""


def test_site_header_is_vietnamese(superuser_client):
    response = superuser_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Quản trị Cổng thi đua – khen thưởng" in response.text


class TestActivityLogIsReadOnly:
    def test_viewable_but_not_editable(self, superuser_client):
        entry = ADMIN_ROWS[ActivityLog]()
        response = superuser_client.get(admin_url(ActivityLog, "change", entry.pk))
        assert response.status_code == 200
        assert "Gửi hồ sơ" in response.text
        assert 'name="_save"' not in response.text

    def test_no_add_change_or_delete(self, superuser_client):
        entry = ADMIN_ROWS[ActivityLog]()
        assert superuser_client.get(admin_url(ActivityLog, "add")).status_code == 403
        assert (
            superuser_client.post(admin_url(ActivityLog, "add"), {"action": "x"}).status_code == 403
        )
        response = superuser_client.post(
            admin_url(ActivityLog, "change", entry.pk), {"note": "sửa"}
        )
        assert response.status_code == 403
        assert superuser_client.get(admin_url(ActivityLog, "delete", entry.pk)).status_code == 403
        assert superuser_client.post(admin_url(ActivityLog, "delete", entry.pk)).status_code == 403
        entry.refresh_from_db()
        assert entry.note == "Gửi hồ sơ"

    def test_no_bulk_delete_action(self, superuser_client):
        ADMIN_ROWS[ActivityLog]()
        response = superuser_client.get(admin_url(ActivityLog, "changelist"))
        assert "delete_selected" not in response.text

    def test_filter_and_search(self, superuser_client):
        entry = ADMIN_ROWS[ActivityLog]()
        log_activity(AwardTypeFactory(), "create", note="Thêm danh hiệu")
        url = admin_url(ActivityLog, "changelist")
        by_action = superuser_client.get(url, {"action": "submit"}).context["cl"]
        assert list(by_action.result_list) == [entry]
        by_note = superuser_client.get(url, {"q": "danh hiệu"}).context["cl"]
        assert [e.action for e in by_note.result_list] == ["create"]
        by_type = superuser_client.get(
            url, {"content_type__id__exact": entry.content_type_id}
        ).context["cl"]
        assert list(by_type.result_list) == [entry]


def test_the_task_outbox_is_read_only(superuser_client):
    message = ADMIN_ROWS[OutboxMessage]()
    page = superuser_client.get(admin_url(OutboxMessage, "change", message.pk))
    edit = superuser_client.post(admin_url(OutboxMessage, "change", message.pk), {"task_name": "x"})
    delete = superuser_client.post(admin_url(OutboxMessage, "delete", message.pk))

    assert (page.status_code, edit.status_code, delete.status_code) == (200, 403, 403)
    assert 'name="_save"' not in page.text
    assert OutboxMessage.objects.get().task_name == "awards.notify_nomination_change"


def test_read_only_admins_say_who_deletes(django_user_model):
    """``ReadOnlyAdminMixin.delete_by``: nobody, superusers, or the delete permission."""
    superuser = django_user_model.objects.create_superuser("root_t", "r@example.org", "x")
    clerk = django_user_model.objects.create_user("clerk_t", password="x", is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["delete_notification", "delete_reminder"])
    )
    clerk = django_user_model.objects.get(pk=clerk.pk)  # no cached permissions

    def rights(model, user):
        model_admin = admin.site._registry[model]
        request = SimpleNamespace(user=user)
        return [
            model_admin.has_add_permission(request),
            model_admin.has_change_permission(request),
            model_admin.has_delete_permission(request),
        ]

    assert rights(OutboxMessage, superuser) == [False, False, False]
    assert rights(Reminder, superuser) == [False, False, True]
    assert rights(Reminder, clerk) == [False, False, False]
    assert rights(Notification, clerk) == [False, False, True]


# --- Change lists: a fixed number of queries, whatever the number of rows --------------

#: (model, queries) for every change list of the app, rows built by ``ADMIN_ROWS``.
CHANGELIST_QUERIES = [
    pytest.param(ActivityLog, 5, id="activitylog"),
    pytest.param(Notification, 3, id="notification"),
    pytest.param(OutboxMessage, 4, id="outboxmessage"),
    pytest.param(UserPreference, 4, id="userpreference"),
    pytest.param(Holiday, 6, id="holiday"),  # the date hierarchy asks for the years and months
]


def test_every_change_list_of_the_app_has_its_query_count():
    registered = {model for model in admin.site._registry if model._meta.app_label == "common"}
    assert {param.values[0] for param in CHANGELIST_QUERIES} == registered


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("model", "queries"), CHANGELIST_QUERIES)
def test_changelist_queries(assert_changelist_queries, model, queries, rows):
    assert_changelist_queries(model, rows, queries)
