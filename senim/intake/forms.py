"""The appeal form every channel shares: the portal, the trust-line console, the reception.

Its fields carry the draft's names (`senim.intake.drafts.FIELDS`), so `ReportForm.draft` builds
the channel's `AppealDraft` in one call. It checks what registration checks, with the same
words (`drafts.reporter_problems`), to show each problem beside its field; the registration
(`senim.cases.registration.appeal_register`) checks again whatever built the draft.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from senim.core import clock
from senim.core.i18n import active_language
from senim.intake.attachments import too_many_files
from senim.intake.checks import iin_is_valid, phone_invalid, phone_is_valid
from senim.intake.drafts import (
    AppealDraft,
    Identity,
    Person,
    Problem,
    draft_from,
    reporter_problems,
)
from senim.intake.models import AppealKind, Category, ContactBy, Language
from senim.organization.models import Court
from senim.organization.selectors import court_active_on
from senim.organization.selectors import court_choices as registry_court_choices

PEOPLE_ROWS = 3


class PhoneField(forms.CharField):
    """A phone number as people write it, kept as typed (the rule: `phone_is_valid`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> str:
        phone: str = " ".join(str(super().clean(value) or "").split())
        if phone and not phone_is_valid(phone):
            raise forms.ValidationError(phone_invalid().message, code="invalid_phone")
        return phone


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked later by content, not by name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def court_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Active courts grouped by region, in the active language (cached by the registry)."""
    return registry_court_choices(active_language(), str(_("Supreme Court and cassation courts")))


def _court_choices_with_blank() -> list[tuple[str, Any]]:
    return [("", "—"), *court_choices()]


class CourtChoiceField(forms.ChoiceField):
    """The court select. Its options (every active court) are built only when the form is shown.

    A submitted code is checked against the registry by the form's `clean_court`, one indexed
    query, rather than against the option list: building that list (a cache read, then
    normalising and copying several hundred options) cost a submission more than all its
    validation together, and a code in the list is exactly an active court anyway.
    """

    def __init__(self, **kwargs: Any) -> None:
        # A callable: Django evaluates it when the options are iterated, i.e. on rendering.
        super().__init__(choices=_court_choices_with_blank, **kwargs)

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)  # required or not; the code itself: `clean_court`


def _kinds() -> list[tuple[str, Any]]:
    return [(k.value, k.label) for k in AppealKind if k != AppealKind.RESPONSE]


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of appeal is it?"),
        choices=_kinds,
        widget=forms.RadioSelect,
        initial=AppealKind.VIOLATION,
    )
    category = forms.ChoiceField(label=_("What is it about?"), choices=Category.choices)
    court = CourtChoiceField(label=_("Which court is concerned?"))
    subject = forms.CharField(
        label=_("Short title"),
        max_length=300,
        help_text=_("One line, e.g. «Money demanded for a copy of the judgment»."),
    )
    text = forms.CharField(
        label=_("What happened?"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Who did what, what was asked or promised, and any amounts."),
    )
    occurred_when = forms.CharField(label=_("When did it happen?"), max_length=200, required=False)
    occurred_where = forms.CharField(
        label=_("Where did it happen?"), max_length=300, required=False
    )
    how_known = forms.CharField(
        label=_("How do you know about it?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: it happened to me; I saw it; a colleague told me."),
    )
    evidence = MultipleFileField(
        label=_("Evidence files"),
        help_text=_(
            "Up to 5 files of up to 10 MB each: PDF, JPEG, PNG, DOCX, ODT or text. "
            "Photo metadata (place, camera) is removed."
        ),
    )
    identity = forms.ChoiceField(
        label=_("Do you want to give your name?"),
        choices=[("anonymous", _("No, I stay anonymous")), ("named", _("Yes, I give my name"))],
        widget=forms.RadioSelect,
        initial="anonymous",
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    iin = forms.CharField(label=_("IIN"), max_length=12, required=False, help_text=_("12 digits."))
    phone = PhoneField(label=_("Phone"), required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=200, required=False)
    address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    disclosure_consent = forms.BooleanField(
        label=_("I agree that my identity may be disclosed to the people who check my report"),
        required=False,
    )
    contact_by = forms.ChoiceField(
        label=_("How should we tell you about new messages?"),
        choices=ContactBy.choices,
        initial=ContactBy.MAILBOX,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("E-mail and SMS only if you gave your name and that contact."),
    )
    language = forms.ChoiceField(label=_("Language of the answer"), choices=Language.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = active_language()
        for row in range(1, PEOPLE_ROWS + 1):
            self.fields[f"person_{row}_name"] = forms.CharField(
                label=_("Name of the person concerned"), max_length=200, required=False
            )
            self.fields[f"person_{row}_position"] = forms.CharField(
                label=_("Their position"), max_length=200, required=False
            )

    def people_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"person_{row}_name"], self[f"person_{row}_position"])
            for row in range(1, PEOPLE_ROWS + 1)
        ]

    def clean_iin(self) -> str:
        iin: str = self.cleaned_data["iin"].strip()
        if iin and not iin_is_valid(iin):
            raise forms.ValidationError(_("This IIN is not valid: check the 12 digits."))
        return iin

    def clean_court(self) -> Court | None:
        code = self.cleaned_data["court"]
        if not code and not self.fields["court"].required:
            return None
        court = court_active_on(code, clock.today())
        if court is None:
            # The message of a code missing from the options, as a plain ChoiceField gives.
            field = self.fields["court"]
            raise forms.ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": code},
            )
        return court

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        contact_by = data.get("contact_by") or ContactBy.MAILBOX
        # What registration would refuse, beside its field (a field in error already keeps its
        # own message: a phone refused as typed is not also reported missing).
        self.show_problems(
            [
                (field, message)
                for field, message in reporter_problems(self.reporter(), contact_by=contact_by)
                if field not in self.errors
            ]
        )
        if len(data.get("evidence") or []) > settings.SENIM_ATTACHMENT_MAX_COUNT:
            self.add_error("evidence", too_many_files().message)
        return data

    def people(self) -> list[Person]:
        return [
            Person(
                self.cleaned_data[f"person_{row}_name"],
                self.cleaned_data.get(f"person_{row}_position", ""),
            )
            for row in range(1, PEOPLE_ROWS + 1)
            if self.cleaned_data.get(f"person_{row}_name", "").strip()
        ]

    def reporter(self) -> Identity | None:
        """The identity the reporter gave; None when they stay anonymous."""
        if self.cleaned_data.get("identity") != "named":
            return None
        return Identity(
            full_name=self.cleaned_data.get("full_name", ""),
            iin=self.cleaned_data.get("iin", ""),
            phone=self.cleaned_data.get("phone", ""),
            email=self.cleaned_data.get("email", ""),
            address=self.cleaned_data.get("address", ""),
        )

    def draft(self, *, channel: str, files: list[tuple[str, bytes]] | None = None) -> AppealDraft:
        """The channel's draft of this (valid) form, with the files as uploaded."""
        return draft_from(
            self.cleaned_data,
            channel=channel,
            people=self.people(),
            identity=self.reporter(),
            files=files or (),
        )

    def show_problems(self, problems: list[Problem]) -> None:
        """Each problem beside its field; one about a field the form does not have, above it."""
        for field, message in problems:
            self.add_error(field if field in self.fields else None, message)
