"""The court registry: loading, routing to units, and history that is never rewritten."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from senim.core.errors import DomainError
from senim.organization.models import Court, CourtName, Region, Role, Unit
from senim.organization.selectors import court_name_on, head_count_on, unit_for_court
from senim.organization.services import (
    court_add,
    court_close,
    court_merge,
    court_rename,
    headcount_set,
    registry_load,
)

pytestmark = pytest.mark.django_db


def test_registry_loads_the_shipped_courts_regions_and_units() -> None:
    result = registry_load()
    assert result.courts_created == Court.objects.count() == 139
    assert Region.objects.count() == 20
    # One central department and one territorial department per regional-level court (21).
    assert Unit.objects.filter(kind=Unit.Kind.CENTRAL).count() == 1
    assert Unit.objects.filter(kind=Unit.Kind.TERRITORIAL).count() == 21
    almaty = Court.objects.get(code="REG-75")
    assert almaty.name_ru == "Алматинский городской суд"
    assert almaty.name_kk == "Алматы қалалық соты"
    assert Court.objects.get(code="CASS-CRIM").valid_from == dt.date(2025, 7, 1)


def test_loading_twice_changes_nothing_and_keeps_administrators_edits() -> None:
    registry_load()
    court = Court.objects.get(code="DST-75-02")
    court_rename(
        court=court,
        names={"kk": "Жаңа атау", "ru": "Новое название", "en": "New name"},
        effective=dt.date(2026, 1, 1),
    )
    again = registry_load()
    assert again.courts_created == 0 and again.units_created == 0
    assert Court.objects.get(code="DST-75-02").name_en == "New name"


def test_courts_are_routed_to_the_unit_that_covers_them() -> None:
    registry_load()
    almaty_unit = Unit.objects.get(court__code="REG-75")
    assert unit_for_court(Court.objects.get(code="DST-75-04")) == almaty_unit
    assert unit_for_court(Court.objects.get(code="REG-75")) == almaty_unit
    central = Unit.objects.get(kind=Unit.Kind.CENTRAL)
    assert unit_for_court(Court.objects.get(code="CASS-CIV")) == central
    assert unit_for_court(Court.objects.get(code="SC")) == central


def test_rename_keeps_the_old_name_for_earlier_dates() -> None:
    registry_load()
    court = Court.objects.get(code="DST-75-03")
    old_ru = court.name_ru
    court_rename(
        court=court,
        names={"kk": "Әуезов аудандық соты", "ru": "Ауэзовский суд", "en": "Auezov Court"},
        effective=dt.date(2025, 3, 1),
        basis="Decree 1",
    )
    assert court_name_on(court, dt.date(2025, 2, 28)).name_ru == old_ru
    assert court_name_on(court, dt.date(2025, 3, 1)).name_ru == "Ауэзовский суд"
    assert CourtName.objects.filter(court=court).count() == 2


def test_rename_refuses_a_start_before_the_current_name() -> None:
    registry_load()
    court = Court.objects.get(code="CASS-CRIM")  # named since 2025-07-01
    with pytest.raises(DomainError):
        court_rename(
            court=court, names={"kk": "a", "ru": "b", "en": "c"}, effective=dt.date(2025, 1, 1)
        )
    assert CourtName.objects.filter(court=court).count() == 1


def test_merge_closes_the_source_and_moves_its_active_courts() -> None:
    registry_load()
    source = Court.objects.get(code="DST-71-04")
    target = Court.objects.get(code="DST-71-03")
    court_merge(source=source, target=target, effective=dt.date(2023, 7, 1))
    source.refresh_from_db()
    assert source.valid_to == dt.date(2023, 6, 30)
    assert source.merged_into == target
    with pytest.raises(DomainError):
        court_merge(source=source, target=target, effective=dt.date(2024, 1, 1))


def test_close_refuses_a_court_with_active_courts_under_it() -> None:
    registry_load()
    with pytest.raises(DomainError):
        court_close(court=Court.objects.get(code="REG-75"), effective=dt.date(2026, 1, 1))
    court_close(court=Court.objects.get(code="DST-75-07"), effective=dt.date(2026, 1, 1))
    assert Court.objects.get(code="DST-75-07").valid_to == dt.date(2026, 1, 1)


def test_added_regional_court_gets_its_territorial_unit() -> None:
    registry_load()
    court = court_add(
        code="REG-NEW",
        level=Court.Level.REGIONAL,
        parent=Court.objects.get(code="SC"),
        names={"kk": "Жаңа облыс соты", "ru": "Суд новой области", "en": "New Region Court"},
        valid_from=dt.date(2026, 6, 1),
    )
    assert Unit.objects.filter(court=court, kind=Unit.Kind.TERRITORIAL).exists()


def test_head_count_in_force_on_a_date() -> None:
    registry_load()
    court = Court.objects.get(code="REG-75")
    headcount_set(court=court, period_start=dt.date(2025, 1, 1), judges=40, staff=210)
    headcount_set(court=court, period_start=dt.date(2026, 1, 1), judges=42, staff=220)
    found = head_count_on(court, dt.date(2025, 12, 31))
    assert found is not None and found.staff == 210
    with pytest.raises(DomainError):
        headcount_set(court=court, period_start=dt.date(2027, 1, 1), judges=50, staff=10)


def test_case_list_shows_the_court_name_in_force_when_reported(
    make_staff, make_case, login
) -> None:
    coordinator = make_staff(Role.COORDINATOR)
    court = Court.objects.get(code="DST-75-05")
    old_en = court.name_en
    before = timezone.make_aware(dt.datetime(2025, 2, 10, 11, 0))
    old_case = make_case("DST-75-05", registered_at=before)
    court_rename(
        court=court,
        names={"kk": "Жетісу соты", "ru": "Жетысуский суд", "en": "Renamed Zhetysu Court"},
        effective=dt.date(2025, 6, 1),
    )
    new_case = make_case("DST-75-05")
    client = login(coordinator)
    page = client.get("/office/cases/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    old_row = page[page.index(old_case.appeal.number) :].split("</tr>")[0]
    new_row = page[page.index(new_case.appeal.number) :].split("</tr>")[0]
    assert old_en in old_row and "Renamed Zhetysu Court" not in old_row
    assert "Renamed Zhetysu Court" in new_row


def test_merged_court_keeps_its_name_on_old_cases(make_staff, make_case, login) -> None:
    coordinator = make_staff(Role.COORDINATOR)
    source = Court.objects.get(code="DST-79-03")
    old_case = make_case("DST-79-03", registered_at=timezone.now() - dt.timedelta(days=400))
    court_merge(
        source=source,
        target=Court.objects.get(code="DST-79-04"),
        effective=timezone.localdate() - dt.timedelta(days=30),
    )
    page = login(coordinator).get("/office/cases/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    row = page[page.index(old_case.appeal.number) :].split("</tr>")[0]
    assert source.name_ru in row


def test_administrator_renames_a_court_in_the_office(make_staff, login) -> None:
    admin = make_staff(Role.ADMINISTRATOR)
    client = login(admin)
    response = client.post(
        "/office/registry/DST-75-06/rename/",
        {
            "rename-name_kk": "Медеу аудандық соты (жаңа)",
            "rename-name_ru": "Медеуский районный суд (новый)",
            "rename-name_en": "Medeu District Court (new)",
            "rename-effective": "2026-01-15",
            "rename-basis": "Decree No. 7",
        },
    )
    assert response.status_code == 302
    detail = client.get("/office/registry/DST-75-06/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Medeu District Court (new)" in detail.content.decode()
    assert "Medeu District Court of Almaty" in detail.content.decode()  # history kept


def test_registry_change_with_bad_input_keeps_what_was_typed(make_staff, login) -> None:
    client = login(make_staff(Role.ADMINISTRATOR))
    response = client.post(
        "/office/registry/CASS-CRIM/rename/",
        {
            "rename-name_kk": "Атау",
            "rename-name_ru": "Название, которое не потеряется",
            "rename-name_en": "Name",
            "rename-effective": "2024-01-01",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "The new name must start after the current name started." in body
    assert "Название, которое не потеряется" in body


@pytest.mark.parametrize("role", [Role.CHIEF, Role.INVESTIGATOR, Role.COORDINATOR])
def test_only_administrators_change_the_registry(role, make_staff, login) -> None:
    court_code = "REG-75" if role in (Role.CHIEF, Role.INVESTIGATOR) else "SC"
    client = login(make_staff(role, court_code))
    response = client.post("/office/registry/DST-75-06/close/", {"close-effective": "2026-01-15"})
    assert response.status_code == 403
    assert Court.objects.get(code="DST-75-06").valid_to is None
