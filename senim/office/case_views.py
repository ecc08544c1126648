"""The queue and the case page: parse, authorize, call one service or selector, render."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.accounts.models import User
from senim.cases import answers, deadlines, handling, lifecycle, protection, reveals, spam, timers
from senim.cases.bulk import MAX_SELECTION
from senim.cases.models import Answer, Case
from senim.cases.selectors import (
    QueueFilters,
    case_page,
    case_queue,
    page_has,
    page_of,
)
from senim.cases.services import (
    attachment_download,
    case_message_to_reporter,
    identity_reveal,
)
from senim.cases.timeline import case_timeline
from senim.core import clock
from senim.core.calendar import calendar
from senim.core.errors import DomainError, NotFound
from senim.office import forms as office_forms
from senim.office.access import staff_required, staff_user
from senim.office.bulk import bulk_act
from senim.office.bulk_forms import BulkForm
from senim.office.case_rows import case_rows
from senim.office.reveal_forms import RevealRequestForm
from senim.office.second_factor import second_factor_fresh, step_up_url
from senim.office.surge_forms import SpamReopenForm
from senim.organization import policy
from senim.organization.policy import CASE_SIGHT, Capability


def _horizon() -> Any:
    return deadlines.due_soon_horizon(clock.today())


@require_http_methods(["GET", "POST"])
@staff_required(*CASE_SIGHT)
def queue(request: HttpRequest) -> HttpResponse:
    # The filters stay in the address (GET); a POST acts on the selected cases (office.bulk).
    bulk_form = BulkForm(staff_user(request), request.POST if request.method == "POST" else None)
    if request.method == "POST":
        answer = bulk_act(request, bulk_form)
        if answer is not None:
            return answer
    form = office_forms.QueueForm(request.GET or None)
    # A filter that is not valid is left out (and marked on the form); the others still apply.
    form.is_valid()
    data = form.cleaned_data if form.is_bound else {}
    filters = QueueFilters(**{k: v for k, v in data.items() if v})
    today = clock.today()
    # Only the "due soon" and "on time" filters read the horizon (it costs the calendar's query).
    horizon = _horizon() if filters.deadline in ("due_soon", "on_time") else today
    cases = case_queue(staff_user(request), filters, today=today, horizon=horizon)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = page_of(cases, number)
    rows = case_rows(page.rows, search=filters.q)
    query = request.GET.copy()
    query.pop("page", None)
    selected = set(bulk_form.selected if bulk_form.is_bound else request.GET.getlist("case"))
    query.pop("case", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "today": today,
        "bulk": bulk_form,
        "bulk_max": MAX_SELECTION,
        "selected": selected,
    }
    return render(request, "office/queue.html", context)


def _quick_selects(form: forms.Form) -> forms.Form:
    """The form with its plain selects written out in Python (see `QuickSelect`)."""
    for field in form.fields.values():
        choices = getattr(field, "choices", None)
        grouped = isinstance(choices, list) and any(isinstance(c[1], list | tuple) for c in choices)
        if type(field.widget) is forms.Select and not grouped:
            quick = office_forms.QuickSelect(attrs=field.widget.attrs, choices=choices or ())
            quick.is_required = field.widget.is_required
            field.widget = quick
    return form


def _lazy(make: Callable[[], forms.Form]) -> Callable[[], forms.Form]:
    """A form made the first time the template reads it: a template calls what it is given.

    The page shows only the forms that fit the case's status and the reader's role (the
    template decides); most pages need a few of the fourteen, and some cost queries (the
    people to assign or exclude).
    """
    return functools.cache(lambda: _quick_selects(make()))


def _context(request: HttpRequest, case: Case, **bound: forms.Form) -> dict[str, Any]:
    actor = policy.actor_of(request.user)

    def can(capability: Capability) -> bool:
        return actor is not None and actor.may(capability)

    answer = case.answer if page_has(case, "answer") else None

    @functools.cache
    def excluded() -> set[int]:
        return {e.user_id for e in case.exclusions.all()}

    def assign_form() -> forms.Form:
        people = handling.staff_of_unit(case.unit_id)
        return office_forms.AssignForm(
            auto_id="id_assign_form_%s",
            people=[p for p in people if p.pk not in excluded()],
            initial={
                "assignee": case.assignee_id,
                "collaborators": [c.pk for c in case.collaborators.all()]
                if page_has(case, "collaborators")
                else [],
            },
        )

    def exclude_form() -> forms.Form:
        # A username field, not a select of every staff member (1,000+ options on each view).
        return office_forms.ExcludeForm(
            auto_id="id_exclude_form_%s",
            search_url=reverse("office:case-exclude-people", args=[case.pk]),
        )

    # Each form has its own ids: many of them have a "body" or a "reason", and ids on one
    # page must be unique for labels (and screen readers) to find the right field. Field
    # names stay plain, so a refused form comes back bound under the same ids.
    makers: dict[str, Callable[[], forms.Form]] = {
        "assess_form": lambda: office_forms.AssessmentForm(
            auto_id="id_assess_form_%s", initial={"category": case.category}
        ),
        "assign_form": assign_form,
        "note_form": lambda: office_forms.NoteForm(auto_id="id_note_form_%s"),
        "checklist_form": lambda: office_forms.ChecklistForm(auto_id="id_checklist_form_%s"),
        "conclude_form": lambda: office_forms.ConcludeForm(auto_id="id_conclude_form_%s"),
        "extend_form": lambda: office_forms.ExtendForm(auto_id="id_extend_form_%s"),
        "return_form": lambda: office_forms.ReasonForm(auto_id="id_return_form_%s"),
        "exclude_form": exclude_form,
        "reroute_form": lambda: office_forms.RerouteForm(auto_id="id_reroute_form_%s"),
        "answer_form": lambda: office_forms.AnswerForm(
            auto_id="id_answer_form_%s", initial={"body": answer.body if answer else ""}
        ),
        "protection_form": lambda: office_forms.ProtectionForm(
            auto_id="id_protection_form_%s", initial={"since": clock.today()}
        ),
        "hr_form": lambda: office_forms.HrEventForm(auto_id="id_hr_form_%s"),
        "message_form": lambda: office_forms.MessageToReporterForm(auto_id="id_message_form_%s"),
        "reveal_form": lambda: office_forms.RevealForm(auto_id="id_reveal_%s"),
        "reveal_request_form": lambda: RevealRequestForm(auto_id="id_reveal_request_%s"),
        "reopen_form": lambda: SpamReopenForm(auto_id="id_reopen_form_%s"),
    }
    forms_: dict[str, Any] = {name: _lazy(make) for name, make in makers.items()}
    forms_.update({name: _quick_selects(form) for name, form in bound.items()})
    may_reveal = can(Capability.IDENTITY_READ) and not case.appeal.is_anonymous
    # With a custodian's approval required, the page shows the reader's own request.
    reveal_approval = reveals.approval_required()
    return {
        "case": case,
        "appeal": case.appeal,
        "assessment": case.assessment if page_has(case, "assessment") else None,
        "answer": answer,
        "answer_moves": answers.answer_moves(request.user, answer),
        "protection_record": case.protection if page_has(case, "protection") else None,
        # A decided case is "done" whatever the calendar says: no need to read it.
        "deadline": deadlines.deadline_state(case, clock.today(), calendar())
        if case.status in deadlines.OPEN_STATUSES
        else "done",
        "timers": timers.case_timers(case, today=clock.today()),
        "transitions": lifecycle.available(request.user, case),
        "timeline": case_timeline(case),
        "spam_closure": spam.case_spam_closure(case) if page_has(case, "spam_entries") else None,
        # What the page offers: the policy's capabilities (the services check them again).
        "is_handler": can(Capability.CASE_HANDLE),
        "is_worker": can(Capability.CASE_WORK),
        "may_protect": can(Capability.PROTECTION_MANAGE),
        "may_reroute": can(Capability.CASE_REROUTE),
        "may_decide_spam": can(Capability.SPAM_DECIDE),
        "may_reveal": may_reveal,
        "reveal_approval": reveal_approval,
        "reveal": reveals.reveal_status(request.user, case)
        if may_reveal and reveal_approval
        else None,
        "may_write": can(Capability.REPORTER_WRITE),
        # Records (`office.retention`): a hold by those who handle cases, lifted centrally.
        "may_hold": can(Capability.CASE_HANDLE),
        "may_lift_hold": can(Capability.RETENTION_DECIDE),
        # The case file as PDF (`senim.office.papers`): those who handle cases.
        "may_export_case_file": can(Capability.CASE_HANDLE),
        "referral_forms": [
            (
                r,
                office_forms.ReferralForm(
                    initial={
                        "referral": r.pk,
                        "external_number": r.external_number,
                        "result": r.result,
                        "note": r.result_note,
                    }
                ),
            )
            for r in (case.referrals.all() if page_has(case, "referrals") else [])
        ],
        **forms_,
    }


def _load(request: HttpRequest, case_id: int) -> Case:
    try:
        return case_page(request.user, case_id)
    except NotFound as missing:
        raise Http404 from missing


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(*CASE_SIGHT)
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page; a POST here is the audited identity reveal (without a custodian's
    approval: with it, `senim.office.reveals`)."""
    case = _load(request, case_id)
    identity = None
    bound: dict[str, forms.Form] = {}
    if request.method == "POST" and not second_factor_fresh(request):
        # Reading an identity asks for a fresh second factor first; then the page again.
        return redirect(step_up_url(request, request.path))
    if request.method == "POST":
        reveal_form = office_forms.RevealForm(request.POST, auto_id="id_reveal_%s")
        if reveal_form.is_valid():
            try:
                identity = identity_reveal(
                    user=staff_user(request),
                    case_id=case.pk,
                    reason=reveal_form.cleaned_data["reason"],
                )
            except DomainError as refused:
                reveal_form.add_error(None, refused.message)
                if reveals.approval_required():  # the page shows the request form instead
                    messages.error(request, refused.message)
        bound["reveal_form"] = reveal_form
    return render_case_page(request, case, identity=identity, bound=bound)


