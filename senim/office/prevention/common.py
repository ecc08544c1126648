"""What the prevention pages share: forms that call one service, XLSX answers, file downloads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from senim.accounts.models import User
from senim.core import clock
from senim.core.errors import DomainError
from senim.intake.attachments import read_uploads
from senim.office.access import staff_required
from senim.organization.policy import Capability
from senim.prevention import access
from senim.prevention.documents.services import document_download
from senim.prevention.exports import CONTENT_TYPE
from senim.prevention.reminders import services as reminders

# Who opens the unit-scoped pages (the selectors narrow what each one sees): whoever sees some
# unit's prevention work. The others (operators) see only the concept and GRECO, which every
# member of staff may read.
VIEWERS = (Capability.PREVENTION_VIEW_ALL, Capability.PREVENTION_VIEW_UNIT)
# Who opens the pages that only record (a new event, a new risk): whoever changes some unit's.
EDITORS = (Capability.PREVENTION_EDIT_ALL, Capability.PREVENTION_EDIT_UNIT)

FormFactory = Callable[[Any, Any], forms.Form]


def acting(request: HttpRequest) -> User:
    """The member of staff making the request (the views' decorators let no one else in)."""
    user = request.user
    if not isinstance(user, User):
        raise Forbidden
    return user


@dataclass(frozen=True)
class Action:
    """A form on a page and the one service it calls with the cleaned data."""

    build: FormFactory
    run: Callable[[forms.Form], Any]
    done: str
    allowed: bool = True


@dataclass
class Handled:
    forms: dict[str, forms.Form]
    response: HttpResponse | None = None
    open: str = ""
    files_dropped: bool = False


def handle(request: HttpRequest, actions: dict[str, Action], *, to: str = "") -> Handled:
    """Build each form; on POST bind the one named by the hidden `form` field, call its
    service, and redirect on success. A refused form comes back bound: nothing typed is lost."""
    posted = request.POST.get("form", "") if request.method == "POST" else ""
    if posted and (posted not in actions or not actions[posted].allowed):
        raise Forbidden
    result = Handled(forms={})
    for name, action in actions.items():
        if name != posted:
            result.forms[name] = action.build(None, None)
            continue
        form = action.build(request.POST, request.FILES)
        if form.is_valid():
            try:
                action.run(form)
            except DomainError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, action.done)
                result.response = redirect(to or request.get_full_path())
                return result
        result.forms[name] = form
        result.open = name
        result.files_dropped = bool(request.FILES)
    return result


def render_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A prevention page, with what its navigation needs: whether the user sees any unit's
    work (the plans, events, commissions and risks) or only the country's concept and GRECO."""
    sees_units = not access.scope_of(request.user).nothing
    return render(request, template, {"sees_units": sees_units, **context})


def raw_files(form: forms.Form, field: str = "evidence") -> list[tuple[str, bytes]]:
    return read_uploads(form.cleaned_data.get(field) or [])


def xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}-{clock.today():%Y-%m-%d}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def page_of(request: HttpRequest, rows: Any, size: int = 50) -> Page:
    """One page of a list (a queryset or a list) without counting the whole of it."""
    try:
        number = max(1, min(int(request.GET.get("page", "1")), 10_000))
    except ValueError:
        number = 1
    start = (number - 1) * size
    chunk = list(rows[start : start + size + 1])
    return Page(rows=chunk[:size], number=number, has_next=len(chunk) > size)


def query_of(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
@staff_required()
def document(request: HttpRequest, document_id: int) -> HttpResponse:
    try:
        name, data = document_download(user=acting(request), document_id=document_id)
    except DomainError as missing:
        raise Http404 from missing
    # Always a download, never shown inline.
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name, safe='')}"
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@staff_required()
def reminder_dismiss(request: HttpRequest, reminder_id: int) -> HttpResponse:
    try:
        reminders.reminder_dismiss(user=acting(request), reminder_id=reminder_id)
    except DomainError as missing:
        raise Http404 from missing
    messages.success(request, _("The reminder has been put away."))
    return redirect("office:home")
