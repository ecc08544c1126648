from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core import signing
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from senim.accounts import throttle
from senim.accounts.models import User
from senim.cases.handling import CONCLUSION_OUTCOMES
from senim.cases.models import Assessment, HrEvent, Outcome, Priority, Referral, Risk, Status
from senim.core import clock
from senim.core.throttle import client_of
from senim.core.widgets import DatePicker
from senim.intake.forms import PhoneField, ReportForm
from senim.intake.models import CallOutcome, Category, Channel, Language
from senim.organization.models import PERSON_ROLES, Court, Region, Unit


class StaffLoginForm(AuthenticationForm):
    """Django's login form, refusing further tries after too many failures of this client with
    this username, or of this client with any username (senim.accounts.throttle)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed attempts. Wait a few minutes and try again."),
        "sso_only": _("Your account signs in through the institution's single sign-on."),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not settings.SENIM_SSO_PASSWORD_LOGIN and user.sso_subject:
            raise forms.ValidationError(self.error_messages["sso_only"], code="sso_only")

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        if not username:
            return super().clean()  # nothing to check: the field's own error says so
        assert self.request is not None  # the login view always passes it
        try:
            with throttle.login_attempt(client=client_of(self.request), username=username):
                return super().clean()
        except throttle.LoginThrottled:
            raise forms.ValidationError(
                self.error_messages["throttled"], code="throttled"
            ) from None


class CourtNamesForm(forms.Form):
    name_kk = forms.CharField(label=_("Name in Kazakh"), max_length=300)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=300)
    name_en = forms.CharField(label=_("Name in English"), max_length=300)

    def names(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"name_{code}"] for code in ("kk", "ru", "en")}


class CourtRenameForm(CourtNamesForm):
    effective = forms.DateField(label=_("New name in force from"), widget=DatePicker())
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
    effective = forms.DateField(label=_("Opens on"), widget=DatePicker())
    basis = forms.CharField(label=_("Legal basis (decree)"), max_length=300, required=False)


class CourtMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merged into"), queryset=Court.objects.filter(valid_to__isnull=True)
    )
    effective = forms.DateField(label=_("Merged court's first day"), widget=DatePicker())
    basis = forms.CharField(label=_("Legal basis (decree)"), max_length=300, required=False)


class CourtCloseForm(forms.Form):
    effective = forms.DateField(label=_("Last working day"), widget=DatePicker())
    basis = forms.CharField(label=_("Legal basis (decree)"), max_length=300, required=False)


class HeadCountForm(forms.Form):
    period_start = forms.DateField(label=_("From"), widget=DatePicker())
    judges = forms.IntegerField(label=_("Judges"), min_value=0)
    staff = forms.IntegerField(label=_("All staff, judges included"), min_value=0)


class CallForm(ReportForm):
    """The trust-line console: the call, and the appeal fields when it ends in a report."""

    started = forms.CharField(widget=forms.HiddenInput)
    recording_consent = forms.BooleanField(
        label=_("The caller agrees to the call being recorded"), required=False
    )
    outcome = forms.ChoiceField(
        label=_("Outcome of the call"), choices=CallOutcome.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(
        label=_("Transcript or summary"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        # The summary is read by whoever handles the case; only the caller's fields are sealed.
        help_text=_(
            "Leave out the caller's name and contacts: write them in the caller's fields below, "
            "which are encrypted."
        ),
    )
    topic = forms.CharField(label=_("Consultation topic"), max_length=300, required=False)
    referred_to = forms.CharField(
        label=_("Referred to (body, phone)"), max_length=300, required=False
    )

    # Only a report needs the appeal fields; the other outcomes need just their own.
    REPORT_FIELDS = ("kind", "category", "court", "subject", "text")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["evidence"]
        for name in self.REPORT_FIELDS:
            self.fields[name].required = False

    def started_at(self) -> dt.datetime | None:
        try:
            value = signing.TimestampSigner(salt="senim.call").unsign(
                self.cleaned_data["started"], max_age=12 * 3600
            )
        except (signing.BadSignature, KeyError):
            return None
        return dt.datetime.fromisoformat(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") == CallOutcome.REPORT:
            for name in self.REPORT_FIELDS:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed when the call ends in a report."))
        elif data.get("outcome") == CallOutcome.CONSULTATION and not data.get("topic", "").strip():
            self.add_error("topic", _("Record the topic of the consultation."))
        elif data.get("outcome") == CallOutcome.OUTSIDE and not data.get("referred_to", "").strip():
            self.add_error("referred_to", _("Record where the caller was referred."))
        return data

    @staticmethod
    def start_token(at: dt.datetime | None = None) -> str:
        """The call's start, signed: now, or when the telephony says the call started."""
        return signing.TimestampSigner(salt="senim.call").sign((at or clock.now()).isoformat())


