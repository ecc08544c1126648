"""Audit entries in words in templates: `{{ action|action_label }}`, and the timeline's short
details `{{ action|timeline_text:detail }}` (see `senim.office.audit_actions`)."""

from __future__ import annotations

from typing import Any

from django import template

from senim.office import audit_actions

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return audit_actions.action_label(action)


@register.filter
def timeline_text(action: str, detail: dict[str, Any] | None) -> str:
    return audit_actions.timeline_text(action, detail)
