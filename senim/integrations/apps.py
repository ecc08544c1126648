from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "senim.integrations"
    label = "integrations"
    verbose_name = _("Connected systems")

    def ready(self) -> None:
        from senim.cases import search
        from senim.core.events import case_event
        from senim.integrations import listeners, selectors

        case_event.connect(listeners.on_case_event, dispatch_uid="senim.integrations")
        search.NUMBER_FINDERS.append(selectors.appeals_by_external_number)
