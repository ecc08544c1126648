from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "senim.analytics"
    label = "analytics"
    verbose_name = _("analytics")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The roll-ups listen to the layers below (which must not know about analytics).
        from senim.analytics import marks

        marks.connect()