class CallbackFindForm(forms.Form):
    query = forms.CharField(
        label=_("Coupon number or receipt code"),
        max_length=64,
        help_text=_(
            "With the receipt code you may tell the caller the status and add what they say; "
            "with the coupon number only confirm that the appeal exists."
        ),
    )


class CallbackNoteForm(forms.Form):
    # The signed proof that the caller gave the receipt code (`senim.intake.callbacks`).
    proof = forms.CharField(widget=forms.HiddenInput, max_length=400)
    body = forms.CharField(
        label=_("What the caller added"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )


class SlotsForm(forms.Form):
    first_day = forms.DateField(label=_("From"), widget=DatePicker())
    last_day = forms.DateField(label=_("To"), widget=DatePicker())
    times = forms.CharField(
        label=_("Times"),
        initial="10:00 10:30 11:00 11:30",
        help_text=_("Separated by spaces, e.g. 10:00 10:30 15:00."),
    )
    minutes = forms.IntegerField(
        label=_("Minutes per meeting"), min_value=5, max_value=240, initial=30
    )
    capacity = forms.IntegerField(
        label=_("Citizens per time"), min_value=1, max_value=20, initial=1
    )
    location = forms.CharField(label=_("Location"), max_length=300)

    def clean_times(self) -> list[dt.time]:
        try:
            return sorted({dt.time.fromisoformat(t) for t in self.cleaned_data["times"].split()})
        except ValueError as bad:
            raise forms.ValidationError(_("Write times as HH:MM separated by spaces.")) from bad


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Citizen's name"), max_length=200)
    phone = PhoneField(label=_("Phone"), required=False)
    topic = forms.CharField(label=_("Topic"), max_length=300)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)


class OperatorBookingForm(WalkInForm):
    slot = forms.TypedChoiceField(label=_("Time"), coerce=int)

    def __init__(self, *args: Any, slots: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["slot"]).choices = [
            (s.pk, f"{s.starts_at:%Y-%m-%d %H:%M} · {s.location}") for s in slots
        ]


class ProtocolForm(ReportForm):
    """The protocol of an oral appeal, written by the chief during the meeting."""

    reporter_confirmed = forms.BooleanField(
        label=_("The citizen has read the protocol and confirmed it is correct"),
        required=True,
    )


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need the reporter's identity?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the audit log with your name."),
    )


class MessageToReporterForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the reporter"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The reporter reads it in the portal mailbox with their receipt code."),
    )


