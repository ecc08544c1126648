"""Kazakhstan's public holidays named in the page's language.

The `holidays` library names them in English (and in Kazakh, but not in Russian), with
suffixes it adds itself: "(observed)" for the day off moved from a weekend, "(estimated)" for
a religious date not yet proclaimed, and "Day off (substituted from MM/DD/YYYY)" for a
government transfer. One mechanism for both languages: the English name is parsed into its
holiday and its suffix, and each part goes through the catalogues.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy

# The library's English names (country KZ), each a catalogue entry of its own.
NAMES = {
    "New Year's Day": pgettext_lazy("holiday", "New Year's Day"),
    "Orthodox Christmas": pgettext_lazy("holiday", "Orthodox Christmas"),
    "International Women's Day": pgettext_lazy("holiday", "International Women's Day"),
    "Nowruz Holiday": pgettext_lazy("holiday", "Nowruz Holiday"),
    "Kazakhstan's People Solidarity Holiday": pgettext_lazy(
        "holiday", "Kazakhstan's People Solidarity Holiday"
    ),
    "Defender of the Fatherland Day": pgettext_lazy("holiday", "Defender of the Fatherland Day"),
    "Victory Day": pgettext_lazy("holiday", "Victory Day"),
    "Capital Day": pgettext_lazy("holiday", "Capital Day"),
    "Eid al-Adha": pgettext_lazy("holiday", "Eid al-Adha"),
    "Constitution Day": pgettext_lazy("holiday", "Constitution Day"),
    "Republic Day": pgettext_lazy("holiday", "Republic Day"),
    "First President Day": pgettext_lazy("holiday", "First President Day"),
    "Independence Day": pgettext_lazy("holiday", "Independence Day"),
}

_SUFFIX = re.compile(r"^(?P<name>.+) \((?P<suffix>observed|estimated)\)$")
_SUBSTITUTED = re.compile(r"^Day off \(substituted from (?P<m>\d\d)/(?P<d>\d\d)/(?P<y>\d{4})\)$")


def holiday_name(english: str) -> str:
    """`english` (the library's name) in the active language; unknown names stay as given."""
    substituted = _SUBSTITUTED.match(english)
    if substituted:
        day = dt.date(int(substituted["y"]), int(substituted["m"]), int(substituted["d"]))
        return gettext("Day off (transferred from %(day)s)") % {
            "day": date_format(day, "SHORT_DATE_FORMAT")
        }
    suffixed = _SUFFIX.match(english)
    base = suffixed["name"] if suffixed else english
    name = str(NAMES.get(base, base))
    if suffixed is None:
        return name
    if suffixed["suffix"] == "observed":
        return gettext("%(holiday)s (day off moved)") % {"holiday": name}
    return gettext("%(holiday)s (date expected)") % {"holiday": name}
