from django.urls import include, path

from senim.office import analytics_views

urlpatterns = [
    path("", analytics_views.dashboard, name="analytics"),
    path("cases/", analytics_views.drill_down, name="analytics-cases"),
    path("", include("senim.office.analytics_report_urls")),
]
