"""Settings for worker processes started by integration tests and benchmarks.

The project's settings, with email going to :class:`tests.support.mail.RecordingBackend`
(configured through the environment, see that module), optionally kombu's
filesystem broker in a folder of its own, and optionally the certificate
renderer's chunk size and number of processes.
"""

import os

from config.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.support.mail.RecordingBackend"
RECORDING_EMAIL_FILE = os.environ.get("RECORDING_EMAIL_FILE", "")
RECORDING_EMAIL_DELAY = float(os.environ.get("RECORDING_EMAIL_DELAY", "0"))
RECORDING_EMAIL_STALL_AFTER = int(os.environ.get("RECORDING_EMAIL_STALL_AFTER", "0"))

# A filesystem broker in a folder of its own (benchmarks without Redis).
if os.environ.get("FILESYSTEM_BROKER_FOLDER"):
    from tests.support.broker import filesystem_transport_options

    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_transport_options(
        os.environ["FILESYSTEM_BROKER_FOLDER"]
    )

# The certificate renderer's chunk size and processes (tests that kill a worker mid-chunk).
if os.environ.get("CERTIFICATE_CHUNK_SIZE"):
    CERTIFICATE_CHUNK_SIZE = int(os.environ["CERTIFICATE_CHUNK_SIZE"])
if os.environ.get("CERTIFICATE_RENDER_PROCESSES"):
    CERTIFICATE_RENDER_PROCESSES = int(os.environ["CERTIFICATE_RENDER_PROCESSES"])
