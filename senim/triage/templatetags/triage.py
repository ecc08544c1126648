"""The case page's and the home page's triage panels read their data here, so that the office's
templates only include them (`{% include "triage/case_panel.html" %}`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Exists, OuterRef, Q

from senim.cases.models import Case
from senim.organization import policy
from senim.organization.policy import Capability
from senim.triage import hotspots, links, rules
from senim.triage.models import CaseLink, RuleFiring, Suggestion

State = Suggestion.State

register = template.Library()


@register.simple_tag(takes_context=True)
def triage_case(context: dict[str, Any], case: Case) -> dict[str, Any]:
    """Suggested matches, links and rule firings of a case the page's reader sees."""
    user = context["request"].user
    # Most cases have none of the three: one query of three EXISTS says so, before the
    # queries that read them (each joins the cases and appeals on both sides: at a million
    # cases they were nearly half of the case page's time).
    has = (
        Case.objects.filter(pk=case.pk)
        .annotate(
            suggested=Exists(
                Suggestion.objects.filter(
                    Q(case=OuterRef("pk")) | Q(earlier=OuterRef("pk")), state=State.OPEN
                )
            ),
            linked=Exists(
                CaseLink.objects.filter(Q(first=OuterRef("pk")) | Q(second=OuterRef("pk")))
            ),
            fired=Exists(RuleFiring.objects.filter(case=OuterRef("pk"))),
        )
        .values("suggested", "linked", "fired")
        .get()
    )
    suggestions, linked = links.panel(user, case) if has["suggested"] or has["linked"] else ([], [])
    return {
        "suggestions": suggestions,
        "links": linked,
        "firings": rules.firings_on(user, case) if has["fired"] else [],
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
