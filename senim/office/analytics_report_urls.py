"""Reports and the statistical export of the analytics section."""

from django.urls import URLPattern, path

from senim.office import analytics_reports

urlpatterns: list[URLPattern] = [
    path("reports/", analytics_reports.report, name="analytics-report"),
    path("export/", analytics_reports.export, name="analytics-export"),
]
