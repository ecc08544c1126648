from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "senim.triage"
    label = "triage"
    verbose_name = _("Triage")

    def ready(self) -> None:
        from senim.core.events import appeal_preparing, case_event
        from senim.triage.listeners import on_appeal_preparing, on_case_event

        case_event.connect(on_case_event, dispatch_uid="senim.triage.registered")
        appeal_preparing.connect(on_appeal_preparing, dispatch_uid="senim.triage.preparing")
