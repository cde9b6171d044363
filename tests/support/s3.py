"""A real S3 API for the tests: moto's server mode on a free local port, in this process.

The portal's storage talks to it over HTTP exactly as it talks to MinIO or AWS
(boto3, signed requests); nothing of the client is mocked.  Each test gets a
bucket of its own (:class:`Bucket`), which it reads back with boto3 to see what
really landed there.
"""

import socket
import uuid

import boto3
from botocore.config import Config

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"
REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def client(endpoint_url: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
        config=Config(s3={"addressing_style": "path"}),
    )


class Bucket:
    """A fresh bucket on the server at ``endpoint_url``."""

    def __init__(self, endpoint_url: str):
        self.endpoint_url = endpoint_url
        self.name = f"portal-{uuid.uuid4().hex[:16]}"
        self.client = client(endpoint_url)
        self.client.create_bucket(Bucket=self.name)

    def storage_options(self, **extra) -> dict:
        """``STORAGES["default"]["OPTIONS"]`` of ``common.storage.PrivateS3Storage``,
        as config/settings.py builds them from the ``S3_*`` variables."""
        return {
            "bucket_name": self.name,
            "endpoint_url": self.endpoint_url,
            "region_name": REGION,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "addressing_style": "path",
            **extra,
        }

    def environment(self) -> dict:
        """The same as environment variables (for worker processes)."""
        return {
            "S3_BUCKET": self.name,
            "S3_ENDPOINT_URL": self.endpoint_url,
            "S3_REGION": REGION,
            "S3_ACCESS_KEY": ACCESS_KEY,
            "S3_SECRET_KEY": SECRET_KEY,
        }

    def keys(self, prefix: str = "") -> list[str]:
        """Every object's key under ``prefix``, sorted."""
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Prefix=prefix
        )
        return sorted(item["Key"] for page in pages for item in page.get("Contents", ()))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()
