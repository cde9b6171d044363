"""The public pages (honour board, feed, sitemap) under gunicorn, next to hello world.

    python -m bench.public [N] [--seconds S]

Builds N award lines (default 3,000) in a throwaway database: 400 units under a
province, N people, 60 issued decisions of the province and of its departments (a few
lines revoked), a few central awards; starts gunicorn (2 workers, DEBUG off, collected
static files, production settings) with the cache in Redis (``CACHE_URL``, default
``redis://127.0.0.1:6379/3``; without Redis the file cache under a scratch folder);
then, one after the other, loads each page of :data:`PAGES` from 4 client threads for S
seconds (default 10), /healthz first, and prints requests/s, the 95th percentile, the
share of hello world's rate, and the time of one uncached answer (the median of five
answers to query strings never asked before).  Target: each page at least 1/3 of
hello world's rate.
"""

import argparse
import datetime
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time

from bench.common import scratch_database
from bench.queue import FIRST_NAMES, GIVEN_NAMES, MIDDLE_NAMES
from bench.server import (
    CLIENTS,
    ROOT,
    SECRET,
    fetch,
    free_port,
    load,
    server_environment,
    start_gunicorn,
)

UNITS = 400
DECISIONS = 60
CENTRAL = 20
PRACTICES = 300
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/3"

#: (label, path) of each page measured; "{entry}", "{unit}", "{campaign}" are filled in
#: from the data set.  Other public apps add their pages here.
PAGES = [
    ("hello world (/healthz)", "/healthz"),
    ("honour board", "/honours/"),
    ("board, one campaign", "/honours/campaign/{campaign}/"),
    ("board filtered: level, year, unit", "/honours/?level=province&year=2021&unit={unit}"),
    ("board search “nguyen van”", "/honours/?q=nguyen+van"),
    ("board page 3 (by key)", "{page3}"),
    ("an entry", "/honours/{entry}/"),
    ("good practices", "/practices/"),
    ("practices search “cho an toan”", "/practices/?q=cho+an+toan"),
    ("a practice", "/practices/{practice}/"),
    ("Atom feed", "/feed/"),
    ("sitemap.xml", "/sitemap.xml"),
]


def build(count: int, rng: random.Random) -> dict:
    from awards.enums import AwardLevel, CentralOutcome, DecisionState
    from awards.models import AwardDecision, AwardType, CentralSubmissionLine, Recipient
    from common.text import fold
    from tests.factories import (
        CampaignFactory,
        CentralResultFactory,
        CentralSubmissionFactory,
        NominationFactory,
        UnitFactory,
    )
    from units.enums import Gender, IndividualCategory, UnitLevel
    from units.models import Individual, Unit

    started = time.perf_counter()
    province = UnitFactory(name="Ủy ban nhân dân tỉnh", level=UnitLevel.PROVINCE)
    departments = [UnitFactory(name=f"Sở, huyện số {i}", parent=province) for i in range(20)]
    for i in range(UNITS - 21):
        UnitFactory(name=f"Đơn vị cơ sở {i}", parent=departments[i % 20], level=UnitLevel.COMMUNE)
    leaves = list(Unit.objects.filter(level=UnitLevel.COMMUNE))
    campaigns = [CampaignFactory(issuing_unit=province) for _ in range(3)]
    province_award = AwardType.objects.filter(level=AwardLevel.PROVINCE).first()
    base_award = AwardType.objects.filter(level=AwardLevel.BASE).first()
    people = []
    for i in range(count):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)} {i}"
        people.append(
            Individual(
                full_name=name,
                search_name=fold(name),
                gender=Gender.MALE if i % 2 else Gender.FEMALE,
                category=IndividualCategory.CIVIL_SERVANT,
                unit=leaves[i % len(leaves)],
                citizen_id=f"000{i:09d}",
                phone=f"0000{i:06d}",
            )
        )
    Individual.objects.bulk_create(people, batch_size=2000)
    decisions = []
    for i in range(DECISIONS):
        by_province = i % 3 == 0
        issuer = province if by_province else departments[i % 20]
        decisions.append(
            AwardDecision.objects.create(
                issuer=issuer,
                campaign=campaigns[i % 3],
                year=2021 + i % 4,
                number=i + 1,
                symbol="QĐ-UBND" if by_province else "QĐ-SYT",
                signed_date=datetime.date(2021 + i % 4, 1 + i % 12, 1 + i % 28),
                place="Bến Tre",
                signer_name="Nguyễn Văn Bé",
                signer_title="PHÓ CHỦ TỊCH",
                award_type=province_award if by_province else base_award,
                citation="Đã có thành tích xuất sắc trong phong trào thi đua",
                state=DecisionState.ISSUED,
                issuer_snapshot={"name": issuer.name},
            )
        )
    now = datetime.datetime.now(datetime.UTC)
    lines = [
        Recipient(
            decision=decisions[i % DECISIONS],
            individual=person,
            position_and_unit=f"Chuyên viên, {person.unit.name}",
            amount=710_000,
            sort_order=i,
            revoked_at=now if i % 97 == 0 else None,
        )
        for i, person in enumerate(people)
    ]
    Recipient.objects.bulk_create(lines, batch_size=2000)
    submission = CentralSubmissionFactory(issuer=province)
    result = CentralResultFactory(submission=submission, decision_date=datetime.date(2022, 1, 14))
    for person in people[:CENTRAL]:
        CentralSubmissionLine.objects.create(
            submission=submission,
            nomination=NominationFactory(individual=person, campaign=campaigns[0]),
            outcome=CentralOutcome.AWARDED,
            result=result,
        )
    shown = Recipient.objects.filter(revoked_at__isnull=True).order_by("pk").first()
    practice = build_practices(leaves, campaigns, now)
    return {
        "practice": practice.pk,
        "seconds": time.perf_counter() - started,
        "entry": f"d-{shown.pk}",
        "unit": departments[0].pk,
        "campaign": campaigns[0].pk,
    }


