"""Province scale, measured: the pages staff and officers use, over a province's data.

    DATABASE_URL=postgres://… python -m bench.province [--seconds S] [--rebuild]

The data set lives in a database of its own (``portal_province`` on the server
of ``DATABASE_URL``; ``PROVINCE_DATABASE`` names another) and is kept between
runs: a marker table holds the data set's version and the migrations it was
built with, and the database is dropped and built again only when either
differs (or with ``--rebuild``).  Building it (PostgreSQL only) takes a few
minutes: 2,000 units in a four-level tree, 100,000 people, 500,000 nominations
of ten campaigns across every state, one achievement each, their activity-log
rows, and the decisions awarding the awarded ones (500 lines each).  The
template rows are made through the ORM, then copied set-based (``INSERT …
SELECT`` over ``generate_series``) with the tables' plain indexes dropped and
built again afterwards, then ``ANALYZE``.

Then, under gunicorn with production settings (2 workers, DEBUG off, the
harness of ``bench.server``), each page is loaded from 4 client threads for S
seconds (default 5) side by side with ``/healthz``, and counted in this process
(``CaptureQueriesContext`` around Django's test client); the table gives
requests/s, the ratio to hello world, the 95th percentile and the queries of
one request.  The targets: at least 1/15 of hello world, p95 under 300 ms.  Each
page is then loaded again from a second server whose cache reads all miss
(``bench.cold_cache``): the first look after a write, which retires the cached
pages (``--no-cold`` skips it).
"""

# The SQL here is built from this module's own integers and names, never from input.
# ruff: noqa: S608

import argparse
import datetime
import hashlib
import json
import os
import subprocess
import sys
import time
from urllib.parse import urlencode, urlsplit, urlunsplit

from bench.server import (
    CLIENTS,
    ROOT,
    SECRET,
    free_port,
    load,
    load_cold,
    server_environment,
    signed_in,
    start_gunicorn,
)

#: Raise when the data set's shape changes: the next run builds it again.
DATASET_VERSION = 1
DATABASE = os.environ.get("PROVINCE_DATABASE", "portal_province")
MARKER = "bench_province_marker"

UNITS = 2_000
DEPARTMENTS = 40  # level 2: departments and districts under the province
PER_DEPARTMENT = 9  # level 3: their offices, communes, hospitals…
INDIVIDUALS = 100_000
NOMINATIONS = 500_000
CAMPAIGNS = 10
LINES_PER_DECISION = 500
TARGET_SHARE = 15  # at least 1/15 of hello world's requests per second
TARGET_P95_MS = 300

FIRST_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE_NAMES = ["Văn", "Thị", "Minh", "Ngọc", "Hoàng", "Thanh", "Quốc", "Thu"]
GIVEN_NAMES = [
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Khánh",
    "Lan", "Long", "Mai", "Nam", "Phúc", "Quang", "Sơn", "Tâm",
]  # fmt: skip
#: (state, per cent of the nominations), as a province's years leave them
STATES = [
    ("draft", 8),
    ("submitted", 30),
    ("inreview", 10),
    ("returned", 5),
    ("approved", 20),
    ("rejected", 5),
    ("withdrawn", 2),
    ("awarded", 20),
]
#: Three years of minutes: a nomination's moment is spread over them.
SPREAD_MINUTES = 3 * 365 * 24 * 60


# --- The database and its marker --------------------------------------------------------


def province_url(base: str) -> str:
    parts = urlsplit(base)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit("bench.province needs PostgreSQL: DATABASE_URL=postgres://…")
    return urlunsplit(parts._replace(path=f"/{DATABASE}"))


def admin_connection(url: str):
    """A connection to the server's ``postgres`` database, to drop and create ours."""
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password or None,
        dbname="postgres",
    )
    connection.autocommit = True
    return connection


