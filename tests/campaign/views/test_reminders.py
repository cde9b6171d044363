"""Staff pages of the reminders (log, retry, rules, send now) and their admin."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from awards.enums import NominationState
from campaign.enums import ReminderChannel, ReminderState
from campaign.models import Reminder, ReminderRule
from campaign.services.schedules import sync_rule_schedule
from common.models import ActivityLog, Notification
from tests.factories import (
    CampaignFactory,
    CouncilMembershipFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

LOG = reverse("campaign:reminder_log")
RULES = reverse("campaign:reminder_rules")


def send_url(rule):
    return reverse("campaign:reminder_rule_send", args=[rule.pk])


def retry_url(reminder):
    return reverse("campaign:reminder_retry", args=[reminder.pk])


def deadline_rule():
    return ReminderRule.objects.get(kind="nomination_deadline")


_keys = iter(range(1, 100_000))


def make_reminder(**fields):
    """One reminder row as the outbox holds it; each call about another object."""
    key = next(_keys)
    values = {
        "object_key": f"campaign:{key}/unit:{key}",
        "period": "nomination:2026-12-09/7",
        "subject": f"Còn 7 ngày đến hạn gửi hồ sơ ({key})",
        "body_text": "Kính gửi đồng chí,\nĐề nghị đơn vị gửi hồ sơ.",
        "channel": ReminderChannel.EMAIL,
        "state": ReminderState.SENT,
    }
    values.update(fields)
    if "rule" not in values:
        values["rule"] = deadline_rule()
    if "recipient" not in values:
        values["recipient"] = UserFactory()
    return Reminder.objects.create(**values)


def shown(response):
    return [reminder.pk for reminder in response.context["page"]]


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# --- The log --------------------------------------------------------------------------------


def test_log_lists_newest_first_with_recipient_rule_and_state(staff_client):
    now = timezone.now()
    older = make_reminder(
        recipient=UserFactory(username="lan", first_name="Lan", last_name="Trần Thị"),
        created_at=now - datetime.timedelta(days=1),
        sent_at=now - datetime.timedelta(days=1),
        attempts=1,
    )
    newer = make_reminder(created_at=now, state=ReminderState.PENDING)

    response = staff_client.get(LOG)

    assert response.status_code == 200
    assert shown(response) == [newer.pk, older.pk]
    html = response.text
    assert "Trần Thị Lan" in html and "lan@example.org" in html
    assert older.subject in html and newer.subject in html
    assert "Nhắc hạn gửi hồ sơ đề nghị khen thưởng" in html  # the rule's name
    assert "Đã gửi" in html and "Chờ gửi" in html


def test_log_filters_give_exact_rows(staff_client):
    deadline, returned = deadline_rule(), ReminderRule.objects.get(kind="returned_nomination")
    campaign = CampaignFactory()
    now = timezone.now()
    lan = UserFactory(username="lan", first_name="Lan", last_name="Trần Thị", email="lan@soyte.vn")
    a = make_reminder(rule=deadline, recipient=lan, campaign=campaign, created_at=now)
    b = make_reminder(
        rule=returned,
        state=ReminderState.FAILED,
        last_error="SMTPRecipientsRefused: 550",
        created_at=now - datetime.timedelta(days=10),
    )
    c = make_reminder(
        rule=deadline,
        channel=ReminderChannel.DIGEST,
        campaign=campaign,
        created_at=now - datetime.timedelta(days=3),
    )
    d = make_reminder(rule=returned, state=ReminderState.PENDING, created_at=now)

    def rows(**params):
        response = staff_client.get(LOG, params)
        assert response.status_code == 200
        return shown(response)

    assert rows(rule=deadline.pk) == [a.pk, c.pk]
    assert rows(rule=returned.pk) == [d.pk, b.pk]
    assert rows(state=ReminderState.FAILED) == [b.pk]
    assert rows(state=ReminderState.PENDING) == [d.pk]
    assert rows(channel=ReminderChannel.DIGEST) == [c.pk]
    assert rows(campaign=campaign.pk) == [a.pk, c.pk]
    assert rows(campaign=campaign.pk, channel=ReminderChannel.EMAIL) == [a.pk]
    assert rows(q="Lan") == [a.pk]
    assert rows(q="trần lan") == [a.pk]
    assert rows(q="soyte.vn") == [a.pk]
    assert rows(q="không có ai") == []
    today = timezone.localdate(now)
    week_ago = (today - datetime.timedelta(days=7)).isoformat()
    assert rows(created_from=week_ago) == [d.pk, a.pk, c.pk]
    assert rows(created_to=week_ago) == [b.pk]
    five_days_ago = (today - datetime.timedelta(days=5)).isoformat()
    assert rows(created_from=week_ago, created_to=five_days_ago) == []


def test_failed_rows_are_highlighted_with_their_error_and_a_retry_button(staff_client):
    failed = make_reminder(
        state=ReminderState.FAILED,
        attempts=1,
        last_error="SMTPRecipientsRefused: {'x@soyte.vn': (550, b'5.1.1 User unknown')}",
    )
    sent = make_reminder()

    html = staff_client.get(LOG).text

    row = html[html.index(f'id="reminder-{failed.pk}"') :]
    row = row[: row.index("</tr>")]
    assert 'class="table-danger"' in row
    assert "5.1.1 User unknown" in row
    assert "Gửi lỗi" in row
    assert retry_url(failed) in row
    other = html[html.index(f'id="reminder-{sent.pk}"') :]
    other = other[: other.index("</tr>")]
    assert "table-danger" not in other
    assert retry_url(sent) not in other


def test_log_is_paginated(staff_client):
    for _ in range(51):
        make_reminder()
    first = staff_client.get(LOG)
    second = staff_client.get(LOG, {"page": 2})
    assert len(shown(first)) == 50
    assert len(shown(second)) == 1
    assert first.context["page"].paginator.count == 51


def _log_queries(client):
    cache.clear()  # measured cold: the writes between do not decide
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LOG)
    assert response.status_code == 200
    return len(shown(response)), len(queries.captured_queries)


def _varied_reminder():
    """A reminder whose rule, recipient, campaign and unit are all new rows."""
    rule = ReminderRule.objects.create(
        name=f"Quy tắc {next(_keys)}",
        kind="nomination_deadline",
        offsets="7",
        subject="x",
        body="y",
        schedule=CrontabSchedule.objects.create(minute="0", hour="7"),
    )
    return make_reminder(
        rule=rule,
        campaign=CampaignFactory(),
        unit=UnitFactory(),
        state=ReminderState.FAILED,
        last_error="550",
    )


def test_log_query_count_does_not_grow_with_rows(staff_client):
    _varied_reminder()
    staff_client.get(LOG)  # warm the session
    rows_one, with_one = _log_queries(staff_client)
    for _ in range(19):
        _varied_reminder()
    rows_twenty, with_twenty = _log_queries(staff_client)
    assert (rows_one, rows_twenty) == (1, 20)
    assert (with_one, with_twenty) == (10, 10)


# --- Retry ----------------------------------------------------------------------------------


def test_retry_puts_a_failed_email_back_to_pending_and_it_is_sent(
    staff_client, staff_user, django_capture_on_commit_callbacks, mailoutbox
):
    recipient = UserFactory(username="binh", email="binh@soyte.vn")
    failed = make_reminder(
        recipient=recipient,
        state=ReminderState.FAILED,
        attempts=3,
        queued_at=timezone.now() - datetime.timedelta(hours=1),
        available_at=timezone.now() - datetime.timedelta(hours=1),
        last_error="SMTPDataError: (554, b'rejected')",
    )

    with django_capture_on_commit_callbacks() as callbacks:
        response = staff_client.post(retry_url(failed), {"next": f"{LOG}?state=failed"})

    assert response.status_code == 302
    assert response["Location"] == f"{LOG}?state=failed"
    failed.refresh_from_db()
    assert failed.state == ReminderState.PENDING
    assert failed.attempts == 3
    assert failed.queued_at is None
    assert failed.available_at <= timezone.now()
    assert failed.available_at > timezone.now() - datetime.timedelta(minutes=1)
    entry = ActivityLog.objects.for_object(failed).get()
    assert (entry.action, entry.actor, entry.previous_state, entry.new_state) == (
        "reminder.retry",
        staff_user,
        ReminderState.FAILED,
        ReminderState.PENDING,
    )
    assert mailoutbox == []
    assert len(callbacks) == 1

    callbacks[0]()  # the commit: the delivery task runs (eagerly)

    failed.refresh_from_db()
    assert failed.state == ReminderState.SENT
    assert failed.attempts == 4
    assert failed.last_error == ""
    assert [(m.to, m.subject) for m in mailoutbox] == [(["binh@soyte.vn"], failed.subject)]


def test_retry_of_a_row_that_is_not_failed_changes_nothing(
    staff_client, django_capture_on_commit_callbacks, mailoutbox
):
    sent = make_reminder(attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(retry_url(sent), follow=True)
    assert response.status_code == 200
    assert "không ở trạng thái gửi lỗi" in response.text
    sent.refresh_from_db()
    assert (sent.state, sent.attempts) == (ReminderState.SENT, 1)
    assert mailoutbox == []
    assert not ActivityLog.objects.for_object(sent).exists()


def test_retry_refuses_an_outside_next_url(staff_client):
    failed = make_reminder(state=ReminderState.FAILED)
    response = staff_client.post(retry_url(failed), {"next": "https://evil.example/reminders/"})
    assert response["Location"] == LOG


def test_retry_is_post_only(staff_client):
    failed = make_reminder(state=ReminderState.FAILED)
    assert staff_client.get(retry_url(failed)).status_code == 405
    failed.refresh_from_db()
    assert failed.state == ReminderState.FAILED


# --- Rules ----------------------------------------------------------------------------------


def test_rules_page_shows_schedule_offsets_and_counts(staff_client):
    rule = deadline_rule()
    make_reminder(rule=rule)
    make_reminder(rule=rule)
    make_reminder(rule=rule, state=ReminderState.PENDING)
    make_reminder(rule=rule, state=ReminderState.FAILED)
    fast = ReminderRule.objects.get(kind="fast_track_escalation")
    fast.enabled = False
    fast.save()

    response = staff_client.get(RULES)

    assert response.status_code == 200
    rules = {r.pk: r for r in response.context["rules"]}
    assert len(rules) == ReminderRule.objects.count() == 8  # the council's rule too
    assert (rules[rule.pk].sent_count, rules[rule.pk].pending_count) == (2, 1)
    assert rules[rule.pk].failed_count == 1
    assert rules[fast.pk].sent_count == 0
    html = response.text
    row = html[html.index(f'id="rule-{rule.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Hằng ngày lúc 07:00" in row
    assert "7, 2 ngày" in row
    assert "Đang bật" in row
    assert send_url(rule) in row
    fast_row = html[html.index(f'id="rule-{fast.pk}"') :]
    fast_row = fast_row[: fast_row.index("</tr>")]
    assert "Hằng ngày, mỗi 15 phút" in fast_row
    assert "24, 48 giờ" in fast_row
    assert "Đang tắt" in fast_row
    # Staff without admin rights get no link to the admin.
    assert reverse("admin:campaign_reminderrule_change", args=[rule.pk]) not in html


def test_superusers_get_a_link_to_edit_the_rule_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    rule = deadline_rule()
    html = client.get(RULES).text
    assert reverse("admin:campaign_reminderrule_change", args=[rule.pk]) in html


def test_rules_page_query_count_does_not_grow(staff_client):
    staff_client.get(RULES)
    cache.clear()  # measured cold: the writes between do not decide
    with CaptureQueriesContext(connection) as few:
        staff_client.get(RULES)
    for _ in range(10):
        _varied_reminder()
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(RULES)
    assert len(response.context["rules"]) == 18
    assert (len(few.captured_queries), len(many.captured_queries)) == (7, 7)


# --- Send now -------------------------------------------------------------------------------


@pytest.fixture
def late_units():
    """A campaign due in two days: two units have not submitted, one has."""
    today = timezone.localdate()
    campaign = CampaignFactory(nomination_deadline=today + datetime.timedelta(days=2))
    health, police, done = (UnitFactory(name=n) for n in ("Sở Y tế", "Công an tỉnh", "Sở Tư pháp"))
    campaign.participants.add(health, police, done)
    officers = {
        "health": OfficerMembershipFactory(
            unit=health,
            user=UserFactory(username="yte", first_name="Lan", last_name="Trần Thị"),
        ).user,
        "police": OfficerMembershipFactory(
            unit=police, user=UserFactory(username="congan", email="")
        ).user,
        "done": OfficerMembershipFactory(unit=done, user=UserFactory(username="tuphap")).user,
    }
    NominationFactory(
        campaign=campaign,
        individual__unit=done,
        nominating_unit=done,
        state=NominationState.SUBMITTED,
    )
    return campaign, officers


def test_preview_lists_exactly_the_due_recipients_and_writes_nothing(staff_client, late_units):
    campaign, officers = late_units
    rule = deadline_rule()

    response = staff_client.get(send_url(rule))

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(row["due"].recipient, row["channel"]) for row in rows] == [
        (officers["health"], ReminderChannel.EMAIL),
        (officers["police"], ReminderChannel.IN_APP),  # no email address
    ]
    assert rows[0]["subject"] == "Còn 2 ngày đến hạn gửi hồ sơ đề nghị khen thưởng – Sở Y tế"
    assert rows[0]["text"].startswith("Kính gửi Trần Thị Lan,")
    assert response.context["already_sent"] == 0
    html = response.text
    assert "Trần Thị Lan" in html and "yte@example.org" in html
    assert "Còn 2 ngày đến hạn gửi hồ sơ đề nghị khen thưởng – Công an tỉnh" in html
    assert "tuphap" not in html
    assert "Thư điện tử ngay" in html and "Chỉ trên cổng" in html
    assert 'id="rule-disabled"' not in html
    assert not Reminder.objects.exists()
    assert not Notification.objects.exists()
    rule.refresh_from_db()
    assert rule.last_run_at is None


def test_confirm_creates_the_reminders_once(
    staff_client, staff_user, late_units, django_capture_on_commit_callbacks, mailoutbox
):
    campaign, officers = late_units
    rule = deadline_rule()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(send_url(rule), follow=True)

    assert response.redirect_chain == [(f"{LOG}?rule={rule.pk}", 302)]
    assert "Đã tạo 2 lượt nhắc việc." in response.text
    reminders = Reminder.objects.filter(rule=rule).order_by("recipient__username")
    assert [(r.recipient, r.channel, r.state) for r in reminders] == [
        (officers["police"], ReminderChannel.IN_APP, ReminderState.SENT),
        (officers["health"], ReminderChannel.EMAIL, ReminderState.SENT),
    ]
    assert sorted(shown(response)) == sorted(r.pk for r in reminders)
    assert [m.to for m in mailoutbox] == [["yte@example.org"]]
    entry = ActivityLog.objects.for_object(rule).get()
    assert (entry.action, entry.actor, entry.data) == (
        "reminder_rule.send_now",
        staff_user,
        {"created": 2, "already_sent": 0},
    )

    # The preview now says they were sent, and a second confirmation adds nothing.
    again = staff_client.get(send_url(rule))
    assert again.context["rows"] == []
    assert again.context["already_sent"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(send_url(rule), follow=True)
    assert "Đã tạo 0 lượt nhắc việc." in response.text
    assert Reminder.objects.filter(rule=rule).count() == 2
    assert len(mailoutbox) == 1


def test_a_disabled_rule_can_be_sent_now_and_the_page_says_it_is_off(
    staff_client, late_units, django_capture_on_commit_callbacks
):
    rule = deadline_rule()
    rule.enabled = False
    rule.save()
    html = staff_client.get(send_url(rule)).text
    assert 'id="rule-disabled"' in html
    assert "Quy tắc này đang tắt" in html
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(send_url(rule))
    assert Reminder.objects.filter(rule=rule).count() == 2


def test_preview_with_nobody_due(staff_client):
    response = staff_client.get(send_url(deadline_rule()))
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert 'id="preview-empty"' in response.text


# --- Who may see the pages ----------------------------------------------------------------


def _all_urls():
    reminder = make_reminder(state=ReminderState.FAILED)
    rule = deadline_rule()
    return reminder, [
        ("get", LOG),
        ("get", RULES),
        ("get", send_url(rule)),
        ("post", send_url(rule)),
        ("post", retry_url(reminder)),
    ]


@pytest.mark.parametrize("who", ["officer", "council", "plain"])
def test_other_users_get_404_everywhere(client, who, late_units):
    if who == "officer":
        user = OfficerMembershipFactory().user
    elif who == "council":
        user = CouncilMembershipFactory().user
    else:
        user = UserFactory(is_staff=True)  # may open the admin, but is not emulation staff
    reminder, urls = _all_urls()
    client.force_login(user)
    for method, path in urls:
        assert getattr(client, method)(path).status_code == 404, path
    reminder.refresh_from_db()
    assert reminder.state == ReminderState.FAILED
    assert Reminder.objects.count() == 1


def test_anonymous_visitors_are_sent_to_login(client, late_units):
    reminder, urls = _all_urls()
    for method, path in urls:
        response = getattr(client, method)(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("login"))
    reminder.refresh_from_db()
    assert reminder.state == ReminderState.FAILED
    assert Reminder.objects.count() == 1


def test_navigation_and_home_warning(client, staff_user):
    client.force_login(staff_user)
    html = client.get(reverse("home")).text
    assert f'href="{LOG}"' in html
    assert 'id="failed-reminders"' not in html

    make_reminder(state=ReminderState.FAILED)
    make_reminder(state=ReminderState.FAILED)
    html = client.get(reverse("home")).text
    assert 'id="failed-reminders"' in html
    assert f'href="{LOG}?state=failed"' in html
    assert "2 thư nhắc việc gửi lỗi" in html

    officer = OfficerMembershipFactory().user
    client.force_login(officer)
    html = client.get(reverse("home")).text
    assert f'href="{LOG}"' not in html
    assert 'id="failed-reminders"' not in html


# --- Admin ----------------------------------------------------------------------------------


def _rule_form(rule, **changes):
    data = {
        "name": rule.name,
        "enabled": "on" if rule.enabled else "",
        "offsets": rule.offsets,
        "schedule": rule.schedule_id,
        "subject": rule.subject,
        "body": rule.body,
        "_save": "Lưu",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_admin_save_updates_the_rules_beat_entry(client, admin_user):
    client.force_login(admin_user)
    rule = deadline_rule()
    task = rule.periodic_task
    assert task.enabled is True
    evening = CrontabSchedule.objects.create(minute="30", hour="16", timezone="Asia/Ho_Chi_Minh")
    url = reverse("admin:campaign_reminderrule_change", args=[rule.pk])

    response = client.post(url, _rule_form(rule, schedule=evening.pk, enabled="", offsets="5"))

    assert response.status_code == 302
    rule.refresh_from_db()
    task.refresh_from_db()
    assert (rule.schedule, rule.enabled, rule.offsets) == (evening, False, "5")
    assert rule.periodic_task_id == task.pk
    assert (task.crontab_id, task.enabled) == (evening.pk, False)
    assert PeriodicTask.objects.filter(task="campaign.run_reminder_rule").count() == 8

    response = client.post(url, _rule_form(rule, enabled="on"))
    task.refresh_from_db()
    assert task.enabled is True


def test_admin_toggles_rules_from_the_list_and_deletes_their_schedule(client, admin_user):
    client.force_login(admin_user)
    rule = ReminderRule.objects.create(
        name="Nhắc thử",
        kind="review_report",
        offsets="3",
        subject="s",
        body="b",
        schedule=CrontabSchedule.objects.create(minute="0", hour="9"),
    )
    task = sync_rule_schedule(rule)
    changelist = reverse("admin:campaign_reminderrule_changelist")
    response = client.post(changelist, {"action": "disable_rules", "_selected_action": [rule.pk]})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.enabled is False

    response = client.post(
        reverse("admin:campaign_reminderrule_delete", args=[rule.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ReminderRule.objects.filter(pk=rule.pk).exists()
    assert not PeriodicTask.objects.filter(pk=task.pk).exists()


def test_admin_refuses_tags_filters_and_unknown_placeholders(client, admin_user):
    client.force_login(admin_user)
    rule = deadline_rule()
    subject, body = rule.subject, rule.body
    url = reverse("admin:campaign_reminderrule_change", args=[rule.pk])

    response = client.post(
        url, _rule_form(rule, body="Kính gửi {% if %}", subject="{{ don_vi|nope }} {{ ho_so }}")
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    allowed = (
        "{{ nguoi_nhan }}, {{ don_vi }}, {{ phong_trao }}, {{ so_ke_hoach }}, {{ duong_dan }}, "
        "{{ han_chot }}, {{ so_ngay_con_lai }}"
    )
    assert form.errors["body"] == [
        "Không dùng được “{% if %}”. Nội dung chỉ là văn bản thường, chèn được các biến sau "
        f"(viết đúng dạng {{{{ ten_bien }}}}): {allowed}."
    ]
    assert form.errors["subject"] == [
        "Không dùng được “{{ don_vi|nope }}”, “{{ ho_so }}”. Nội dung chỉ là văn bản thường, "
        f"chèn được các biến sau (viết đúng dạng {{{{ ten_bien }}}}): {allowed}."
    ]
    rule.refresh_from_db()
    assert (rule.subject, rule.body) == (subject, body)


def test_admin_refuses_a_password_expression_and_the_debug_tag(client, admin_user):
    client.force_login(admin_user)
    rule = deadline_rule()
    subject, body = rule.subject, rule.body
    url = reverse("admin:campaign_reminderrule_change", args=[rule.pk])

    response = client.post(
        url,
        _rule_form(
            rule, subject="Mật khẩu {{ nomination.created_by.password }}", body="{% debug %}"
        ),
    )

    form = response.context["adminform"].form
    assert form.errors["subject"][0].startswith(
        "Không dùng được “{{ nomination.created_by.password }}”."
    )
    assert form.errors["body"][0].startswith("Không dùng được “{% debug %}”.")
    rule.refresh_from_db()
    assert (rule.subject, rule.body) == (subject, body)


def test_admin_saves_a_wording_of_placeholders_and_lists_them_in_the_help(client, admin_user):
    client.force_login(admin_user)
    rule = deadline_rule()
    url = reverse("admin:campaign_reminderrule_change", args=[rule.pk])
    assert "<code>{{ so_ngay_con_lai }}</code>" in client.get(url).text

    response = client.post(
        url, _rule_form(rule, subject="Hạn {{han_chot}} – {{ don_vi }}", body="Kính gửi.")
    )

    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.subject, rule.body) == ("Hạn {{han_chot}} – {{ don_vi }}", "Kính gửi.")


def test_admin_reminder_log_is_read_only_and_retries_failed_rows(
    client, admin_user, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(admin_user)
    failed = make_reminder(state=ReminderState.FAILED, last_error="550")
    sent = make_reminder()
    change = reverse("admin:campaign_reminder_change", args=[failed.pk])
    assert client.get(reverse("admin:campaign_reminder_add")).status_code == 403
    assert 'name="_save"' not in client.get(change).text
    assert client.post(change, {"subject": "sửa"}).status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:campaign_reminder_changelist"),
            {"action": "retry", "_selected_action": [failed.pk, sent.pk]},
        )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.state == ReminderState.SENT
    assert len(mailoutbox) == 1
