"""The statistics page and the Excel exports at province scale.

    python -m bench.statistics [N] [--repeat R]

Builds N nominations (default 200,000 on PostgreSQL, 20,000 on SQLite) over 2,082
units with ``bench.queue.build`` (one achievement each, every state), then gives the
awarded ones a decision date and a bonus and the people categories, genders and
leading posts, runs ``ANALYZE``, and times in-process (Django's test client, DEBUG
off at run time: the server's time, no network) the median of R loads (default 5) of:

* the staff's statistics page (every table over every row), by quarter, with a
  campaign chosen, with a date range, and a unit officer's (one department);
* the Excel file of every table (``export=all``);
* the review queue's Excel export of the rows sent in the first half of the data's
  three years (≈ N/2, once).

Prints one line per page: milliseconds, queries, size.  Target: the page ≤ 1 s.
"""

import argparse
import datetime
import os
import random
import statistics
import time

from bench.common import scratch_database
from bench.server import signed_in


def dress(world) -> None:
    """Awards for the awarded nominations, people's categories, genders, leading posts:
    set-based updates, a few per kind."""
    from django.db import connection

    from awards.enums import NominationState
    from awards.models import AwardType, Nomination
    from units.enums import IndividualCategory
    from units.models import Individual

    awarded = Nomination.objects.filter(state=NominationState.AWARDED, achieved_on__isnull=False)
    for index, award_type in enumerate(AwardType.objects.filter(is_active=True)[:6]):
        awarded.filter(award_type=award_type).update(
            awarded_on=plus_days("achieved_on", 12 + 23 * index),
            award_amount=[710_000, 1_410_000, 3_510_000, 0, 450_000, 7_020_000][index],
        )
    people = list(Individual.objects.order_by("pk").values_list("pk", flat=True))
    categories = IndividualCategory.values
    step = len(people) // len(categories) + 1
    for index, category in enumerate(categories):
        chunk = people[index * step : (index + 1) * step]
        if chunk:
            Individual.objects.filter(pk__gte=chunk[0], pk__lte=chunk[-1]).update(category=category)
    Individual.objects.filter(full_name__endswith="7").update(is_leader=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def plus_days(field, days):
    from django.db.models import DateField, ExpressionWrapper, F

    return ExpressionWrapper(F(field) + datetime.timedelta(days=days), output_field=DateField())


def measure(client, path, repeat) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, size, queries = [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        size, queries = len(body), len(captured)
    return {"ms": statistics.median(times) * 1000, "queries": queries, "kb": size / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    with scratch_database() as connection:
        from django.conf import settings
        from django.test import Client

        settings.DEBUG = False  # as served: no query log (the static files stay plain)
        from django.urls import reverse

        from bench.queue import UNITS, build

        vendor = connection.vendor
        count = args.count or (200_000 if vendor == "postgresql" else 20_000)
        print(f"building {count:,} nominations over {UNITS:,} units ({vendor})…", flush=True)
        started = time.perf_counter()
        world = build(count, random.Random(13))  # noqa: S311 - reproducible data
        dress(world)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)

        from awards.models import Nomination

        campaign = Nomination.objects.values_list("campaign_id", flat=True).first()
        # The queue's export of about half the rows (≈100,000 of 200,000): those sent
        # before a day halfway through the three years the data spans.
        halfway = (datetime.date.today() - datetime.timedelta(days=560)).isoformat()
        exported = Nomination.objects.filter(submitted_at__date__lte=halfway).count()
        staff, officer = Client(), Client()
        signed_in(staff, world["staff"])
        signed_in(officer, world["officer"])
        page = reverse("awards:statistics")
        queue = reverse("awards:nomination_export")
        year = datetime.date.today().year - 1
        pages = [
            ("statistics, staff, everything", staff, page),
            ("statistics, staff, by quarter", staff, f"{page}?period=quarter"),
            ("statistics, staff, one campaign", staff, f"{page}?campaign={campaign}"),
            (
                f"statistics, staff, year {year}",
                staff,
                f"{page}?date_from={year}-01-01&date_to={year}-12-31",
            ),
            ("statistics, officer (one department)", officer, page),
            ("statistics Excel, every table", staff, f"{page}?export=all"),
            (
                f"queue Excel, {exported:,} rows",
                staff,
                f"{queue}?queue=all&submitted_to={halfway}",
            ),
        ]
        print(
            f"\nstatistics benchmark ({vendor}, {count:,} nominations, {UNITS:,} units, "
            f"in-process, median of {args.repeat})"
        )
        print(f"  {'page':<42} {'ms':>8} {'queries':>8} {'KB':>7}")
        for label, client, path in pages:
            repeat = 1 if "queue Excel" in label else args.repeat
            result = measure(client, path, repeat)
            print(
                f"  {label:<42} {result['ms']:8.0f} {result['queries']:8d} {result['kb']:7.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
