"""`senim registry import`: a dry run, applying, applying again, bad rows, and what users see
after a merge or an abolition (the portal's court list, routing, old cases, the office pages).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.db.models import F
from django.test import Client
from django.utils import timezone

from senim.cases.models import Case
from senim.cli import main
from senim.core.models import AuditEvent
from senim.intake.models import Appeal
from senim.organization.models import Court, CourtName, Role, Unit
from senim.organization.selectors import unit_for_court
from senim.organization.services import COURTS_CSV
from tests.intake_helpers import coupon_of, report_data

pytestmark = pytest.mark.django_db

HEADER = (
    "code,level,parent,region_iso,city,specialisation,valid_from,valid_to,merged_into,"
    "name_from,name_kk,name_ru,name_en,source\n"
)
# A new court under the Ulytau regional court, a renaming, the Ulytau regional court merged
# into the Karaganda one (its courts go with it), and a district court abolished.
CHANGES = HEADER + (
    "DST-62-T1,district,REG-62,KZ-62,Satbayev,general,2024-01-10,,,,"
    "Сәтбаев қалалық соты,Сатпаевский городской суд,Satbayev City Court,Decree No. 1 of 2024\n"
    "DST-75-05,district,REG-75,KZ-75,Almaty,general,,,,2025-09-01,"
    "Алматы қаласы Жетісу аудандық соты (жаңа),Жетысуский районный суд (новый),"
    "Zhetysu District Court (renamed),Decree No. 2 of 2025\n"
    "REG-62,regional,SC,KZ-62,Zhezkazgan,general,2022-06-08,2025-10-31,REG-35,,"
    "Ұлытау облысының соты,Суд области Ұлытау,Ulytau Regional Court,Decree No. 3 of 2025\n"
    "DST-75-08,district,REG-75,KZ-75,Almaty,general,,2025-11-30,,,"
    "Алматы қаласы Түрксіб аудандық соты,Турксибский районный суд города Алматы,"
    "Turksib District Court of Almaty,Decree No. 4 of 2025\n"
)


def _file(tmp_path: Path, text: str, name: str = "changes.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["registry", "import", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _state() -> list[tuple[object, ...]]:
    courts = Court.objects.order_by("code").values_list(
        "code", "name_en", "valid_to", "merged_into__code", "parent__code"
    )
    names = CourtName.objects.order_by("court__code", "valid_from").values_list(
        "court__code", "name_en", "valid_from", "valid_to"
    )
    return [*courts, *names]


def test_dry_run_says_what_would_change_and_changes_nothing(registry, tmp_path, capsys) -> None:
    before, audited = _state(), AuditEvent.objects.count()
    code, out, err = _run(capsys, str(_file(tmp_path, CHANGES)))
    assert code == 0, err
    assert "dry run, nothing changed" in out
    assert "line 2: added DST-62-T1" in out
    assert "line 3: renamed DST-75-05" in out and "Zhetysu District Court (renamed)" in out
    assert "line 4: merged REG-62: into REG-35" in out
    assert "line 5: abolished DST-75-08: last day 2025-11-30" in out
    assert "added 1, renamed 1, merged 1, abolished 1" in out
    assert _state() == before and AuditEvent.objects.count() == audited
    # --dry-run says the same as no option.
    code, again, _err = _run(capsys, "--dry-run", str(_file(tmp_path, CHANGES)))
    assert code == 0 and again == out


def test_applying_keeps_history_is_audited_and_a_second_time_changes_nothing(
    registry, tmp_path, capsys
) -> None:
    path = _file(tmp_path, CHANGES)
    code, out, err = _run(capsys, "--apply", str(path))
    assert code == 0, err
    assert "applied" in out and "added 1, renamed 1, merged 1, abolished 1" in out

    renamed = Court.objects.get(code="DST-75-05")
    # "Since the beginning" (NULL) first, on PostgreSQL as on SQLite.
    names = list(renamed.names.order_by(F("valid_from").asc(nulls_first=True)))
    assert [n.name_en for n in names] == ["Zhetysu District Court of Almaty", renamed.name_en]
    assert names[0].valid_to == dt.date(2025, 8, 31) and names[1].basis == "Decree No. 2 of 2025"
    ulytau = Court.objects.get(code="REG-62")
    assert ulytau.valid_to == dt.date(2025, 10, 31) and ulytau.merged_into.code == "REG-35"
    assert ulytau.closing_basis == "Decree No. 3 of 2025"
    turksib = Court.objects.get(code="DST-75-08")
    assert turksib.valid_to == dt.date(2025, 11, 30) and turksib.merged_into is None
    added = Court.objects.get(code="DST-62-T1")
    assert added.source == "Decree No. 1 of 2024" and added.region.code == "KZ-62"

    actions = list(AuditEvent.objects.order_by("seq").values_list("action", "object_id"))
    assert ("registry.court_added", "DST-62-T1") in actions
    assert ("registry.court_renamed", "DST-75-05") in actions
    assert ("registry.court_merged", "REG-62") in actions
    assert ("registry.court_closed", "DST-75-08") in actions
    assert actions[-1] == ("registry.imported", "changes.csv")

    state, audited = _state(), AuditEvent.objects.count()
    code, out, err = _run(capsys, "--apply", str(path))
    assert code == 0, err
    assert "added 0, renamed 0, merged 0, abolished 0, unchanged 4" in out
    assert _state() == state and AuditEvent.objects.count() == audited


def test_bad_rows_are_reported_by_line_and_nothing_is_applied(registry, tmp_path, capsys) -> None:
    bad = HEADER + (
        # line 2: a good row, which must not be applied either
        "DST-75-90,district,REG-75,KZ-75,Almaty,general,2025-01-01,,,,"
        "Жаңа сот,Новый суд,New Court,Decree No. 5\n"
        # line 3: no source
        "DST-75-91,district,REG-75,KZ-75,Almaty,general,2025-01-01,,,,Сот,Суд,Court,\n"
        # line 4: an unknown parent
        "DST-75-92,district,REG-99,KZ-75,Almaty,general,2025-01-01,,,,Сот,Суд,Court,Act\n"
        # line 5: not a date
        "DST-75-93,district,REG-75,KZ-75,Almaty,general,1 May 2025,,,,Сот,Суд,Court,Act\n"
        # line 6: other names without the day they start
        "DST-75-02,district,REG-75,KZ-75,Almaty,general,,,,,Басқа,Другой,Other,Act\n"
        # line 7: merged into a court that does not exist
        "DST-75-03,district,REG-75,KZ-75,Almaty,general,,2025-05-31,DST-00-00,,"
        "Алматы қаласы Әуезов аудандық соты,Ауэзовский районный суд города Алматы,"
        "Auezov District Court of Almaty,Act\n"
        # line 8: no Kazakh name
        "DST-75-94,district,REG-75,KZ-75,Almaty,general,2025-01-01,,,,,Суд,Court,Act\n"
    )
    before, audited = _state(), AuditEvent.objects.count()
    code, out, err = _run(capsys, "--apply", str(_file(tmp_path, bad, "bad.csv")))
    assert code == 1 and out == ""
    for line in (3, 5, 8):
        assert f"bad.csv:{line}:" in err
    assert "the source is empty" in err and "valid_from is not a date" in err
    assert "a name is missing in: kk" in err
    assert "nothing was applied" in err
    assert _state() == before and AuditEvent.objects.count() == audited
    # Rows that read well are compared with the registry next: those errors have lines too.
    rest = HEADER + "\n".join(bad.splitlines()[1:2] + bad.splitlines()[3:4] + bad.splitlines()[5:7])
    code, out, err = _run(capsys, "--apply", str(_file(tmp_path, rest + "\n", "rest.csv")))
    assert code == 1
    assert "rest.csv:3: unknown parent REG-99" in err
    assert "rest.csv:4: the names differ from the registry's" in err
    assert "rest.csv:5: unknown successor DST-00-00" in err
    assert _state() == before and not Court.objects.filter(code="DST-75-90").exists()


def test_a_file_without_the_required_columns_is_refused(registry, tmp_path, capsys) -> None:
    code, _out, err = _run(capsys, str(_file(tmp_path, "code,name\nX,Y\n", "cols.csv")))
    assert code == 1 and "cols.csv:1: missing columns: level, parent, name_kk" in err


def _report(court: str) -> str:
    response = Client().post("/report/", report_data(court=court), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_merge_moves_routing_and_old_cases_keep_the_old_name(
    registry, tmp_path, capsys, make_case, make_staff, login, django_capture_on_commit_callbacks
) -> None:
    old_case = make_case("REG-62", registered_at=timezone.now() - dt.timedelta(days=500))
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(capsys, "--apply", str(_file(tmp_path, CHANGES)))[0] == 0
    karaganda = Unit.objects.get(court__code="REG-35")
    # The court under the merged court now belongs to the successor's territorial unit.
    assert unit_for_court(Court.objects.get(code="DST-62-T1")) == karaganda
    # A report naming the merged court (a form opened before the merge) goes to the successor.
    number, _code = coupon_of(_report("REG-62"))
    case = Case.objects.get(appeal__number=number)
    assert case.appeal.court.code == "REG-35" and case.unit == karaganda
    # The old case keeps the name in force when it was reported.
    old_case.refresh_from_db()
    assert old_case.appeal.court.code == "REG-62"
    coordinator = make_staff(Role.COORDINATOR)
    page = login(coordinator).get("/office/cases/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = page[page.index(old_case.appeal.number) :].split("</tr>")[0]
    assert "Ulytau Regional Court" in row


def test_abolition_stops_new_reports_while_old_cases_keep_the_court(
    registry, tmp_path, capsys, make_case, make_staff, login, django_capture_on_commit_callbacks
) -> None:
    old_case = make_case("DST-75-08", registered_at=timezone.now() - dt.timedelta(days=500))
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(capsys, "--apply", str(_file(tmp_path, CHANGES)))[0] == 0
    form = Client().get("/report/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'value="DST-75-08"' not in form and 'value="DST-62-T1"' in form
    appeals = Appeal.objects.count()
    html = _report("DST-75-08")
    assert "Select a valid choice" in html and Appeal.objects.count() == appeals
    coordinator = make_staff(Role.COORDINATOR)
    page = login(coordinator).get("/office/cases/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = page[page.index(old_case.appeal.number) :].split("</tr>")[0]
    assert "Turksib District Court of Almaty" in row


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_portal_court_choice_lists_the_new_courts_in_each_language(
    registry, language, tmp_path, capsys, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(capsys, "--apply", str(_file(tmp_path, CHANGES)))[0] == 0
    form = Client().get("/report/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for code in ("DST-62-T1", "DST-75-10", "DST-71-08"):
        court = Court.objects.get(code=code)
        assert getattr(court, f"name_{language}") in form
    renamed = Court.objects.get(code="DST-75-05")
    assert getattr(renamed, f"name_{language}") in form


def test_office_registry_pages_show_the_history(registry, tmp_path, capsys, make_staff, login):
    assert _run(capsys, "--apply", str(_file(tmp_path, CHANGES)))[0] == 0
    client = login(make_staff(Role.ADMINISTRATOR))
    renamed = client.get("/office/registry/DST-75-05/", HTTP_ACCEPT_LANGUAGE="en")
    html = renamed.content.decode()
    assert "Zhetysu District Court of Almaty" in html and "Zhetysu District Court (renamed)" in html
    assert "Decree No. 2 of 2025" in html
    merged = client.get("/office/registry/REG-62/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Karaganda Regional Court" in merged and "Decree No. 3 of 2025" in merged
    listing = client.get("/office/registry/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "merged into Karaganda Regional Court" in listing and "DST-62-T1" in listing


def test_every_shipped_row_has_a_source_and_names_in_three_languages() -> None:
    with COURTS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len({row["code"] for row in rows})
    for row in rows:
        assert row["source"].strip(), row["code"]
        for language in ("kk", "ru", "en"):
            assert row[f"name_{language}"].strip(), (row["code"], language)


def test_the_shipped_registry_imports_onto_itself_without_change(registry, capsys) -> None:
    code, out, err = _run(capsys, str(COURTS_CSV))
    assert code == 0, err
    assert "added 0, renamed 0, merged 0, abolished 0" in out
