"""Test set-up shared by every test.

Without ``DATABASE_URL`` the tests run on SQLite; with it (CI), on PostgreSQL.
Tasks run eagerly in unit tests; the integration tests start a real worker.
Every test is exactly one kind, ``unit``, ``integration`` or ``e2e``, set by its
file's ``pytestmark``; collection stops on a test that is none or several.
The admin's rows (``ADMIN_ROWS``, one builder per model) and ``superuser_client``
are shared by every app's ``tests/<app>/test_admin.py``.
"""

import datetime
import importlib
import logging

import pytest
from celery import _state as celery_state
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from api.models import ApiToken
from awards import models as am
from awards.enums import LayoutKind, NominationState, OverlayFieldName
from campaign.enums import ReminderKind
from campaign.models import (
    Campaign,
    CampaignReview,
    Indicator,
    LaunchDelivery,
    LaunchRun,
    Notice,
    NoticeBatch,
    ProgressReport,
    Registration,
    RegistrationTarget,
    Reminder,
    ReminderRule,
    ReportAttachment,
    ReportFigure,
    ReportingRound,
)
from campaign.services.schedules import sync_rule_schedule
from common.models import (
    ActivityLog,
    Holiday,
    Notification,
    OutboxMessage,
    UserPreference,
    log_activity,
)
from config.celery import app as celery_app
from council.models import (
    AgendaItem,
    Ballot,
    Minutes,
    PaperCount,
    Session,
    SessionMaterial,
    Vote,
    VotingRule,
)
from practices.enums import PracticeState
from practices.models import Adoption, Practice, PracticeFile, PracticeResult
from tests.factories import (
    AchievementFactory,
    AdoptionFactory,
    AgendaItemFactory,
    ApiTokenFactory,
    AwardAuthorityFactory,
    AwardDecisionFactory,
    AwardTypeFactory,
    BallotFactory,
    BaseSalaryFactory,
    BonusCoefficientFactory,
    CampaignFactory,
    CampaignReviewFactory,
    CentralPackageFactory,
    CentralResultFactory,
    CentralSubmissionFactory,
    CentralSubmissionLineFactory,
    CeremonyFactory,
    CertificateFactory,
    CertificateLayoutFactory,
    CertificateRunFactory,
    ConsultationCommentFactory,
    ConsultationFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    CrontabScheduleFactory,
    DossierFileFactory,
    EvidenceFactory,
    HolidayFactory,
    IndicatorFactory,
    IndividualFactory,
    LaunchDeliveryFactory,
    LaunchRunFactory,
    MinutesFactory,
    NominationFactory,
    NominationImportFactory,
    NominationStageFactory,
    NoticeBatchFactory,
    NoticeFactory,
    NotificationFactory,
    NumberSequenceFactory,
    OfficerMembershipFactory,
    OutboxMessageFactory,
    OverlayFieldFactory,
    PaperCountFactory,
    PhotoConsentFactory,
    PracticeFactory,
    PracticeFileFactory,
    PracticeResultFactory,
    ProgressReportFactory,
    ProposalLetterFactory,
    RecipientFactory,
    RegistrationFactory,
    RegistrationTargetFactory,
    ReminderFactory,
    ReminderRuleFactory,
    ReportAttachmentFactory,
    ReportFigureFactory,
    ReportingRoundFactory,
    SessionFactory,
    SessionMaterialFactory,
    StaffImportFactory,
    UnitFactory,
    UnitSignerFactory,
    UserFactory,
    UserPreferenceFactory,
    VoteFactory,
    VotingRuleFactory,
)
from tests.support import s3
from tests.support.processes import CeleryWorker, RedisServer, database_url
from tests.support.twofactor import verify_client_session
from units.enums import UnitLevel, UnitType
from units.models import (
    Council,
    CouncilMembership,
    Individual,
    OfficerMembership,
    PhotoConsent,
    StaffImport,
    Unit,
    UnitSigner,
)
from units.rules import EMULATION_STAFF_GROUP

