"""`{{ start|minutes_until:end }}`: a call's length in whole minutes, in the page's language
(Django's own `timesince` has no Kazakh for its units)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def minutes_until(start: dt.datetime | None, end: dt.datetime | None) -> str:
    if start is None or end is None:
        return "—"
    minutes = max(0, int((end - start).total_seconds() // 60))
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
