"""The case page's and the home page's triage panels read their data here, so that the office's
templates only include them (`{% include "triage/case_panel.html" %}`)."""

from __future__ import annotations

from typing import Any

from django import template

from senim.cases.models import Case
from senim.organization import policy
from senim.organization.policy import Capability
from senim.triage import hotspots, links, rules

register = template.Library()


@register.simple_tag(takes_context=True)
def triage_case(context: dict[str, Any], case: Case) -> dict[str, Any]:
    """Suggested matches, links and rule firings of a case the page's reader sees."""
    user = context["request"].user
    suggestions, linked = links.panel(user, case)
    return {
        "suggestions": suggestions,
        "links": linked,
        "firings": rules.firings_on(user, case),
        "may_decide": policy.may(user, Capability.CASE_HANDLE),
        "may_review": policy.may(user, Capability.SPAM_DECIDE),
    }


@register.simple_tag(takes_context=True)
def triage_home(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    return {
        "notices": hotspots.notices_for(user),
        "central": policy.may(user, Capability.SPAM_DECIDE),
    }
