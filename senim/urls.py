from django.urls import include, path
from django.views.i18n import set_language

from senim.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", include("senim.api.urls")),
    path("office/", include("senim.office.signin_urls")),
    path("office/", include("senim.office.urls")),
    path("", include("senim.portal.urls")),
]
