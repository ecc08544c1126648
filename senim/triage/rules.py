"""The central department's triage rules: words in any form, categories, courts; fired at
registration to raise a case's priority, require central review, or notify someone.

A rule fires when every criterion it sets matches: one of its words (in any of its forms: the
word and the report are reduced the same way as for search, `senim.core.wordforms`), one of
its categories, one of its courts. A rule sets at least one criterion. Each firing is a
`RuleFiring` shown on the case and an audit entry `triage.rule_fired` naming the rule, the
action and the criteria that matched (the rule's own words, never the report's text).

"Central review" has no field on the case: the firing itself is the requirement, and it stays
pending on the case page and on /office/triage/reviews/ until a coordinator records the review.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import override

from senim.accounts.models import Requester, User
from senim.cases.models import Case, Priority
from senim.cases.selectors import access_case, cases_visible_to
from senim.core import clock, wordforms
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound
from senim.intake.models import Category
from senim.organization import policy
from senim.organization.models import Court
from senim.organization.policy import Capability
from senim.triage.models import RuleFiring, TriageNotice, TriageRule

Action = TriageRule.Action
_RANK: dict[str, int] = {"low": 0, "normal": 1, "high": 2, "urgent": 3}
_SPLIT = re.compile(r"[,;\n]+")


def rule_words(rule: TriageRule) -> list[str]:
    return [word.strip() for word in _SPLIT.split(rule.words) if word.strip()]


def rule_categories(rule: TriageRule) -> list[str]:
    return [c.strip() for c in rule.categories.split(",") if c.strip()]


def _word_matches(word: str, stems: set[str]) -> bool:
    """A rule's word (or phrase: every word of it) is in the report in some form."""
    parts = wordforms.words(word)
    return bool(parts) and all(set(wordforms.stems(part)) & stems for part in parts)


def _matched(
    rule: TriageRule, category: str, court: Court, stems: set[str]
) -> dict[str, object] | None:
    """What matched, when every criterion the rule sets matches; None otherwise."""
    matched: dict[str, object] = {}
    words = rule_words(rule)
    if words:
        found = [word for word in words if _word_matches(word, stems)]
        if not found:
            return None
        matched["words"] = found
    categories = rule_categories(rule)
    if categories:
        if category not in categories:
            return None
        matched["category"] = category
    court_ids = {c.pk for c in rule.courts.all()}
    if court_ids:
        if court.pk not in court_ids:
            return None
        matched["court"] = court.code
    return matched or None


def prepare(
    *, category: str, court: Court, subject: str, text: str, people: list[tuple[str, str]]
) -> list[tuple[TriageRule, dict[str, object]]]:
    """Before the registration's transaction: the active rules a new report fires, with what
    matched; `people`: the (name, position) of each person the report names."""
    rules = list(TriageRule.objects.filter(active=True).prefetch_related("courts"))
    if not rules:
        return []
    names = [f"{n} {p}" for n, p in people]
    stems = set(wordforms.index_text([subject, text, *names]).split())
    return [
        (rule, matched)
        for rule in rules
        if (matched := _matched(rule, category, court, stems)) is not None
    ]


def on_registered(
    case: Case, firing: list[tuple[TriageRule, dict[str, object]]]
) -> list[RuleFiring]:
    """Inside the registration's transaction: record the rules `prepare` found firing, and do
    what each asks (a notice is told only to someone who may see the case)."""
    appeal = case.appeal
    now = clock.now()
    fired = []
    for rule, matched in firing:
        fired.append(
            RuleFiring.objects.create(
                rule=rule, case=case, action=rule.action, matched=matched, fired_at=now
            )
        )
        if rule.action == Action.PRIORITY and _RANK.get(rule.priority, 0) > _RANK.get(
            case.priority, 1
        ):
            case.priority = rule.priority
            Case.objects.filter(pk=case.pk).update(priority=rule.priority)
        elif rule.action == Action.NOTIFY and rule.notify_id is not None:
            _notify(rule, case, now=now)
        audit(
            action="triage.rule_fired",
            object_type="case",
            object_id=appeal.number,
            detail={"rule": rule.pk, "name": rule.name, "action": rule.action, **matched},
        )
    return fired


def _notify(rule: TriageRule, case: Case, *, now: dt.datetime) -> None:
    person = rule.notify
    assert person is not None
    # Told only of a case they may see; the rule still fires and is shown on the case.
    if not cases_visible_to(person).filter(pk=case.pk).exists():
        return
    TriageNotice.objects.create(user=person, kind=TriageNotice.Kind.RULE, case=case, created_at=now)
    if person.email:
        with override(person.preferred_language or settings.LANGUAGE_CODE):
            subject = _("Senim: triage rule fired")
            body = _("The rule «%(rule)s» fired on case %(number)s. Open it in the office.") % {
                "rule": rule.name,
                "number": case.appeal.number,
            }
        address = person.email
        transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))


