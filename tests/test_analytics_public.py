"""Public statistics and open data: what a citizen sees, small counts suppressed.

A hand-made first quarter of 2026, seen from 15 May 2026 (so the first quarter is the last
complete one):

    Almaty (KZ-75)      7 reports, still open          -> 7
    Abai (KZ-10)        3 reports, concluded           -> "<5" (small)
    Astana (KZ-71)      5 reports, concluded           -> "x" (complementary: else the
                                                          country minus the rest gives Abai)
    Shymkent (KZ-79)   12 reports, still open          -> 12
    Kazakhstan         27 reports                      -> 27
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from senim.analytics import public, rollups, suppression
from senim.analytics.suppression import COMPLEMENTARY, SMALL, WIDENED, Cell, Equation
from senim.cases.models import Case
from senim.core.calendar import calendar
from senim.intake.models import Appeal
from senim.intake.registration import registration_number_next
from senim.organization.models import Court
from senim.organization.selectors import unit_for_court
from senim.portal.statistics import schema_fields

TODAY = dt.datetime(2026, 5, 15, 9, 0, tzinfo=dt.UTC)
Q1 = "2026-Q1"
EN = "en"
SUBJECT = "Clerk Zhanibekov asked for money"


def make(court_code: str, day: str, *, concluded: str | None = None) -> Case:
    court = Court.objects.get(code=court_code)
    registered_at = timezone.make_aware(dt.datetime.fromisoformat(day).replace(hour=10))
    appeal = Appeal.objects.create(
        number=registration_number_next(at=registered_at),
        registered_at=registered_at,
        channel="portal",
        kind="violation",
        category="bribery",
        language="ru",
        court=court,
        subject=SUBJECT,
        text="The clerk of room 312 asked for 20 000 tenge.",
    )
    due = calendar().working_days_after(registered_at.date(), 15)
    return Case.objects.create(
        appeal=appeal,
        unit=unit_for_court(court),
        category="bribery",
        status="closed" if concluded else "investigation",
        outcome="substantiated" if concluded else "",
        original_due_on=due,
        due_on=due,
        concluded_at=(
            timezone.make_aware(dt.datetime.fromisoformat(concluded).replace(hour=15))
            if concluded
            else None
        ),
        closed_at=(
            timezone.make_aware(dt.datetime.fromisoformat(concluded).replace(hour=16))
            if concluded
            else None
        ),
    )


@pytest.fixture
def quarter_data(registry: None) -> Iterator[list[Case]]:
    with time_machine.travel(TODAY, tick=False):
        cases = [make("DST-75-02", "2026-02-10") for _ in range(7)]
        cases += [make("DST-10-01", "2026-02-11", concluded="2026-02-20") for _ in range(3)]
        cases += [make("DST-71-01", "2026-02-12", concluded="2026-02-24") for _ in range(5)]
        cases += [make("DST-79-01", "2026-02-13") for _ in range(12)]
        rollups.rebuild()
        yield cases


def page(client: Client, **params: str) -> str:
    response = client.get("/statistics/", params, HTTP_ACCEPT_LANGUAGE=EN)
    assert response.status_code == 200
    return response.content.decode()


def cell_of(html: str, area_name: str, column: int) -> str:
    """The text of a column in the row of an area in the table by region (0: reports)."""
    table = html[html.index('id="regions"') :]
    name = re.escape(area_name)
    row = re.search(rf"<tr><th scope=\"row\">(?:<[^>]+>)*{name}<.*?</tr>", table, flags=re.S)
    assert row, area_name
    cells = re.findall(r"<td>(.*?)</td>", row.group(0), flags=re.S)
    return re.sub(r"<span class=\"visually-hidden\">.*?</span>", "", cells[column]).strip()


def csv_rows(client: Client) -> list[dict[str, str]]:
    response = client.get("/statistics/open-data.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def find(rows: list[dict[str, Any]], region: str, indicator: str, period: str = Q1) -> Any:
    (row,) = [
        r
        for r in rows
        if r["region_code"] == region and r["indicator"] == indicator and r["period"] == period
    ]
    return row


# --- What a citizen sees ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_region_with_three_reports_shows_fewer_than_five_and_one_with_seven_shows_seven(
    quarter_data: list[Case], client: Client
) -> None:
    with time_machine.travel(TODAY, tick=False):
        html = page(client, period=Q1)
        assert cell_of(html, "Abai Region", 0) == "&lt;5"
        assert cell_of(html, "Almaty", 0) == "7"
        assert cell_of(html, "Shymkent", 0) == "12"
        abai = page(client, region="KZ-10", period=Q1)
    assert "Abai Region, Q1 2026" in abai
    assert '<p class="figure">&lt;5' in abai  # the headline card of reports
    assert ">3<" not in abai.split('id="definitions"')[0].split("</form>")[1]


@pytest.mark.django_db
def test_complementary_suppression_hides_a_second_region_and_keeps_the_country(
    quarter_data: list[Case], client: Client
) -> None:
    with time_machine.travel(TODAY, tick=False):
        table = public.public_table()
        html = page(client, period=Q1)
    hidden = {
        cell[1]: why for cell, why in table.hidden.items() if cell[0] == Q1 and cell[2] == "reports"
    }
    # Abai alone hidden would be 27 - 7 - 5 - 12 = 3: the smallest region that is enough, Astana,
    # is hidden too; Almaty (7) is not needed, so it stays.
    assert hidden == {"KZ-10": SMALL, "KZ-71": COMPLEMENTARY}
    assert cell_of(html, "Astana", 0) == "x"
    assert cell_of(html, "Kazakhstan (whole country)", 0) == "27"
    assert cell_of(html, "Almaty", 0) == "7"
    # Every sum leaves each hidden cell more than one value.
    assert public.leaks(table) == []


@pytest.mark.django_db
def test_rates_are_withheld_when_a_part_is_hidden(quarter_data: list[Case], client: Client) -> None:
    with time_machine.travel(TODAY, tick=False):
        table = public.public_table()
        html = page(client, period=Q1)
    assert table.figure(Q1, "KZ-10", "rate:substantiation").suppression == "rate"
    assert table.figure(Q1, "KZ-10", "rate:substantiation").display == "x"
    # Almaty concluded nothing: nothing to divide by, shown as a dash and not as suppressed.
    assert table.figure(Q1, "KZ-75", "rate:substantiation").display == "—"
    assert not table.figure(Q1, "KZ-75", "rate:substantiation").suppressed
    # The country: 8 concluded, all substantiated, on time.
    assert table.figure(Q1, "KZ", "rate:substantiation").display == "100.0%"
    assert cell_of(html, "Abai Region", 3) == "x"


@pytest.mark.django_db
def test_the_open_data_files_suppress_exactly_like_the_page(
    quarter_data: list[Case], client: Client
) -> None:
    with time_machine.travel(TODAY, tick=False):
        rows = csv_rows(client)
        document = client.get("/statistics/open-data.json").json()
    abai = find(rows, "KZ-10", "reports")
    assert (abai["value"], abai["suppressed"], abai["suppression"]) == ("", "true", "small")
    assert abai["region_name_en"] == "Abai Region" and abai["region_name_kk"] == "Абай облысы"
    astana = find(rows, "KZ-71", "reports")
    assert (astana["value"], astana["suppressed"], astana["suppression"]) == (
        "",
        "true",
        "complementary",
    )
    assert find(rows, "KZ-75", "reports")["value"] == "7"
    assert find(rows, "KZ", "reports")["value"] == "27"
    assert find(rows, "KZ-75", "reports")["suppressed"] == "false"

    json_rows = document["rows"]
    abai_json = find(json_rows, "KZ-10", "reports")
    assert abai_json["value"] is None and abai_json["suppressed"] is True
    assert find(json_rows, "KZ-75", "reports")["value"] == 7
    assert find(json_rows, "KZ", "reports")["value"] == 27
    # The same rows in both files, value by value.
    assert len(json_rows) == len(rows)
    for row, json_row in zip(rows, json_rows, strict=True):
        value = json_row["value"]
        assert row["value"] == ("" if value is None else str(value))
        assert row["suppressed"] == ("true" if json_row["suppressed"] else "false")


@pytest.mark.django_db
def test_the_json_validates_against_the_declared_table_schema(
    quarter_data: list[Case], client: Client
) -> None:
    with time_machine.travel(TODAY, tick=False):
        schema_response = client.get("/statistics/open-data.schema.json", HTTP_ACCEPT_LANGUAGE=EN)
        document = client.get("/statistics/open-data.json").json()
        rows = csv_rows(client)
    schema = schema_response.json()
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(rows[0]) == [f["name"] for f in schema["fields"]]
    python_types = {"string": (str,), "number": (int, float), "boolean": (bool,)}
    keys = set()
    for row in document["rows"]:
        assert set(row) == set(fields)
        for name, value in row.items():
            field = fields[name]
            constraints = field.get("constraints", {})
            if value is None:
                assert not constraints.get("required"), name
                continue
            assert isinstance(value, python_types[field["type"]]), (name, value)
            if "enum" in constraints:
                assert value in constraints["enum"], (name, value)
            if "pattern" in constraints:
                assert re.fullmatch(constraints["pattern"], value), (name, value)
            if "minimum" in constraints:
                assert value >= constraints["minimum"]
        if row["suppressed"]:
            assert row["value"] is None and row["suppression"] in public.REASONS
        elif row["value"] is None:  # a ratio with nothing to divide by
            assert row["unit"] == "ratio" and row["suppression"] is None
        if row["unit"] == "ratio" and row["value"] is not None:
            assert 0 <= row["value"] <= 1
        keys.add(tuple(row[k] for k in schema["primaryKey"]))
    assert len(keys) == len(document["rows"])  # the primary key is unique
    assert document["licence"]["title"] == "CC BY 4.0"
    assert document["schema"].endswith("/statistics/open-data.schema.json")


@pytest.mark.django_db
def test_the_files_are_downloads_cached_for_five_minutes(
    quarter_data: list[Case], client: Client
) -> None:
    with time_machine.travel(TODAY, tick=False):
        responses = {
            url: client.get(url, HTTP_ACCEPT_LANGUAGE=EN)
            for url in (
                "/statistics/open-data.csv",
                "/statistics/open-data.json",
                "/statistics/open-data.schema.json",
            )
        }
        html = client.get("/statistics/", HTTP_ACCEPT_LANGUAGE=EN)
    assert responses["/statistics/open-data.csv"]["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="senim-open-data.csv"'
        in responses["/statistics/open-data.csv"]["Content-Disposition"]
    )
    assert (
        'filename="senim-open-data.json"'
        in responses["/statistics/open-data.json"]["Content-Disposition"]
    )
    assert (
        'filename="senim-open-data.schema.json"'
        in responses["/statistics/open-data.schema.json"]["Content-Disposition"]
    )
    for response in responses.values():
        assert response.status_code == 200
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=300"}
        assert not response.cookies
    # The page carries the language switcher's CSRF cookie: never in a shared cache.
    assert set(html["Cache-Control"].split(", ")) == {"private", "max-age=300"}


@pytest.mark.django_db
def test_no_personal_data_reaches_the_files(quarter_data: list[Case], client: Client) -> None:
    with time_machine.travel(TODAY, tick=False):
        text = client.get("/statistics/open-data.csv").content.decode()
        text += client.get("/statistics/open-data.json").content.decode()
        text += page(client, period=Q1)
    numbers = [case.appeal.number for case in quarter_data]
    for secret in [SUBJECT, "Zhanibekov", "room 312", *numbers, "Semey", "Almaly District"]:
        assert secret not in text


# --- Works without script, keyboard and screen readers, and never fails ---------------------


@pytest.mark.django_db
def test_the_page_works_without_javascript(quarter_data: list[Case], client: Client) -> None:
    with time_machine.travel(TODAY, tick=False):
        html = page(client, region="KZ-75", period="2026")
    assert "<script" not in html
    form = html[
        html.index('<form class="filters"') : html.index(
            "</form>", html.index('<form class="filters"')
        )
    ]
    assert 'method="get"' in form and 'action="/statistics/"' in form
    assert (
        '<label for="statistics-region">' in form and 'id="statistics-region" name="region"' in form
    )
    assert (
        '<label for="statistics-period">' in form and 'id="statistics-period" name="period"' in form
    )
    assert '<option value="KZ-75" selected>' in form
    assert '<option value="2026" selected>' in form
    assert '<button type="submit">' in form
    assert "Almaty, 2026" in html
    # The chart is drawn on the server, named for screen readers, with its figures in a table.
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert 'aria-labelledby="trend-title trend-desc"' in html
    assert '<th scope="col">Month</th>' in html and '<th scope="row">02.2026</th>' in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    # Every indicator says what it means.
    for key in ("reports", "offences", "rate:on_time", "rate:overdue", "rate:substantiation"):
        assert str(public.PUBLIC[key].definition) in html.replace("&#x27;", "'")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"region": "KZ-99", "period": Q1},
        {"region": "<script>alert(1)</script>", "period": "2026-Q9"},
        {"period": "garbage"},
        {"period": "1990"},
        {"period": "2026-13"},
        {"period": "2026-Q2"},  # not over yet on 15 May
        {"region": "KZ" * 500, "period": "2026-Q1" * 100},
        {"region": "", "period": ""},
        {"region": "Алматы", "period": "２０２６"},
    ],
)
def test_bad_parameters_fall_back_and_never_fail(
    quarter_data: list[Case], client: Client, params: dict[str, str]
) -> None:
    with time_machine.travel(TODAY, tick=False):
        html = page(client, **params)
    assert (
        "Kazakhstan (whole country), Q1 2026" in html or "Kazakhstan (whole country), 2026" in html
    )
    assert "<script>alert" not in html


@pytest.mark.django_db
def test_an_empty_system_publishes_nothing_without_failing(registry: None, client: Client) -> None:
    with time_machine.travel(TODAY, tick=False):
        html = page(client, region="KZ-75", period=Q1)
        csv_text = client.get("/statistics/open-data.csv").content.decode()
        document = client.get("/statistics/open-data.json").json()
        schema_page = client.get("/statistics/open-data/", HTTP_ACCEPT_LANGUAGE=EN)
    assert "No figures have been published yet" in html
    assert csv_text.strip() == ",".join(f["name"] for f in public_fields())
    assert document["rows"] == [] and document["published_until"] is None
    assert schema_page.status_code == 200


def public_fields() -> list[dict[str, Any]]:
    return schema_fields()


@pytest.mark.django_db
def test_the_current_quarter_is_not_published(registry: None, client: Client) -> None:
    with time_machine.travel(TODAY, tick=False):
        make("DST-75-02", "2026-01-20")
        make("DST-75-02", "2026-04-20")  # the second quarter is not over
        rollups.refresh()  # from the marks the saves wrote
        table = public.public_table()
        rows = csv_rows(client)
    assert [q.code for q in table.quarters] == [Q1]
    assert {r["period"] for r in rows} == {Q1}
    assert find(rows, "KZ", "reports")["suppression"] == "small"


@pytest.mark.django_db
def test_the_open_data_page_documents_fields_rule_and_licence(
    quarter_data: list[Case], client: Client
) -> None:
    with time_machine.travel(TODAY, tick=False):
        html = client.get("/statistics/open-data/", HTTP_ACCEPT_LANGUAGE=EN).content.decode()
    for field in public_fields():
        assert f"<code>{field['name']}</code>" in html
    for key in public.PUBLIC:
        assert f"<code>{key}</code>" in html
    assert "CC BY 4.0" in html and "KZ-NAT" in html
    assert "A zero is published" in html
    for url in ("open-data.csv", "open-data.json", "open-data.schema.json"):
        assert f'href="/statistics/{url}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_pages_render_in_each_language(
    quarter_data: list[Case], client: Client, language: str
) -> None:
    with time_machine.travel(TODAY, tick=False):
        for url in ("/statistics/", "/statistics/open-data/"):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200
            assert response["Content-Type"] == "text/html; charset=utf-8"
            assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.django_db
def test_the_portal_navigation_links_to_the_statistics(client: Client) -> None:
    assert 'href="/statistics/"' in client.get("/", HTTP_ACCEPT_LANGUAGE=EN).content.decode()


# --- The rules as pure functions -------------------------------------------------------------


def test_small_counts_are_hidden_and_zeros_shown() -> None:
    counts = {("q", "a", "k"): 0, ("q", "b", "k"): 1, ("q", "c", "k"): 4, ("q", "d", "k"): 5}
    assert suppression.primary(counts) == {("q", "b", "k"): SMALL, ("q", "c", "k"): SMALL}


def _line(values: dict[str, int]) -> tuple[dict[Cell, int], list[Equation]]:
    counts = {("q", area, "k"): value for area, value in values.items()}
    parts = tuple(("q", area, "k") for area in values if area != "KZ")
    counts[("q", "KZ", "k")] = sum(values.values())
    return counts, [(("q", "KZ", "k"), parts)]


def test_one_hidden_region_takes_a_second_one_with_it() -> None:
    counts, equations = _line({"A": 3, "B": 9, "C": 12, "D": 40})
    hidden = suppression.suppress(counts, equations)
    assert hidden == {("q", "A", "k"): SMALL, ("q", "B", "k"): COMPLEMENTARY}


def test_a_partner_too_small_to_hide_the_count_is_not_enough() -> None:
    # 1 and 5 hidden, total 6 shown: the 5 is at least 5, so the 1 would be exactly 1.
    counts, equations = _line({"A": 1, "B": 5, "C": 8, "D": 40})
    hidden = suppression.suppress(counts, equations)
    assert hidden == {("q", "A", "k"): SMALL, ("q", "C", "k"): COMPLEMENTARY}
    # Every partner is 5: however many are hidden, they are "at least 5" each and the total
    # minus them leaves the 1 exactly; only hiding the total protects it.
    counts, equations = _line({"A": 1, "B": 5, "C": 5, "D": 5})
    hidden = suppression.suppress(counts, equations)
    assert set(hidden) == set(counts) and hidden[("q", "KZ", "k")] == COMPLEMENTARY


def test_two_small_regions_that_pin_each_other_take_a_third() -> None:
    # 1 + 1 = 2 under a shown total: each "<5" is at least 1, so both would be exactly 1.
    counts, equations = _line({"A": 1, "B": 1, "C": 30})
    assert suppression.suppress(counts, equations)[("q", "C", "k")] == COMPLEMENTARY


def test_small_counts_that_make_up_a_small_total_are_widened() -> None:
    # A year of four quarters with one report each: "<5" everywhere would give 4 = 1+1+1+1.
    counts = {("2026", "A", "k"): 4, **{(f"2026-Q{q}", "A", "k"): 1 for q in range(1, 5)}}
    equations: list[Equation] = [
        (("2026", "A", "k"), tuple((f"2026-Q{q}", "A", "k") for q in range(1, 5)))
    ]
    hidden = suppression.suppress(counts, equations)
    assert hidden[("2026", "A", "k")] == WIDENED
    assert suppression.disclosed(equations[0], counts, hidden) == []


def test_a_part_is_at_most_its_whole() -> None:
    # Almaty's 5 decisions on time hide Abai's 2 in the country's sum; but all 5 of Almaty's
    # concluded cases were on time, and "x" at most 5 is 5: the 5 concluded go too.
    on_time = {"A": 5, "B": 2, "C": 40}
    counts, equations = _line(on_time)
    counts = {(p, a, "on_time"): v for (p, a, _k), v in counts.items()}
    equations = [
        (("q", "KZ", "on_time"), tuple(("q", a, "on_time") for a in on_time)),
        (("q", "A", "concluded"), (("q", "A", "on_time"), ("q", "A", "concluded-on_time"))),
    ]
    counts[("q", "A", "concluded")] = 5
    hidden = suppression.suppress(counts, equations, [("q", "A", "concluded-on_time")])
    assert hidden == {
        ("q", "B", "on_time"): SMALL,
        ("q", "A", "on_time"): COMPLEMENTARY,
        ("q", "A", "concluded"): COMPLEMENTARY,
    }


def _feasible(
    equation: Equation, counts: dict[Cell, int], hidden: dict[Cell, str], cap: int
) -> dict[Cell, set[int]]:
    """Every value each hidden cell can take, found by enumeration rather than intervals."""
    total, parts = equation
    terms = [(total, -1), *((p, 1) for p in parts)]
    known = sum(sign * counts.get(c, 0) for c, sign in terms if c not in hidden)
    domain = {
        SMALL: range(1, suppression.THRESHOLD),
        COMPLEMENTARY: range(suppression.THRESHOLD, cap + 1),
        WIDENED: range(1, cap + 1),
    }
    unknown = [(c, sign) for c, sign in terms if c in hidden]
    found: dict[Cell, set[int]] = {}
    for cell, sign in unknown:
        sums = {0}
        for other, other_sign in unknown:
            if other != cell:
                sums = {s + other_sign * v for s in sums for v in domain[hidden[other]]}
        found[cell] = {v for v in domain[hidden[cell]] if known + sign * v in {-s for s in sums}}
    return found


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(0, 9), min_size=2, max_size=3), min_size=2, max_size=4))
def test_no_sum_of_a_suppressed_grid_gives_a_hidden_cell_away(grid: list[list[int]]) -> None:
    """Regions x channels with the country row and the reports column, as on the page."""
    width = min(len(row) for row in grid)
    grid = [row[:width] for row in grid]
    counts: dict[Cell, int] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            counts[("q", f"R{r}", f"c{c}")] = value
        counts[("q", f"R{r}", "total")] = sum(row)
    for c in range(width):
        counts[("q", "KZ", f"c{c}")] = sum(row[c] for row in grid)
    counts[("q", "KZ", "total")] = sum(map(sum, grid))
    areas = [f"R{r}" for r in range(len(grid))]
    keys = [f"c{c}" for c in range(width)]
    equations: list[Equation] = [
        (("q", "KZ", k), tuple(("q", a, k) for a in areas)) for k in [*keys, "total"]
    ]
    equations += [(("q", a, "total"), tuple(("q", a, k) for k in keys)) for a in ["KZ", *areas]]
    hidden = suppression.suppress(counts, equations)
    assert all(hidden.get(cell) for cell, v in counts.items() if 0 < v < suppression.THRESHOLD)
    assert all(counts[cell] > 0 for cell in hidden)  # a zero is never hidden
    cap = counts[("q", "KZ", "total")] + 5
    for equation in equations:
        for cell, values in _feasible(equation, counts, hidden, cap).items():
            assert counts[cell] in values
            assert len(values) >= 2, (cell, values, equation)
