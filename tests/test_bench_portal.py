"""`make bench`'s target line for each portal page (issue 18): a page's rate against the
trivial view's, p50 for p50, met at 0.5x and above."""

from __future__ import annotations

from bench.report import Row
from bench.scenarios import portal


def _row(name: str, p50: float, *, baseline: bool = False, errors: int = 0) -> Row:
    return Row(
        scenario=name,
        clients=4,
        latencies_ms=[p50] * 10,
        errors=errors,
        elapsed_s=1.0,
        baseline=baseline,
    )


def test_each_portal_page_is_judged_against_the_trivial_view() -> None:
    rows = [
        _row("baseline: trivial view + SELECT 1", 2.0, baseline=True),
        _row("portal: report form (ru)", 3.0),  # 0.67x: met
        _row("portal: reception times of a unit (ru)", 5.0),  # 0.40x: not met
        _row("portal: home (ru)", 2.5, errors=1),  # fast, but an error is not a page
        _row("office home (central)", 90.0),  # not a portal page: no line
    ]
    lines = portal.summary(rows)
    assert len(lines) == 3
    assert "report form (ru): met (0.67×" in lines[0]
    assert "reception times of a unit (ru): NOT MET (0.40×" in lines[1]
    assert "home (ru): NOT MET" in lines[2]
    assert all("≥ 0.5× the trivial view" in line for line in lines)


def test_no_line_without_a_baseline() -> None:
    assert portal.summary([_row("portal: home (ru)", 2.0)]) == []
