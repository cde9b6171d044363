"""Email preferences in ``notify`` and the daily digest (``common.send_digests``)."""

import datetime
import smtplib

import pytest
from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django_celery_beat.models import PeriodicTask

from common.models import EmailMode, Notification, UserPreference, log_activity
from common.notifications import notify
from common.services.digest import DigestRun, send_digests
from common.tasks import send_digests as send_digests_task
from config.celery import app as celery_app
from tests.factories import UnitFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

NOW = datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.UTC)  # 17:00 in Hà Nội


def user_with(mode, **kwargs):
    user = UserFactory(**kwargs)
    if mode is not None:
        UserPreference.objects.create(user=user, email_mode=mode)
    return user


def activity():
    return log_activity(UnitFactory(), "test")


def pending(user, n, *, title="Hồ sơ mới gửi {i}", url="/nominations/{i}/"):
    """``n`` notifications of ``user`` waiting for the digest, oldest first."""
    rows = []
    for i in range(n):
        row = Notification.objects.create(
            recipient=user,
            title=title.format(i=i),
            body=f"Nội dung thông báo số {i}",
            url=url.format(i=i),
            in_digest=True,
        )
        Notification.objects.filter(pk=row.pk).update(
            created_at=NOW - datetime.timedelta(hours=5) + datetime.timedelta(minutes=i)
        )
        rows.append(row)
    return rows


def state(rows):
    """(in_digest, emailed_at) of each row, as stored now."""
    by_pk = {
        n.pk: (n.in_digest, n.emailed_at)
        for n in Notification.objects.filter(pk__in=[r.pk for r in rows])
    }
    return [by_pk[r.pk] for r in rows]


# --- notify() and each mode --------------------------------------------------------------


def test_notify_emails_immediate_users_now_and_leaves_digest_users_for_the_digest(mailoutbox):
    immediate = user_with(EmailMode.IMMEDIATE, username="ngay")
    default = user_with(None, username="macdinh")  # no row: the default, immediate
    digest = user_with(EmailMode.DIGEST, username="tonghop")
    off = user_with(EmailMode.OFF, username="tat")

    notify([immediate, default, digest, off], title="Hồ sơ đã được duyệt", activity=activity())

    assert sorted(m.to[0] for m in mailoutbox) == ["macdinh@example.org", "ngay@example.org"]
    assert all(m.subject == "Hồ sơ đã được duyệt" for m in mailoutbox)
    rows = {
        n.recipient.username: (n.in_digest, n.emailed_at is not None)
        for n in Notification.objects.select_related("recipient")
    }
    assert rows == {
        "ngay": (False, True),
        "macdinh": (False, True),
        "tonghop": (True, False),
        "tat": (False, False),
    }


def test_notify_asks_the_modes_in_one_query(django_assert_num_queries):
    users = [user_with(mode) for mode in (EmailMode.DIGEST, EmailMode.OFF, EmailMode.DIGEST)]
    entry = activity()
    # the modes, then the insert; nobody is emailed now
    with django_assert_num_queries(2):
        notify(users, title="Thông báo", activity=entry)
    assert Notification.objects.filter(in_digest=True).count() == 2


def test_a_digest_user_without_address_is_not_queued_for_the_digest(mailoutbox):
    user = user_with(EmailMode.DIGEST, email="")
    notify([user], title="Thông báo", activity=activity())
    assert mailoutbox == []
    assert list(Notification.objects.values_list("in_digest", "emailed_at")) == [(False, None)]


def test_notify_twice_for_one_activity_sends_and_queues_nothing_more(mailoutbox):
    immediate = user_with(EmailMode.IMMEDIATE)
    digest = user_with(EmailMode.DIGEST)
    entry = activity()
    notify([immediate, digest], title="Thông báo", activity=entry)
    # The digest user switches to immediate before a redelivered task runs again:
    # the row already waits for the digest and is not emailed twice.
    UserPreference.objects.filter(user=digest).update(email_mode=EmailMode.IMMEDIATE)

    notify([immediate, digest], title="Thông báo", activity=entry)

    assert [m.to for m in mailoutbox] == [[immediate.email]]
    assert Notification.objects.count() == 2
    assert Notification.objects.get(recipient=digest).in_digest is True


