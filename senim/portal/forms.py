from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from senim.core.i18n import active_language
from senim.intake.forms import MultipleFileField, PhoneField
from senim.intake.models import Language


class ReceiptCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        # Longer than any code, so a long paste is answered as a wrong code and counted, not
        # with a different message; `receipts.normalise` refuses it.
        max_length=1000,
        help_text=_("The 16 digits you received with your coupon. Spaces do not matter."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    evidence = MultipleFileField(label=_("Add files"))


class BookingForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("Time"), coerce=int, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Your name"), max_length=200)
    phone = PhoneField(label=_("Phone"))
    topic = forms.CharField(label=_("What do you want to discuss?"), max_length=300)
    language = forms.ChoiceField(label=_("Language of the meeting"), choices=Language.choices)

    def __init__(self, *args: Any, slots: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["slot"]).choices = [(s.pk, str(s)) for s in slots]
        self.fields["language"].initial = active_language()


class CancelBookingForm(forms.Form):
    number = forms.CharField(label=_("Booking number"), max_length=24)
    code = forms.CharField(label=_("Cancellation code"), max_length=16)
