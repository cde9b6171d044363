"""Whole signed-in pages kept under ``common.cache.DATA_NAMESPACE`` (the homes, a
nomination's page, the decision list and a decision's page, the achievements): a
warm page costs the signed-in user's row, any write to the portal's tables shows at
once, and each user gets only their own page (the wrong user still gets a 404)."""

import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from awards.enums import NominationState
from awards.services.nominations import perform
from common.cache import DATA_NAMESPACE, watched_namespaces
from common.models import OutboxMessage
from tests.awards.views import test_queue_cache
from tests.factories import AchievementFactory, IndividualFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

#: The review queue's world: Sở Y tế and Công an tỉnh with an officer each, a draft
#: nomination of Sở Y tế's doctor.
world = test_queue_cache.world


def test_every_table_of_the_portal_and_its_users_is_watched_but_the_outbox():
    own = {config.label for config in apps.get_app_configs() if config.name in settings.OWN_APPS}
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in own | {"auth"}
    }

    unwatched = sorted(t for t in tables if DATA_NAMESPACE not in watched_namespaces(t))

    assert unwatched == [OutboxMessage._meta.db_table]
    assert DATA_NAMESPACE not in watched_namespaces("django_session")


def test_a_warm_nomination_page_costs_the_user_and_nothing_else(
    client, world, django_assert_num_queries
):
    url = reverse("awards:nomination_detail", args=[world["nomination"].pk])
    client.force_login(world["officer"])
    client.get(url)

    with django_assert_num_queries(1):  # the signed-in user (AuthenticationMiddleware)
        response = client.get(url)

    assert response.status_code == 200
    assert "Nguyễn Văn An" in response.content.decode()


def test_a_transition_shows_on_the_kept_nomination_page_at_once(client, world):
    nomination = world["nomination"]
    url = reverse("awards:nomination_detail", args=[nomination.pk])
    client.force_login(world["officer"])
    assert client.get(url).context["nomination"].state == NominationState.DRAFT

    perform(nomination, "submit", by=world["officer"])
    response = client.get(url)

    assert response.context["nomination"].state == NominationState.SUBMITTED


def test_the_wrong_user_gets_a_404_after_the_right_one_was_served_from_the_cache(client, world):
    url = reverse("awards:nomination_detail", args=[world["nomination"].pk])
    client.force_login(world["officer"])
    client.get(url)
    client.get(url)

    client.force_login(world["police_officer"])

    assert client.get(url).status_code == 404


def test_a_new_achievement_shows_on_the_kept_list_at_once(client, world):
    url = reverse("awards:achievement_list")
    client.force_login(world["officer"])
    client.get(url)

    AchievementFactory(
        individual=IndividualFactory(full_name="Trần Thị Bình", unit=world["health"]),
        owner_unit=world["health"],
    )
    response = client.get(url)

    assert "Trần Thị Bình" in response.content.decode()


def test_the_outbox_warning_shows_on_a_kept_staff_home_once_a_task_waited_too_long(
    client, world, settings
):
    settings.OUTBOX_WARN_AFTER = 60
    client.force_login(world["staff"])
    OutboxMessage.objects.create(task_name="awards.render_certificates")
    assert client.get(reverse("home")).context["outbox_waiting_since"] is None
    waited = timezone.now() - datetime.timedelta(minutes=5)

    OutboxMessage.objects.update(created_at=waited)  # the outbox is not watched
    response = client.get(reverse("home"))

    assert response.context["outbox_waiting_since"] == waited
