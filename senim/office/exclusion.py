"""Finding the person to exclude from a case (conflict of interest) by name.

The case page's exclusion form takes a username; this small page finds it, so the case page no
longer lists every staff member. Plain GET search and a normal POST form: no script needed.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from senim.accounts.models import User
from senim.office import forms as office_forms
from senim.office.access import staff_required
from senim.office.case_views import _load
from senim.organization import policy
from senim.organization.policy import CASE_SIGHT, Capability

MAX_RESULTS = 30


@never_cache
@require_GET
@staff_required(*CASE_SIGHT)
def exclude_people(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _load(request, case_id)  # 404 for a case the reader may not see
    actor = policy.actor_of(request.user)
    if actor is None or not actor.may(Capability.CASE_HANDLE):
        raise Http404  # only those who may exclude see the staff list, as on the case page
    query = request.GET.get("q", "").strip()[:100]
    people: list[User] = []
    if query:
        words = query.split()
        found = User.objects.filter(staff__isnull=False).exclude(
            pk__in=case.exclusions.values("user_id")
        )
        for word in words[:4]:
            found = found.filter(
                Q(username__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
            )
        people = list(found.order_by("last_name", "first_name", "username")[: MAX_RESULTS + 1])
    form = office_forms.ExcludeForm(
        auto_id="id_exclude_form_%s",
        initial={"person": people[0].username if len(people) == 1 else ""},
    )
    return render(
        request,
        "office/exclude_people.html",
        {
            "case": case,
            "appeal": case.appeal,
            "query": query,
            "people": people[:MAX_RESULTS],
            "more": len(people) > MAX_RESULTS,
            "form": form,
            "case_url": reverse("office:case-detail", args=[case.pk]),
        },
    )
