from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from senim.accounts import throttle
from senim.organization.models import Court


class StaffLoginForm(AuthenticationForm):
    """Django's login form, refusing further tries after too many failures for a username."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed attempts. Wait a few minutes and try again."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        if username and throttle.login_blocked(username):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                throttle.login_failed(username)
            raise
        throttle.login_succeeded(username)
        return cleaned


class CourtNamesForm(forms.Form):
    name_kk = forms.CharField(label=_("Name in Kazakh"), max_length=300)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=300)
    name_en = forms.CharField(label=_("Name in English"), max_length=300)

    def names(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"name_{code}"] for code in ("kk", "ru", "en")}


class CourtRenameForm(CourtNamesForm):
    effective = forms.DateField(
        label=_("New name in force from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    basis = forms.CharField(label=_("Legal basis (decree)"), max_length=300, required=False)


class CourtAddForm(CourtNamesForm):
    code = forms.SlugField(label=_("Code"), max_length=32)
    level = forms.ChoiceField(
        label=_("Level"),
        choices=[
            (Court.Level.DISTRICT, Court.Level.DISTRICT.label),
            (Court.Level.REGIONAL, Court.Level.REGIONAL.label),
            (Court.Level.CASSATION, Court.Level.CASSATION.label),
        ],
    )
    parent = forms.ModelChoiceField(
        label=_("Higher court"), queryset=Court.objects.filter(valid_to__isnull=True)
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    specialisation = forms.ChoiceField(
        label=_("Specialisation"), choices=Court.Specialisation.choices
    )
    effective = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    basis = forms.CharField(label=_("Legal basis (decree)"), max_length=300, required=False)


class CourtMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merged into"), queryset=Court.objects.filter(valid_to__isnull=True)
    )
    effective = forms.DateField(
        label=_("Merged court's first day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    basis = forms.CharField(label=_("Legal basis (decree)"), max_length=300, required=False)


class CourtCloseForm(forms.Form):
    effective = forms.DateField(
        label=_("Last working day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    basis = forms.CharField(label=_("Legal basis (decree)"), max_length=300, required=False)


class HeadCountForm(forms.Form):
    period_start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    judges = forms.IntegerField(label=_("Judges"), min_value=0)
    staff = forms.IntegerField(label=_("All staff, judges included"), min_value=0)
