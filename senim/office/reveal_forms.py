"""Forms of the identity reveals approved by a custodian (`senim.office.reveals`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RevealRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need the reporter's identity?"),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "A custodian of identities reads it and decides; recorded in the audit log with "
            "your name. The reporter is told that their identity was read, and why."
        ),
    )


class RevealDecisionForm(forms.Form):
    APPROVE = "approve"
    REFUSE = "refuse"

    # Given by the button pressed: "Approve" or "Refuse".
    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (REFUSE, _("Refuse"))],
        error_messages={"required": _("Approve or refuse the request.")},
    )
    reason = forms.CharField(
        label=_("Reason for your decision"),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The requester reads it; recorded in the audit log with your name."),
    )
