"""Where the files go: the local file system (the embedded default) or an S3-compatible object
store shared by several hosts, named by one setting, SENIM_STORAGE_URL:

    s3://BUCKET[/PREFIX]?endpoint=https://storage.example.kz&region=kz-1

The credentials are not in the URL (it is printed in diagnostics and may be logged): boto3
reads them from its usual places (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, an
instance role). Everything Senim stores is sealed by the vault before it leaves the process
(`senim.intake.vault`), so the storage operator holds only ciphertext under random names.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured


def storage_from_url(url: str) -> dict[str, Any]:
    """The STORAGES["default"] entry for `url` ("" is the local file system)."""
    if not url:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured(
            "SENIM_STORAGE_URL must look like s3://bucket[/prefix]?endpoint=https://..."
        )
    if parts.username or parts.password:
        raise ImproperlyConfigured(
            "SENIM_STORAGE_URL must not hold credentials: set AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY in the environment instead"
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    options: dict[str, Any] = {
        "bucket_name": parts.netloc,
        "location": parts.path.strip("/"),
        # Private objects, reached only through Senim: no public ACL, no signed links handed
        # out (downloads are served by Senim after its own checks), never overwritten.
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    if "endpoint" in query:
        options["endpoint_url"] = query["endpoint"]
    if "region" in query:
        options["region_name"] = query["region"]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
