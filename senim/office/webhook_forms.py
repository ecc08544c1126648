"""The form of the webhook pages (`office.webhooks`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from senim.organization.models import Unit
from senim.webhooks.models import EventKind
from senim.webhooks.subscriptions import units_to_choose


class UnitChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        unit: Unit = obj
        if unit.is_central:
            return str(_("%(unit)s: every unit's cases") % {"unit": unit.name})
        return str(_("%(unit)s: its own cases") % {"unit": unit.name})


class SubscriptionForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("Who receives the events, e.g. the unit's ticketing system."),
    )
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The subscriber's https address; redirects are not followed."),
    )
    kinds = forms.MultipleChoiceField(
        label=pgettext_lazy("webhooks", "Events"),
        choices=EventKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    unit = UnitChoice(
        label=_("Cases of"),
        queryset=Unit.objects.none(),
        help_text=_("A territorial unit's subscriber hears only of that unit's cases."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_to_choose()  # type: ignore[attr-defined]
