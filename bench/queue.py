"""The review queue at province scale, served by gunicorn as in production.

    python -m bench.queue [N] [--seconds S]

Builds N nominations (default 100,000 on PostgreSQL, 10,000 on SQLite) with one
achievement each, over 2,082 units, in a throwaway database; starts gunicorn
(2 workers, DEBUG off, collected static files) on it; then, one after the
other, loads each page from 4 client threads for S seconds (default 10) and
prints requests/s and the 95th percentile of the answer time for: /healthz (the
baseline), the staff's queue page 1, its last reachable page, a filtered
queue, a search, oldest first, and a unit officer's list.  Each queue page is
loaded twice: warm (the same request repeated: its cached rows, filter form,
roles and session answer) and cold (from a second server whose cache reads all
miss, so every request builds the page as the first one after a change does).
"""

import argparse
import datetime
import os
import random
import subprocess
import sys
import tempfile
import time

from bench.common import scratch_database
from bench.server import (
    CLIENTS,
    ROOT,
    SECRET,
    free_port,
    load,
    load_cold,
    server_environment,
    session_cookie,
    start_gunicorn,
)

UNITS = 2_082
DEPARTMENTS = 41  # level-2 units (departments, districts) under the province
FIRST_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE_NAMES = ["Văn", "Thị", "Minh", "Ngọc", "Hoàng", "Thanh", "Quốc", "Thu"]
GIVEN_NAMES = [
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Khánh",
    "Lan", "Long", "Mai", "Nam", "Phúc", "Quang", "Sơn", "Tâm",
]  # fmt: skip
#: (state, share of the nominations)
STATES = [
    ("draft", 0.08),
    ("submitted", 0.30),
    ("inreview", 0.10),
    ("returned", 0.05),
    ("approved", 0.20),
    ("rejected", 0.05),
    ("withdrawn", 0.02),
    ("awarded", 0.20),
]


