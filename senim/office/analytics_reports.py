"""The analytics reports (quarterly, yearly) and the statistical export: a form, then the file.

Thin views: the form says what is asked; `analytics.report_scopes` decides the scope a user may
have, `analytics.reports` and `analytics.court_statistics` assemble the content, and
`analytics.exports` writes the file and audits the download.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from senim.analytics import exports, periods, report_scopes, reports
from senim.analytics.access import may_see_analytics, may_see_country
from senim.core import clock, errors
from senim.core.i18n import active_language
from senim.core.replica import replica_read
from senim.office.access import staff_required, staff_user

QUARTERS = [(1, "I"), (2, "II"), (3, "III"), (4, "IV")]
FORMAT_LABELS = {"pdf": "PDF", "xlsx": "XLSX", "csv": "CSV"}


class _AskedForm(forms.Form):
    """What both forms share: the scope (the central department only), language, format."""

    formats: tuple[str, ...] = ()

    def __init__(self, *args: Any, central: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of the file"), choices=settings.LANGUAGES, initial=active_language()
        )
        self.fields["format"] = forms.ChoiceField(
            label=_("Format"),
            choices=[(code, FORMAT_LABELS[code]) for code in self.formats],
            initial=self.formats[0],
        )
        if central:
            self.fields["scope"] = forms.ChoiceField(
                label=_("Scope"),
                choices=report_scopes.scope_choices(),
                initial=report_scopes.COUNTRY,
            )
            self.order_fields(["scope"])


class ReportForm(_AskedForm):
    formats = exports.REPORT_FORMATS

    kind = forms.ChoiceField(
        label=_("Kind of report"),
        choices=[(kind, reports.REPORT_KIND_LABELS[kind]) for kind in reports.REPORT_KINDS],
        initial=reports.QUARTERLY,
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=QUARTERS,
        coerce=int,
        required=False,
        help_text=_("For a quarterly report."),
    )

    def __init__(self, *args: Any, central: bool, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, central=central, **kwargs)
        self.today = today
        default = reports.last_complete(reports.QUARTERLY, today)
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"),
            coerce=int,
            choices=[(y, str(y)) for y in reports.years_offered(today)],
            initial=default.start.year,
        )
        self.fields["quarter"].initial = (default.start.month - 1) // 3 + 1
        self.order_fields(["kind", "year", "quarter", "scope", "language", "format"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "kind" in data and "year" in data:
            data["period"] = reports.report_period(
                data["kind"], data["year"], data.get("quarter") or 1
            )
            if data["kind"] == reports.QUARTERLY and not data.get("quarter"):
                self.add_error("quarter", _("Choose the quarter."))
            elif data["period"].start > self.today:
                self.add_error("year", _("This period has not begun yet."))
        return data


class ExportForm(_AskedForm):
    formats = exports.EXPORT_FORMATS

    def __init__(self, *args: Any, central: bool, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, central=central, **kwargs)
        offered = periods.choices(today, years=len(reports.years_offered(today)))
        self.fields["period"] = forms.ChoiceField(
            label=_("Period"),
            choices=[(p.code, p.label) for p in offered],
            initial=reports.last_complete(reports.QUARTERLY, today).code,
        )
        self.order_fields(["period", "scope", "language", "format"])

    def clean_period(self) -> periods.Period:
        code = self.cleaned_data["period"]
        return periods.parse(code, default=periods.year(int(code[:4])))


def _allowed(request: HttpRequest) -> bool:
    if not may_see_analytics(request.user):
        raise PermissionDenied
    return may_see_country(request.user)


def _scope(request: HttpRequest, scope: str | None) -> report_scopes.ReportScope:
    try:
        return report_scopes.report_scope(staff_user(request), scope)
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused


def _download(file: exports.File) -> HttpResponse:
    response = HttpResponse(file.data, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.name}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _own_unit(request: HttpRequest, central: bool) -> str:
    return "" if central else staff_user(request).staff.unit.name


@require_GET
@staff_required()
@replica_read
def report(request: HttpRequest) -> HttpResponse:
    """The form; once submitted and valid, the report as a file."""
    central = _allowed(request)
    # A territorial unit asking for anything but its own figures is refused, not narrowed.
    scope = _scope(request, request.GET.get("scope"))
    form = ReportForm(request.GET or None, central=central, today=clock.today())
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return _download(
            exports.report_file(
                user=staff_user(request),
                kind=data["kind"],
                period=data["period"],
                scope=scope,
                language=data["language"],
                fmt=data["format"],
            )
        )
    return render(
        request,
        "office/analytics/report.html",
        {"form": form, "own_unit": _own_unit(request, central)},
    )


@require_GET
@staff_required()
@replica_read
def export(request: HttpRequest) -> HttpResponse:
    """The form; once submitted and valid, the statistical export as CSV or XLSX."""
    central = _allowed(request)
    scope = _scope(request, request.GET.get("scope"))
    form = ExportForm(request.GET or None, central=central, today=clock.today())
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return _download(
            exports.statistics_file(
                user=staff_user(request),
                period=data["period"],
                scope=scope,
                language=data["language"],
                fmt=data["format"],
            )
        )
    return render(
        request,
        "office/analytics/export.html",
        {"form": form, "own_unit": _own_unit(request, central)},
    )