class QuickSelect(forms.Select):
    """A plain <select> (no option groups) written out in Python.

    Django renders each <option> through a template of its own: the queue's filters (about
    sixty options on every page) or the case page's list of all staff cost more than the
    rest of their form.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final), options)


class QueueForm(forms.Form):
    """The queue's filters (GET): every field optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=QuickSelect)
    deadline = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        widget=QuickSelect,
        choices=[
            ("", "—"),
            ("overdue", _("overdue")),
            ("due_soon", _("due soon")),
            ("on_time", _("on time")),
            ("done", _("decided")),
        ],
    )
    region = forms.ChoiceField(label=_("Region"), required=False, widget=QuickSelect)
    court = forms.CharField(label=_("Court code"), required=False, max_length=32)
    category = forms.ChoiceField(label=_("Category"), required=False, widget=QuickSelect)
    channel = forms.ChoiceField(label=_("Channel"), required=False, widget=QuickSelect)
    assignee = forms.ChoiceField(
        label=_("Investigator"),
        required=False,
        choices=[("", "—"), ("me", _("me")), ("none", _("not assigned"))],
        widget=QuickSelect,
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        widget=QuickSelect,
        choices=[
            ("newest", _("newest first")),
            ("oldest", _("oldest first")),
            ("due", _("deadline first")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [("", "—"), *Status.choices]
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", "—"), *Category.choices]
        cast(forms.ChoiceField, self.fields["channel"]).choices = [("", "—"), *Channel.choices]
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            ("", "—"),
            *[(r.code, r.name) for r in Region.objects.all()],
        ]


class AssessmentForm(forms.Form):
    competence = forms.ChoiceField(label=_("Competence"), choices=Assessment.Competence.choices)
    complete = forms.BooleanField(label=_("The appeal is complete"), required=False)
    relevant = forms.BooleanField(label=_("The appeal is relevant"), required=False)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial="normal")
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    retaliation_risk = forms.ChoiceField(
        label=_("Risk of retaliation against the reporter"), choices=Risk.choices
    )
    offence_signs = forms.BooleanField(
        label=_("Signs of a criminal offence or a threat to security"), required=False
    )
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Assessment.Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    forwarded_to = forms.CharField(label=_("Forwarded to (body)"), required=False, max_length=300)
    duplicate_of = forms.CharField(
        label=_("Duplicate of (case number)"), required=False, max_length=24
    )
    retaliation_for = forms.CharField(
        label=_("Retaliation against the reporter of (case number)"), required=False, max_length=24
    )


class AssignForm(forms.Form):
    assignee = forms.TypedChoiceField(label=_("Responsible investigator"), coerce=int)
    collaborators = forms.TypedMultipleChoiceField(
        label=_("Collaborators"), coerce=int, required=False
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(p.pk, p.get_full_name() or p.username) for p in people]
        cast(forms.ChoiceField, self.fields["assignee"]).choices = choices
        cast(forms.ChoiceField, self.fields["collaborators"]).choices = choices


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ChecklistForm(forms.Form):
    title = forms.CharField(label=_("Add a step"), max_length=300)


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(o.value, o.label) for o in Outcome if o in CONCLUSION_OUTCOMES],
    )
    findings = forms.CharField(
        label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
    )
    measures = forms.CharField(
        label=_("Measures taken"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=20000,
    )
    referral_body = forms.CharField(
        label=_("Receiving body (for a referral)"), required=False, max_length=300
    )


class ExtendForm(forms.Form):
    new_due_on = forms.DateField(label=_("New deadline"), widget=DatePicker())
    reason = forms.CharField(
        label=_("Reasons for the extension"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class ExcludeForm(ReasonForm):
    """The person is named by username, checked on POST.

    A select of every staff member (1,000+ options in a department) was rendered on each view
    of a case page; the search page (`office:case-exclude-people`) finds a username by name.
    """

    person = forms.CharField(label=_("Username of the person to exclude"), max_length=150)

    def __init__(self, *args: Any, search_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if search_url:
            self.fields["person"].help_text = format_html(
                '{} <a href="{}">{}</a>',
                _("Not sure of the username?"),
                search_url,
                _("Find a staff member by name"),
            )

    def clean_person(self) -> int:
        username = self.cleaned_data["person"].strip()
        found = list(
            User.objects.filter(staff__isnull=False, username__iexact=username).values_list(
                "pk", flat=True
            )[:2]
        )
        if len(found) != 1:
            raise forms.ValidationError(_("No staff member has this username."))
        return int(found[0])


class RerouteForm(ReasonForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.all())


class ReferralForm(forms.Form):
    referral = forms.IntegerField(widget=forms.HiddenInput)
    external_number = forms.CharField(label=_("Their number"), required=False, max_length=100)
    result = forms.ChoiceField(label=_("Result"), choices=Referral.Result.choices)
    note = forms.CharField(label=_("Verdict or sanction"), required=False, max_length=5000)


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Text of the answer"), widget=forms.Textarea(attrs={"rows": 16}), max_length=50000
    )


class ProtectionForm(forms.Form):
    since = forms.DateField(label=_("Protected since"), widget=DatePicker())
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class HrEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=HrEvent.Kind.choices)
    happened_on = forms.DateField(label=_("Date"), widget=DatePicker())
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    acs_representative_present = forms.TypedChoiceField(
        label=_("Did an anti-corruption service representative take part?"),
        choices=[("yes", _("yes")), ("no", _("no"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    representative_name = forms.CharField(label=_("Representative"), required=False, max_length=200)


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("all entries")), ("security", _("security events"))],
    )
    action = forms.CharField(label=_("Action"), required=False, max_length=64)
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    object_id = forms.CharField(label=_("Object (e.g. case number)"), required=False, max_length=64)
    since = forms.DateField(label=_("From"), required=False, widget=DatePicker())
    until = forms.DateField(label=_("To"), required=False, widget=DatePicker())


class CalendarDayForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DatePicker())
    kind = forms.ChoiceField(
        label=_("Status of the day"),
        choices=[
            ("day_off", _("day off (transferred)")),
            ("working", _("working day (transferred)")),
            ("remove", _("remove the override")),
        ],
    )
    note = forms.CharField(label=_("Basis (government decree)"), required=False, max_length=200)


class CentralTaskForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Territorial department"), queryset=Unit.objects.filter(kind=Unit.Kind.TERRITORIAL)
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    instruction = forms.CharField(
        label=_("Instruction"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000
    )
    due_on = forms.DateField(label=_("Due on"), widget=DatePicker())


class TaskResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Response"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000
    )


class StaffRoleForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.all())
    role = forms.ChoiceField(label=_("Role"), choices=PERSON_ROLES)
