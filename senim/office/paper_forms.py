"""The form asking what a case file is exported for."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from senim.cases.case_file import Purpose


class CaseFileForm(forms.Form):
    purpose = forms.ChoiceField(label=_("The case file is for"), choices=Purpose.choices)
    reason = forms.CharField(
        label=_("Reason"),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the prosecutor's request No. 12-34 of 1 March."),
    )
    with_identity = forms.BooleanField(
        label=_("Include the reporter's identity"),
        required=False,
        help_text=_(
            "Only if you may read it now; the reading is recorded and every page then carries "
            "your name and the time."
        ),
    )
