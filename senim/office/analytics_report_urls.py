"""Reports and the statistical export of the analytics section."""

from django.urls import URLPattern, path

from senim.office import analytics_reports
from senim.office.second_factor import step_up_required

urlpatterns: list[URLPattern] = [
    path("reports/", analytics_reports.report, name="analytics-report"),
    # An export leaves the system: a fresh second factor first.
    path("export/", step_up_required(analytics_reports.export), name="analytics-export"),
]