def migration_state() -> str:
    """A digest of every migration on disk: the schema the data set was built for."""
    from django.db.migrations.loader import MigrationLoader

    names = sorted(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return hashlib.sha256(repr(names).encode()).hexdigest()[:16]


def read_marker(url: str):
    """The marker row (version, migrations, world) or None when there is none."""
    admin = admin_connection(url)
    try:
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
            if cursor.fetchone() is None:
                return None
    finally:
        admin.close()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [MARKER])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT version, migrations, world FROM {MARKER}")
        row = cursor.fetchone()
    if row is None:
        return None
    version, migrations, world = row
    return {
        "version": version,
        "migrations": migrations,
        "world": world if isinstance(world, dict) else json.loads(world),
    }


def recreate_database(url: str) -> None:
    from django.db import connection

    connection.close()
    admin = admin_connection(url)
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        admin.close()


def write_marker(world: dict, migrations: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {MARKER} (version integer, migrations text, world jsonb, "
            "built_at timestamptz DEFAULT now())"
        )
        cursor.execute(
            f"INSERT INTO {MARKER} (version, migrations, world) VALUES (%s, %s, %s)",
            [DATASET_VERSION, migrations, json.dumps(world)],
        )


# --- Building ---------------------------------------------------------------------------


def clone(cursor, model, template_pk: int, source: str, overrides: dict, params=()) -> int:
    """Insert one row of ``model`` per row of ``source`` (SQL, aliased ``s``): every
    column is the template row's unless ``overrides`` gives its SQL expression
    (``id`` must be given).  Returns the number of rows inserted."""
    table = model._meta.db_table
    columns = [field.column for field in model._meta.concrete_fields]
    unknown = set(overrides) - set(columns)
    assert not unknown, unknown
    assert "id" in overrides
    values = [overrides.get(column, f't."{column}"') for column in columns]
    quoted = [f'"{column}"' for column in columns]
    cursor.execute(
        f'INSERT INTO "{table}" ({", ".join(quoted)}) '
        f'SELECT {", ".join(values)} FROM "{table}" t CROSS JOIN ({source}) s '
        "WHERE t.id = %s",
        [*params, template_pk],
    )
    return cursor.rowcount


def next_id(cursor, model) -> int:
    """The highest id of ``model``'s table: the rows copied next take ids above it."""
    cursor.execute(f'SELECT coalesce(max(id), 0) FROM "{model._meta.db_table}"')
    return cursor.fetchone()[0]


def reset_sequence(cursor, model) -> None:
    table = model._meta.db_table
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
        f'(SELECT coalesce(max(id), 1) FROM "{table}"))',
        [table],
    )