class CountingBackend(LocmemBackend):
    opened = 0

    def open(self):
        type(self).opened += 1
        return super().open()


def test_notify_uses_one_smtp_session_for_the_batch(mailoutbox, settings):
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    CountingBackend.opened = 0
    users = [user_with(EmailMode.IMMEDIATE) for _ in range(3)]
    notify(users, title="Thông báo", activity=activity())
    assert len(mailoutbox) == 3
    assert CountingBackend.opened == 1


# --- The digest ------------------------------------------------------------------------


def test_one_digest_per_user_with_all_pending_items(mailoutbox):
    lan = user_with(EmailMode.DIGEST, username="lan", first_name="Lan", last_name="Trần Thị")
    binh = user_with(EmailMode.DIGEST, username="binh")
    lan_rows = pending(lan, 3)
    binh_rows = pending(binh, 1, title="Hồ sơ bị trả lại {i}", url="/nominations/9/")
    # Not the digest's: already emailed, or never queued for it.
    Notification.objects.create(recipient=lan, title="Đã gửi ngay", emailed_at=NOW)
    Notification.objects.create(recipient=lan, title="Chỉ trên cổng")

    run = send_digests(now=NOW)

    assert run == DigestRun(sent=2, notifications=4, cleared=0, refused=0)
    assert [m.to for m in mailoutbox] == [[lan.email], [binh.email]]
    first = mailoutbox[0]
    assert first.subject == "Thư tổng hợp ngày 03/12/2026: 3 thông báo"
    assert first.from_email == settings.DEFAULT_FROM_EMAIL
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2]
    assert first.extra_headers["Message-ID"] == (
        f"<digest-{lan.pk}-{lan_rows[0].pk}-{lan_rows[2].pk}@{domain}>"
    )
    assert "Kính gửi Trần Thị Lan," in first.body
    site = settings.SITE_URL.rstrip("/")
    for i in range(3):
        assert f"{i + 1}. Hồ sơ mới gửi {i}" in first.body
        assert f"Nội dung thông báo số {i}" in first.body
        assert f"{site}/nominations/{i}/" in first.body
    assert first.body.index("Hồ sơ mới gửi 0") < first.body.index("Hồ sơ mới gửi 2")
    assert "Đã gửi ngay" not in first.body
    assert "Chỉ trên cổng" not in first.body
    assert f"{site}/accounts/preferences/" in first.body
    [(html, mimetype)] = first.alternatives
    assert mimetype == "text/html"
    assert f'<a href="{site}/nominations/1/">' in html
    assert "<strong>Hồ sơ mới gửi 2</strong>" in html
    assert mailoutbox[1].subject == "Thư tổng hợp ngày 03/12/2026: 1 thông báo"
    assert "Hồ sơ bị trả lại 0" in mailoutbox[1].body

    assert state(lan_rows + binh_rows) == [(False, NOW)] * 4
    assert {p.user_id: p.last_digest_at for p in UserPreference.objects.all()} == {
        lan.pk: NOW,
        binh.pk: NOW,
    }


def test_a_second_run_sends_nothing(mailoutbox):
    user = user_with(EmailMode.DIGEST)
    pending(user, 2)
    send_digests(now=NOW)
    later = NOW + datetime.timedelta(minutes=5)

    assert send_digests(now=later) == DigestRun()

    assert len(mailoutbox) == 1
    assert UserPreference.objects.get(user=user).last_digest_at == NOW


