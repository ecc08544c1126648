"""Rows of the case table (office/case_table.html), with their labels and links resolved once.

A queue page shows 25 cases and the home page up to 30. Asking each row for its status and
channel label (`get_status_display`) rebuilt the choice table and translated every choice
again, and reversing the case URL for each row did the URL resolver's work 25 times: together
more than the page's query. Here each label is translated once per list and the link is made
from one reversed URL.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from senim.cases.models import Case, Status
from senim.cases.search import snippet
from senim.intake.models import Appeal, Channel

_ID_PLACEHOLDER = 999999999


def case_rows(cases: Iterable[Case], search: str = "") -> list[Case]:
    """The cases, each with `link`, `status_label` and `channel_label` set; after a search,
    `snippet` too: the words of the appeal's text around the match, marked (one query)."""
    statuses = {value: str(label) for value, label in Status.choices}
    channels = {value: str(label) for value, label in Channel.choices}
    pattern = reverse("office:case-detail", args=[_ID_PLACEHOLDER])
    head, tail = pattern.split(str(_ID_PLACEHOLDER), 1)
    rows = list(cases)
    for case in rows:
        case.link = f"{head}{case.pk}{tail}"  # type: ignore[attr-defined]
        case.status_label = statuses.get(case.status, case.status)  # type: ignore[attr-defined]
        channel = case.appeal.channel
        case.channel_label = channels.get(channel, channel)  # type: ignore[attr-defined]
    if search.strip() and rows:
        texts = dict(
            Appeal.objects.filter(pk__in=[case.appeal_id for case in rows]).values_list(
                "pk", "text"
            )
        )
        for case in rows:
            case.snippet = snippet(texts.get(case.appeal_id, ""), search)  # type: ignore[attr-defined]
    return rows
