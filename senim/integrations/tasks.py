"""Background work of the integrations: thin tasks that take ids and call a service."""

from __future__ import annotations

from django_tasks import task

from senim.integrations import eotinish


@task()
def external_report_deliver(report_id: int) -> str:
    """Deliver one status or answer to e-Otinish through its adapter."""
    return eotinish.report_send(report_id=report_id)
