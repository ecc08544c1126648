"""Files on an S3-compatible object store shared by several hosts (SENIM_STORAGE_URL): a real
one here, moto's server, started for the test. What reaches the store is sealed; the office
still downloads the original; the sweep's orphan step works on the store too."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from senim.cases.models import Case
from senim.core.object_storage import storage_from_url
from senim.intake import vault
from senim.intake.attachments import VAULT_PREFIX, attachments_orphans_prune
from senim.intake.models import Attachment
from senim.organization.models import Role
from tests.intake_helpers import coupon_of, report_data
from tests.ports import free_port

MARKER = b"OBJECT-STORE-EVIDENCE-5d1e"
BUCKET = "senim-files"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "senim-test", "AWS_SECRET_ACCESS_KEY": "senim-test-secret"}


@pytest.fixture(scope="module")
def object_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real S3-compatible server (moto's), with an empty bucket; its endpoint."""
    port = free_port()
    server = Path(sys.executable).with_name("moto_server")
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("wb")
    process = subprocess.Popen(
        [str(server), "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.1)
        _client(endpoint).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _client(endpoint: str):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_keys())


def _keys() -> dict[str, str]:
    return {"aws_access_key_id": "senim-test", "aws_secret_access_key": "senim-test-secret"}


def _objects(endpoint: str) -> dict[str, bytes]:
    s3 = _client(endpoint)
    listed = s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {o["Key"]: s3.get_object(Bucket=BUCKET, Key=o["Key"])["Body"].read() for o in listed}


@pytest.fixture
def on_the_store(object_store: str, settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    url = f"s3://{BUCKET}/senim?endpoint={object_store}&region=us-east-1"
    storages = {**settings.STORAGES, "default": storage_from_url(url)}
    with override_settings(STORAGES=storages):
        yield object_store
    for key in _objects(object_store):
        _client(object_store).delete_object(Bucket=BUCKET, Key=key)


@pytest.mark.django_db
def test_evidence_goes_to_the_store_sealed_and_comes_back_to_the_office(
    on_the_store, make_staff, login, settings
) -> None:
    data = report_data()
    data["evidence"] = SimpleUploadedFile("evidence.txt", b"Evidence: " + MARKER)
    number, _code = coupon_of(Client().post("/report/", data).content.decode())

    stored = _objects(on_the_store)
    assert len(stored) == 1
    key, body = next(iter(stored.items()))
    assert key.startswith("senim/" + VAULT_PREFIX)
    assert MARKER not in body and vault.vault_open(body).endswith(MARKER)  # sealed
    # Not on this host's disk as well. (By its name: the other test worker shares the folder
    # and writes files of its own into it meanwhile.)
    assert Path(key).name not in {p.name for p in Path(settings.MEDIA_ROOT).rglob("*")}

    case = Case.objects.get(appeal__number=number)
    attachment = Attachment.objects.get(appeal=case.appeal)
    chief = login(make_staff(Role.CHIEF, "REG-75"))
    download = chief.get(f"/office/cases/{case.pk}/files/{attachment.pk}/")
    assert download.status_code == 200
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert MARKER in body


@pytest.mark.django_db
def test_the_orphan_step_removes_only_unreferenced_objects_from_the_store(
    registry, on_the_store
) -> None:
    data = report_data()
    data["evidence"] = SimpleUploadedFile("kept.txt", b"kept " + MARKER)
    coupon_of(Client().post("/report/", data).content.decode())
    from django.core.files.storage import default_storage

    orphan = default_storage.save(f"{VAULT_PREFIX}orphan", ContentFile(vault.seal(b"left over")))
    assert len(_objects(on_the_store)) == 2
    assert attachments_orphans_prune(older_than=dt.timedelta(0)) == 1
    remaining = _objects(on_the_store)
    assert len(remaining) == 1 and not any(k.endswith(orphan) for k in remaining)


def test_a_storage_url_is_checked_and_never_holds_credentials() -> None:
    assert storage_from_url("")["BACKEND"].endswith("FileSystemStorage")
    s3 = storage_from_url("s3://bucket/prefix?endpoint=https://store.kz&region=kz-1")
    assert s3["OPTIONS"]["bucket_name"] == "bucket" and s3["OPTIONS"]["location"] == "prefix"
    assert s3["OPTIONS"]["endpoint_url"] == "https://store.kz"
    assert s3["OPTIONS"]["default_acl"] is None and not s3["OPTIONS"]["file_overwrite"]
    for bad in ["https://bucket", "s3://", "s3://key:secret@bucket"]:
        with pytest.raises(ImproperlyConfigured):
            storage_from_url(bad)
    assert os.environ.get("SENIM_STORAGE_URL", "") == ""  # the suite runs on the file system
