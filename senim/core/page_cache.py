"""Public pages rendered once per language and state, the CSRF token inserted per request.

The report form and the statistics page are the same for every visitor in a language (and a
state: the court registry, the roll-ups): rendering their fields and tables cost 10-20 ms of
pure Python per request, most of a portal page's time. They are rendered once per process
and key, with a placeholder where `{% csrf_token %}` goes; each response gets its own
request's token in its place, so a token is never shared between visitors, and its cookie is
set as usual (`get_token`).

Only what is the same for everyone is cached: a GET without flash messages. A bound form (with
what the visitor typed and its errors) always renders normally. `SENIM_PAGE_CACHE` turns the
cache off (and DEBUG does, so edited templates are seen at once).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

# Letters only: `{% csrf_token %}` escapes its value, and a token is letters and digits too.
PLACEHOLDER = "SENIMcsrfPLACEHOLDERxQzVwJkTrHyUpNmLbGfDsAeCiOoXqZwVjKtRhYuPnMlBgF"
# A page is 20-150 kB: a few hundred keys (3 languages x periods x regions) stay small.
MAX_PAGES = 256

_pages: OrderedDict[Hashable, str] = OrderedDict()
_remembered: dict[str, tuple[float, Any]] = {}
T = TypeVar("T")
_lock = threading.Lock()


def enabled() -> bool:
    return bool(getattr(settings, "SENIM_PAGE_CACHE", True)) and not settings.DEBUG


def clear() -> None:
    with _lock:
        _pages.clear()
        _remembered.clear()


def remembered(name: str, seconds: float, compute: Callable[[], T]) -> T:
    """`compute()`, kept for `seconds` in this process: a page's key that may lag a little."""
    now = time.monotonic()
    with _lock:
        kept = _remembered.get(name)
    if kept is not None and now - kept[0] < seconds:
        return cast(T, kept[1])
    value = compute()
    with _lock:
        _remembered[name] = (now, value)
    return value


def _same_for_everyone(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    # A flash message is one visitor's: such a page is rendered for them alone.
    return not len(get_messages(request))


def render_once(
    request: HttpRequest,
    template_name: str,
    context: Callable[[], Mapping[str, Any]],
    *,
    key: Hashable = (),
) -> HttpResponse:
    """`render(request, template_name, context())`, from the process's copy when it has one.

    `key` names what else the page depends on (the registry's version, the roll-ups' state);
    the language and the full path (the language switcher returns to it) are always part of it.
    `context` is called only when the page is rendered.
    """
    if not enabled() or not _same_for_everyone(request):
        return render(request, template_name, context())
    full_key = (template_name, get_language(), request.get_full_path(), key)
    with _lock:
        page = _pages.get(full_key)
        if page is not None:
            _pages.move_to_end(full_key)
    if page is None:
        page = render_to_string(template_name, {**context(), "csrf_token": PLACEHOLDER}, request)
        with _lock:
            _pages[full_key] = page
            while len(_pages) > MAX_PAGES:
                _pages.popitem(last=False)
    return HttpResponse(page.replace(PLACEHOLDER, get_token(request)))
