from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "senim.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from senim.core.events import appeal_preparing, case_event
        from senim.webhooks.outbox import on_appeal_preparing, on_case_event

        # Written in the event's own transaction (`senim.webhooks.outbox`); for a registration
        # the subscriptions are read before it.
        case_event.connect(on_case_event, dispatch_uid="senim.webhooks.outbox")
        appeal_preparing.connect(on_appeal_preparing, dispatch_uid="senim.webhooks.preparing")