celery_app.conf.task_always_eager = True
celery_app.conf.task_eager_propagates = True

#: The kinds of test; each test file sets exactly one in ``pytestmark``.
TEST_KINDS = ("unit", "integration", "e2e")


def _database_group(item) -> int:
    """0: runs in a rolled-back transaction; 1: commits, and the flush after it empties
    every table (the data migrations' rows too); 2: no database.  As pytest-django
    orders them."""
    marker = item.get_closest_marker("django_db")
    fixtures = set(item.fixturenames)
    commits = bool(marker and marker.kwargs.get("transaction"))
    if commits or fixtures & {"transactional_db", "live_server"}:
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Refuse a test that is not exactly one kind, naming its file; then put the tests
    that commit after those that roll back.

    pytest-django sorts them so, but pytest then regroups tests by their session-scoped
    parameters (the browser tests' ``browser_name``), which put the browser tests, and
    their flush, in the middle of the rolled-back ones: those after them found no
    catalogue.  A stable sort restores the order and keeps the rest as pytest left it."""
    wrong = {}
    for item in items:
        kinds = {mark.name for mark in item.iter_markers() if mark.name in TEST_KINDS}
        if len(kinds) != 1:
            wrong.setdefault(item.nodeid.split("::")[0], sorted(kinds))
    if wrong:
        lines = [f"  {path}: {', '.join(kinds) or 'none'}" for path, kinds in sorted(wrong.items())]
        raise pytest.UsageError(
            "Each test must be exactly one of "
            + ", ".join(TEST_KINDS)
            + " (pytestmark = pytest.mark.unit at the top of its file):\n"
            + "\n".join(lines)
        )
    items.sort(key=_database_group)


@pytest.fixture(autouse=True)
def _task_joins_allowed():
    """Each test starts with Celery's "inside a task" flag down.  An eager task sets that
    process-wide flag while it runs and puts back what it found (``denied_join_result``):
    two threads running eager tasks at once (the numbering tests under concurrency) can
    leave it up, and every later ``result.get()`` would then refuse as if called from
    inside a task.  Only eager tasks (the tests') have this race; a worker never runs them."""
    yield
    celery_state._set_task_join_will_block(False)


def settings_for_test(folder) -> dict:
    """The settings every test runs with, its files and its cache under ``folder``: its
    files (and its jobs' scratch files) in folders of its own, a cache of its own,
    passwords hashed fast.  Also what a shared world built once for several tests
    (tests/portal/demo/conftest.py) is built with."""
    return {
        "MEDIA_ROOT": folder / "media",
        "JOB_SCRATCH_ROOT": folder / "scratch",
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Figures counted again after every write (tests/awards/test_statistics.py
        # tests the lag).
        "STATISTICS_STALE_SECONDS": 0,
        # A cache of its own, empty: nothing cached by an earlier test (whose rows were
        # rolled back) can answer for this one's.  tests/common/test_cache.py tests Redis.
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": str(folder),
            }
        },
    }


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Each test runs with :func:`settings_for_test` under its ``tmp_path``, and starts in
    Vietnamese, whatever language an earlier request chose."""
    for name, value in settings_for_test(tmp_path).items():
        setattr(settings, name, value)
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server (a real S3 API over HTTP) on a free local port, for the session."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    port = s3.free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_server, settings, tmp_path):
    """The default storage switched to a fresh bucket on ``s3_server`` (as ``S3_BUCKET``
    and the other ``S3_*`` variables do in production), with ``MEDIA_ROOT`` pointing at
    a folder that must never come into being: nothing is written to the local disk."""
    bucket = s3.Bucket(s3_server)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "common.storage.PrivateS3Storage",
            "OPTIONS": bucket.storage_options(),
        },
    }
    settings.MEDIA_ROOT = tmp_path / "no-local-media"
    yield bucket
    assert not settings.MEDIA_ROOT.exists(), "a file was written to the local media folder"


@pytest.fixture(autouse=True)
def _force_login_gives_the_second_factor(monkeypatch):
    """``client.force_login(user)`` also verifies the session with a real confirmed
    device when ``user``'s role requires two-factor sign-in (tests/support/twofactor.py);
    ``client.login`` and the login form go through the real second step."""
    force_login = Client.force_login

    def force_login_verified(self, user, backend=None):
        force_login(self, user, backend)
        verify_client_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_verified)


@pytest.fixture
def staff_user(django_user_model):
    user = django_user_model.objects.create_user("staff_t", password="x-test-pass-1")
    group, _ = Group.objects.get_or_create(name=EMULATION_STAFF_GROUP)
    user.groups.add(group)
    return user


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        "admin_t", "admin@example.org", "x-test-pass-1"
    )


#: Fields a data migration writes that a later migration removed: (app, model) -> names.
REMOVED_FIELDS = {("awards", "AwardType"): frozenset({"deciding_levels"})}


class _ManagerWithout:
    def __init__(self, manager, removed):
        self._manager, self._removed = manager, removed

    def update_or_create(self, defaults=None, **lookup):
        kept = {k: v for k, v in (defaults or {}).items() if k not in self._removed}
        return self._manager.update_or_create(defaults=kept, **lookup)

    def __getattr__(self, name):
        return getattr(self._manager, name)


class _AppsWithoutRemovedFields:
    """``apps`` for re-running an old data migration on today's schema: its writes of
    fields removed since (``REMOVED_FIELDS``) are dropped, everything else is today's
    model.  0003 wrote ``AwardType.deciding_levels``, which 0015 removed."""

    def get_model(self, app_label, model_name):
        model = apps.get_model(app_label, model_name)
        removed = REMOVED_FIELDS.get((app_label, model_name))
        if not removed:
            return model
        return type(model_name, (), {"objects": _ManagerWithout(model.objects, removed)})


apps_for_old_migrations = _AppsWithoutRemovedFields()


def reseed_reference_data():
    """Re-run the data migrations (the catalogue and its coefficient history, the
    authority table, groups, reminder rules) after a transactional test's flush
    emptied every table.  They are idempotent."""
    importlib.import_module("awards.migrations.0003_seed_catalogue").seed_catalogue(
        apps_for_old_migrations, None
    )
    importlib.import_module("awards.migrations.0008_coefficient_history").seed_history(apps, None)
    importlib.import_module("awards.migrations.0014_seed_award_authority").seed_authority(
        apps, None
    )
    importlib.import_module(
        "awards.migrations.0017_thuong_nong_and_print_styles"
    ).add_thuong_nong_and_styles(apps, None)
    importlib.import_module("units.migrations.0002_emulation_staff_group").create_group(apps, None)
    importlib.import_module("units.migrations.0004_emulation_lead_group").create_group(apps, None)
    importlib.import_module("campaign.migrations.0003_default_reminder_rules").seed_rules(
        apps, None
    )
    importlib.import_module(
        "campaign.migrations.0008_reminder_wording_placeholders"
    ).convert_wordings(apps, None)
    importlib.import_module("council.migrations.0002_seed_voting_rules").seed(apps, None)
    importlib.import_module("campaign.migrations.0015_default_progress_report_rule").seed_rule(
        apps, None
    )


@pytest.fixture
def reference_data(transactional_db):
    reseed_reference_data()


# --- Integration: a private Redis and real worker processes -----------------------------


@pytest.fixture
def redis_server():
    """A ``redis-server`` of the test's own, not yet started: the test starts it, and may
    stop it (the broker goes away) and start it again (empty).  Killed at the end."""
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture
def make_worker(reference_data, redis_server, tmp_path, settings):
    """``make_worker(**env)``: a ``celery worker`` process (not yet started) on the test
    database and the private Redis, with the test's media root, a scratch folder and a
    mail record (``tmp_path / "sent.log"``, tests/support/mail.py); ``env`` adds to or
    overrides that environment.  Every worker made is killed at the end.

    Depends on the database fixtures, so the workers are gone (and their connections
    closed) before the test database is emptied.  The database must be one another
    process can open: PostgreSQL (``DATABASE_URL``) or an SQLite file.
    """
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the workers need a database they can open: set DATABASE_URL")
    made = []

    def make(**env):
        worker = CeleryWorker(
            env={
                "DJANGO_SETTINGS_MODULE": "tests.integration_settings",
                "DATABASE_URL": database_url(connection.settings_dict),
                "REDIS_URL": redis_server.url,
                "CELERY_BROKER_URL": redis_server.url,
                "CELERY_RESULT_BACKEND": redis_server.url,
                "MEDIA_ROOT": str(settings.MEDIA_ROOT),
                "JOB_SCRATCH_ROOT": str(tmp_path / "scratch"),
                "RECORDING_EMAIL_FILE": str(tmp_path / "sent.log"),
                **env,
            },
            log=tmp_path / "worker.log",
        )
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.kill_all()


# --- The admin: one row of each model, with the relations its change list shows ------
# Each builder adds exactly one row of its model; the related rows differ from call to
# call, so a change list that fetched a relation per row would show it in the count.
# The admin tests of every app (tests/<app>/test_admin.py) build their rows with these.

OUR_APPS = {"common", "units", "campaign", "council", "awards", "api", "practices"}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _unit():
    return UnitFactory(parent=Unit.objects.order_by("-pk").first())


def _council():
    council = CouncilFactory()
    CouncilMembershipFactory.create_batch(2, council=council)
    return council


def _campaign():
    campaign = CampaignFactory(target_unit_types=[UnitType.STATE_AGENCY, UnitType.COMMUNE])
    campaign.allowed_award_types.add(AwardTypeFactory())
    RegistrationFactory(campaign=campaign)
    return campaign


def _registration():
    registration = RegistrationFactory(registered_by=UserFactory())
    registration.intended_award_types.add(AwardTypeFactory())
    return registration


def _award_type():
    award_type = AwardTypeFactory()
    BonusCoefficientFactory(award_type=award_type)
    return award_type


def _base_salary():
    day = datetime.date(2000, 1, 1) + datetime.timedelta(days=am.BaseSalary.objects.count())
    return BaseSalaryFactory(effective_from=day, amount=1_490_000)


def _subject(index):
    """Alternately an individual and a collective."""
    if index % 2:
        return {"individual": None, "unit": UnitFactory()}
    return {}


def _achievement():
    achievement = AchievementFactory(
        recorded_by=UserFactory(), **_subject(am.Achievement.objects.count())
    )
    EvidenceFactory(achievement=achievement)
    return achievement


def _evidence():
    return EvidenceFactory(uploaded_by=UserFactory())


def _nomination():
    nomination = NominationFactory(
        created_by=UserFactory(), **_subject(am.Nomination.objects.count())
    )
    DossierFileFactory(nomination=nomination)
    nomination.achievements.add(AchievementFactory())
    return nomination


def _dossier_file():
    return DossierFileFactory(uploaded_by=UserFactory())


def _decision():
    decision = AwardDecisionFactory(campaign=CampaignFactory(), created_by=UserFactory())
    RecipientFactory.create_batch(2, decision=decision)
    return decision


def _recipient():
    return RecipientFactory(
        nomination=NominationFactory(), **_subject(am.Recipient.objects.count())
    )


def _activity():
    nomination = NominationFactory()
    return log_activity(
        nomination,
        "submit",
        actor=UserFactory(),
        previous_state=NominationState.DRAFT,
        new_state=NominationState.SUBMITTED,
        note="Gửi hồ sơ",
    )


def _notification():
    return NotificationFactory(
        recipient=UserFactory(), activity=_activity(), title="Hồ sơ đã được gửi"
    )


def _layout():
    layout = CertificateLayoutFactory(kind=LayoutKind.OVERLAY)
    OverlayFieldFactory(layout=layout, field=OverlayFieldName.RECIPIENT, x_mm=40, y_mm=90)
    return layout


def _overlay_field():
    return _layout().fields.get()


def _run():
    decision = _decision()
    return CertificateRunFactory(decision=decision, total=2, requested_by=UserFactory())


def _ceremony():
    ceremony = CeremonyFactory(recorded_by=UserFactory())
    ceremony.lines.set([RecipientFactory(decision=ceremony.decision)])
    return ceremony


def _letter():
    """A letter that forwarded a nomination of one of the issuer's hospitals."""
    letter = ProposalLetterFactory(issuer=UnitFactory(), addressee=UnitFactory())
    NominationStageFactory(letter=letter, unit=letter.issuer, left_at=letter.created_at)
    return letter


def _stage():
    return NominationStageFactory(unit=UnitFactory(), decided_by=UserFactory())


def _sequence():
    return NumberSequenceFactory(issuer=UnitFactory(), name="decision", year=2021)


def _rule():
    """A rule with a crontab and a beat entry of its own."""
    number = ReminderRule.objects.count()
    rule = ReminderRuleFactory(
        name=f"Nhắc hạn gửi hồ sơ {number}",
        kind=ReminderKind.NOMINATION_DEADLINE,
        offsets="7, 2",
        subject="Còn {{ so_ngay_con_lai }} ngày – {{ don_vi }}",
        body="Kính gửi {{ nguoi_nhan }}",
        schedule=CrontabScheduleFactory(minute=str(number % 60), hour="7"),
    )
    sync_rule_schedule(rule)
    return rule


def _reminder():
    return ReminderFactory(
        rule=_rule(),
        recipient=UserFactory(),
        object_key="campaign:1/unit:1",
        period="nomination:2026-12-09/7",
        campaign=CampaignFactory(),
        unit=UnitFactory(),
        subject="Còn 7 ngày đến hạn gửi hồ sơ",
        body_text="Kính gửi ...",
    )


def _notice_batch():
    batch = NoticeBatchFactory(
        campaign=CampaignFactory(),
        issuer=UnitFactory(level=UnitLevel.PROVINCE),
        place="Bến Tre",
        date=datetime.date(2026, 12, 1),
        signer_name="Nguyễn Văn Bé",
        signer_title="TRƯỞNG BAN",
        created_by=UserFactory(),
        total=1,
    )
    NoticeFactory(batch=batch, unit=UnitFactory(), items=[{"kind": "nomination"}])
    return batch


def _notice():
    return _notice_batch().notices.get()


def _launch_run():
    run = LaunchRunFactory(created_by=UserFactory(), total=2)
    LaunchDeliveryFactory(run=run, unit=UnitFactory())
    return run


def _campaign_review():
    return CampaignReviewFactory(opened_by=UserFactory())


def _launch_delivery():
    return _launch_run().deliveries.get()


def _indicator():
    return IndicatorFactory(campaign=CampaignFactory())


def _registration_target():
    return RegistrationTargetFactory(registration=_registration())


def _reporting_round():
    return ReportingRoundFactory(campaign=CampaignFactory(), created_by=UserFactory())


def _progress_report():
    return ProgressReportFactory(
        round=_reporting_round(), unit=UnitFactory(), submitted_by=UserFactory()
    )


def _report_figure():
    return ReportFigureFactory(report=_progress_report())


def _report_attachment():
    return ReportAttachmentFactory(report=_progress_report(), uploaded_by=UserFactory())


def _nomination_import():
    return NominationImportFactory(
        campaign=CampaignFactory(), nominating_unit=UnitFactory(), created_by=UserFactory()
    )


def _staff_import():
    return StaffImportFactory(unit=UnitFactory(), created_by=UserFactory())


def _preference():
    return UserPreferenceFactory(user=UserFactory())


def _practice():
    """A published practice with a result, a photo and an adoption (every inline)."""
    practice = PracticeFactory(state=PracticeState.PUBLISHED, created_by=UserFactory())
    PracticeResultFactory(practice=practice)
    PracticeFileFactory(practice=practice, uploaded_by=UserFactory())
    AdoptionFactory(practice=practice, recorded_by=UserFactory())
    return practice


def _practice_file():
    return PracticeFileFactory(uploaded_by=UserFactory())


def _adoption():
    return AdoptionFactory(recorded_by=UserFactory())


ADMIN_ROWS = {
    Unit: _unit,
    UnitSigner: UnitSignerFactory,
    Individual: IndividualFactory,
    OfficerMembership: OfficerMembershipFactory,
    Council: _council,
    CouncilMembership: CouncilMembershipFactory,
    StaffImport: _staff_import,
    PhotoConsent: PhotoConsentFactory,
    Campaign: _campaign,
    Registration: _registration,
    am.AwardType: _award_type,
    am.BonusCoefficient: BonusCoefficientFactory,
    am.AwardAuthority: AwardAuthorityFactory,
    am.BaseSalary: _base_salary,
    am.Achievement: _achievement,
    am.Evidence: _evidence,
    am.Nomination: _nomination,
    am.DossierFile: _dossier_file,
    am.AwardDecision: _decision,
    am.Recipient: _recipient,
    am.Certificate: CertificateFactory,
    am.CertificateLayout: _layout,
    am.OverlayField: _overlay_field,
    am.CertificateRun: _run,
    am.NumberSequence: _sequence,
    am.Ceremony: _ceremony,
    am.CentralSubmission: CentralSubmissionFactory,
    am.CentralSubmissionLine: CentralSubmissionLineFactory,
    am.CentralResult: CentralResultFactory,
    am.CentralPackage: CentralPackageFactory,
    am.ProposalLetter: _letter,
    am.NominationStage: _stage,
    am.NominationImport: _nomination_import,
    am.Consultation: ConsultationFactory,
    am.ConsultationComment: ConsultationCommentFactory,
    Holiday: HolidayFactory,
    Minutes: MinutesFactory,
    ActivityLog: _activity,
    Notification: _notification,
    OutboxMessage: OutboxMessageFactory,
    UserPreference: _preference,
    ApiToken: ApiTokenFactory,
    ReminderRule: _rule,
    Reminder: _reminder,
    NoticeBatch: _notice_batch,
    Notice: _notice,
    VotingRule: VotingRuleFactory,
    Session: SessionFactory,
    AgendaItem: AgendaItemFactory,
    Ballot: BallotFactory,
    Vote: VoteFactory,
    PaperCount: PaperCountFactory,
    SessionMaterial: SessionMaterialFactory,
    LaunchRun: _launch_run,
    CampaignReview: _campaign_review,
    LaunchDelivery: _launch_delivery,
    Indicator: _indicator,
    RegistrationTarget: _registration_target,
    ReportingRound: _reporting_round,
    ProgressReport: _progress_report,
    ReportFigure: _report_figure,
    ReportAttachment: _report_attachment,
    Practice: _practice,
    PracticeResult: PracticeResultFactory,
    PracticeFile: _practice_file,
    Adoption: _adoption,
}


@pytest.fixture
def assert_changelist_queries(superuser_client, django_assert_num_queries):
    """``check(model, rows, queries)``: with ``rows`` rows (built by :data:`ADMIN_ROWS`),
    the model's change list lists them all in exactly ``queries`` queries."""

    def check(model, rows, queries):
        if model.objects.exists():  # the catalogue tables start with seeded rows
            model.objects.all().delete()
        for _ in range(rows):
            ADMIN_ROWS[model]()
        url = admin_url(model, "changelist")
        superuser_client.get(url)  # warm the session and caches
        with django_assert_num_queries(queries):
            response = superuser_client.get(url)
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == rows

    return check
