"""Forms of the records page: periods, the decision on a disposal list, a legal hold."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from senim.cases.models import Outcome
from senim.cases.retention import SPAM
from senim.intake.models import Category


def _outcomes() -> list[tuple[str, Any]]:
    return [("", _("any outcome")), *Outcome.choices, (SPAM, _("closed as spam"))]


class RetentionRuleForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    years = forms.IntegerField(
        label=_("Years kept after closing (empty: back to the default)"),
        required=False,
        min_value=1,
        max_value=100,
    )
    reason = forms.CharField(
        label=_("Reasons"), max_length=2000, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", _("any category")),
            *Category.choices,
        ]
        cast(forms.ChoiceField, self.fields["outcome"]).choices = _outcomes()


class DisposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("approve: destroy the content")), ("reject", _("reject the list"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (required to reject)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
    )


class LegalHoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Reasons for the legal hold"), max_length=2000, widget=forms.Textarea({"rows": 2})
    )