def plain_indexes(cursor, tables) -> list[tuple[str, str]]:
    """(name, definition) of the indexes of ``tables`` that back no constraint."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        "WHERE i.tablename = ANY(%s) AND i.schemaname = 'public' AND NOT EXISTS ("
        "  SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [list(tables)],
    )
    return cursor.fetchall()


def state_case(column: str) -> str:
    """SQL picking a state from ``column`` (0–99) by the shares of ``STATES``."""
    parts, upper = [], 0
    for state, share in STATES:
        upper += share
        parts.append(f"WHEN {column} < {upper} THEN '{state}'")
    assert upper == 100
    return f"CASE {' '.join(parts)} END"


def build_units(cursor):
    """The four-level tree: the province, its departments and districts, their units,
    and the base units below those; returns (province, departments)."""
    from common.text import fold
    from units.enums import UnitLevel, UnitType
    from units.models import Unit

    province = Unit(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        code="ubnd-tinh",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        level=UnitLevel.PROVINCE,
        unit_type=UnitType.STATE_AGENCY,
        head_title="CHỦ TỊCH",
        collective_leadership=True,
        document_symbol="UBND",
        place_name="Bến Tre",
    )
    province.save()

    def unit(name, code, level, unit_type, parent):
        return Unit(
            name=name,
            search_name=fold(name),
            code=code,
            level=level,
            unit_type=unit_type,
            parent=parent,
        )

    departments = Unit.objects.bulk_create(
        unit(
            f"Sở, ngành số {i}" if i % 2 else f"Huyện số {i}",
            f"cap2-{i}",
            UnitLevel.DEPARTMENT if i % 2 else UnitLevel.DISTRICT,
            UnitType.STATE_AGENCY,
            province,
        )
        for i in range(DEPARTMENTS)
    )
    middle = Unit.objects.bulk_create(
        unit(
            f"Đơn vị trực thuộc số {i}" if d.level == UnitLevel.DEPARTMENT else f"Xã số {i}",
            f"cap3-{i}",
            UnitLevel.BASE if d.level == UnitLevel.DEPARTMENT else UnitLevel.COMMUNE,
            UnitType.PUBLIC_SERVICE if d.level == UnitLevel.DEPARTMENT else UnitType.COMMUNE,
            d,
        )
        for i, d in enumerate(d for d in departments for _ in range(PER_DEPARTMENT))
    )
    rest = UNITS - 1 - len(departments) - len(middle)
    Unit.objects.bulk_create(
        unit(
            f"Đơn vị cơ sở số {i}",
            f"cap4-{i}",
            UnitLevel.BASE,
            UnitType.PUBLIC_SERVICE,
            middle[i % len(middle)],
        )
        for i in range(rest)
    )
    for _level in range(3):  # each pass gives the next level its materialised path
        cursor.execute(
            "UPDATE units_unit c SET path = p.path || c.id || '/' FROM units_unit p "
            "WHERE c.parent_id = p.id AND p.path <> '' AND c.path = ''"
        )
    assert Unit.objects.filter(path="").count() == 0
    assert Unit.objects.count() == UNITS
    return province, departments


def build(cursor) -> dict:
    """The whole data set; returns what the measurements need (ids, a search)."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    from awards.activity import NOMINATION_STATE
    from awards.enums import AchievementCategory, DecisionState, NominationState
    from awards.models import Achievement, AwardDecision, AwardType, Nomination, Recipient
    from campaign.models import Campaign
    from common.models import ActivityLog
    from common.text import fold
    from tests.factories import CampaignFactory, OfficerMembershipFactory, UserFactory
    from units.enums import Gender, IndividualCategory
    from units.models import Individual, Unit
    from units.rules import EMULATION_STAFF_GROUP

    started = time.perf_counter()
    clock = [started]

    def step(label):
        now = time.perf_counter()
        print(f"  {label}: {now - clock[0]:.1f} s", flush=True)
        clock[0] = now

    province, departments = build_units(cursor)
    step("units")
    campaigns = [
        CampaignFactory(
            issuing_unit=province, title=f"Phong trào thi đua năm {2023 + i % 3} số {i}"
        )
        for i in range(CAMPAIGNS)
    ]
    awards = list(AwardType.objects.filter(is_active=True).order_by("pk")[:6])
    staff = UserFactory(username="bench-staff")
    staff.groups.add(Group.objects.get(name=EMULATION_STAFF_GROUP))
    officer = OfficerMembershipFactory(
        unit=departments[1], user=UserFactory(username="bench-officer")
    ).user

    # Lookup tables the copies join: names, the units people belong to, campaigns, forms.
    cursor.execute("CREATE TEMP TABLE bench_names (n int, full_name text, folded text)")
    names = [
        f"{first} {middle} {given}"
        for first in FIRST_NAMES
        for middle in MIDDLE_NAMES
        for given in GIVEN_NAMES
    ]
    cursor.executemany(
        "INSERT INTO bench_names VALUES (%s, %s, %s)",
        [(i, name, fold(name)) for i, name in enumerate(names)],
    )
    cursor.execute(
        "CREATE TEMP TABLE bench_leaves AS SELECT (row_number() OVER (ORDER BY id)) - 1 AS n, id "
        "FROM units_unit WHERE level IN ('base', 'commune')"
    )
    cursor.execute("SELECT count(*) FROM bench_leaves")
    leaves = cursor.fetchone()[0]
    cursor.execute("CREATE TEMP TABLE bench_campaigns (n int, id int)")
    cursor.executemany(
        "INSERT INTO bench_campaigns VALUES (%s, %s)", list(enumerate(c.pk for c in campaigns))
    )
    cursor.execute("CREATE TEMP TABLE bench_awards (n int, id int)")
    cursor.executemany(
        "INSERT INTO bench_awards VALUES (%s, %s)", list(enumerate(a.pk for a in awards))
    )

    # One template row per table, made as the application makes rows.
    cursor.execute("SELECT id FROM bench_leaves WHERE n = 0")
    leaf = Unit.objects.get(pk=cursor.fetchone()[0])
    person = Individual.objects.create(
        full_name="Mẫu",
        gender=Gender.MALE,
        category=IndividualCategory.CIVIL_SERVANT,
        unit=leaf,
    )
    achievement = Achievement.objects.create(
        individual=person,
        owner_unit=leaf,
        campaign=campaigns[0],
        date=datetime.date(2024, 1, 1),
        category=AchievementCategory.THEMATIC,
        title="Hoàn thành xuất sắc nhiệm vụ",
        description="Hoàn thành xuất sắc nhiệm vụ được giao.",
    )
    nomination = Nomination.objects.create(
        individual=person,
        nominating_unit=leaf,
        campaign=campaigns[0],
        award_type=awards[0],
        summary="Hoàn thành xuất sắc nhiệm vụ được giao.",
        state=NominationState.SUBMITTED,
    )
    entry = ActivityLog.objects.create(
        action=NOMINATION_STATE,
        content_type=ContentType.objects.get_for_model(Nomination),
        object_id=str(nomination.pk),
        object_repr="Mẫu",
        data={},
    )
    decision = AwardDecision.objects.create(
        issuer=province,
        award_type=awards[0],
        campaign=campaigns[0],
        year=2024,
        number=1_000_000,
        symbol="QĐ-UBND",
        signed_date=datetime.date(2024, 1, 1),
        place="Bến Tre",
        signer_name="Trần Ngọc Tam",
        signer_title="CHỦ TỊCH",
        citation="Đã có thành tích xuất sắc trong phong trào thi đua",
        state=DecisionState.ISSUED,
        issued_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )
    line = Recipient.objects.create(
        decision=decision, nomination=nomination, individual=person, amount=0
    )
    link_table = Nomination.achievements.through._meta.db_table
    big_tables = [
        Individual._meta.db_table,
        Achievement._meta.db_table,
        Nomination._meta.db_table,
        link_table,
        ActivityLog._meta.db_table,
        Recipient._meta.db_table,
        AwardDecision._meta.db_table,
    ]
    indexes = plain_indexes(cursor, big_tables)
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    cursor.execute("SET session_replication_role = replica")  # no foreign-key triggers
    cursor.execute("SET LOCAL work_mem = '256MB'")
    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
    step("templates")

    # People: each of the leaves' units has ~60.
    people_base = next_id(cursor, Individual)
    clone(
        cursor,
        Individual,
        person.pk,
        "SELECT g, nm.full_name, nm.folded, l.id AS unit_id FROM generate_series(1, %s) g "
        "JOIN bench_names nm ON nm.n = g %% %s JOIN bench_leaves l ON l.n = g %% %s",
        {
            "id": f"{people_base} + s.g",
            "full_name": "s.full_name || ' ' || s.g",
            "search_name": "s.folded || ' ' || s.g",
            "unit_id": "s.unit_id",
            "gender": f"CASE WHEN s.g %% 2 = 0 THEN '{Gender.FEMALE}' ELSE '{Gender.MALE}' END",
        },
        [INDIVIDUALS, len(names), leaves],
    )
    step("people")
    # Nominations: person g % 100,000, so about five each over the years; a moment
    # spread over three years; a state by the shares above; one in fifty fast-track.
    moment = f"(now() - ((s.g::bigint * 104729) %% {SPREAD_MINUTES}) * interval '1 minute')"
    nominations_base = next_id(cursor, Nomination)
    achievements_base = next_id(cursor, Achievement)
    source = (
        "SELECT g, p.unit_id, c.id AS campaign_id, a.id AS award_type_id, "
        f"{state_case('(g::bigint * 7919) %% 100')} AS state "
        "FROM generate_series(1, %s) g "
        f"JOIN units_individual p ON p.id = {people_base} + 1 + (g %% {INDIVIDUALS}) "
        f"JOIN bench_campaigns c ON c.n = g %% {CAMPAIGNS} "
        f"JOIN bench_awards a ON a.n = (g / {CAMPAIGNS}) %% {len(awards)}"
    )
    fast = "(s.g %% 50 = 0)"
    clone(
        cursor,
        Achievement,
        achievement.pk,
        source,
        {
            "id": f"{achievements_base} + s.g",
            "individual_id": f"{people_base} + 1 + (s.g %% {INDIVIDUALS})",
            "owner_unit_id": "s.unit_id",
            "campaign_id": "s.campaign_id",
            "date": f"{moment}::date",
            "occurred_at": f"CASE WHEN {fast} THEN {moment} END",
            "category": f"CASE WHEN {fast} THEN '{AchievementCategory.AD_HOC}' "
            f"ELSE '{AchievementCategory.THEMATIC}' END",
            "created_at": moment,
            "updated_at": moment,
        },
        [NOMINATIONS],
    )
    step("achievements")
    open_states = ", ".join(
        f"'{s}'"
        for s in (NominationState.SUBMITTED, NominationState.IN_REVIEW, NominationState.RETURNED)
    )
    sent = f"{moment} + interval '1 day'"
    clone(
        cursor,
        Nomination,
        nomination.pk,
        source,
        {
            "id": f"{nominations_base} + s.g",
            "individual_id": f"{people_base} + 1 + (s.g %% {INDIVIDUALS})",
            "nominating_unit_id": "s.unit_id",
            "campaign_id": "s.campaign_id",
            "award_type_id": "s.award_type_id",
            "state": "s.state",
            "is_fast_track": fast,
            "is_pinned": f"({fast} AND s.state IN ({open_states}))",
            "achieved_at": f"CASE WHEN {fast} THEN {moment} END",
            "achieved_on": f"{moment}::date",
            "submitted_at": f"CASE WHEN s.state <> 'draft' THEN {sent} END",
            "state_changed_at": f"CASE WHEN s.state <> 'draft' THEN {sent} "
            f"+ ((s.g %% 20) * interval '1 day') END",
            "created_at": moment,
            "updated_at": moment,
        },
        [NOMINATIONS],
    )
    cursor.execute(
        f'INSERT INTO "{link_table}" (nomination_id, achievement_id) '
        f"SELECT {nominations_base} + g, {achievements_base} + g "
        "FROM generate_series(1, %s) g",
        [NOMINATIONS],
    )
    step("nominations and their links")
    # The activity log: sent (draft → submitted), then the move to where it is now.
    log_base = next_id(cursor, ActivityLog)
    rows = f"SELECT * FROM awards_nomination WHERE id > {nominations_base}"
    logged = clone(
        cursor,
        ActivityLog,
        entry.pk,
        f"SELECT row_number() OVER (ORDER BY id) AS k, * FROM ({rows}) n WHERE n.state <> 'draft'",
        {
            "id": f"{log_base} + s.k",
            "created_at": "s.submitted_at",
            "object_id": "s.id::text",
            "object_repr": "'Hồ sơ số ' || s.id",
            "previous_state": "'draft'",
            "new_state": "'submitted'",
        },
    )
    clone(
        cursor,
        ActivityLog,
        entry.pk,
        f"SELECT row_number() OVER (ORDER BY id) AS k, * FROM ({rows}) n "
        "WHERE n.state NOT IN ('draft', 'submitted')",
        {
            "id": f"{log_base + logged} + s.k",
            "created_at": "s.state_changed_at",
            "object_id": "s.id::text",
            "object_repr": "'Hồ sơ số ' || s.id",
            "previous_state": "CASE WHEN s.state = 'awarded' THEN 'approved' "
            "WHEN s.state IN ('withdrawn') THEN 'submitted' ELSE 'inreview' END",
            "new_state": "s.state",
        },
    )
    step("activity log")
    # Decisions: the awarded nominations of a form and campaign, 500 lines each.
    cursor.execute(
        "CREATE TEMP TABLE bench_awarded AS SELECT id, individual_id, award_type_id, "
        "campaign_id, (row_number() OVER (PARTITION BY award_type_id, campaign_id ORDER BY id) "
        f"- 1) AS rn FROM awards_nomination WHERE id > {nominations_base} AND state = 'awarded'"
    )
    cursor.execute(
        "CREATE TEMP TABLE bench_decisions AS SELECT row_number() OVER (ORDER BY award_type_id, "
        "campaign_id, chunk) AS d, award_type_id, campaign_id, chunk FROM (SELECT DISTINCT "
        f"award_type_id, campaign_id, rn / {LINES_PER_DECISION} AS chunk FROM bench_awarded) x"
    )
    decisions_base = next_id(cursor, AwardDecision)
    signed = "(date '2023-01-15' + ((s.d * 37) %% 1000) * interval '1 day')::date"
    clone(
        cursor,
        AwardDecision,
        decision.pk,
        "SELECT * FROM bench_decisions",
        {
            "id": f"{decisions_base} + s.d",
            "award_type_id": "s.award_type_id",
            "campaign_id": "s.campaign_id",
            "number": "s.d",
            "signed_date": signed,
            "year": f"extract(year FROM {signed})",
            "issued_at": signed,
            "created_at": signed,
            "updated_at": signed,
        },
    )
    lines_base = next_id(cursor, Recipient)
    clone(
        cursor,
        Recipient,
        line.pk,
        "SELECT row_number() OVER (ORDER BY a.id) AS k, a.*, d.d FROM bench_awarded a "
        "JOIN bench_decisions d ON d.award_type_id = a.award_type_id "
        f"AND d.campaign_id = a.campaign_id AND d.chunk = a.rn / {LINES_PER_DECISION}",
        {
            "id": f"{lines_base} + s.k",
            "decision_id": f"{decisions_base} + s.d",
            "nomination_id": "s.id",
            "individual_id": "s.individual_id",
            "sort_order": f"s.rn %% {LINES_PER_DECISION} + 1",
            "amount": "1490000",
            "golden_register_number": "s.k::text",
        },
    )
    cursor.execute(
        "UPDATE awards_nomination n SET awarded_on = d.signed_date, award_amount = r.amount "
        "FROM awards_recipient r JOIN awards_awarddecision d ON d.id = r.decision_id "
        f"WHERE r.nomination_id = n.id AND r.id > {lines_base}"
    )
    cursor.execute("SET session_replication_role = DEFAULT")
    step("decisions and their lines")

    # The templates go; the indexes come back; the sequences continue after the copies.
    line.delete()
    decision.delete()
    nomination.delete()
    achievement.delete()
    # The log refuses deletes through the ORM; this template row never happened.
    cursor.execute(f'DELETE FROM "{ActivityLog._meta.db_table}" WHERE id = %s', [entry.pk])
    person.delete()
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the templates' deferred checks, now
    for _name, definition in indexes:
        cursor.execute(definition)
    step("indexes")
    for model in (Individual, Achievement, Nomination, ActivityLog, AwardDecision, Recipient):
        reset_sequence(cursor, model)
    assert Nomination.objects.count() == NOMINATIONS
    assert Campaign.objects.count() == CAMPAIGNS
    sample = Nomination.objects.filter(state=NominationState.SUBMITTED).order_by("pk")[1000]
    department_branch = Unit.objects.get(pk=departments[1].pk)  # its path set by SQL
    return {
        "staff": staff.pk,
        "officer": officer.pk,
        "nomination": sample.pk,
        "officer_nomination": Nomination.objects.filter(
            nominating_unit__path__startswith=department_branch.path
        )
        .order_by("pk")
        .values_list("pk", flat=True)[100],
        "decision": AwardDecision.objects.order_by("pk").values_list("pk", flat=True)[10],
        "department": department_branch.pk,
        "search": fold(sample.individual.full_name.rsplit(" ", 1)[0]),
        "seconds": round(time.perf_counter() - started, 1),
    }


