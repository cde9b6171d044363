"""A throwaway database for benchmarks: the test database of the configured one.

With no DATABASE_URL that is an in-memory SQLite database (a file in a
temporary folder with ``shared=True``, for benchmarks whose worker processes
open it too); with a PostgreSQL URL it is ``test_<name>``, created and dropped
around the run.
"""

import contextlib
import os
import tempfile

import django


@contextlib.contextmanager
def scratch_database(*, shared: bool = False):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Tasks a benchmark queues go nowhere: the benchmark times them itself.
    os.environ.setdefault("CELERY_BROKER_URL", "memory://")
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    with contextlib.ExitStack() as stack:
        if shared and connection.vendor == "sqlite":
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-"))
            connection.settings_dict["TEST"]["NAME"] = os.path.join(folder, "bench.sqlite3")
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            yield connection
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()
