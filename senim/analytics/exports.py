"""The files of the analytics section: reports as PDF and XLSX, the statistical export as CSV
and XLSX. Every download is an audited event ("analytics.report", "analytics.export").

The content comes from `reports.py` and `court_statistics.py`; here it is only written out,
in the language asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from senim.analytics.court_statistics import Statistics, statistics
from senim.analytics.indicators import COUNT, MEDIAN, PER_100, RATE, Value
from senim.analytics.periods import Period
from senim.analytics.report_scopes import ReportScope
from senim.analytics.reports import Line, Report, Section, build_report
from senim.core.audit import audit
from senim.core.pdf import render_pdf
from senim.core.spreadsheet import CSV_DELIMITER, as_text

if TYPE_CHECKING:
    from senim.accounts.models import User

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"
REPORT_FORMATS = ("pdf", "xlsx")
EXPORT_FORMATS = ("csv", "xlsx")
# The report's PDF layout lives with the office templates (the report form is there too).
REPORT_TEMPLATE = "office/analytics/report_pdf.html"

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_NUMBER_FORMATS = {COUNT: "#,##0", MEDIAN: "0", PER_100: "0.00", RATE: "0.0%"}
_CHANGE_FORMATS = {
    COUNT: "+#,##0;-#,##0;0",
    MEDIAN: "+0;-0;0",
    PER_100: "+0.00;-0.00;0.00",
    RATE: "+0.0;-0.0;0.0",  # percentage points
}


@dataclass(frozen=True)
class File:
    name: str
    content_type: str
    data: bytes


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, int | float | dt.date):
        return value
    text = str(value)
    return as_text(text)


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def _file_name(*parts: str, ext: str) -> str:
    name = "-".join(re.sub(r"[^A-Za-z0-9_.]+", "-", part).strip("-") for part in parts)
    return f"senim-{name}.{ext}"


def _sheet_title(book: Workbook, title: str) -> str:
    clean = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Sheet"
    taken = set(book.sheetnames)
    candidate, number = clean, 2
    while candidate in taken:
        suffix = f" {number}"
        candidate, number = clean[: 31 - len(suffix)] + suffix, number + 1
    return candidate


def _widths(sheet: Any, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the report --------------------------------------------------------------------------


def _page_text(template: str) -> str:
    """A translated "Page %(number)s of %(total)s" as CSS content with page counters."""
    safe = template.replace('"', "").replace("\\", "")
    parts = safe % {"number": "\x00page\x00", "total": "\x00pages\x00"}
    pieces = []
    for piece in parts.split("\x00"):
        if piece in ("page", "pages"):
            pieces.append(f"counter({piece})")
        elif piece:
            pieces.append(f'"{piece}"')
    return " ".join(pieces)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "").replace('"', "").replace("\n", " ") + '"'


def _report_context(report: Report) -> dict[str, Any]:
    return {
        "report": report,
        "page_counter": _page_text(_("Page %(number)s of %(total)s")),
        "running_head": _css_string(report.department),
        "running_title": _css_string(f"{report.title} · {report.period_label}"),
    }


def report_html(report: Report) -> str:
    """The report as the HTML its PDF is made from, in the report's language."""
    with translation.override(report.language):
        return render_to_string(REPORT_TEMPLATE, _report_context(report))


def report_pdf(report: Report) -> bytes:
    with translation.override(report.language):
        return render_pdf(REPORT_TEMPLATE, _report_context(report))


def _put_number(cell: Any, kind: str, value: float | None, *, change: bool = False) -> None:
    if value is None:
        cell.value = ""
        return
    if change and kind == RATE:
        cell.value = round(value * 100, 1)
    elif kind in (COUNT, MEDIAN) and float(value).is_integer():
        cell.value = int(value)
    else:
        cell.value = value
    cell.number_format = (_CHANGE_FORMATS if change else _NUMBER_FORMATS).get(kind, "General")


