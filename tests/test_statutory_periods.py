"""The statutory periods have one home (senim.core.statutory): the law's values, and the one an
installation may set (SENIM_CONSIDERATION_DAYS) reaching every deadline computed from it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from senim.cases.services import consideration_due
from senim.core.calendar import calendar
from senim.core.statutory import StatutoryPeriods, statutory_periods

pytestmark = pytest.mark.django_db


def test_the_periods_are_the_laws() -> None:
    periods = statutory_periods()
    assert periods == StatutoryPeriods()
    # DOMAIN.md section 3: the Administrative Procedural Code and the EU Directive.
    assert (
        periods.consideration_working_days,
        periods.extension_max_months,
        periods.extension_notice_working_days,
        periods.forward_working_days,
        periods.acknowledge_days,
        periods.feedback_months,
    ) == (15, 2, 3, 3, 7, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        periods.consideration_working_days = 10  # type: ignore[misc]


def test_the_consideration_setting_reaches_the_deadline() -> None:
    registered_at = dt.datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Asia/Almaty"))  # a Monday
    statutory = consideration_due(registered_at)
    assert statutory == calendar().add_working_days(dt.date(2026, 3, 2), 15)
    with override_settings(SENIM_CONSIDERATION_DAYS=20):
        assert statutory_periods().consideration_working_days == 20
        longer = consideration_due(registered_at)
    assert longer == calendar().add_working_days(dt.date(2026, 3, 2), 20) > statutory