def build_practices(leaves, campaigns, now):
    """PRACTICES published good practices of the units, a few results and adoptions each."""
    from practices.enums import PracticeField, PracticeState
    from practices.models import Adoption, Practice, PracticeResult
    from tests.factories import PracticeFactory

    fields = list(PracticeField.values)
    practices = [
        PracticeFactory.build(
            unit=leaves[i % len(leaves)],
            campaign=campaigns[i % len(campaigns)],
            field=fields[i % len(fields)],
            title=f"{'Chợ an toàn' if i % 4 == 0 else 'Tổ COVID cộng đồng'} số {i}",
            state=PracticeState.PUBLISHED,
            published_at=now - datetime.timedelta(hours=i),
        )
        for i in range(PRACTICES)
    ]
    for practice in practices:
        practice.search_text = f"{practice.title} {practice.summary}".lower()
    Practice.objects.bulk_create(practices)
    PracticeResult.objects.bulk_create(
        PracticeResult(practice=p, label="Số hộ được hỗ trợ", value=100 + i, measure="hộ")
        for i, p in enumerate(practices)
    )
    Adoption.objects.bulk_create(
        Adoption(
            practice=p,
            unit=leaves[(i + 7) % len(leaves)],
            adopted_on=datetime.date(2021, 9, 1),
            place="Xã bên cạnh",
            result="Áp dụng tại hai chợ.",
        )
        for i, p in enumerate(practices)
    )
    return practices[0]


def page_three(port: int) -> str:
    """The path of the board's third page, followed from its "next" links."""
    path = "/honours/"
    for _ in range(2):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        body = connection.getresponse().read().decode()
        connection.close()
        query = re.search(r'rel="next" href="\?([^"]+)"', body).group(1).replace("&amp;", "&")
        path = f"/honours/?{query}"
    return path


def uncached_ms(port: int, path: str) -> float:
    """Median time of five answers to query strings nobody asked before (cache misses)."""
    times = []
    joiner = "&" if "?" in path else "?"
    for attempt in range(5):
        started = time.perf_counter()
        status, _ = fetch(port, f"{path}{joiner}bench={time.time_ns()}{attempt}", "")
        times.append(time.perf_counter() - started)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    os.environ["SECRET_KEY"] = SECRET
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    with scratch_database(shared=True) as connection:
        vendor = connection.vendor
        rng = random.Random(15)  # noqa: S311 - reproducible data, not security
        print(f"building {args.count:,} award lines over {UNITS} units ({vendor})…", flush=True)
        world = build(args.count, rng)
        print(f"built in {world['seconds']:.0f} s", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-static-") as static_root:
            env = server_environment(connection, static_root)
            env["CACHE_URL"] = os.environ.get("CACHE_URL", DEFAULT_CACHE_URL)
            env["SITE_URL"] = "https://thidua.example.gov.vn"
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
            port = free_port()
            server = start_gunicorn(env, port, "config.wsgi")
            try:
                world["page3"] = page_three(port)
                pages = [(label, path.format(**world)) for label, path in PAGES]
                cold = [uncached_ms(port, path) for _, path in pages]
                results = [load(port, path, "", args.seconds) for _, path in pages]
            finally:
                server.terminate()
                server.wait(timeout=30)
        report(vendor, args.count, args.seconds, pages, results, cold, env["CACHE_URL"])


def report(vendor, count, seconds, pages, results, cold, cache_url) -> None:
    base = results[0]["rps"]
    print(
        f"\npublic pages benchmark ({vendor}, {count:,} award lines, {UNITS} units, gunicorn "
        f"2 workers, DEBUG off, cache {cache_url}, {CLIENTS} client threads, "
        f"{seconds:.0f} s a page)"
    )
    columns = f"{'req/s':>8} {'p95 ms':>8} {'share':>8} {'uncached ms':>12} {'KB':>5}"
    print(f"  {'page':<36} {columns}")
    for (label, _), r, miss in zip(pages, results, cold, strict=True):
        share = f"{r['rps'] / base:.2f}" if base else "-"
        print(
            f"  {label:<36} {r['rps']:8.1f} {r['p95'] * 1000:8.1f} {share:>8} {miss:12.1f} "
            f"{r['kb']:5.0f}"
        )
    worst = min(r["rps"] for r in results[1:]) / base
    print(f"  slowest public page: {worst:.2f} of hello world (target ≥ 0.33)")


if __name__ == "__main__":
    main()
