"""Forms of the API access pages: a personal access token, an integration client."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from senim.accounts.models import PersonalAccessToken
from senim.core import clock
from senim.organization.models import Unit

DEFAULT_DAYS = 90
_OPERATION = re.compile(r"^[a-z_]+\.[a-z_]+$")


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the script or computer using it."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=PersonalAccessToken.Scope.choices,
        widget=forms.RadioSelect,
        initial=PersonalAccessToken.Scope.READ,
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The token stops working at the start of this day."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = clock.today() + dt.timedelta(days=DEFAULT_DAYS)

    def clean_expires_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["expires_on"]
        today = clock.today()
        longest = settings.SENIM_API_TOKEN_MAX_DAYS
        if day <= today:
            raise forms.ValidationError(_("Choose a day after today."))
        if day > today + dt.timedelta(days=longest):
            raise forms.ValidationError(
                _("A token may live at most %(days)d days.") % {"days": longest}
            )
        return day


class ClientForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.all(),
        help_text=_("The client sees this unit's cases only, and never an identity."),
    )
    operations = forms.CharField(
        label=_("Allowed operations"),
        widget=forms.Textarea(attrs={"rows": 5}),
        # The ids are listed by the API's description (no example here: a code in a sentence
        # reads as a word of no language).
        help_text=_("One operation id per line, as /api/v1/openapi.json names them."),
    )

    def clean_operations(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["operations"].splitlines()]
        operations = [line for line in lines if line]
        wrong = [line for line in operations if not _OPERATION.match(line)]
        if wrong:
            raise forms.ValidationError(
                _("Not an operation id: %(wrong)s") % {"wrong": ", ".join(wrong[:5])}
            )
        if not operations:
            raise forms.ValidationError(_("Allow at least one operation."))
        return operations
