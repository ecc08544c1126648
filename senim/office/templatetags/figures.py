"""`{{ n|at_most:999 }}`: a count the page stopped at: "999+" once it is past the cap.

The home page counts each of its figures only up to a cap (`cases.selectors.home_counts`): the
central department's "awaiting the answer" is tens of thousands of cases at a million, and
counting them all on every visit made the page grow with the data. The queue behind each
figure holds every case.
"""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def at_most(value: int, cap: int) -> str:
    if value > cap:
        return f"{number_format(cap)}+"
    return number_format(value)