def render_case_page(
    request: HttpRequest,
    case: Case,
    *,
    identity: dict[str, str] | None = None,
    bound: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    """The case page, with the identity when one was just read and any refused forms bound."""
    context = {**_context(request, case, **(bound or {})), "identity": identity}
    return render(request, "office/case_detail.html", context)


def load_case(request: HttpRequest, case_id: int) -> Case:
    """The case as its page shows it; 404 when the user may not see it (or it does not exist)."""
    return _load(request, case_id)


Action = Callable[[User, Case, dict[str, Any]], object]


def _start(user: User, case: Case, data: dict[str, Any]) -> object:
    return handling.case_start_assessment(user=user, case_id=case.pk)


def _assess(user: User, case: Case, data: dict[str, Any]) -> object:
    return handling.case_assess(user=user, case_id=case.pk, **data)


def _assign(user: User, case: Case, data: dict[str, Any]) -> object:
    return handling.case_assign(
        user=user,
        case_id=case.pk,
        assignee_id=data["assignee"],
        collaborator_ids=data["collaborators"],
    )


def _exclude(user: User, case: Case, data: dict[str, Any]) -> object:
    return handling.case_exclude(
        user=user, case_id=case.pk, excluded_id=data["person"], reason=data["reason"]
    )


def _note(user: User, case: Case, data: dict[str, Any]) -> object:
    return handling.note_add(user=user, case_id=case.pk, body=data["body"])


def _checklist(user: User, case: Case, data: dict[str, Any]) -> object:
    return handling.checklist_add(user=user, case_id=case.pk, title=data["title"])


def _conclude(user: User, case: Case, data: dict[str, Any]) -> object:
    return handling.case_conclude(user=user, case_id=case.pk, **data)


def _return(user: User, case: Case, data: dict[str, Any]) -> object:
    return handling.case_return(user=user, case_id=case.pk, reason=data["reason"])


def _close(user: User, case: Case, data: dict[str, Any]) -> object:
    return handling.case_close(user=user, case_id=case.pk)


def _extend(user: User, case: Case, data: dict[str, Any]) -> object:
    return deadlines.deadline_extend(user=user, case_id=case.pk, **data)


def _reroute(user: User, case: Case, data: dict[str, Any]) -> object:
    return handling.case_reroute(
        user=user, case_id=case.pk, unit=data["unit"], reason=data["reason"]
    )


def _referral(user: User, case: Case, data: dict[str, Any]) -> object:
    return handling.referral_update(
        user=user,
        case_id=case.pk,
        referral_id=data["referral"],
        external_number=data["external_number"],
        result=data["result"],
        note=data["note"],
    )


def _answer_draft(user: User, case: Case, data: dict[str, Any]) -> object:
    return answers.answer_draft(user=user, case_id=case.pk)


def _answer_edit(user: User, case: Case, data: dict[str, Any]) -> object:
    return answers.answer_edit(user=user, case_id=case.pk, body=data["body"])


def _answer_review(user: User, case: Case, data: dict[str, Any]) -> object:
    return answers.answer_review(user=user, case_id=case.pk)


def _answer_sign(user: User, case: Case, data: dict[str, Any]) -> object:
    return answers.answer_sign(user=user, case_id=case.pk)


def _answer_issue(user: User, case: Case, data: dict[str, Any]) -> object:
    return answers.answer_issue(user=user, case_id=case.pk)


def _message(user: User, case: Case, data: dict[str, Any]) -> object:
    case_message_to_reporter(user=user, case_id=case.pk, body=data["body"])
    return None


def _protect(user: User, case: Case, data: dict[str, Any]) -> object:
    return protection.protection_start(user=user, case_id=case.pk, **data)


def _hr_event(user: User, case: Case, data: dict[str, Any]) -> object:
    person = getattr(case, "protection", None) if hasattr(case, "protection") else None
    return protection.hr_event_record(user=user, person_id=person.pk if person else 0, **data)


# action -> (form class or None, the one service call, the form's name on the page)
ACTIONS: dict[str, tuple[Any, Action, str]] = {
    "start": (None, _start, ""),
    "assess": (office_forms.AssessmentForm, _assess, "assess_form"),
    "assign": (office_forms.AssignForm, _assign, "assign_form"),
    "exclude": (office_forms.ExcludeForm, _exclude, "exclude_form"),
    "note": (office_forms.NoteForm, _note, "note_form"),
    "checklist": (office_forms.ChecklistForm, _checklist, "checklist_form"),
    "conclude": (office_forms.ConcludeForm, _conclude, "conclude_form"),
    "return": (office_forms.ReasonForm, _return, "return_form"),
    "close": (None, _close, ""),
    "extend": (office_forms.ExtendForm, _extend, "extend_form"),
    "reroute": (office_forms.RerouteForm, _reroute, "reroute_form"),
    "referral": (office_forms.ReferralForm, _referral, ""),
    "answer-draft": (None, _answer_draft, ""),
    "answer-edit": (office_forms.AnswerForm, _answer_edit, "answer_form"),
    "answer-review": (None, _answer_review, ""),
    "answer-sign": (None, _answer_sign, ""),
    "answer-issue": (None, _answer_issue, ""),
    "message": (office_forms.MessageToReporterForm, _message, "message_form"),
    "protect": (office_forms.ProtectionForm, _protect, "protection_form"),
    "hr-event": (office_forms.HrEventForm, _hr_event, "hr_form"),
}


def _bound(form_class: Any, request: HttpRequest, case: Case, prefix: str) -> forms.Form:
    extra: dict[str, Any] = {"auto_id": f"id_{prefix}_%s" if prefix else "id_%s"}
    if form_class is office_forms.AssignForm:
        extra["people"] = handling.staff_of_unit(case.unit_id)
    form: forms.Form = form_class(request.POST, **extra)
    return form


@require_POST
@staff_required(*CASE_SIGHT)
def case_action(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    case = _load(request, case_id)
    if action == "checklist-toggle":
        try:
            handling.checklist_toggle(
                user=staff_user(request),
                case_id=case.pk,
                item_id=int(request.POST.get("item", "0")),
            )
        except (ValueError, DomainError):
            messages.error(request, _("No such step."))
        return redirect("office:case-detail", case_id=case.pk)
    if action not in ACTIONS:
        raise Http404
    form_class, call, name = ACTIONS[action]
    form = _bound(form_class, request, case, name) if form_class else None
    if form is not None and not form.is_valid():
        return _rerender(request, case, name, form)
    try:
        call(staff_user(request), case, form.cleaned_data if form is not None else {})
    except DomainError as refused:
        if form is None or not name:
            messages.error(request, refused.message)
            return redirect("office:case-detail", case_id=case.pk)
        form.add_error(None, refused.message)
        # The reason goes to the top of the page too: the refused form may not be shown
        # (a protection form for a reporter who cannot or need not be protected).
        return _rerender(request, case, name, form, reason=refused.message)
    messages.success(request, _("Saved."))
    return redirect("office:case-detail", case_id=case.pk)


def _rerender(
    request: HttpRequest, case: Case, name: str, form: forms.Form, reason: str = ""
) -> HttpResponse:
    """The case page again with the refused form bound: nothing typed is lost."""
    messages.error(request, reason or _("Please correct the marked fields."))
    fresh = _load(request, case.pk)
    context = _context(request, fresh, **({name: form} if name else {}))
    return render(request, "office/case_detail.html", {**context, "open_form": name}, status=200)


@require_GET
@staff_required(*CASE_SIGHT)
def answer_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _load(request, case_id)
    if not hasattr(case, "answer") or case.answer.state == Answer.State.DRAFT:
        raise Http404
    response = HttpResponse(answers.answer_pdf(case), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="answer-{case.appeal.number}.pdf"'
    return response


@require_GET
@staff_required()
def attachment(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    try:
        name, _content_type, data = attachment_download(
            user=staff_user(request), case_id=case_id, attachment_id=attachment_id
        )
    except DomainError as missing:
        raise Http404 from missing
    # Always a download, never rendered inline: a file from a reporter is untrusted content.
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name, safe='')}"
    response["Cache-Control"] = "no-store"
    return response
