"""units/migrations/0006_search_name_trigram_indexes.py: on PostgreSQL the name search of
the review queue reads the trigram indexes; elsewhere the migration does nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.filters import search_subjects
from awards.models import Nomination
from common.text import fold
from tests.factories import NominationFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def index_names():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "units_individual")
        constraints |= connection.introspection.get_constraints(cursor, "units_unit")
    return {name for name in constraints if name.endswith("_search_name_trgm")}


def test_the_indexes_exist_on_postgresql_only():
    expected = (
        {"units_individual_search_name_trgm", "units_unit_search_name_trgm"}
        if connection.vendor == "postgresql"
        else set()
    )
    assert index_names() == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_the_queue_search_reads_the_people_index():
    nomination = NominationFactory()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: force the choice
        with CaptureQueriesContext(connection) as queries:
            rows = search_subjects(Nomination.objects.all(), nomination.individual.full_name)
        # the people found by name first (their ids then go to the nominations' query)
        people = next(q["sql"] for q in queries if q["sql"].startswith('SELECT "units_individual"'))
        cursor.execute("EXPLAIN " + people)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "units_individual_search_name_trgm" in plan
    assert list(rows) == [nomination]
    assert fold(nomination.individual.full_name) == nomination.individual.search_name
