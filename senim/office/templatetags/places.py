"""`{{ court.city|city }}`: a registry seat in the page's language (`organization.cities`)."""

from __future__ import annotations

from django import template

from senim.organization.cities import city_name

register = template.Library()


@register.filter
def city(english: str) -> str:
    return city_name(english or "")
