"""Request bodies over SENIM_MAX_REQUEST_BYTES: a 413 page in the reader's language before a
byte is read, whether the body declares its length or comes in chunks without one."""

from __future__ import annotations

import http.client
import io
import re
import select
import socket
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from senim.intake.models import Appeal
from tests.intake_helpers import coupon_of, report_data
from tests.served import Browser, gunicorn


def _report(client: Client, files=None, **fields):
    data = report_data(**fields)
    if files:
        data["evidence"] = files
    return client.post("/report/", data, HTTP_ACCEPT_LANGUAGE="en")


class Upload(io.RawIOBase):
    """The body of a client sending a gigabyte: counts what the server reads of it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = 64 * 1024 if size is None or size < 0 else size
        self.read_bytes += size
        return b"x" * size


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "path"), [("ru", "/report/"), ("kk", "/follow-up/mailbox/"), ("en", "/office/")]
)
def test_a_declared_gigabyte_is_refused_before_a_byte_is_read(language, path) -> None:
    upload = Upload()
    environ: dict[str, Any] = {
        "HTTP_ACCEPT_LANGUAGE": language,
        "CONTENT_LENGTH": str(1024**3),
        "wsgi.input": upload,
    }
    response = Client().post(path, content_type="multipart/form-data; boundary=x", **environ)
    assert response.status_code == 413
    assert upload.read_bytes == 0
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert "Traceback" not in html and "senim/senim.css" in html
    assert "Content-Security-Policy" in response.headers
    if language == "en":
        assert "What you sent is larger than 52 MB" in html


@pytest.mark.django_db
@override_settings(SENIM_MAX_REQUEST_BYTES=64 * 1024)
def test_the_limit_is_the_whole_body_and_smaller_ones_pass(registry) -> None:
    small = SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 " + b"1" * 30_000)
    coupon_of(_report(Client(), files=[small]).content.decode())
    large = SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 " + b"1" * 70_000)
    refused = _report(Client(), files=[large])
    assert refused.status_code == 413
    assert Appeal.objects.count() == 1


def test_the_default_limit_is_every_attachment_plus_the_form(settings) -> None:
    assert settings.SENIM_MAX_REQUEST_BYTES == (
        settings.SENIM_ATTACHMENT_MAX_BYTES * settings.SENIM_ATTACHMENT_MAX_COUNT
        + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )


# --- The same through the real server, with and without a Content-Length --------------------

LIMIT = 256 * 1024


def _chunks(total: int, block: int = 16 * 1024):
    while total > 0:
        yield b"y" * min(block, total)
        total -= block


def _send_chunked_until_answered(server, path: str, total: int) -> tuple[int, str]:
    """Send `total` bytes in chunks, stopping as soon as the server answers; the answer."""
    with socket.create_connection((server.host, server.port), timeout=30) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {server.host}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
        )
        for block in _chunks(total):
            if select.select([sock], [], [], 0)[0]:
                break
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(block), block))
            except (BrokenPipeError, ConnectionResetError):
                break
        # The body is never ended: the answer must come because the server counted past the
        # limit, not because the client finished.
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_the_real_server_refuses_oversized_bodies_counted_or_declared(
    registry, tmp_path: Path
) -> None:
    with gunicorn(tmp_path, SENIM_MAX_REQUEST_BYTES=str(LIMIT)) as server:
        # Declared: a gigabyte announced, nothing sent; the answer does not wait for it.
        conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
        conn.putrequest("POST", "/report/")
        conn.putheader("Content-Length", str(1024**3))
        conn.putheader("Content-Type", "multipart/form-data; boundary=x")
        conn.putheader("Accept-Language", "ru")
        conn.endheaders()
        # Had the server waited for the body, this would end in the client's 10 s timeout.
        declared = conn.getresponse()
        assert declared.status == 413
        assert '<html lang="ru">' in declared.read().decode()
        conn.close()

        # Counted: four times the limit in chunks, with no length; refused once past it. The
        # client watches for the answer while it sends, as curl does: the server closes the
        # connection after refusing, so a client that kept writing would meet a broken pipe.
        status, page = _send_chunked_until_answered(server, "/report/", 4 * LIMIT)
        assert status == 413
        assert "Traceback" not in page

        # A chunked report within the limit reaches the form like any other, and registers.
        browser = Browser(server, "127.0.0.1")
        browser.open_form("/report/")
        fields = {**report_data(subject="Sent in chunks"), "csrfmiddlewaretoken": browser.token}
        body = urllib.parse.urlencode(fields).encode()
        conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
        cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
        conn.request(
            "POST",
            "/report/",
            body=iter([body[:100], body[100:]]),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Accept-Language": "en",
            },
            encode_chunked=True,
        )
        registered = conn.getresponse()
        html = registered.read().decode()
        conn.close()
        log = server.log_text()
    assert registered.status == 200, html
    number, _code = coupon_of(html)
    assert Appeal.objects.get(number=number).subject == "Sent in chunks"
    assert not re.search(r"Traceback|ERROR|CRITICAL", log), log
