"""Public statistics and open data (see senim/portal/statistics.py)."""

from django.urls import URLPattern, path

from senim.portal import statistics

urlpatterns: list[URLPattern] = [
    path("", statistics.statistics, name="statistics"),
    path("open-data/", statistics.open_data, name="open-data"),
    path("open-data.csv", statistics.open_data_csv, name="open-data-csv"),
    path("open-data.json", statistics.open_data_json, name="open-data-json"),
    path("open-data.schema.json", statistics.open_data_schema, name="open-data-schema"),
]