def ensure_dataset(url: str, *, rebuild: bool) -> dict:
    """The data set's world, built first when missing, stale or asked for."""
    from django.core.management import call_command
    from django.db import connection, transaction

    migrations = migration_state()
    marker = None if rebuild else read_marker(url)
    if (
        marker is not None
        and marker["version"] == DATASET_VERSION
        and marker["migrations"] == migrations
    ):
        print(f"reusing the data set in {DATABASE} (built in {marker['world']['seconds']} s)")
        return marker["world"]
    print(f"building the province data set in {DATABASE}…", flush=True)
    started = time.perf_counter()
    recreate_database(url)
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    with transaction.atomic(), connection.cursor() as cursor:
        world = build(cursor)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    world["seconds"] = round(time.perf_counter() - started, 1)
    write_marker(world, migrations)
    print(
        f"built in {world['seconds']} s (migrations {migrated:.0f} s): {UNITS:,} units, "
        f"{INDIVIDUALS:,} people, {NOMINATIONS:,} nominations",
        flush=True,
    )
    return world


# --- Measuring --------------------------------------------------------------------------


def pages(world: dict) -> list[tuple[str, str, str]]:
    """(label, path, whose session) of every page measured, /healthz first."""
    from django.urls import reverse

    from awards.views.nominations import PAGE_SIZE, QUEUE_CAP

    queue = reverse("awards:nomination_list")
    last = QUEUE_CAP // PAGE_SIZE
    return [
        ("hello world (/healthz)", "/healthz", ""),
        ("staff queue, page 1", queue, "staff"),
        ("staff queue, page 20", f"{queue}?page=20", "staff"),
        (f"staff queue, page {last} (last)", f"{queue}?page={last}", "staff"),
        ("queue, one department's branch", f"{queue}?unit={world['department']}", "staff"),
        (
            f"queue searched “{world['search']}”",
            f"{queue}?{urlencode({'q': world['search']})}",
            "staff",
        ),
        (
            "a nomination's page (staff)",
            reverse("awards:nomination_detail", args=[world["nomination"]]),
            "staff",
        ),
        ("staff home", reverse("home"), "staff"),
        ("decision list", reverse("awards:decision_list"), "staff"),
        (
            "a decision's page (500 lines)",
            reverse("awards:decision_detail", args=[world["decision"]]),
            "staff",
        ),
        ("statistics", reverse("awards:statistics"), "staff"),
        ("officer's home", reverse("home"), "officer"),
        ("officer's nominations", queue, "officer"),
        ("officer's achievements", reverse("awards:achievement_list"), "officer"),
        ("officer's decisions", reverse("awards:decision_list"), "officer"),
        (
            "a nomination's page (officer)",
            reverse("awards:nomination_detail", args=[world["officer_nomination"]]),
            "officer",
        ),
    ]