def test_the_next_day_sends_only_what_came_since(mailoutbox):
    user = user_with(EmailMode.DIGEST)
    pending(user, 2)
    send_digests(now=NOW)
    [newer] = pending(user, 1, title="Thông báo mới hôm sau {i}")

    tomorrow = NOW + datetime.timedelta(days=1)
    assert send_digests(now=tomorrow).notifications == 1

    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == "Thư tổng hợp ngày 04/12/2026: 1 thông báo"
    assert "Thông báo mới hôm sau 0" in mailoutbox[1].body
    assert "Hồ sơ mới gửi" not in mailoutbox[1].body
    assert state([newer]) == [(False, tomorrow)]


def test_users_without_address_are_cleared_without_mail(mailoutbox):
    user = user_with(EmailMode.DIGEST, email="")
    rows = pending(user, 2)

    assert send_digests(now=NOW) == DigestRun(cleared=2)

    assert mailoutbox == []
    assert state(rows) == [(False, None)] * 2
    assert UserPreference.objects.get(user=user).last_digest_at is None


def test_a_user_now_on_immediate_still_gets_the_pending_digest(mailoutbox):
    user = user_with(EmailMode.IMMEDIATE)
    rows = pending(user, 2)
    assert send_digests(now=NOW).sent == 1
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert state(rows) == [(False, NOW)] * 2


def test_a_user_who_switched_email_off_gets_no_digest(mailoutbox):
    user = user_with(EmailMode.OFF)
    rows = pending(user, 2)
    assert send_digests(now=NOW) == DigestRun(cleared=2)
    assert mailoutbox == []
    assert state(rows) == [(False, None)] * 2


def test_nothing_pending_opens_no_smtp_session(mailoutbox, settings):
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    CountingBackend.opened = 0
    user_with(EmailMode.DIGEST)
    assert send_digests(now=NOW) == DigestRun()
    assert CountingBackend.opened == 0


def test_the_run_uses_one_smtp_session(mailoutbox, settings):
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    CountingBackend.opened = 0
    for _ in range(3):
        pending(user_with(EmailMode.DIGEST), 2)
    assert send_digests(now=NOW).sent == 3
    assert CountingBackend.opened == 1


# --- Concurrency and failures ------------------------------------------------------------


class ReentrantBackend(LocmemBackend):
    """While the first digest is being handed to the server, a second run starts."""

    inner_runs = []

    def send_messages(self, messages):
        if not type(self).inner_runs:
            type(self).inner_runs.append(None)  # only once
            type(self).inner_runs[0] = send_digests(now=NOW)
        return super().send_messages(messages)


def test_a_run_started_while_another_is_sending_sends_nobody_twice(mailoutbox, settings):
    settings.EMAIL_BACKEND = f"{__name__}.ReentrantBackend"
    ReentrantBackend.inner_runs = []
    first, second = user_with(EmailMode.DIGEST), user_with(EmailMode.DIGEST)
    rows = pending(first, 2) + pending(second, 3)

    outer = send_digests(now=NOW)

    # The inner run found the first user's rows claimed, and sent the second user's;
    # the outer run then found the second user's rows taken.
    assert ReentrantBackend.inner_runs == [DigestRun(sent=1, notifications=3)]
    assert outer == DigestRun(sent=1, notifications=2)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.email, second.email])
    assert state(rows) == [(False, NOW)] * 5


class FailingBackend(LocmemBackend):
    """Accepts the first ``accept`` sends, fails the next ``failures`` with ``error``,
    then accepts again."""

    accept = 0
    failures = 10**6
    error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    attempts = 0

    def send_messages(self, messages):
        cls = type(self)
        cls.attempts += 1
        if cls.accept < cls.attempts <= cls.accept + cls.failures:
            raise cls.error
        return super().send_messages(messages)


