"""Marking a selection of the queue as related reports: every selected case linked to every
other (the links `cases_relate` makes one by one), all or none, each case recorded with the
reasons. A selection of related reports is small; twenty cases make 190 links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from senim.cases import bulk
from senim.cases.models import Case
from senim.triage.links import cases_relate

if TYPE_CHECKING:
    from senim.accounts.models import User

AT_MOST = 20


def cases_relate_all(*, user: User, case_ids: Iterable[int | str], reason: str) -> int:
    def relate(case: Case, selection: list[Case]) -> None:
        for other in selection:
            if other.pk > case.pk:
                cases_relate(user=user, case_id=case.pk, other_id=other.pk)

    return bulk.cases_each(
        user=user, case_ids=case_ids, act="relate", reason=reason, do=relate, at_most=AT_MOST
    )
