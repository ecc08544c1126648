"""`{{ text|code_terms:"true small rate" }}`: the text with each of those words (values a
program reads, quoted in a sentence) marked as code, so that a reader (and a screen reader)
takes them as values, not as words of the page's language."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def code_terms(text: str, terms: str) -> SafeString:
    words = [re.escape(term) for term in terms.split() if term]
    escaped = escape(text)
    if not words:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    pattern = re.compile(r"(?<![\w-])(" + "|".join(words) + r")(?![\w-])")
    return mark_safe(pattern.sub(r"<code>\1</code>", escaped))  # noqa: S308 - escaped above
