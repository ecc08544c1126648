"""Papers the office hands over: the citizen's coupon, the case file as PDF."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from senim.cases.case_file import case_file_export
from senim.cases.selectors import case_of_appeal
from senim.cases.timeline import case_timeline
from senim.core.errors import DomainError, NotFound
from senim.core.pdf import render_pdf
from senim.intake import coupons
from senim.office.access import staff_required, staff_user
from senim.office.case_views import load_case
from senim.office.paper_forms import CaseFileForm
from senim.office.second_factor import step_up_required
from senim.organization.policy import Capability


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # It may name a reporter: kept by no cache between here and the reader.
    response["Cache-Control"] = "no-store, private"
    return response


@never_cache
@require_POST
@staff_required(*coupons.REGISTERING)
def coupon_pdf(request: HttpRequest) -> HttpResponse:
    """The coupon of an appeal just registered, for the officer who registered it; the receipt
    code on the page that showed it once is the proof (it is stored nowhere)."""
    code = request.POST.get("code", "")
    try:
        appeal = coupons.coupon_for_officer(
            user=staff_user(request), number=request.POST.get("number", ""), code=code
        )
    except NotFound as missing:
        raise Http404 from missing
    case = case_of_appeal(appeal.pk)
    data = coupons.coupon_pdf(appeal=appeal, code=code, due_on=case.due_on if case else None)
    return _pdf(data, f"coupon-{appeal.number}.pdf")


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.CASE_HANDLE)
@step_up_required
def case_file(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case file as PDF: a form (what for, why, with the identity or not), then the file."""
    case = load_case(request, case_id)
    form = CaseFileForm(request.POST or None, auto_id="id_case_file_%s")
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            exported = case_file_export(
                user=staff_user(request), case_id=case.pk, **form.cleaned_data
            )
        except NotFound as missing:
            raise Http404 from missing
        except DomainError as refused:
            form.add_error(None, refused.message)
            status = 400
        else:
            data = render_pdf(
                "office/case_file_pdf.html",
                {
                    "file": exported,
                    "case": case,
                    "appeal": case.appeal,
                    "identity": exported.identity,
                    "timeline": case_timeline(case),
                },
            )
            return _pdf(data, f"case-{case.appeal.number}.pdf")
    return render(request, "office/case_file.html", {"case": case, "form": form}, status=status)
