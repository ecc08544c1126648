"""`{{ file|file_label }}`: a case file's listed name in the page's language.

A file is stored under a neutral name, "file-2.pdf" (`intake.attachments.neutral_name`: it
says nothing of who made it); pages show it as "File 2 (PDF)" in the reader's language. A name
of another form (a file stored before the neutral names) is shown as it is.
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()

NEUTRAL = re.compile(r"^file-(\d+)(?:\.(\w+))?$")


@register.filter
def file_label(file: Any) -> str:
    name = str(getattr(file, "name", file) or "")
    match = NEUTRAL.match(name)
    if match is None:
        return name
    number, extension = match.groups()
    if not extension:
        return _("File %(number)s") % {"number": number}
    return _("File %(number)s (%(type)s)") % {"number": number, "type": extension.upper()}
