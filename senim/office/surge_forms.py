"""Forms of the central department's surge and spam pages (`office.surges`)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from senim.cases.spam import MIN_REASON
from senim.organization.models import Unit

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


class MinutePicker(forms.DateTimeInput):
    """The browser's date-and-time picker; its value is ISO to the minute in any language."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=LOCAL_MINUTE)


class CaseIdsField(forms.Field):
    """The ticked cases: every value of the field's name, as case ids."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        try:
            return [int(v) for v in value]
        except (TypeError, ValueError) as wrong:
            raise forms.ValidationError(_("Select cases from the list.")) from wrong


class SelectionForm(forms.Form):
    """Which cases to look at (GET): a surge's window and place, or any other selection."""

    start = forms.DateTimeField(
        label=_("Registered from"),
        required=False,
        widget=MinutePicker,
        input_formats=[LOCAL_MINUTE],
    )
    end = forms.DateTimeField(
        label=_("Registered before"),
        required=False,
        widget=MinutePicker,
        input_formats=[LOCAL_MINUTE],
    )
    unit = forms.ChoiceField(label=_("Responsible unit"), required=False)
    court = forms.CharField(label=_("Court code"), required=False, max_length=32)
    q = forms.CharField(label=_("Text contains"), required=False, max_length=200)
    surge = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = [
            ("", "—"),
            *[(u.code, u.name) for u in Unit.objects.all()],
        ]


class SpamCloseForm(forms.Form):
    cases = CaseIdsField(required=False)
    which = forms.ChoiceField(
        label=_("Which cases"),
        widget=forms.RadioSelect,
        initial="ticked",
    )
    # The newest case of the selection when the page was shown: "all of the selection" never
    # takes in a case registered after the coordinator looked.
    seen_last = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reasons for the decision"),
        min_length=MIN_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Why these reports are spam: what they have in common. The reporters are sent nothing."
        ),
    )

    def __init__(self, *args: Any, total: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["which"]).choices = [
            ("ticked", _("the cases ticked in the list")),
            ("all", _("all cases of this selection (%(n)s), listed or not") % {"n": total}),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("which") == "all" and data.get("seen_last") is None:
            raise forms.ValidationError(_("Show the selection again, then decide."))
        if data.get("which") == "ticked" and not data.get("cases"):
            raise forms.ValidationError(_("Select at least one case."))
        return data


class SpamReopenForm(forms.Form):
    cases = CaseIdsField(required=False)
    reason = forms.CharField(
        label=_("Reasons for reopening"),
        min_length=MIN_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("cases"):
            raise forms.ValidationError(_("Select at least one case."))
        return data


class SurgeCloseForm(forms.Form):
    note = forms.CharField(
        label=_("Why the surge needs nothing more"),
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
