"""Triage in the office: the assessor's decisions on suggested matches (from the case page),
and the central department's hotspots, thresholds, rules and central reviews. Parse,
authorize, call one service or selector, render; the services check again."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from senim.accounts.models import User
from senim.core.errors import DomainError, NotFound
from senim.office.access import staff_required, staff_user
from senim.organization.models import Court
from senim.organization.policy import Capability
from senim.triage import hotspots, links, rules
from senim.triage.models import HotspotThreshold, TriageRule


class JoinForm(forms.Form):
    suggestion = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Why it is the same matter"), min_length=5, widget=forms.Textarea
    )


class RelateForm(forms.Form):
    other = forms.IntegerField(widget=forms.HiddenInput)
    suggestion = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SuggestionForm(forms.Form):
    suggestion = forms.IntegerField(widget=forms.HiddenInput)


class ThresholdForm(forms.Form):
    scope = forms.ChoiceField(label=gettext_lazy("Subject"), choices=HotspotThreshold.Scope)
    threshold = forms.FloatField(label=gettext_lazy("Threshold"), min_value=0.01)
    window_days = forms.IntegerField(
        label=gettext_lazy("Window in days"), min_value=1, max_value=366
    )


class RuleForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    words = forms.CharField(
        label=gettext_lazy("Words (any form), separated by commas or one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    categories = forms.MultipleChoiceField(
        label=gettext_lazy("Categories"),
        required=False,
        choices=rules.category_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    courts = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Courts"),
        required=False,
        queryset=Court.objects.order_by("code"),
        help_text=gettext_lazy("None chosen: any court."),
    )
    action = forms.ChoiceField(label=gettext_lazy("Action"), choices=TriageRule.Action)
    priority = forms.ChoiceField(
        label=gettext_lazy("Raise the priority to"),
        required=False,
        choices=[("", "—"), ("high", gettext_lazy("high")), ("urgent", gettext_lazy("urgent"))],
    )
    notify = forms.ModelChoiceField(
        label=gettext_lazy("Person to notify"),
        required=False,
        queryset=User.objects.filter(is_active=True, staff__isnull=False).order_by("username"),
    )


def _back(case_id: int) -> HttpResponse:
    return redirect(reverse("office:case-detail", args=[case_id]) + "#triage")


def _act(request: HttpRequest, case_id: int, done: str, act: object) -> HttpResponse:
    try:
        act()  # type: ignore[operator]
    except NotFound as missing:
        raise Http404 from missing
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, done)
    return _back(case_id)


@require_POST
@staff_required(Capability.CASE_HANDLE)
def case_relate(request: HttpRequest, case_id: int) -> HttpResponse:
    form = RelateForm(request.POST)
    if not form.is_valid():
        raise Http404
    return _act(
        request,
        case_id,
        _("The cases are linked as related."),
        lambda: links.cases_relate(
            user=staff_user(request),
            case_id=case_id,
            other_id=form.cleaned_data["other"],
            suggestion_id=form.cleaned_data["suggestion"],
        ),
    )


@require_POST
@staff_required(Capability.CASE_HANDLE)
def suggestion_dismiss(request: HttpRequest, case_id: int) -> HttpResponse:
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        raise Http404
    return _act(
        request,
        case_id,
        _("The suggestion has been dismissed."),
        lambda: links.suggestion_dismiss(
            user=staff_user(request), suggestion_id=form.cleaned_data["suggestion"]
        ),
    )


@require_POST
@staff_required(Capability.CASE_HANDLE)
def suggestion_join(request: HttpRequest, case_id: int) -> HttpResponse:
    form = JoinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the reports are the same matter."))
        return _back(case_id)
    return _act(
        request,
        case_id,
        _("The later report has been joined to the earlier case as a duplicate."),
        lambda: links.suggestion_join(
            user=staff_user(request),
            suggestion_id=form.cleaned_data["suggestion"],
            reason=form.cleaned_data["reason"],
        ),
    )


@require_POST
@staff_required(Capability.SPAM_DECIDE)
def review_record(request: HttpRequest, case_id: int, firing_id: int) -> HttpResponse:
    return _act(
        request,
        case_id,
        _("The central review has been recorded."),
        lambda: rules.review_record(user=staff_user(request), firing_id=firing_id),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.SPAM_DECIDE)
def hotspot_list(request: HttpRequest) -> HttpResponse:
    form = ThresholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hotspots.threshold_set(user=staff_user(request), **form.cleaned_data)
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The threshold has been set."))
            return redirect("office:triage-hotspots")
    current = hotspots.thresholds()
    rows = [(scope, label, current[scope]) for scope, label in HotspotThreshold.Scope.choices]
    items = [(h, hotspots.hotspot_place(h)) for h in hotspots.hotspots_for(request.user)[:100]]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "triage/hotspots.html",
        {"form": form, "thresholds": rows, "hotspots": items},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.SPAM_DECIDE)
def hotspot_detail(request: HttpRequest, hotspot_id: int) -> HttpResponse:
    try:
        hotspot = hotspots.hotspot_get(request.user, hotspot_id)
    except NotFound as missing:
        raise Http404 from missing
    if request.method == "POST":
        try:
            hotspots.hotspot_close(user=staff_user(request), hotspot_id=hotspot.pk)
        except DomainError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The hotspot has been closed."))
        return redirect("office:triage-hotspot", hotspot_id=hotspot.pk)
    shown, hidden = hotspots.hotspot_cases(request.user, hotspot)
    return render(
        request,
        "triage/hotspot.html",
        {
            "hotspot": hotspot,
            "place": hotspots.hotspot_place(hotspot),
            "cases": shown,
            "hidden": hidden,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.SPAM_DECIDE)
def rule_list(request: HttpRequest) -> HttpResponse:
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rules.rule_create(
                user=staff_user(request),
                name=data["name"],
                words=data["words"],
                categories=list(data["categories"]),
                courts=list(data["courts"]),
                action=data["action"],
                priority=data["priority"],
                notify=data["notify"],
            )
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The rule has been created."))
            return redirect("office:triage-rules")
    # The categories by their names in the reader's language, not their stored codes.
    labels = dict(rules.category_choices())
    items = [
        (
            rule,
            rules.rule_words(rule),
            [labels.get(code, code) for code in rules.rule_categories(rule)],
        )
        for rule in rules.rules_for(request.user)
    ]
    return render(
        request,
        "triage/rules.html",
        {
            "form": form,
            "rules": items,
            "reviews": rules.reviews_pending(request.user)[:100],
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_required(Capability.SPAM_DECIDE)
def rule_active(request: HttpRequest, rule_id: int) -> HttpResponse:
    active = request.POST.get("active") == "1"
    try:
        rules.rule_set_active(user=staff_user(request), rule_id=rule_id, active=active)
    except NotFound as missing:
        raise Http404 from missing
    messages.success(
        request, _("The rule is active.") if active else _("The rule has been turned off.")
    )
    return redirect("office:triage-rules")
