"""When each staff session was last used, for the sessions list: written at most once a minute
per session, as the session's own idle refresh is (allauth's tracking writes on every request,
which made every office page a write transaction)."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.usersessions.models import UserSession
from django.http import HttpRequest, HttpResponse

_SEEN = "senim_session_seen"
EVERY_SECONDS = 60


def session_activity(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and session.session_key and user and user.is_authenticated:
            now = time.time()
            if now - float(session.get(_SEEN, 0)) >= EVERY_SECONDS:
                UserSession.objects.create_from_request(request)
                session[_SEEN] = now
        return get_response(request)

    return middleware
