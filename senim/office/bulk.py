"""Acting on the cases selected in the queue: parse, call one service of `senim.cases.bulk`,
answer (a message and back to the same queue, or the form again with what was chosen)."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from senim.cases import bulk
from senim.core import clock
from senim.core.errors import DomainError
from senim.core.spreadsheet import CSV_DELIMITER, as_text
from senim.office.access import staff_user
from senim.office.bulk_forms import ASSIGN, EXPORT, RELATE, REROUTE, SPAM, BulkForm
from senim.office.second_factor import second_factor_fresh, step_up_url
from senim.triage.bulk_links import cases_relate_all


def bulk_act(request: HttpRequest, form: BulkForm) -> HttpResponse | None:
    """The answer to a bulk act, or None when the form is to be shown again with its errors."""
    if not form.is_valid():
        return None
    user = staff_user(request)
    act, ids, reason = form.cleaned_data["act"], form.selected, form.cleaned_data["reason"]
    try:
        if act == EXPORT:
            if not second_factor_fresh(request):
                # The selection comes back checked after the confirmation.
                back = f"{request.path}?{_with_selection(request, ids)}"
                return redirect(step_up_url(request, back))
            return _csv(bulk.cases_export(user=user, case_ids=ids))
        if act == ASSIGN:
            count = bulk.cases_assign(
                user=user, case_ids=ids, assignee_id=form.cleaned_data["assignee"], reason=reason
            )
        elif act == REROUTE:
            count = bulk.cases_reroute(
                user=user, case_ids=ids, unit=form.cleaned_data["unit"], reason=reason
            )
        elif act == RELATE:
            count = cases_relate_all(user=user, case_ids=ids, reason=reason)
        elif act == SPAM:
            count = bulk.cases_close_as_spam(user=user, case_ids=ids, reason=reason)
        else:  # pragma: no cover - the form's choices hold only the acts above
            raise PermissionDenied
    except DomainError as refused:
        form.add_error(None, refused.message)
        return None
    except PermissionDenied as refused:
        form.add_error(None, str(refused) or _("You may not do this."))
        return None
    messages.success(
        request,
        ngettext("Done for %(n)s case.", "Done for %(n)s cases.", count) % {"n": count},
    )
    return redirect(request.get_full_path())


def _with_selection(request: HttpRequest, ids: list[str]) -> str:
    query = request.GET.copy()
    query.setlist("case", ids)
    return query.urlencode()


def _csv(rows: list[bulk.ExportRow]) -> HttpResponse:
    out = io.StringIO()
    out.write("\ufeff")  # so that a spreadsheet opens the Cyrillic and Kazakh letters right
    writer = csv.writer(out, delimiter=CSV_DELIMITER)
    writer.writerow(
        [
            _("Registration number"),
            _("Registered"),
            _("Subject"),
            _("Court (name when reported)"),
            _("Channel"),
            _("Status"),
            _("Investigator"),
            _("Due"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.number,
                timezone.localtime(row.registered_at).strftime("%Y-%m-%d %H:%M"),
                as_text(row.subject),
                as_text(row.court),
                row.channel,
                row.status,
                as_text(row.assignee),  # a name typed on the staff page
                row.due_on.isoformat() if row.due_on else "",
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = urlencode({"": f"cases-{clock.today().isoformat()}.csv"})[1:]
    response["Content-Disposition"] = f"attachment; filename={name}"
    response["Cache-Control"] = "no-store"
    return response
