"""Demo requests to read a reporter's identity, so that the custodian's page has something to
decide: territorial investigators ask, through the service, on named reports of their own open
cases. Only with the demo accounts, and only once."""

from __future__ import annotations

from senim.accounts.models import User
from senim.cases.models import Case, RevealRequest, Status
from senim.cases.reveals import reveal_request
from senim.core.errors import DomainError

# (investigator, the reason they give): the reason is in the language they would write it.
ASKING = [
    (
        "investigator-almaty",
        "Нужно уточнить у заявителя дату и номер зала судебного заседания, "
        "в письме их нет, а запись с камер хранится 30 дней.",
    ),
    (
        "investigator-astana",
        "Хабарлаушыдан куәгерлердің аты-жөнін нақтылау қажет: тексеру үшін олардан "
        "түсініктеме алу керек.",
    ),
]


def reveal_requests_ensure() -> int:
    """Pending requests from the demo investigators; how many were added (none a second time)."""
    if RevealRequest.objects.exists():
        return 0
    added = 0
    for username, reason in ASKING:
        user = User.objects.filter(username=username, is_demo=True).first()
        if user is None:
            continue
        open_named = Case.objects.filter(
            assignee=user,
            appeal__is_anonymous=False,
            status__in=[Status.ASSESSMENT, Status.INVESTIGATION],
        ).order_by("pk")
        for case in open_named[:3]:
            try:
                reveal_request(user=user, case_id=case.pk, reason=reason)
            except DomainError:
                continue  # e.g. the reporter is not named after all: try the next case
            added += 1
            break
    return added
