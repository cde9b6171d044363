"""The search boxes: a nomination's subject found by typing, its achievements reloaded;
the queue filtered by a unit found by typing; the admin index in Vietnamese."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from awards.models import Achievement
from common.text import fold
from units.models import Unit
from units.selectors import individuals_visible_to

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_the_subject_is_searched_and_the_achievements_follow_it(demo, live_server, page, shot):
    base = live_server.url
    page.set_default_timeout(15_000)
    officer = get_user_model().objects.get(username="officer1")
    people = individuals_visible_to(officer).filter(achievements__isnull=False).distinct()
    person, other = list(people.order_by("pk")[:2])
    own = list(Achievement.objects.filter(individual=person))
    others = list(Achievement.objects.filter(individual=other))

    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    log_in(page, base, "officer1")
    page.goto(f"{base}{reverse('awards:nomination_create')}")
    box = page.locator("#nomination-achievements")
    expect(box).to_contain_text("Chọn cá nhân hoặc tập thể được đề nghị")
    page.locator("#id_individual-ts-control").fill(fold(person.full_name))
    page.locator(".ts-dropdown .option", has_text=person.unit.name).filter(
        has_text=person.full_name
    ).first.click()

    expect(box.locator("input[type=checkbox]")).to_have_count(len(own))
    for achievement in own:
        expect(box).to_contain_text(achievement.title)
    assert page.locator("#id_individual").input_value() == str(person.pk)
    shot(page, "autocomplete-1-nomination-subject")

    page.locator("#id_individual-ts-control").fill(fold(other.full_name))
    page.locator(".ts-dropdown .option", has_text=other.unit.name).filter(
        has_text=other.full_name
    ).first.click()
    expect(box.locator("input[type=checkbox]")).to_have_count(len(others))
    assert page.locator("#id_individual").input_value() == str(other.pk)
    assert refused == []  # the box and the reload work under the strict CSP


def test_the_queue_is_filtered_by_a_unit_found_by_typing(demo, live_server, page, shot):
    base = live_server.url
    page.set_default_timeout(15_000)
    health = Unit.objects.get(code="so-y-te")

    log_in(page, base, "staff")
    page.goto(f"{base}{reverse('awards:nomination_list')}")
    page.locator("#id_unit-ts-control").fill("so y te")
    page.locator(".ts-dropdown .option", has_text=health.name).first.click()
    page.locator("#filter-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"[?&]unit={health.pk}(&|$)"))
    expect(page.locator("#filter-form .ts-control .item")).to_have_text(health.name)
    shot(page, "autocomplete-2-queue-unit")


def test_the_admin_index_in_vietnamese(demo, live_server, page, shot):
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, "staff")
    get_user_model().objects.filter(username="staff").update(is_staff=True, is_superuser=True)

    page.goto(f"{live_server.url}{reverse('admin:index')}")

    expect(page.locator("#content-main")).to_contain_text("Lịch tác vụ định kỳ")
    expect(page.locator("#content-main")).to_contain_text("Chống dò mật khẩu")
    shot(page, "admin-index-vi")


def test_the_fast_track_boxes_say_what_to_type_and_a_choice_clears_on_a_phone(
    demo, live_server, page, shot
):
    base = live_server.url
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": 390, "height": 844})
    officer = get_user_model().objects.get(username="officer1")
    person = individuals_visible_to(officer).order_by("pk").first()

    log_in(page, base, "officer1")
    page.goto(f"{base}{reverse('awards:fast_track')}")
    control = page.locator("#id_individual-ts-control")
    expect(control).to_have_attribute("placeholder", "Gõ họ tên để tìm…")
    expect(control).to_be_visible()
    control.fill(fold(person.full_name))
    page.locator(".ts-dropdown .option", has_text=person.unit.name).filter(
        has_text=person.full_name
    ).first.click()
    assert page.locator("#id_individual").input_value() == str(person.pk)
    shot(page, "autocomplete-3-fast-track-phone")
    clear = page.locator(".ts-wrapper", has=control).locator(".clear-button")
    expect(clear).to_have_attribute("title", "Bỏ chọn")
    clear.click()

    assert page.locator("#id_individual").input_value() == ""
    assert page.evaluate("document.documentElement.scrollWidth") == 390
