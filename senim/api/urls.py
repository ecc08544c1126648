"""/api/: one mount per version of the API (the interface layer holds only HTTP)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, re_path
from django.utils.translation import gettext as _

from senim.api.errors import problem_response
from senim.api.v1 import api as v1


def no_such_path(request: HttpRequest, rest: str = "") -> HttpResponse:
    """An address under /api/ that names nothing: a problem, as every other error of the API."""
    return problem_response("not_found", _("No such resource."))


def _problem_for_wrong_method(view: Callable[..., Any]) -> Callable[..., Any]:
    """ninja answers a method a path does not offer with a bare 405: make it a problem."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/problem+json"
        ):
            allowed = response.get("Allow", "")
            return problem_response(
                "method_not_allowed",
                _("This address answers only: %(methods)s.") % {"methods": allowed},
                headers={"Allow": allowed},
            )
        return response

    return wrapped


def _with_problems(urls: tuple[list[Any], str, str]) -> tuple[list[Any], str, str]:
    patterns, app_name, namespace = urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _problem_for_wrong_method(pattern.callback)
    return patterns, app_name, namespace


urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", _with_problems(v1.urls)),
    re_path(r"^(?P<rest>.*)$", no_such_path),
]