def count_queries(users: dict, measured) -> list[tuple[int, int]]:
    """The queries of one request to each page, in this process: (warm, cold).  Warm is
    a second identical request; cold the first after every cached page was retired."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {"": Client()}
    for who, user in users.items():
        clients[who] = Client()
        signed_in(clients[who], user)

    def queries_of(client, path) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return len(queries)

    counts = []
    for _label, path, who in measured:
        retire_cached_pages()
        cold = queries_of(clients[who], path)
        counts.append((queries_of(clients[who], path), cold))
    return counts


def retire_cached_pages() -> None:
    """Retire every cached signed-in page (each namespace they are kept under)."""
    from awards.selectors import QUEUE_FILTER_NAMESPACE, QUEUE_NAMESPACE
    from common.cache import DATA_NAMESPACE, bump
    from common.selectors import NOTIFICATIONS_NAMESPACE
    from units.rules import ROLES_NAMESPACE

    bump(
        DATA_NAMESPACE,
        QUEUE_NAMESPACE,
        QUEUE_FILTER_NAMESPACE,
        ROLES_NAMESPACE,
        NOTIFICATIONS_NAMESPACE,
    )


def static_is_stale(static_root) -> bool:
    """Whether the collected files are missing or older than a source file."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return True
    collected = manifest.stat().st_mtime
    sources = [ROOT / "static", *ROOT.glob("*/static")]
    return any(
        path.stat().st_mtime > collected
        for folder in sources
        for path in folder.rglob("*")
        if path.is_file()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--only", help="measure only the pages whose label contains this")
    parser.add_argument(
        "--no-cold", action="store_true", help="skip the second, cold-cache server's run"
    )
    args = parser.parse_args()
    url = province_url(os.environ.get("DATABASE_URL", ""))
    os.environ["DATABASE_URL"] = url
    os.environ["SECRET_KEY"] = SECRET  # the sessions made here must hold in gunicorn
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("CELERY_BROKER_URL", "memory://")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import setup_test_environment

    from bench.server import session_cookie

    world = ensure_dataset(url, rebuild=args.rebuild)
    setup_test_environment()  # the test client's host; the server has its own settings
    User = get_user_model()
    users = {
        "staff": User.objects.get(pk=world["staff"]),
        "officer": User.objects.get(pk=world["officer"]),
    }
    measured = pages(world)
    if args.only:
        measured = [measured[0], *[p for p in measured[1:] if args.only in p[0]]]
    queries = count_queries(users, measured)
    cookies = {"": "", **{who: session_cookie(user) for who, user in users.items()}}
    static_root = ROOT / "var" / "bench-static"
    env = server_environment(connection, str(static_root))
    if static_is_stale(static_root):  # collecting (and compressing) takes a minute
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--clear", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    port = free_port()
    server = start_gunicorn(env, port, "config.wsgi")
    try:
        results = [load(port, path, cookies[who], args.seconds) for _, path, who in measured]
    finally:
        server.terminate()
        server.wait(timeout=30)
    with_cookies = [(label, path, cookies[who]) for label, path, who in measured]
    cold = [None] * len(measured) if args.no_cold else load_cold(env, with_cookies, args.seconds)
    report(measured, results, cold, queries, args.seconds)


def report(measured, results, cold, queries, seconds) -> None:
    """Warm: the same request again and again, as a page looks between two writes (the
    cached page answers); cold: from a second server whose cache reads all miss, as the
    first look after any write.  The targets are judged on warm."""
    base = results[0]["rps"]
    print(
        f"\nprovince benchmark (PostgreSQL {DATABASE}: {UNITS:,} units, {INDIVIDUALS:,} people, "
        f"{NOMINATIONS:,} nominations; gunicorn 2 workers, DEBUG off, {CLIENTS} client threads, "
        f"{seconds:.0f} s a page)"
    )
    print(
        f"  {'page':<42} {'req/s':>8} {'ratio':>6} {'p95 ms':>7} {'q':>3} {'KB':>4}  "
        f"{'target':<6} {'cold req/s':>10} {'ratio':>6} {'p95 ms':>7} {'q':>3}"
    )

    def ratio(r):
        return "1/" + format(base / r["rps"], ".0f") if r["rps"] else "-"

    for (label, _, _), r, c, (warm_q, cold_q) in zip(measured, results, cold, queries, strict=True):
        ok = r["rps"] and base / r["rps"] <= TARGET_SHARE and r["p95"] * 1000 < TARGET_P95_MS
        line = (
            f"  {label:<42} {r['rps']:8.1f} {ratio(r):>6} {r['p95'] * 1000:7.1f} {warm_q:3d} "
            f"{r['kb']:4.0f}  {'ok' if ok else 'MISSED':<6}"
        )
        if c is not None:
            line += f" {c['rps']:10.1f} {ratio(c):>6} {c['p95'] * 1000:7.1f} {cold_q:3d}"
        print(line)


if __name__ == "__main__":
    main()
