"""The queue's form for acting on the selected cases: which acts a user is offered follows the
policy (the services check again, case by case)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from senim.accounts.models import User
from senim.cases import bulk, handling
from senim.organization import policy
from senim.organization.models import Unit
from senim.organization.policy import Capability

ASSIGN, REROUTE, RELATE, SPAM, EXPORT = "assign", "reroute", "relate", "spam", "export"


def acts_for(user: User) -> list[tuple[str, Any]]:
    """The acts `user` may take on a selection, in the order the form lists them."""
    actor = policy.actor_of(user)
    if actor is None:
        return []
    acts: list[tuple[str, Any]] = []
    if actor.may(Capability.CASE_HANDLE):
        acts.append((ASSIGN, _("assign to an investigator")))
    if actor.may(Capability.CASE_REROUTE):
        acts.append((REROUTE, _("re-route to another unit")))
    if actor.may(Capability.CASE_HANDLE):
        acts.append((RELATE, _("mark as related reports")))
    if actor.may(Capability.SPAM_DECIDE):
        acts.append((SPAM, _("close as spam")))
    acts.append((EXPORT, _("export to a spreadsheet (CSV)")))
    return acts


class BulkForm(forms.Form):
    act = forms.ChoiceField(label=_("Action"))
    assignee = forms.TypedChoiceField(
        label=_("Responsible investigator"), coerce=int, required=False, empty_value=None
    )
    unit = forms.ModelChoiceField(
        label=_("To the unit"), queryset=Unit.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("Reasons (written into each case's history)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acts = acts_for(user)
        cast(forms.ChoiceField, self.fields["act"]).choices = [("", "—"), *self.acts]
        offered = {value for value, _label in self.acts}
        actor = policy.actor_of(user)
        if ASSIGN in offered and actor is not None:
            people = handling.staff_of_unit(actor.unit_id)
            cast(forms.ChoiceField, self.fields["assignee"]).choices = [
                ("", "—"),
                *((p.pk, p.get_full_name() or p.username) for p in people),
            ]
        else:
            del self.fields["assignee"]
        if REROUTE in offered:
            cast(
                "forms.ModelChoiceField[Unit]", self.fields["unit"]
            ).queryset = Unit.objects.filter(kind=Unit.Kind.TERRITORIAL).order_by("code")
        else:
            del self.fields["unit"]
        self.selected: list[str] = (
            list(self.data.getlist("case")) if isinstance(self.data, QueryDict) else []
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        act = data.get("act")
        if not self.selected:
            raise forms.ValidationError(_("Select at least one case."))
        if act == ASSIGN and not data.get("assignee"):
            self.add_error("assignee", _("Choose the responsible investigator."))
        if act == REROUTE and not data.get("unit"):
            self.add_error("unit", _("Choose the unit."))
        if (
            act in (ASSIGN, REROUTE, RELATE, SPAM)
            and len(data.get("reason", "").strip()) < bulk.MIN_REASON
        ):
            self.add_error(
                "reason",
                _("Give the reasons for the decision (at least %(n)s characters).")
                % {"n": bulk.MIN_REASON},
            )
        return data
