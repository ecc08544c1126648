"""Appeals: registering one that came by post, e-mail or referral, once per Idempotency-Key.

Through the one action every channel uses (`senim.cases.registration.appeal_register`): the
draft's rules, routing, the deadline and the audit are the same as on the portal or the trust
line. Whoever takes appeals in (TRUST_LINE: operators, coordinators, integration clients) may
register; the caller's user is recorded as the one who received it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.params import HeaderEx, P

from senim.api import idempotency
from senim.api.auth import operation_name, require
from senim.api.errors import Problem
from senim.api.types import Body, Code, Line, Subject
from senim.cases import registration as registering
from senim.intake.drafts import Identity, Person, draft_from
from senim.intake.models import AppealKind, Category, ContactBy, Language
from senim.organization.models import Court
from senim.organization.policy import Capability

router = Router(tags=["appeals"])

# The channels an appeal registered through the API may have come by. The trust line and the
# reception register with their call or booking (the office's console); e-Otinish through its
# own endpoint, which keeps the external number.
ApiChannel = Literal["post", "email", "referral"]


class PersonIn(Schema):
    name: Line
    position: Line = ""


class ReporterIn(Schema):
    """A named reporter: sealed in the vault at registration, never shown back."""

    full_name: Line
    iin: Code = ""
    phone: Code = ""
    email: Line = ""
    address: Line = ""


class AppealIn(Schema):
    channel: ApiChannel
    kind: AppealKind
    category: Category
    language: Language
    court: Code = Field(description="The code of the court concerned (the registry's)")
    subject: Subject
    text: Body
    occurred_when: Line = ""
    occurred_where: Line = ""
    how_known: Body = ""
    people: list[PersonIn] = Field(default_factory=list, max_length=20)
    reporter: ReporterIn | None = Field(None, description="None: anonymous")
    disclosure_consent: bool = False
    contact_by: ContactBy = ContactBy.MAILBOX


class Registered(Schema):
    number: str
    case: int
    status: str
    unit: str
    registered_at: dt.datetime
    due_on: dt.date
    receipt_code: str | None = Field(
        None, description="The reporter's receipt code: in the first answer only, never again"
    )
    replayed: bool = Field(description="True when this is the stored answer to an earlier call")


# What a registration leads to, for clients and for schemathesis's stateful runs.
_LINKS = {
    "GetCase": {
        "operationId": "cases.case_detail",
        "parameters": {"case_id": "$response.body#/case"},
    },
    "GetCaseTimeline": {
        "operationId": "cases.case_timeline",
        "parameters": {"case_id": "$response.body#/case"},
    },
}


@router.post(
    "",
    response={201: Registered},
    summary="Register an appeal (once per Idempotency-Key)",
    openapi_extra={"responses": {201: {"links": _LINKS}}},
)
def appeal_register(
    request: HttpRequest,
    payload: AppealIn,
    idempotency_key: HeaderEx[
        str,
        P(
            alias="Idempotency-Key",
            min_length=1,
            max_length=200,
            description="A key of the caller's choosing; a replay returns the first answer",
        ),
    ],
) -> HttpResponse:
    found = require(
        request,
        scope="act",
        capability=Capability.TRUST_LINE,
        refusal=_("Only those who take appeals in may register them."),
    )
    data = payload.model_dump(mode="json")

    def work() -> tuple[int, dict[str, Any], dict[str, Any]]:
        court = Court.objects.filter(code=payload.court).first()
        if court is None:
            raise Problem(
                "validation_failed",
                _("No court has this code."),
                errors=[
                    {"loc": ["body", "court"], "msg": str(_("Unknown court.")), "type": "court"}
                ],
            )
        reporter = payload.reporter
        draft = draft_from(
            {**data, "court": court},
            channel=payload.channel,
            people=[Person(name=p.name, position=p.position) for p in payload.people],
            identity=Identity(**reporter.model_dump()) if reporter else None,
        )
        registration = registering.appeal_register(draft=draft, actor=found.user)
        case = registration.case
        body = Registered(
            number=registration.appeal.number,
            case=case.pk,
            status=case.status,
            unit=case.unit.code,
            registered_at=registration.appeal.registered_at,
            due_on=registration.due_on,
            receipt_code=registration.receipt_code,
            replayed=False,
        ).model_dump(mode="json")
        # A replay repeats all but the receipt code, which is shown once and stored nowhere.
        return 201, body, {**body, "receipt_code": None, "replayed": True}

    status, body, _replayed = idempotency.once(
        caller=found,
        operation=operation_name(appeal_register),
        key=idempotency_key,
        payload=data,
        work=work,
    )
    response = JsonResponse(body, status=status)
    response["Location"] = f"/api/v1/cases/{body['case']}"
    return response
