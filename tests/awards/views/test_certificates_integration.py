"""A certificate run whose worker is killed half way, through real worker processes.

The issue's case: 200 certificates, the worker killed once 100 are made.  The
run beats while it renders (its heartbeat moves during a chunk, while the
progress does not), is seen stopped within ``JOB_STALE_AFTER`` of the kill
(3 s here, a minute in production), is shown so on the certificate page, and
resumes from the page's "Tiếp tục": a new worker makes only the 100 missing
certificates, and the killed worker's scratch folder is gone.  And a worker on
"another host" (a media folder of its own) renders into object storage (moto's S3
server), from which the web process serves the certificates.

Runs a ``redis-server`` of its own and ``celery worker`` subprocesses on the
test database, which must be one another process can open (PostgreSQL with
``DATABASE_URL``, or an SQLite file).  Skipped when ``redis-server`` is missing.
"""

import io
import shutil
import time
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import RunState
from awards.models import Certificate, CertificateRun
from awards.services.certificates import start_run
from bench.certificates import build_decision
from tests.support.broker import publishing_to
from tests.support.processes import wait_until

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
    pytest.mark.django_db(transaction=True),
]

COUNT = 200
CHUNK = 100
STALE_AFTER = 3
HEARTBEAT = 1
TIMEOUT = 90


@pytest.fixture
def start_worker(make_worker, redis_server, tmp_path, settings):
    """Start the private Redis, then ``celery worker`` processes rendering in chunks of
    100 in one process each, seen stopped after ``STALE_AFTER`` seconds of silence."""
    redis_server.start()
    settings.JOB_STALE_AFTER = STALE_AFTER
    settings.JOB_SCRATCH_ROOT = tmp_path / "scratch"

    def start():
        worker = make_worker(
            JOB_STALE_AFTER=str(STALE_AFTER),
            JOB_HEARTBEAT_EVERY=str(HEARTBEAT),
            CERTIFICATE_CHUNK_SIZE=str(CHUNK),
            CERTIFICATE_RENDER_PROCESSES="1",
        )
        return worker.start(timeout=TIMEOUT)

    return start


def run_row(run) -> CertificateRun:
    return CertificateRun.objects.get(pk=run.pk)


def test_a_run_killed_half_way_is_seen_stopped_and_resumed_from_the_page(
    client, staff_user, redis_server, start_worker, settings
):
    decision = build_decision(COUNT)
    client.force_login(staff_user)
    with publishing_to(redis_server.url, transport_options=settings.REDIS_BROKER_TRANSPORT_OPTIONS):
        first = start_worker()
        run = start_run(decision, by=staff_user)

        # The first chunk is saved; during the second the heartbeat moves, the progress not.
        half = wait_until(
            lambda: (row := run_row(run)).done == CHUNK and row, TIMEOUT, "100 certificates"
        )
        beat = wait_until(
            lambda: (row := run_row(run)).updated_at > half.updated_at and row,
            HEARTBEAT * 3,
            "a heartbeat during the second chunk",
            interval=0.05,
        )
        assert (beat.done, beat.state) == (CHUNK, RunState.RUNNING)
        first.kill_all()  # main process and pool at once, as when the machine dies
        killed_at = time.monotonic()
        scratch = run.scratch_path()
        assert scratch.exists()  # the killed worker's chunk documents
        made_before = dict(
            Certificate.objects.filter(recipient__decision=decision)
            .exclude(file="")
            .values_list("pk", "rendered_at")
        )
        assert len(made_before) == CHUNK

        # Seen stopped within the liveness limit of the last heartbeat.
        wait_until(lambda: run_row(run).is_stale(), STALE_AFTER + HEARTBEAT + 2, "stale")
        assert time.monotonic() - killed_at <= STALE_AFTER + HEARTBEAT + 2
        page = client.get(reverse("awards:certificate_list", args=[decision.pk]))
        assert "Đang dừng: tiến trình tạo bằng không còn chạy" in page.content.decode()

        start_worker()
        resumed_at = timezone.now()
        response = client.post(reverse("awards:certificate_resume", args=[decision.pk]))
        assert response.status_code == 302
        wait_until(
            lambda: run_row(run).state == RunState.DONE,
            TIMEOUT,
            "the resumed run to finish",
            interval=0.2,
        )

    run.refresh_from_db()
    assert (run.done, run.total) == (COUNT, COUNT)
    certificates = Certificate.objects.filter(recipient__decision=decision)
    # Only the missing hundred were made again; the first hundred kept their times.
    assert certificates.filter(rendered_at__gte=resumed_at).count() == COUNT - CHUNK
    assert dict(certificates.filter(pk__in=made_before).values_list("pk", "rendered_at")) == (
        made_before
    )
    assert certificates.exclude(file="").count() == COUNT
    assert not scratch.exists()
    assert list(settings.JOB_SCRATCH_ROOT.iterdir()) == []


def test_certificates_made_by_a_worker_on_another_host_are_downloaded_from_object_storage(
    client, staff_user, redis_server, make_worker, s3_bucket, tmp_path, settings
):
    """Web and worker as two hosts: each has a media folder of its own, and neither is
    ever created; the worker renders into the bucket, the web serves from it."""
    redis_server.start()
    worker_disk = tmp_path / "worker-host-media"
    decision = build_decision(30)
    client.force_login(staff_user)
    with publishing_to(redis_server.url, transport_options=settings.REDIS_BROKER_TRANSPORT_OPTIONS):
        make_worker(MEDIA_ROOT=str(worker_disk), **s3_bucket.environment()).start(timeout=TIMEOUT)
        run = start_run(decision, by=staff_user)
        wait_until(
            lambda: run_row(run).state == RunState.DONE, TIMEOUT, "the run to finish", interval=0.2
        )

    response = client.get(reverse("awards:certificates_zip", args=[decision.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))

    certificates = list(Certificate.objects.filter(recipient__decision=decision))
    assert len(archive.namelist()) == len(certificates) == 30
    assert {c.file.name for c in certificates} <= set(s3_bucket.keys("certificates/"))
    assert sorted(archive.read(n) for n in archive.namelist()) == sorted(
        s3_bucket.read(c.file.name) for c in certificates
    )
    assert not worker_disk.exists()
