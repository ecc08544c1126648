from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    name = "senim.office"
    label = "office"
    verbose_name = _("Staff office")

    def ready(self) -> None:
        from senim.office import security_audit

        security_audit.connect()