@pytest.fixture
def failing_smtp(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    FailingBackend.accept = 0
    FailingBackend.failures = 10**6
    FailingBackend.attempts = 0
    FailingBackend.error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    return FailingBackend


def test_a_temporary_smtp_failure_leaves_everything_pending(mailoutbox, failing_smtp):
    user = user_with(EmailMode.DIGEST)
    rows = pending(user, 2)

    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_digests(now=NOW)

    assert mailoutbox == []
    assert state(rows) == [(True, None)] * 2
    assert UserPreference.objects.get(user=user).last_digest_at is None


def test_after_a_failure_part_way_the_next_run_sends_only_the_rest(
    mailoutbox, failing_smtp, settings
):
    failing_smtp.accept = 1
    first, second = user_with(EmailMode.DIGEST), user_with(EmailMode.DIGEST)
    first_rows, second_rows = pending(first, 2), pending(second, 2)

    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_digests(now=NOW)

    assert [m.to for m in mailoutbox] == [[first.email]]
    assert state(first_rows) == [(False, NOW)] * 2
    assert state(second_rows) == [(True, None)] * 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = NOW + datetime.timedelta(minutes=2)
    assert send_digests(now=later) == DigestRun(sent=1, notifications=2)
    assert [m.to for m in mailoutbox] == [[first.email], [second.email]]
    assert state(second_rows) == [(False, later)] * 2


def test_a_permanent_refusal_skips_that_user_only(mailoutbox, failing_smtp):
    failing_smtp.accept = 1
    failing_smtp.error = smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"No such user")})
    first, second = user_with(EmailMode.DIGEST), user_with(EmailMode.DIGEST)
    first_rows, second_rows = pending(first, 1), pending(second, 2)

    assert send_digests(now=NOW) == DigestRun(sent=1, notifications=1, refused=1)

    assert [m.to for m in mailoutbox] == [[first.email]]
    assert state(first_rows) == [(False, NOW)]
    assert state(second_rows) == [(True, None)] * 2


def test_a_temporary_refusal_is_retried_not_skipped(mailoutbox, failing_smtp):
    failing_smtp.error = smtplib.SMTPRecipientsRefused({"x@example.org": (451, b"Try later")})
    rows = pending(user_with(EmailMode.DIGEST), 1)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send_digests(now=NOW)
    assert state(rows) == [(True, None)]


# --- The task -----------------------------------------------------------------------------


@pytest.fixture
def eager_retries():
    """Celery runs an eager task's retries only when eager errors are not propagated."""
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = True


def test_the_task_retries_a_temporary_failure_and_sends_each_digest_once(
    mailoutbox, failing_smtp, eager_retries
):
    # Two failed attempts, then the server accepts everything.
    failing_smtp.failures = 2
    users = [user_with(EmailMode.DIGEST) for _ in range(2)]
    for user in users:
        pending(user, 2)

    result = send_digests_task.delay()

    assert result.state == "SUCCESS"
    assert result.result == {"sent": 2, "notifications": 4, "cleared": 0, "refused": 0}
    assert failing_smtp.attempts == 4  # two failures, then one message per user
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in users)
    assert not Notification.objects.filter(in_digest=True).exists()


def test_the_task_gives_up_after_its_retries_leaving_the_rows_pending(
    mailoutbox, failing_smtp, eager_retries
):
    rows = pending(user_with(EmailMode.DIGEST), 1)

    result = send_digests_task.delay()

    assert result.state == "FAILURE"
    assert isinstance(result.result, smtplib.SMTPServerDisconnected)
    assert failing_smtp.attempts == 7  # the first try and six retries
    assert state(rows) == [(True, None)]


def test_beat_runs_the_registered_task_daily_at_17():
    entry = PeriodicTask.objects.get(task="common.send_digests")
    assert entry.task in celery_app.tasks
    assert (entry.crontab.minute, entry.crontab.hour) == ("0", "17")
    assert entry.enabled is True


def test_the_message_id_takes_the_domain_of_a_sender_with_a_display_name(mailoutbox, settings):
    settings.DEFAULT_FROM_EMAIL = "Cổng Thi đua – Khen thưởng <tdkt@bentre.gov.vn>"
    lan = user_with(EmailMode.DIGEST, username="lan")
    [row] = pending(lan, 1)

    send_digests(now=NOW)

    assert mailoutbox[0].extra_headers["Message-ID"] == (
        f"<digest-{lan.pk}-{row.pk}-{row.pk}@bentre.gov.vn>"
    )
