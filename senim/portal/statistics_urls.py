"""Public statistics and open data (see senim/portal/statistics.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
