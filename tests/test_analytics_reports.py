"""Reports (PDF, XLSX) and the statistical export (CSV, XLSX): the figures of a small hand-made
data set, in the language asked for, to whom they may be shown, and audited."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections.abc import Callable
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from senim.analytics import court_statistics, exports, periods, report_scopes, reports, rollups
from senim.cases.models import Case, Referral, Status
from senim.core.models import AuditEvent
from senim.intake.models import Appeal
from senim.intake.registration import registration_number_next
from senim.organization.models import Court, Role, Unit
from senim.organization.selectors import unit_for_court

pytestmark = pytest.mark.django_db

REPORT = "/office/analytics/reports/"
EXPORT = "/office/analytics/export/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Q2 = "2025-Q2"
_serial = itertools.count(1)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(11, 0)))


def _case(
    court_code: str,
    *,
    kind: str,
    channel: str,
    registered: dt.date,
    outcome: str = "",
    concluded: dt.date | None = None,
    category: str = "bribery",
) -> Case:
    court = Court.objects.get(code=court_code)
    at = _at(registered)
    appeal = Appeal.objects.create(
        number=registration_number_next(at=at),
        registered_at=at,
        channel=channel,
        kind=kind,
        category=category,
        language="ru",
        court=court,
        subject=f"Subject {next(_serial)}",
        text="Подробности.",
    )
    return Case.objects.create(
        appeal=appeal,
        unit=unit_for_court(court),
        status=Status.CONCLUDED if outcome else Status.INVESTIGATION,
        outcome=outcome,
        category=category,
        concluded_at=_at(concluded) if concluded else None,
    )


@pytest.fixture
def data(registry: None) -> None:
    """Four appeals in 2025-Q2 (two courts of Almaty's unit, one of Astana's), one in Q1 (the
    previous period), one in Q3 (outside); three conclusions and a referral in Q2."""
    may, june = dt.date(2025, 5, 12), dt.date(2025, 6, 20)
    _case(
        "DST-75-02",
        kind="complaint",
        channel="portal",
        registered=may,
        outcome="substantiated",
        concluded=june,
    )
    _case(
        "DST-75-02",
        kind="statement",
        channel="trust_line",
        registered=may,
        outcome="not_substantiated",
        concluded=june,
        category="ethics",
    )
    _case("REG-75", kind="complaint", channel="email", registered=may)
    referred = _case(
        "DST-71-04",
        kind="violation",
        channel="trust_line",
        registered=may,
        outcome="referred_acs",
        concluded=june,
    )
    Referral.objects.create(
        case=referred,
        body=Referral.Body.ACS,
        sent_at=_at(june),
        result=Referral.Result.INVESTIGATION,
        result_at=_at(june),
    )
    _case("DST-71-04", kind="complaint", channel="portal", registered=dt.date(2025, 2, 3))
    _case("DST-75-02", kind="request", channel="post", registered=dt.date(2025, 7, 7))
    rollups.rebuild()


def _client(login: Callable[[Any], Client], user: Any) -> Client:
    client = login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _columns(language: str) -> dict[str, int]:
    """The 0-based column of each metric in the export (after code, court and region)."""
    with translation.override(language):
        return {c.metric: 3 + i for i, c in enumerate(court_statistics.statistics_columns())}


def _unit_id(code: str) -> int:
    return Unit.objects.get(court__code=code).pk


def _region_id(code: str) -> int:
    region_id = Court.objects.get(code=code).region_id
    assert region_id is not None
    return region_id


EXPECTED = {
    "DST-75-02": {
        "reports": 2,
        "kind:complaint": 1,
        "kind:statement": 1,
        "kind:request": 0,
        "channel:portal": 1,
        "channel:trust_line": 1,
        "channel:post": 0,
        "concluded": 2,
        "outcome:substantiated": 1,
        "outcome:not_substantiated": 1,
    },
    "REG-75": {"reports": 1, "kind:complaint": 1, "channel:email": 1, "concluded": 0},
    "DST-71-04": {
        "reports": 1,
        "kind:violation": 1,
        "kind:complaint": 0,
        "channel:trust_line": 1,
        "channel:portal": 0,
        "concluded": 1,
        "outcome:referred_acs": 1,
    },
}
TOTALS = {
    "reports": 4,
    "kind:complaint": 2,
    "kind:statement": 1,
    "kind:violation": 1,
    "kind:request": 0,
    "channel:portal": 1,
    "channel:trust_line": 2,
    "channel:email": 1,
    "channel:post": 0,
    "concluded": 3,
    "outcome:substantiated": 1,
    "outcome:not_substantiated": 1,
    "outcome:referred_acs": 1,
    "outcome:consultation": 0,
}


# --- the statistical export --------------------------------------------------------------


def test_export_xlsx_has_the_counts_per_court_and_the_totals(
    data: None, make_staff: Any, login: Any
) -> None:
    analyst = make_staff(Role.ANALYST)
    client = _client(login, analyst)
    response = client.get(
        EXPORT, {"period": Q2, "scope": "country", "language": "en", "format": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="senim-statistics-country-2025-Q2-en.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header, body, totals = rows[1], rows[2:-1], rows[-1]
    assert header[:3] == ("Code", "Court", "Region")
    columns = _columns("en")
    assert header[columns["kind:complaint"]] == "complaint"
    assert header[columns["channel:trust_line"]] == "trust line"
    assert header[columns["outcome:referred_acs"]] == "referred to the anti-corruption service"
    by_code = {row[0]: row for row in body}
    # One row per court that existed in the period, those without appeals too (the cassation
    # courts were set up on 1 July 2025; courts closed before April 2025 have no row either).
    existed = Court.objects.exclude(valid_from__gte=dt.date(2025, 7, 1)).exclude(
        valid_to__lt=dt.date(2025, 4, 1)
    )
    assert sorted(by_code) == sorted(existed.values_list("code", flat=True))
    assert "CASS-CIV" not in by_code
    assert by_code["DST-75-02"][1] == Court.objects.get(code="DST-75-02").name_en
    assert by_code["DST-75-02"][2] == Court.objects.get(code="DST-75-02").region.name_en
    for code, expected in EXPECTED.items():
        for metric, value in expected.items():
            assert by_code[code][columns[metric]] == value, (code, metric)
    assert all(v == 0 for v in by_code["SC"][3:])
    assert totals[1] == "Total"
    for metric, value in TOTALS.items():
        assert totals[columns[metric]] == value, metric
    entry = AuditEvent.objects.get(action="analytics.export")
    assert entry.actor_id == analyst.pk
    assert entry.detail["period"] == Q2
    assert entry.detail["scope"] == "country"
    assert entry.detail["format"] == "xlsx"


def test_export_csv_is_utf8_with_bom_in_the_language_asked_for(
    data: None, make_staff: Any, login: Any
) -> None:
    client = _client(login, make_staff(Role.COORDINATOR))
    response = client.get(
        EXPORT, {"period": Q2, "scope": "country", "language": "ru", "format": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].endswith(
        'filename="senim-statistics-country-2025-Q2-ru.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    with translation.override("ru"):
        assert header[:3] == [gettext("Code"), gettext("Court"), gettext("Region")]
        assert totals[1] == gettext("Total")
    by_code = {row[0]: row for row in body}
    # The court's name in Russian, whatever the page's language (English here).
    assert by_code["DST-75-02"][1] == Court.objects.get(code="DST-75-02").name_ru
    columns = _columns("ru")
    for code, expected in EXPECTED.items():
        for metric, value in expected.items():
            assert int(by_code[code][columns[metric]]) == value, (code, metric)
    for metric, value in TOTALS.items():
        assert int(totals[columns[metric]]) == value, metric
    assert AuditEvent.objects.filter(action="analytics.export", actor_id__isnull=False).exists()


def test_export_for_a_region_lists_only_its_courts(data: None, make_staff: Any, login: Any) -> None:
    client = _client(login, make_staff(Role.ANALYST))
    almaty = _region_id("REG-75")
    response = client.get(
        EXPORT, {"period": Q2, "scope": f"region:{almaty}", "language": "en", "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    codes = {row[0] for row in rows[1:-1]}
    assert {"DST-75-02", "REG-75"} <= codes
    assert "DST-71-04" not in codes
    assert int(rows[-1][_columns("en")["reports"]]) == 3


# --- who gets what -----------------------------------------------------------------------


def test_a_chief_gets_their_own_unit_and_is_refused_any_other(
    data: None, make_staff: Any, login: Any
) -> None:
    client = _client(login, make_staff(Role.CHIEF, "REG-75"))
    own = _unit_id("REG-75")
    ask = {"period": Q2, "language": "en", "format": "csv"}
    for scope in ("country", f"unit:{_unit_id('REG-71')}", f"region:{_region_id('REG-71')}"):
        assert client.get(EXPORT, {**ask, "scope": scope}).status_code == 403
        assert (
            client.get(
                REPORT, {"kind": "yearly", "year": "2025", "language": "en", "scope": scope}
            ).status_code
            == 403
        )
    asked_for_own: list[dict[str, str]] = [{}, {"scope": f"unit:{own}"}]
    for own_scope in asked_for_own:
        response = client.get(EXPORT, {**ask, **own_scope})
        assert response.status_code == 200
        assert (
            'filename="senim-statistics-TD-REG-75-2025-Q2-en.csv"'
            in (response["Content-Disposition"])
        )
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        codes = {row[0] for row in rows[1:-1]}
        assert "DST-71-04" not in codes and "DST-75-02" in codes
        assert int(rows[-1][_columns("en")["reports"]]) == 3
    page = client.get(REPORT)
    assert page.status_code == 200
    assert 'name="scope"' not in page.content.decode()
    assert Unit.objects.get(pk=own).name_en in page.content.decode()
    assert not AuditEvent.objects.filter(action="analytics.report").exists()


def test_an_operator_is_refused(data: None, make_staff: Any, login: Any) -> None:
    client = _client(login, make_staff(Role.OPERATOR))
    assert client.get(REPORT).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert client.get(EXPORT, {"period": Q2, "format": "csv"}).status_code == 403
    assert (
        client.get(REPORT, {"kind": "yearly", "year": "2025", "format": "xlsx"}).status_code == 403
    )
    assert not AuditEvent.objects.filter(action__startswith="analytics.").exists()


def test_the_central_form_offers_country_regions_and_units(
    data: None, make_staff: Any, login: Any
) -> None:
    client = _client(login, make_staff(Role.ANALYST))
    page = client.get(REPORT).content.decode()
    assert 'name="scope"' in page
    assert 'value="country"' in page
    assert f'value="region:{_region_id("REG-75")}"' in page
    assert f'value="unit:{_unit_id("REG-71")}"' in page
    assert 'name="language"' in page and 'name="format"' in page
    export_page = client.get(EXPORT).content.decode()
    assert 'value="csv"' in export_page and f'value="{Q2}"' in export_page


def test_a_period_not_begun_is_refused_without_a_file(
    data: None, make_staff: Any, login: Any
) -> None:
    client = _client(login, make_staff(Role.ANALYST))
    today = timezone.localdate()
    response = client.get(
        REPORT,
        {"kind": "yearly", "year": str(today.year + 1), "language": "en", "format": "pdf"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEvent.objects.filter(action="analytics.report").exists()


# --- the report --------------------------------------------------------------------------


def test_report_xlsx_has_every_indicator_the_breakdowns_and_the_change(
    data: None, make_staff: Any, login: Any
) -> None:
    client = _client(login, make_staff(Role.ANALYST))
    response = client.get(
        REPORT,
        {
            "kind": "quarterly",
            "year": "2025",
            "quarter": "2",
            "scope": "country",
            "language": "en",
            "format": "xlsx",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="senim-quarterly-country-2025-Q2-en.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = list(book.worksheets[0].iter_rows(values_only=True))
    assert summary[1][0] == "Quarterly report on the indicators of corruption in the courts"
    assert "Q2 2025" in summary[2][0] and "The whole country" in summary[3][0]
    lines = {row[0]: row for row in summary if row and row[0]}
    # value, numerator, denominator, previous period (Q1: one appeal), change
    assert lines["Reports received"][1:6] == (4, 4, None, 1, 3)
    # Substantiated out of the conclusions on the merits (a referral to the ACS is one).
    assert lines["Substantiation rate"][1] == pytest.approx(1 / 3)
    assert lines["Substantiation rate"][2:4] == (1, 3)
    assert lines["Referrals to other bodies"][1] == 1
    assert lines["Confirmed corruption offences by court staff"][7]  # the definition
    assert lines["Reports per 100 staff"][6] == "1.57 per 100 employees (NAVEX, 2024 data)"
    breakdowns = {
        row[0]: row for row in book.worksheets[1].iter_rows(values_only=True) if row and row[0]
    }
    assert breakdowns["trust line"][1] == 2
    assert breakdowns["complaint"][1] == 2 and breakdowns["complaint"][3] == 1
    assert breakdowns["not substantiated"][1] == 1
    referrals = {
        row[0]: row for row in book.worksheets[2].iter_rows(values_only=True) if row and row[0]
    }
    assert referrals["anti-corruption service"][1] == 1
    assert referrals["pre-trial investigation opened"][1] == 1
    prevention = [row[0] for row in book.worksheets[3].iter_rows(values_only=True)]
    assert "Prevention plan completion" in prevention
    league = list(book.worksheets[4].iter_rows(values_only=True))
    assert league[0][:4] == ("Code", "Court", "Region", "Reports received")
    assert league[1][0] == "DST-75-02" and league[1][3] == 2
    entry = AuditEvent.objects.get(action="analytics.report")
    assert entry.detail == {
        "kind": "quarterly",
        "period": Q2,
        "scope": "country",
        "language": "en",
        "format": "xlsx",
    }


def test_report_pdf_is_a_pdf_in_the_language_asked_for(
    data: None, make_staff: Any, login: Any
) -> None:
    client = _client(login, make_staff(Role.ANALYST))
    almaty = _unit_id("REG-75")
    response = client.get(
        REPORT,
        {
            "kind": "yearly",
            "year": "2025",
            "scope": f"unit:{almaty}",
            "language": "ru",
            "format": "pdf",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="senim-yearly-TD-REG-75-2025-ru.pdf"' in response["Content-Disposition"]
    entry = AuditEvent.objects.get(action="analytics.report")
    assert entry.detail["format"] == "pdf" and entry.detail["scope"] == f"unit:{almaty}"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_report_html_is_in_the_language_asked_for(data: None, language: str) -> None:
    period = periods.quarter(dt.date(2025, 4, 1))
    with translation.override("en"):  # the page's language does not matter
        report = reports.build_report(reports.QUARTERLY, period, report_scopes.country(), language)
    html = exports.report_html(report)
    with translation.override(language):
        title = gettext("Quarterly report on the indicators of corruption in the courts")
        department = gettext("Department of internal security and prevention of corruption")
        offences = gettext("Confirmed corruption offences by court staff")
        complaint = gettext("complaint")
    assert f'<html lang="{language}">' in html
    assert title in html and department in html and offences in html and complaint in html
    assert "@page" in html and "counter(pages)" in html
    # The league names the courts in the report's language.
    assert escape(getattr(Court.objects.get(code="DST-75-02"), f"name_{language}")) in html
    if language == "ru":
        assert "Департамент внутренней безопасности и профилактики коррупции" in html


def test_changes_read_as_counts_and_percentage_points() -> None:
    with translation.override("en"):
        assert reports.Line("x", 4.0, 1.0).change_display == "+3"
        assert reports.Line("x", 1.0, 4.0).change_display == "−3"
        assert reports.Line("x", 0.5, 0.25, kind="rate").change_display == "+25.0 pp"
        assert reports.Line("x", 0.5, None, kind="rate").change_display == "—"
        assert reports.Line("x", 0.5, 0.5, kind="rate").change_display == "0.0 pp"
