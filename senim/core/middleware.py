"""Security headers Django 5.2 does not set by itself, and the office session's idle refresh."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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


def content_security_policy(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
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
