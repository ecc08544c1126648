"""Forms of the prevention pages: filters (GET) and the forms that call one service each."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet, TextChoices
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from senim.core.widgets import DatePicker
from senim.intake.forms import MultipleFileField, court_choices
from senim.organization.models import Court, Unit
from senim.prevention.models import (
    CommissionLevel,
    ConceptMeasure,
    ConceptObjective,
    CountryAssessment,
    EventKind,
    GrecoReport,
    GrecoReportKind,
    GrecoStatus,
    Measure,
    MeasureCounts,
    MemberRole,
    ParticipantCategory,
    PlanKind,
    RiskMap,
    RiskProcess,
    RiskStatus,
    WorkStatus,
)
from senim.prevention.rules import Band

BLANK = ("", "—")
SCORES = [(str(n), str(n)) for n in range(1, 6)]


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DatePicker())


def _text(
    label: Any, *, rows: int = 3, required: bool = True, max_length: int = 20000, lang: str = ""
) -> Any:
    # A text kept in one given language says so (`lang`): read aloud and checked as such.
    attrs: dict[str, Any] = {"rows": rows} | ({"lang": lang} if lang else {})
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs=attrs),
    )


def _files(label: Any = None) -> MultipleFileField:
    return MultipleFileField(
        label=label or _("Evidence files"),
        help_text=_(
            "Up to 5 files of up to 10 MB each: PDF, JPEG, PNG, DOCX, ODT or text. "
            "Photo metadata (place, camera) is removed."
        ),
    )


class MoveField(forms.ChoiceField):
    """A status select offering the statuses the lifecycle lets this user move the record to
    now (and, where the form records more than the status, its current one). It accepts any
    known status: the service is the one place that checks the move, and refuses it with its
    reason, the form keeping what was typed."""

    def __init__(self, *, statuses: type[TextChoices], **kwargs: Any) -> None:
        super().__init__(choices=statuses.choices, **kwargs)
        self.statuses = statuses

    def offer(
        self, moves: list[tuple[str, str]], *, current: str | None = None, blank: bool = False
    ) -> None:
        kept = [(current, self.statuses(current).label)] if current is not None else []
        self.choices = [*([BLANK] if blank else []), *kept, *moves]

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.statuses.values


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} — {obj.staff.unit.name}"


class PeopleField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


def people_of(units: QuerySet[Unit]) -> QuerySet[Any]:
    """Active staff of the given units, ordered for a choice list."""
    return (
        get_user_model()
        .objects.filter(is_active=True, staff__unit__in=units)
        .select_related("staff__unit")
        .order_by("staff__unit__kind", "staff__unit__code", "last_name", "first_name", "username")
    )


def _unit_codes(units: QuerySet[Unit]) -> list[tuple[str, str]]:
    return [BLANK, *((u.code, u.name) for u in units)]


# --- filters --------------------------------------------------------------------------------


class FilterForm(forms.Form):
    """GET filters: every field optional; `filters()` gives the valid ones."""

    def filters(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()  # an invalid field is left out (and shown); the others still apply
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}


class PlanFilterForm(FilterForm):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(
        label=_("Kind of plan"), required=False, choices=[BLANK, *PlanKind.choices]
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = _unit_codes(units)


class MeasureFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    unit = forms.ChoiceField(label=_("Responsible unit"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[BLANK, *WorkStatus.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    year = forms.IntegerField(label=_("Due in year"), required=False, min_value=2000)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = _unit_codes(units)


class EventFilterForm(FilterForm):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of event"), required=False, choices=[BLANK, *EventKind.choices]
    )
    since = _date(_("From"), required=False)
    until = _date(_("To"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = _unit_codes(units)


class CommissionFilterForm(FilterForm):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[BLANK, *CommissionLevel.choices]
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = _unit_codes(units)


class ResolutionFilterForm(FilterForm):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    status = forms.ChoiceField(
        label=_("Follow-up status"), required=False, choices=[BLANK, *WorkStatus.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = _unit_codes(units)


class RiskFilterForm(FilterForm):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    process = forms.ChoiceField(
        label=_("Process"), required=False, choices=[BLANK, *RiskProcess.choices]
    )
    risk_map = forms.ChoiceField(label=_("Map"), required=False, choices=[BLANK, *RiskMap.choices])
    band = forms.ChoiceField(label=_("Band"), required=False, choices=[BLANK, *Band.choices])
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[BLANK, *RiskStatus.choices]
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = _unit_codes(units)


class ConceptFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[BLANK, *WorkStatus.choices]
    )
    unit = forms.ChoiceField(label=_("Unit responsible"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = _unit_codes(Unit.objects.all())


class GrecoFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Latest status"), required=False, choices=[BLANK, *GrecoStatus.choices]
    )
    unit = forms.ChoiceField(label=_("Unit responsible"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = _unit_codes(Unit.objects.all())


# --- plans and measures ---------------------------------------------------------------------


class PlanForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Kind of plan"), choices=PlanKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    period_start = _date(_("Period from"))
    period_end = _date(_("Period to"))

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["unit"]).queryset = units


class MeasureForm(forms.Form):
    number = forms.CharField(
        label=_("Number"),
        max_length=16,
        required=False,
        help_text=_("Left empty, the next number is given."),
    )
    title = _text(_("Measure"), rows=2, max_length=500)
    responsible_unit = UnitChoiceField(label=_("Responsible unit"), queryset=Unit.objects.none())
    responsible = PersonChoiceField(
        label=_("Responsible person"), queryset=Unit.objects.none(), required=False
    )
    due_on = _date(_("Due on"))
    target_label = forms.CharField(
        label=_("Target"), max_length=200, help_text=_("What is counted, e.g. officials trained.")
    )
    target = forms.IntegerField(label=_("Target value"), min_value=1, max_value=1_000_000)
    counts = forms.ChoiceField(label=_("Progress counts"), choices=MeasureCounts.choices)
    concept_measure = forms.ModelChoiceField(
        label=_("Concept measure it serves"), queryset=ConceptMeasure.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit],
        concept: QuerySet[ConceptMeasure],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["responsible_unit"]).queryset = units
        cast(PersonChoiceField, self.fields["responsible"]).queryset = people_of(units)
        cast(forms.ModelChoiceField, self.fields["concept_measure"]).queryset = concept  # type: ignore[type-arg]


class MeasureReportForm(forms.Form):
    amount = forms.IntegerField(
        label=_("Progress made"), min_value=0, max_value=1_000_000, initial=0
    )
    note = _text(_("Note"), required=False)
    evidence = _files()


class MeasureStatusForm(forms.Form):
    status = MoveField(label=_("Status"), statuses=WorkStatus)
    note = _text(_("Note"), required=False, rows=2)

    def __init__(self, *args: Any, moves: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(MoveField, self.fields["status"]).offer(moves, blank=True)


# --- events ---------------------------------------------------------------------------------


class MeasureChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.responsible_unit.name}: {obj.number} {obj.title[:80]} ({obj.due_on:%Y-%m-%d})"


class EventForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Kind of event"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    held_on = _date(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=300)
    organisers = forms.CharField(label=_("Organisers"), max_length=500, required=False)
    measure = MeasureChoiceField(
        label=_("Plan measure it fulfils"), queryset=Measure.objects.none(), required=False
    )
    staff = PeopleField(
        label=_("Staff taking part"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    result = _text(_("Result"), required=False)
    evidence = _files(_("Materials and photos"))

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit],
        measures: QuerySet[Measure],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["unit"]).queryset = units
        cast(MeasureChoiceField, self.fields["measure"]).queryset = measures
        cast(PeopleField, self.fields["staff"]).queryset = people_of(units)
        for category in ParticipantCategory:
            self.fields[f"count_{category.value}"] = forms.IntegerField(
                label=capfirst(category.label), min_value=0, max_value=100_000, required=False
            )

    def count_fields(self) -> list[forms.BoundField]:
        return [self[f"count_{c.value}"] for c in ParticipantCategory]

    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("unit", "kind", "title", "held_on", "place", "organisers")]

    def attendance(self) -> dict[str, int]:
        return {
            c.value: self.cleaned_data.get(f"count_{c.value}") or 0 for c in ParticipantCategory
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"count_{c.value}") for c in ParticipantCategory):
            self.add_error(None, _("Record how many people took part."))
        return data


# --- commissions ----------------------------------------------------------------------------


class CommissionForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    level = forms.ChoiceField(label=_("Level"), choices=CommissionLevel.choices)
    name = forms.CharField(label=_("Name"), max_length=300)
    court = forms.ChoiceField(
        label=_("Court"), required=False, help_text=_("Needed for a district commission.")
    )
    established_on = _date(_("Established on"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["unit"]).queryset = units
        cast(forms.ChoiceField, self.fields["court"]).choices = [BLANK, *court_choices()]

    def clean_court(self) -> Court | None:
        code = self.cleaned_data.get("court") or ""
        return Court.objects.filter(code=code).first() if code else None


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    role = forms.ChoiceField(label=_("Role in the commission"), choices=MemberRole.choices)
    affiliation = forms.CharField(
        label=_("Organisation or position"), max_length=300, required=False
    )
    since = _date(_("Member since"), required=False)


class MeetingForm(forms.Form):
    held_on = _date(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    agenda = _text(_("Agenda"), rows=4)
    minutes = _text(_("Minutes"), rows=6, required=False)
    evidence = _files(_("Documents (signed minutes, materials)"))


class ResolutionForm(forms.Form):
    text = _text(_("Resolution"), rows=3)
    owner = PersonChoiceField(label=_("Owner"), queryset=Unit.objects.none())
    due_on = _date(_("Due on"))

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PersonChoiceField, self.fields["owner"]).queryset = people_of(units)


class FollowUpForm(forms.Form):
    status = MoveField(label=_("Follow-up status"), statuses=WorkStatus)
    follow_up = _text(_("Follow-up"), required=False)

    def __init__(
        self, *args: Any, current: str, moves: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(MoveField, self.fields["status"]).offer(moves, current=current)


# --- risks ----------------------------------------------------------------------------------


class RiskForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    court = forms.ChoiceField(label=_("Court"), required=False)
    title = forms.CharField(label=_("Risk"), max_length=300)
    description = _text(_("Description"), required=False)
    process = forms.ChoiceField(label=_("Process"), choices=RiskProcess.choices)
    risk_map = forms.ChoiceField(label=_("Map"), choices=RiskMap.choices)
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood (1 = rare, 5 = almost certain)"), choices=SCORES, coerce=int
    )
    impact = forms.TypedChoiceField(
        label=_("Impact (1 = minor, 5 = severe)"), choices=SCORES, coerce=int
    )
    owner = PersonChoiceField(label=_("Owner"), queryset=Unit.objects.none(), required=False)
    identified_on = _date(_("Identified on"))

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["unit"]).queryset = units
        cast(PersonChoiceField, self.fields["owner"]).queryset = people_of(units)
        cast(forms.ChoiceField, self.fields["court"]).choices = [BLANK, *court_choices()]

    def clean_court(self) -> Court | None:
        code = self.cleaned_data.get("court") or ""
        return Court.objects.filter(code=code).first() if code else None


class RiskReviewForm(forms.Form):
    likelihood = forms.TypedChoiceField(label=_("Likelihood"), choices=SCORES, coerce=int)
    impact = forms.TypedChoiceField(label=_("Impact"), choices=SCORES, coerce=int)
    status = MoveField(label=_("Status"), statuses=RiskStatus)
    note = _text(_("What the review found"), rows=2)

    def __init__(
        self, *args: Any, current: str, moves: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(MoveField, self.fields["status"]).offer(moves, current=current)


class RiskActionForm(forms.Form):
    description = _text(_("Mitigation action"), rows=2)
    due_on = _date(_("Due on"))
    responsible = PersonChoiceField(
        label=_("Responsible person"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PersonChoiceField, self.fields["responsible"]).queryset = people_of(units)


class RiskActionStatusForm(forms.Form):
    """One action's status; the risk page renders each action's own select (its moves)."""

    action = forms.IntegerField(widget=forms.HiddenInput)
    status = MoveField(label=_("Status"), statuses=WorkStatus)


class RiskLinkForm(forms.Form):
    case_number = forms.CharField(label=_("Registration number of the case"), max_length=32)


# --- the concept and GRECO ------------------------------------------------------------------


class ConceptObjectiveForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=8)
    title_kk = forms.CharField(label=_("Objective (Kazakh)"), max_length=500)
    title_ru = forms.CharField(label=_("Objective (Russian)"), max_length=500)
    title_en = forms.CharField(label=_("Objective (English)"), max_length=500)


class ConceptMeasureForm(forms.Form):
    objective = forms.ModelChoiceField(
        label=_("Objective"), queryset=ConceptObjective.objects.all()
    )
    number = forms.CharField(label=_("Number"), max_length=16)
    text_kk = _text(_("Measure (Kazakh)"), rows=2, lang="kk")
    text_ru = _text(_("Measure (Russian)"), rows=2, lang="ru")
    text_en = _text(_("Measure (English)"), rows=2, lang="en")
    units = forms.ModelMultipleChoiceField(
        label=_("Units responsible"), queryset=Unit.objects.all(), required=False
    )
    due_on = _date(_("Due on"), required=False)


class ConceptUpdateForm(forms.Form):
    status = MoveField(label=_("Status"), statuses=WorkStatus)
    units = forms.ModelMultipleChoiceField(
        label=_("Units responsible"), queryset=Unit.objects.all(), required=False
    )
    note = _text(_("Note"), required=False)

    def __init__(
        self, *args: Any, current: str, moves: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(MoveField, self.fields["status"]).offer(moves, current=current)


class GrecoReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=GrecoReportKind.choices)
    plenary = forms.CharField(
        label=_("GRECO plenary meeting"), max_length=16, help_text=_("For example 96.")
    )
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
    adopted_on = _date(_("Adopted on"))
    published_on = _date(_("Published on"), required=False)
    country_assessment = forms.ChoiceField(
        label=_("Country-level assessment"), choices=CountryAssessment.choices, required=False
    )
    note = _text(_("Note"), required=False, rows=2)


class GrecoAssessForm(forms.Form):
    report = forms.ModelChoiceField(label=_("Report"), queryset=GrecoReport.objects.none())
    status = forms.ChoiceField(label=_("Status"), choices=GrecoStatus.choices)
    note = _text(_("Note"), required=False)
    evidence = _files()

    def __init__(self, *args: Any, reports: QuerySet[GrecoReport], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["report"]).queryset = reports  # type: ignore[type-arg]


class GrecoRecommendationForm(forms.Form):
    text_kk = _text(_("Text (Kazakh)"), rows=3, lang="kk")
    text_ru = _text(_("Text (Russian)"), rows=3, lang="ru")
    text_en = _text(_("Text (English)"), rows=3, lang="en")
    owner_unit = UnitChoiceField(
        label=_("Unit responsible"), queryset=Unit.objects.all(), required=False
    )
    owner = PersonChoiceField(
        label=_("Owner"), queryset=people_of(Unit.objects.all()), required=False
    )
    next_report_due = _date(_("Next situation report due"), required=False)


class GrecoRecommendationAddForm(forms.Form):
    label = forms.CharField(label=_("Number"), max_length=8, help_text=_("For example xxviii."))
    text_kk = _text(_("Text (Kazakh)"), rows=3, lang="kk")
    text_ru = _text(_("Text (Russian)"), rows=3, lang="ru")
    text_en = _text(_("Text (English)"), rows=3, lang="en")


class GrecoRoundForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=16)
    name_kk = forms.CharField(label=_("Name in Kazakh"), max_length=300)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=300)
    name_en = forms.CharField(label=_("Name in English"), max_length=300)
