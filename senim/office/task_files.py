"""A file sent with a reply to a central task: a download for whoever sees the task."""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from senim.cases.central_tasks import task_file_download
from senim.core.errors import NotFound
from senim.office.access import staff_required, staff_user
from senim.organization.policy import Capability


@require_GET
@staff_required(Capability.TASKS_SET, Capability.TASKS_ANSWER)
def task_file(request: HttpRequest, task_id: int, file_id: int) -> HttpResponse:
    try:
        name, data = task_file_download(user=staff_user(request), task_id=task_id, file_id=file_id)
    except NotFound as missing:
        raise Http404 from missing
    # Always a download, never shown inline: the file came from outside this system.
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name, safe='')}"
    response["Cache-Control"] = "private, no-store"
    return response
