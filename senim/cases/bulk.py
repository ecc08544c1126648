"""Acting on many cases at once from the queue: one reasoned decision, applied to each selected
case through the single-case service, all of it or none of it.

Each act runs every case through the same service the case page uses (`handling.case_assign`,
`handling.case_reroute`, `spam.cases_close_as_spam`), so no rule is written twice: a case the
single service would refuse refuses the whole selection, and the transaction leaves every case
as it was. The selection itself is checked first against the one visibility rule: a case the
user may not see (or that does not exist) refuses the whole selection too, with the same words
either way, so a refusal says nothing about cases outside the user's sight.

Every case acted on gets its own audit entry with the decision's reason (`case.bulk`), besides
the single service's own entry, so a case's history says it was moved as part of a selection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from senim.cases import handling, spam
from senim.cases.models import Case
from senim.cases.selectors import cases_visible_to, with_list_columns
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.core.reasons import reasons_required

if TYPE_CHECKING:
    from senim.accounts.models import User
    from senim.organization.models import Unit

T = TypeVar("T")

# A page of the queue holds 50; a few pages at once is still a reviewed selection.
MAX_SELECTION = 200
MIN_REASON = 10


@dataclass(frozen=True)
class ExportRow:
    number: str
    registered_at: dt.datetime
    subject: str
    court: str
    channel: str
    status: str
    assignee: str
    due_on: dt.date | None


def _selection(user: User, case_ids: Iterable[int | str]) -> list[Case]:
    """The selected cases, every one of them visible to `user`, or a refusal of the whole."""
    try:
        ids = sorted({int(pk) for pk in case_ids})
    except (TypeError, ValueError) as bad:
        raise DomainError(_("The selection is not valid. Select the cases again.")) from bad
    if not ids:
        raise DomainError(_("Select at least one case."))
    if len(ids) > MAX_SELECTION:
        raise DomainError(
            _("Select at most %(n)s cases at a time.") % {"n": MAX_SELECTION},
        )
    cases = list(
        cases_visible_to(user)
        .filter(pk__in=ids)
        .select_related("appeal", "appeal__court", "unit", "assignee")
        .order_by("pk")
    )
    if len(cases) != len(ids):
        raise PermissionDenied(
            _("Some of the selected cases are not yours to act on. Nothing was done.")
        )
    return cases


def _each(cases: list[Case], act: Callable[[Case], T]) -> list[T]:
    """Run `act` on every case; the first refusal names its case and refuses the whole."""
    done = []
    for case in cases:
        try:
            done.append(act(case))
        except (DomainError, PermissionDenied) as refused:
            problem = refused.message if isinstance(refused, DomainError) else str(refused)
            raise DomainError(
                _("%(number)s: %(problem)s Nothing was done.")
                % {"number": case.appeal.number, "problem": problem}
            ) from refused
    return done


def _record(user: User, case: Case, act: str, reason: str, size: int) -> None:
    audit(
        action="case.bulk",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"act": act, "reason": reason, "selected": size},
    )


@transaction.atomic
def cases_each(
    *,
    user: User,
    case_ids: Iterable[int | str],
    act: str,
    reason: str,
    do: Callable[[Case, list[Case]], object],
    at_most: int = MAX_SELECTION,
) -> int:
    """Run `do(case, selection)` for every selected case, all or none, each recorded with the
    reasons: for acts of the layers above (linking related reports is triage's)."""
    reason = reasons_required(reason, MIN_REASON)
    cases = _selection(user, case_ids)
    if len(cases) > at_most:
        raise DomainError(_("Select at most %(n)s cases at a time.") % {"n": at_most})

    def each(case: Case) -> object:
        done = do(case, cases)
        _record(user, case, act, reason, len(cases))
        return done

    return len(_each(cases, each))


@transaction.atomic
def cases_assign(
    *, user: User, case_ids: Iterable[int | str], assignee_id: int, reason: str
) -> int:
    """Make one investigator responsible for every selected case (of their unit)."""
    reason = reasons_required(reason, MIN_REASON)
    cases = _selection(user, case_ids)

    def assign(case: Case) -> Case:
        done = handling.case_assign(
            user=user, case_id=case.pk, assignee_id=assignee_id, collaborator_ids=[]
        )
        _record(user, case, "assign", reason, len(cases))
        return done

    return len(_each(cases, assign))


@transaction.atomic
def cases_reroute(*, user: User, case_ids: Iterable[int | str], unit: Unit, reason: str) -> int:
    """Move every selected appeal to another unit's inbox (the central department)."""
    reason = reasons_required(reason, MIN_REASON)
    cases = _selection(user, case_ids)

    def reroute(case: Case) -> Case:
        if case.unit_id == unit.pk:
            raise DomainError(_("The case is already in that unit's inbox."))
        done = handling.case_reroute(user=user, case_id=case.pk, unit=unit, reason=reason)
        _record(user, case, "reroute", reason, len(cases))
        return done

    return len(_each(cases, reroute))


@transaction.atomic
def cases_close_as_spam(*, user: User, case_ids: Iterable[int | str], reason: str) -> int:
    """Close the selection as spam: the spam decision of `senim.cases.spam`, refused as a whole
    if a selected case may not be closed so (only cases not yet examined can)."""
    reason = reasons_required(reason, MIN_REASON)
    cases = _selection(user, case_ids)
    closable = [case for case in cases if case.status in spam.EARLY_STATUSES]
    if len(closable) != len(cases):
        late = next(case for case in cases if case.status not in spam.EARLY_STATUSES)
        raise DomainError(
            _("%(number)s: only cases not yet examined can be closed as spam. Nothing was done.")
            % {"number": late.appeal.number}
        )
    decision = spam.cases_close_as_spam(user=user, case_ids=[c.pk for c in cases], reason=reason)
    for case in cases:
        _record(user, case, "spam", reason, len(cases))
    return decision.count


@transaction.atomic
def cases_export(*, user: User, case_ids: Iterable[int | str]) -> list[ExportRow]:
    """The selected cases' queue columns for a spreadsheet; each case's export is audited."""
    selected = _selection(user, case_ids)
    cases = with_list_columns(Case.objects.filter(pk__in=[c.pk for c in selected]).order_by("pk"))
    rows = []
    for case in cases:
        appeal = case.appeal
        rows.append(
            ExportRow(
                number=appeal.number,
                registered_at=appeal.registered_at,
                subject=appeal.subject,
                court=case.court_name_then or "",  # type: ignore[attr-defined]
                channel=str(appeal.get_channel_display()),
                status=str(case.get_status_display()),
                assignee=case.assignee.get_full_name() if case.assignee else "",
                due_on=case.due_on,
            )
        )
        _record(user, case, "export", "", len(selected))
    return rows
