"""A certificate run written to the disk and to object storage, side by side.

    python -m bench.storage [N]

Builds an issued decision with N certificates (``bench.certificates.build_decision``)
and renders it through ``render_run`` twice in this process (one rendering process,
so only the storage differs): first into a temporary ``MEDIA_ROOT``, then again
(``regenerate``) into a bucket of moto's S3 server on a local port, with the
requests the S3 client sent counted by operation.  Then the staff's print file and
the ZIP of every certificate are downloaded through the views from each storage.

moto keeps objects in memory in this same process: the S3 times are an API's cost
(HTTP, signing, the client), not a real store's disk or network.  The request
counts are exact whatever the store.
"""

import collections
import sys
import tempfile
import time

from bench.common import scratch_database
from bench.server import signed_in


def _count_requests(storage) -> collections.Counter:
    counts = collections.Counter()
    storage.connection.meta.client.meta.events.register(
        "before-call.s3", lambda model, **kwargs: counts.update([model.name])
    )
    return counts


def main(count: int) -> None:
    with (
        scratch_database() as connection,
        tempfile.TemporaryDirectory() as media,
        tempfile.TemporaryDirectory() as scratch,
    ):
        from django.contrib.auth import get_user_model
        from django.core.files.storage import default_storage
        from django.test import Client, override_settings
        from django.urls import reverse
        from moto.server import ThreadedMotoServer

        from awards.enums import RunState
        from awards.models import CertificateRun
        from awards.services.rendering import render_run
        from bench.certificates import build_decision
        from tests.support import s3

        port = s3.free_port()
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        server.start()
        bucket = s3.Bucket(f"http://127.0.0.1:{port}")
        on_s3 = {
            "default": {
                "BACKEND": "common.storage.PrivateS3Storage",
                "OPTIONS": bucket.storage_options(),
            }
        }
        try:
            with override_settings(
                MEDIA_ROOT=media, JOB_SCRATCH_ROOT=scratch, CERTIFICATE_RENDER_PROCESSES=1
            ):
                decision = build_decision(count)
                staff = get_user_model().objects.create_superuser("bench", "b@example.org", None)
                client = Client()
                signed_in(client, staff)
                results = {}
                for label, storages in (("disk", None), ("S3", on_s3)):
                    overrides = (
                        {"STORAGES": {**_settings_storages(), **storages}} if storages else {}
                    )
                    with override_settings(**overrides):
                        counts = _count_requests(default_storage) if storages else None
                        run = CertificateRun.objects.create(decision=decision)
                        started = time.perf_counter()
                        render_run(run, regenerate=True)
                        render_s = time.perf_counter() - started
                        run.refresh_from_db()
                        assert run.state == RunState.DONE, run.error
                        started = time.perf_counter()
                        sizes = [
                            len(
                                b"".join(
                                    client.get(reverse(name, args=[decision.pk])).streaming_content
                                )
                            )
                            for name in ("awards:certificates_pdf", "awards:certificates_zip")
                        ]
                        download_s = time.perf_counter() - started
                        results[label] = (render_s, download_s, sizes, counts)
            keys = bucket.keys()
        finally:
            server.stop()

        assert len(keys) == count + 2, len(keys)  # the certificates, the decision, the print file
        disk, on_bucket = results["disk"], results["S3"]
        requests = dict(sorted(on_bucket[3].items()))
        print(
            f"storage ({connection.vendor}, 1 rendering process): {count} certificates rendered"
            f" in {disk[0]:.1f} s on the disk, {on_bucket[0]:.1f} s on S3 (moto);"
            f" print file + ZIP downloaded in {disk[1]:.2f} s / {on_bucket[1]:.2f} s;"
            f" S3 requests {sum(requests.values())} ({requests}) for {len(keys)} objects"
        )


def _settings_storages() -> dict:
    from django.conf import settings

    return dict(settings.STORAGES)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