def build(count: int, rng: random.Random) -> dict:
    """The data set; returns the staff user, the officer, and filter values."""
    from django.contrib.auth.models import Group

    from awards.enums import AchievementCategory, NominationState
    from awards.models import Achievement, AwardType, Nomination
    from awards.services.dossiers import refresh_queue_fields
    from common.text import fold
    from tests.factories import CampaignFactory, OfficerMembershipFactory, UnitFactory, UserFactory
    from units.enums import Gender, IndividualCategory, UnitLevel
    from units.models import Individual, Unit
    from units.rules import EMULATION_STAFF_GROUP

    started = time.perf_counter()
    province = UnitFactory(name="Ủy ban nhân dân tỉnh", level=UnitLevel.PROVINCE)
    departments = [
        UnitFactory(name=f"Sở, huyện số {i}", parent=province) for i in range(DEPARTMENTS)
    ]
    for i in range(UNITS - 1 - DEPARTMENTS):
        UnitFactory(
            name=f"Đơn vị cơ sở {i}", parent=departments[i % DEPARTMENTS], level=UnitLevel.COMMUNE
        )
    leaves = list(Unit.objects.filter(parent__parent=province))
    assert Unit.objects.count() == UNITS

    campaigns = [CampaignFactory(issuing_unit=province) for _ in range(4)]
    awards = list(AwardType.objects.filter(is_active=True)[:6])
    people = []
    for i in range(count):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
        people.append(
            Individual(
                full_name=f"{name} {i}",
                search_name=fold(f"{name} {i}"),
                gender=Gender.MALE if i % 2 else Gender.FEMALE,
                category=IndividualCategory.CIVIL_SERVANT,
                unit=leaves[i % len(leaves)],
            )
        )
    Individual.objects.bulk_create(people, batch_size=5000)
    now = datetime.datetime.now(datetime.UTC)
    states = rng.choices([s for s, _ in STATES], weights=[w for _, w in STATES], k=count)
    achievements, nominations = [], []
    for i, person in enumerate(people):
        moment = now - datetime.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        fast = rng.random() < 0.02
        campaign = campaigns[i % len(campaigns)]
        achievements.append(
            Achievement(
                individual=person,
                owner_unit=person.unit,
                campaign=campaign,
                date=moment.date(),
                occurred_at=moment if fast else None,
                category=AchievementCategory.AD_HOC if fast else AchievementCategory.THEMATIC,
                title="Hoàn thành xuất sắc nhiệm vụ",
                description="Hoàn thành xuất sắc nhiệm vụ được giao.",
            )
        )
        state = states[i]
        sent = moment + datetime.timedelta(days=1) if state != NominationState.DRAFT else None
        nominations.append(
            Nomination(
                individual=person,
                nominating_unit=person.unit,
                campaign=campaign,
                award_type=awards[i % len(awards)],
                summary="Hoàn thành xuất sắc nhiệm vụ được giao.",
                state=state,
                is_fast_track=fast,
                submitted_at=sent,
                state_changed_at=sent,
            )
        )
    Achievement.objects.bulk_create(achievements, batch_size=5000)
    Nomination.objects.bulk_create(nominations, batch_size=5000)
    Link = Nomination.achievements.through
    Link.objects.bulk_create(
        (
            Link(nomination_id=n.pk, achievement_id=a.pk)
            for n, a in zip(nominations, achievements, strict=True)
        ),
        batch_size=5000,
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give them
    refresh_queue_fields(Nomination.objects.all())

    staff = UserFactory(username="bench-staff")
    staff.groups.add(Group.objects.get(name=EMULATION_STAFF_GROUP))
    officer = OfficerMembershipFactory(
        unit=departments[0], user=UserFactory(username="bench-officer")
    ).user
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "staff": staff,
        "officer": officer,
        "award": awards[0].pk,
        "search": fold(people[count // 2].full_name.split()[-2]),
        "seconds": time.perf_counter() - started,
    }


def explain_pages(user, queries) -> None:
    """PostgreSQL's plan of each page's row query: the index it walks, any sort, the time."""
    from django.db import connection
    from django.http import QueryDict

    from awards.filters import NominationFilter
    from awards.selectors import nomination_queue
    from awards.views.nominations import PAGE_SIZE
    from common.paging import CappedPaginator

    print("\nplans (EXPLAIN ANALYZE of the page's row query):")
    for query in queries:
        data = QueryDict(query)
        page = int(data.get("page", 1))
        filterset = NominationFilter(data or None, queryset=nomination_queue(user), user=user)
        rows = filterset.qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        if (page - 1) * PAGE_SIZE >= CappedPaginator.join_after:
            rows = rows.values_list("pk", flat=True)  # a deep page reads its keys first
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE) " + sql, params)
            plan = [line for (line,) in cursor.fetchall()]
        indexes = sorted(
            {line.split(" using ")[1].split(" ")[0] for line in plan if "nomination_queue" in line}
        )
        sorts = [line.strip() for line in plan if "Sort Key" in line]
        took = next(line for line in plan if line.startswith("Execution Time"))
        print(
            f"  ?{query or '(default)':<38} index {', '.join(indexes) or 'none'}; "
            f"{'sort: ' + sorts[0] if sorts else 'no sort'}; {took}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    os.environ["SECRET_KEY"] = SECRET  # the sessions made here must hold in gunicorn
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    with scratch_database(shared=True) as connection:
        vendor = connection.vendor
        count = args.count or (100_000 if vendor == "postgresql" else 10_000)
        from django.urls import reverse

        rng = random.Random(11)  # noqa: S311 - reproducible data, not security
        print(f"building {count:,} nominations over {UNITS:,} units ({vendor})…", flush=True)
        world = build(count, rng)
        print(f"built in {world['seconds']:.0f} s", flush=True)
        staff_cookie = session_cookie(world["staff"])
        officer_cookie = session_cookie(world["officer"])
        queue = reverse("awards:nomination_list")
        from awards.views.nominations import PAGE_SIZE, QUEUE_CAP

        last_page = QUEUE_CAP // PAGE_SIZE
        pages = [
            ("hello world (/healthz)", "/healthz", ""),
            ("staff queue, page 1", queue, staff_cookie),
            (f"staff queue, page {last_page} (last)", f"{queue}?page={last_page}", staff_cookie),
            (
                "filtered: submitted, one award type",
                f"{queue}?state=submitted&award_type={world['award']}",
                staff_cookie,
            ),
            (f"search “{world['search']}”", f"{queue}?q={world['search']}", staff_cookie),
            ("sorted: oldest sent first", f"{queue}?sort=submitted", staff_cookie),
            ("officer's list (one district)", queue, officer_cookie),
        ]
        if vendor == "postgresql":
            explain_pages(
                world["staff"],
                ["", f"page={last_page}", "state=submitted", "sort=submitted", "sort=-changed",
                 "sort=unit"],
            )  # fmt: skip
        with tempfile.TemporaryDirectory(prefix="bench-static-") as static_root:
            env = server_environment(connection, static_root)
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
            retire_cached_pages()
            port = free_port()
            server = start_gunicorn(env, port, "config.wsgi")
            try:
                results = [load(port, path, cookie, args.seconds) for _, path, cookie in pages]
            finally:
                server.terminate()
                server.wait(timeout=30)
            cold = load_cold(env, pages, args.seconds)
        report(vendor, count, args.seconds, pages, results, cold)


def retire_cached_pages() -> None:
    """Nothing a previous run cached may answer for this one's pages."""
    from awards.selectors import QUEUE_FILTER_NAMESPACE, QUEUE_NAMESPACE
    from common.cache import bump
    from common.selectors import NOTIFICATIONS_NAMESPACE
    from units.rules import ROLES_NAMESPACE

    bump(QUEUE_NAMESPACE, QUEUE_FILTER_NAMESPACE, ROLES_NAMESPACE, NOTIFICATIONS_NAMESPACE)


def report(vendor, count, seconds, pages, results, cold) -> None:
    """Warm: the same request again and again (the cached rows, form, roles and session
    answer); cold: every read of the cache misses (``load_cold``).  The share is warm's."""
    base = results[0]["rps"]
    print(f"\nqueue benchmark ({vendor}, {count:,} nominations, {UNITS:,} units, gunicorn "
          f"2 workers, DEBUG off, {CLIENTS} client threads, {seconds:.0f} s a page)")  # fmt: skip
    print(
        f"  {'page':<40} {'req/s':>8} {'p95 ms':>8} {'share':>8} {'KB':>5}"
        f" {'cold req/s':>11} {'cold p95':>9} {'share':>8}"
    )
    for (label, _, _), r, c in zip(pages, results, cold, strict=True):
        share = f"1/{base / r['rps']:.0f}" if r["rps"] else "-"
        line = f"  {label:<40} {r['rps']:8.1f} {r['p95'] * 1000:8.1f} {share:>8} {r['kb']:5.0f}"
        if c is not None:
            cold_share = f"1/{base / c['rps']:.0f}" if c["rps"] else "-"
            line += f" {c['rps']:11.1f} {c['p95'] * 1000:9.1f} {cold_share:>8}"
        print(line)


if __name__ == "__main__":
    main()