def _line_header() -> list[str]:
    return [
        _("Indicator"),
        _("Value"),
        _("Numerator"),
        _("Denominator"),
        _("Previous period"),
        _("Change (rates: percentage points)"),
        _("Benchmark"),
        _("Definition"),
    ]


def _write_lines(sheet: Any, lines: Iterable[Line]) -> None:
    sheet.append(_line_header())
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    for line in lines:
        sheet.append([_text(line.label)])
        row = sheet.max_row
        _put_number(sheet.cell(row, 2), line.kind, line.value)
        sheet.cell(row, 3).value = line.numerator if line.numerator is not None else ""
        sheet.cell(row, 4).value = line.denominator if line.denominator is not None else ""
        _put_number(sheet.cell(row, 5), line.kind, line.previous)
        _put_number(sheet.cell(row, 6), line.kind, line.change, change=True)
        sheet.cell(row, 7).value = _text(line.benchmark)
        sheet.cell(row, 8).value = _text(line.definition)
        sheet.cell(row, 8).alignment = _WRAP


def _write_sections(sheet: Any, sections: Iterable[Section]) -> None:
    for section in sections:
        sheet.append([_text(section.title)])
        sheet.cell(sheet.max_row, 1).font = _BOLD
        sheet.append(
            [
                "",
                pgettext("how many", "Number"),
                _("Share"),
                _("Previous period"),
                pgettext("difference between two periods", "Change"),
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = _BOLD
        for line in [*section.lines, section.total]:
            sheet.append([_text(line.label)])
            row = sheet.max_row
            _put_number(sheet.cell(row, 2), COUNT, line.value)
            _put_number(sheet.cell(row, 3), RATE, line.share)
            _put_number(sheet.cell(row, 4), COUNT, line.previous)
            _put_number(sheet.cell(row, 5), COUNT, line.change, change=True)
            if line is section.total:
                for cell in sheet[row]:
                    cell.font = _BOLD
        sheet.append([])


def _league_value(cell: Any, value: Value) -> None:
    _put_number(cell, value.indicator.kind, value.value)


def report_xlsx(report: Report) -> bytes:
    with translation.override(report.language):
        book = Workbook()
        summary = book.active
        summary.title = _sheet_title(book, _("Indicators"))
        for text, font in (
            (report.department, _BOLD),
            (report.title, _TITLE),
            (f"{_('Period')}: {report.period_label}", None),
            (f"{_('Scope')}: {report.scope_label}", None),
            (f"{_('Compared with')}: {report.previous_label}", None),
            (f"{_('Prepared')}: {_local(report.generated_at):%d.%m.%Y %H:%M}", None),
        ):
            summary.append([_text(text)])
            if font is not None:
                summary.cell(summary.max_row, 1).font = font
        summary.append([])
        _write_lines(summary, report.indicators)
        for note in report.notes:
            summary.append([_text(note)])
        _widths(summary, [46, 12, 12, 12, 14, 12, 30, 90])

        breakdowns = book.create_sheet(_sheet_title(book, _("Appeals and outcomes")))
        _write_sections(breakdowns, report.breakdowns)
        _widths(breakdowns, [60, 12, 10, 14, 10])

        referrals = book.create_sheet(_sheet_title(book, _("Referrals")))
        _write_sections(referrals, report.referrals)
        _widths(referrals, [60, 12, 10, 14, 10])

        prevention = book.create_sheet(_sheet_title(book, _("Prevention")))
        _write_lines(prevention, report.prevention)
        _widths(prevention, [60, 12, 12, 12, 14, 12, 10, 90])

        league = book.create_sheet(_sheet_title(book, _("League of courts")))
        league.append([_("Code"), _("Court"), _("Region"), *report.league_headers])
        for cell in league[1]:
            cell.font = _BOLD
            cell.alignment = _WRAP
        for row in report.league:
            league.append([_text(row.code), _text(row.name), _text(row.region)])
            for offset, value in enumerate(row.values):
                _league_value(league.cell(league.max_row, 4 + offset), value)
        league.freeze_panes = "D2"
        _widths(league, [14, 60, 30, *[14] * len(report.league_headers)])
        return _save(book)


def report_file(
    *, user: User, kind: str, period: Period, scope: ReportScope, language: str, fmt: str
) -> File:
    """The report in `language` as PDF or XLSX; the download is audited."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    report = build_report(kind, period, scope, language)
    data = report_pdf(report) if fmt == "pdf" else report_xlsx(report)
    audit(
        action="analytics.report",
        actor=user,
        object_type="analytics",
        object_id=period.code,
        detail={
            "kind": kind,
            "period": period.code,
            "scope": scope.choice,
            "language": language,
            "format": fmt,
        },
    )
    return File(
        _file_name(kind, scope.slug(), period.code, language, ext=fmt),
        PDF if fmt == "pdf" else XLSX,
        data,
    )


# --- the statistical export --------------------------------------------------------------


def _statistics_header(table: Statistics) -> list[str]:
    return [
        _("Code"),
        _("Court"),
        _("Region"),
        *(f"{column.group}: {column.label}" for column in table.columns),
    ]


def statistics_csv(table: Statistics) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads Cyrillic; semicolons between cells."""
    with translation.override(table.language):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
        writer.writerow(_statistics_header(table))
        for row in table.rows:
            writer.writerow([_text(row.code), _text(row.name), _text(row.region), *row.values])
        writer.writerow(["", _("Total"), "", *table.totals])
        return out.getvalue().encode("utf-8-sig")


def statistics_xlsx(table: Statistics) -> bytes:
    """One row per court under two header rows (the group, then the column), a totals row, and
    a second sheet saying what was counted."""
    with translation.override(table.language):
        book = Workbook()
        sheet = book.active
        sheet.title = _sheet_title(book, _("Statistics"))
        sheet.append(["", "", "", *(column.group for column in table.columns)])
        start = 4  # the column of the first figure
        for _group, members in itertools.groupby(table.columns, key=lambda c: c.group):
            width = len(list(members))
            if width > 1:
                sheet.merge_cells(
                    start_row=1, start_column=start, end_row=1, end_column=start + width - 1
                )
            start += width
        sheet.append(
            [_("Code"), _("Court"), _("Region"), *(column.label for column in table.columns)]
        )
        for row_number in (1, 2):
            for cell in sheet[row_number]:
                cell.font = _BOLD
                cell.alignment = _WRAP
        for row in table.rows:
            sheet.append([_text(row.code), _text(row.name), _text(row.region), *row.values])
        sheet.append(["", _("Total"), "", *table.totals])
        for cell in sheet[sheet.max_row]:
            cell.font = _BOLD
        sheet.freeze_panes = "D3"
        _widths(sheet, [14, 60, 30, *[12] * len(table.columns)])

        about = book.create_sheet(_sheet_title(book, _("About")))
        for text in (
            table.title,
            f"{_('Period')}: {table.period_label}",
            f"{_('Scope')}: {table.scope_label}",
            f"{_('Prepared')}: {_local(table.generated_at):%d.%m.%Y %H:%M}",
            _(
                "Appeals are counted by kind and channel in the month they were registered; "
                "outcomes in the month the case was concluded."
            ),
        ):
            about.append([_text(text)])
        about.cell(1, 1).font = _TITLE
        _widths(about, [120])
        return _save(book)


def statistics_file(
    *, user: User, period: Period, scope: ReportScope, language: str, fmt: str
) -> File:
    """The statistical export as CSV or XLSX; the download is audited."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    table = statistics(period, scope, language)
    data = statistics_csv(table) if fmt == "csv" else statistics_xlsx(table)
    audit(
        action="analytics.export",
        actor=user,
        object_type="analytics",
        object_id=period.code,
        detail={
            "period": period.code,
            "scope": scope.choice,
            "language": language,
            "format": fmt,
            "courts": len(table.rows),
        },
    )
    return File(
        _file_name("statistics", scope.slug(), period.code, language, ext=fmt),
        CSV if fmt == "csv" else XLSX,
        data,
    )
