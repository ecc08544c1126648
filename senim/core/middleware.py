"""Security headers Django 5.2 does not set by itself, the office session's idle refresh, and
the refusal of request bodies too large to be a form of ours."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from senim.core import clock

# No third-party origin anywhere: the portal must be safe to open in Tor Browser "safest".
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


def _policy_for(request: HttpRequest) -> str:
    """The office's sign-in form posts to Senim, which sends the browser on to the institution's
    identity provider: a form's redirect is bound by form-action, so the office allows that one
    origin. The portal never does."""
    issuer = settings.SENIM_OIDC_ISSUER
    if not issuer or not request.path.startswith("/office/"):
        return CSP
    parts = urlsplit(issuer)
    return CSP.replace("form-action 'self'", f"form-action 'self' {parts.scheme}://{parts.netloc}")


def content_security_policy(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", _policy_for(request))
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response

    return middleware


# How often an active office session's idle expiry is pushed forward.
SESSION_REFRESH_SECONDS = 60
_SEEN_KEY = "senim_seen"


def session_idle_refresh(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Keep an active session alive, writing it at most once a minute.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) moved its expiry to
    "idle limit from now" but made every page view a write transaction on the session table.
    Here a session is saved, and its expiry moved, only when it was last seen more than a
    minute ago: a session still ends after the idle limit (give or take that minute).
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(clock.now().timestamp())
            if now - int(session.get(_SEEN_KEY, 0)) >= SESSION_REFRESH_SECONDS:
                session[_SEEN_KEY] = now
        return response

    return middleware


# --- Request size -----------------------------------------------------------------------------

TOO_LARGE = "senim.body_too_large"
_BLOCK = 64 * 1024


def request_size_limit(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Refuse a body larger than SENIM_MAX_REQUEST_BYTES before any of it is read.

    Django would otherwise spool every uploaded file to disk and only then let the form refuse
    it (a 1 GB upload was written out before the 10 MB refusal). The declared Content-Length
    decides; a chunked body, which declares none, was counted by `count_chunked_bodies` in
    front of Django. The page is in the reporter's language: this runs before LocaleMiddleware.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django reads nothing of a body whose length it cannot parse
        if request.META.get(TOO_LARGE) or declared > settings.SENIM_MAX_REQUEST_BYTES:
            language = translation.get_language_from_request(request)
            with translation.override(language):
                megabytes = settings.SENIM_MAX_REQUEST_BYTES // (1024 * 1024)
                return render(request, "413.html", {"megabytes": megabytes}, status=413)
        return get_response(request)

    return middleware


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class _ClosingBody:
    """The application's answer, closing the spooled request body after it."""

    def __init__(self, result: Iterable[bytes], body: IO[bytes]) -> None:
        self.result = result
        self.body = body

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.result)

    def close(self) -> None:
        try:
            close = getattr(self.result, "close", None)
            if close is not None:
                close()  # Django's: request_finished, which also returns the DB connection
        finally:
            self.body.close()


def _drain_for_proxy(environ: dict[str, Any]) -> None:
    """Behind the proxy, read what a refusal left unread of a body before answering.

    A refusal sent without reading the body (413 by its declared length, 403 without a CSRF
    cookie) makes gunicorn close the connection after 64 KiB, while nginx is still sending the
    body it buffered: nginx sees a reset and answers 502 instead of Senim's page. The proxy has
    already received the whole body and limits its size (client_max_body_size), so reading the
    rest from it is quick. Directly facing clients nothing is drained: a client declaring a
    gigabyte is not read.
    """
    if not settings.SENIM_BEHIND_PROXY:
        return
    try:
        declared = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    if declared <= 0 or declared > 2 * int(settings.SENIM_MAX_REQUEST_BYTES):
        return
    stream = environ["wsgi.input"]
    left = declared
    while left > 0:
        block = stream.read(min(_BLOCK, left))
        if not block:
            break
        left -= len(block)


def count_chunked_bodies(application: WSGIApp) -> WSGIApp:
    """WSGI middleware for bodies sent without a Content-Length (Transfer-Encoding: chunked).

    Django reads a request body only up to its Content-Length, so it would see a chunked body
    as empty (a confusing refusal) while the server went on reading it. Here such a body is
    read up to SENIM_MAX_REQUEST_BYTES, counting: within the limit it is handed to Django with
    its length, as any other body; past the limit reading stops at once and Django is told,
    so that `request_size_limit` answers 413.
    """

    def counted(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        chunked = "chunked" in str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower()
        if not chunked or environ.get("CONTENT_LENGTH"):
            result = application(environ, start_response)
            _drain_for_proxy(environ)
            return result
        limit = int(settings.SENIM_MAX_REQUEST_BYTES)
        stream = environ["wsgi.input"]
        # Closed after the response (_ClosingBody), not here: Django reads it in between.
        body: IO[bytes] = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE
        )
        total = 0
        while total <= limit:
            block = stream.read(min(_BLOCK, limit + 1 - total))
            if not block:
                break
            body.write(block)
            total += len(block)
        if total > limit:
            body.close()
            body = io.BytesIO()
            environ[TOO_LARGE] = True
            total = 0
        body.seek(0)
        environ["wsgi.input"] = body
        environ["CONTENT_LENGTH"] = str(total)
        try:
            result = application(environ, start_response)
        except BaseException:
            body.close()
            raise
        return _ClosingBody(result, body)

    return counted
