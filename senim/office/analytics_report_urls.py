"""Reports and the statistical export of the analytics section."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