# --- The central department's reads and acts -------------------------------------------------


def _require_central(user: User) -> None:
    policy.require(
        user, Capability.SPAM_DECIDE, _("Only the central department sets triage rules.")
    )


def rules_for(user: Requester) -> QuerySet[TriageRule]:
    if not policy.may(user, Capability.SPAM_DECIDE):
        return TriageRule.objects.none()
    return TriageRule.objects.select_related("notify", "created_by").prefetch_related("courts")


@transaction.atomic
def rule_create(
    *,
    user: User,
    name: str,
    words: str,
    categories: list[str],
    courts: list[Court],
    action: str,
    priority: str = "",
    notify: User | None = None,
) -> TriageRule:
    """A new active rule. It needs a name, at least one criterion, and what its action needs
    (a priority to raise to, a member of staff to notify)."""
    _require_central(user)
    if not name.strip():
        raise DomainError(_("Give the rule a name."))
    if not (words.strip() or categories or courts):
        raise DomainError(_("Give at least one word, category or court."))
    if action not in Action.values:
        raise DomainError(_("Choose what the rule does."))
    if any(c not in Category.values for c in categories):
        raise DomainError(_("Choose categories from the list."))
    if action == Action.PRIORITY and priority not in (Priority.HIGH, Priority.URGENT):
        raise DomainError(_("Choose the priority the rule raises a case to."))
    if action == Action.NOTIFY and (
        notify is None or not policy.may_any(notify, *policy.CASE_SIGHT)
    ):
        raise DomainError(_("Choose a member of staff who handles cases to notify."))
    rule = TriageRule.objects.create(
        name=name.strip(),
        words="\n".join(w.strip() for w in _SPLIT.split(words) if w.strip()),
        categories=",".join(categories),
        action=action,
        priority=priority if action == Action.PRIORITY else "",
        notify=notify if action == Action.NOTIFY else None,
        created_by=user,
        created_at=clock.now(),
    )
    rule.courts.set(courts)
    audit(
        action="triage.rule_created",
        actor=user,
        object_type="triage_rule",
        object_id=rule.pk,
        detail={"name": rule.name, "action": action, "categories": categories,
                "courts": [c.code for c in courts], "words": rule_words(rule)},
    )  # fmt: skip
    return rule


@transaction.atomic
def rule_set_active(*, user: User, rule_id: int, active: bool) -> TriageRule:
    _require_central(user)
    rule = TriageRule.objects.select_for_update().filter(pk=rule_id).first()
    if rule is None:
        raise NotFound(_("No such rule."))
    if rule.active != active:
        rule.active = active
        rule.save(update_fields=["active"])
        audit(
            action="triage.rule_enabled" if active else "triage.rule_disabled",
            actor=user,
            object_type="triage_rule",
            object_id=rule.pk,
            detail={"name": rule.name},
        )
    return rule


def firings_on(user: User, case: Case) -> list[RuleFiring]:
    """The rules that fired on a case the user sees (the case page checked visibility)."""
    return list(
        RuleFiring.objects.filter(case=case).select_related("rule", "reviewed_by").order_by("pk")
    )


def reviews_pending(user: Requester) -> QuerySet[RuleFiring]:
    """Cases waiting for central review, among those the user may see."""
    if not policy.may(user, Capability.SPAM_DECIDE):
        return RuleFiring.objects.none()
    return (
        RuleFiring.objects.filter(
            action=Action.CENTRAL_REVIEW,
            reviewed_at__isnull=True,
            case__in=cases_visible_to(user),
        )
        .select_related("rule", "case__appeal")
        .order_by("fired_at", "pk")
    )


@transaction.atomic
def review_record(*, user: User, firing_id: int) -> RuleFiring:
    """A coordinator records the central review a rule required."""
    _require_central(user)
    firing = (
        RuleFiring.objects.select_for_update()
        .filter(pk=firing_id, action=Action.CENTRAL_REVIEW)
        .first()
    )
    if firing is None:
        raise NotFound(_("No such review."))
    case = access_case(user, firing.case_id)
    if firing.reviewed_at is not None:
        raise DomainError(_("This review has been recorded already."))
    firing.reviewed_by = user
    firing.reviewed_at = clock.now()
    firing.save(update_fields=["reviewed_by", "reviewed_at"])
    audit(
        action="triage.reviewed",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"rule": firing.rule_id},
    )
    return firing


def priority_label(value: str) -> str:
    return str(Priority(value).label) if value in Priority.values else value


def category_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Category.choices]
