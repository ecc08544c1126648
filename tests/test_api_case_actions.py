"""Case actions through /api/v1: each changes the case as the office's act does (status,
timeline, audit naming the token), and each refuses what the office refuses (another unit's
case, a role without the capability, a move the tables do not list, a read-only token), with a
problem-details answer and the case left as it was."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from senim.cases.models import Answer, Case, ChecklistItem, Referral, Status
from senim.core import clock
from senim.core.calendar import calendar
from senim.core.models import AuditEvent
from senim.intake.models import MailboxMessage
from senim.organization.models import Role
from tests.api_helpers import bearer as _bearer
from tests.api_helpers import is_problem, token_for

pytestmark = pytest.mark.django_db

ASSESS = {
    "competence": "ours",
    "complete": True,
    "relevant": True,
    "priority": "high",
    "category": "bribery",
    "retaliation_risk": "medium",
    "offence_signs": False,
    "decision": "open",
}
FINDINGS = "The clerk asked for money; two witnesses confirm it."
ANSWER = "We examined your appeal. " * 4


@pytest.fixture
def almaty(make_staff: Any) -> dict[str, Any]:
    return {
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-a"),
        "investigator": make_staff(Role.INVESTIGATOR, "REG-75", username="inv-a"),
        "colleague": make_staff(Role.INVESTIGATOR, "REG-75", username="inv-c"),
        "astana_chief": make_staff(Role.CHIEF, "REG-71", username="chief-b"),
        "astana_investigator": make_staff(Role.INVESTIGATOR, "REG-71", username="inv-b"),
    }


def bearer(secret: str) -> dict[str, str]:
    """The token, and English for the refusals' wording."""
    return {**_bearer(secret), "Accept-Language": "en"}


def post(client: Client, path: str, secret: str, data: dict[str, Any] | None = None) -> Any:
    return client.post(
        f"/api/v1/cases/{path}",
        data or {},
        content_type="application/json",
        headers=bearer(secret),
    )


def put(client: Client, path: str, secret: str, data: dict[str, Any]) -> Any:
    return client.put(
        f"/api/v1/cases/{path}", data, content_type="application/json", headers=bearer(secret)
    )


def entries(case: Case, action: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_id=case.appeal.number, action=action).order_by("seq")
    )


def via(entry: AuditEvent) -> str:
    return str(entry.detail.get("via", {}).get("name", ""))


def test_assessment_opens_the_case_as_the_office_does(
    almaty: dict[str, Any], make_case: Any, client: Client
) -> None:
    case = make_case("DST-75-02", status=Status.RECEIVED)
    secret = token_for(almaty["chief"], "act", name="chief's laptop")
    response = post(client, f"{case.pk}/assessment", secret, ASSESS)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "investigation" and body["priority"] == "high"
    assert body["number"] == case.appeal.number
    case.refresh_from_db()
    assert case.status == Status.INVESTIGATION and case.assessment.decision == "open"
    assert ChecklistItem.objects.filter(case=case).count() == 6
    # The timeline (the audit entries the case page reads) has both moves and the assessment,
    # each naming the token besides the person.
    moves = entries(case, "case.transition")
    assert [(e.detail["from"], e.detail["to"]) for e in moves] == [
        ("received", "assessment"),
        ("assessment", "investigation"),
    ]
    assessed = entries(case, "case.assessed")
    assert len(assessed) == 1 and assessed[0].actor == "chief-a"
    assert all(via(e) == "chief's laptop" for e in [*moves, *assessed])


def test_another_units_case_is_not_found_and_left_alone(
    almaty: dict[str, Any], make_case: Any, client: Client
) -> None:
    case = make_case("REG-71", status=Status.RECEIVED)
    secret = token_for(almaty["chief"])
    attempts: list[tuple[str, dict[str, Any] | None]] = [
        (f"{case.pk}/assessment", ASSESS),
        (f"{case.pk}/assignment", {"assignee": "inv-a"}),
        (f"{case.pk}/messages", {"body": "A question for you."}),
        (f"{case.pk}/extensions", {"new_due_on": "2099-01-01", "reason": "x" * 30}),
        (f"{case.pk}/answer", None),
    ]
    for path, data in attempts:
        response = post(client, path, secret, data)
        assert is_problem(response, 404, "not_found"), (path, response.content)
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.assignee is None
    assert not MailboxMessage.objects.filter(appeal=case.appeal).exists()
    # The same answer as for a case that does not exist at all.
    assert is_problem(post(client, "999999/assessment", secret, ASSESS), 404, "not_found")


def test_a_read_token_cannot_act(almaty: dict[str, Any], make_case: Any, client: Client) -> None:
    case = make_case("DST-75-02", status=Status.RECEIVED)
    secret = token_for(almaty["chief"], "read")
    response = post(client, f"{case.pk}/assessment", secret, ASSESS)
    assert is_problem(response, 403, "insufficient_scope")
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
    assert not entries(case, "case.assessed")
    # Reading is allowed.
    response = client.get(f"/api/v1/cases/{case.pk}/referrals", headers=bearer(secret))
    assert response.status_code == 200 and response.json() == []


def test_an_investigator_may_not_assign_nor_decide(
    almaty: dict[str, Any], make_case: Any, client: Client
) -> None:
    case = make_case("DST-75-02", status=Status.ASSESSMENT, assignee=almaty["investigator"])
    secret = token_for(almaty["investigator"])
    response = post(client, f"{case.pk}/assignment", secret, {"assignee": "inv-c"})
    assert is_problem(response, 403, "forbidden")
    assert "assign" in response.json()["detail"]
    # Opening the case is a handler's decision (the transition table): refused, nothing kept.
    response = post(client, f"{case.pk}/assessment", secret, ASSESS)
    assert is_problem(response, 403, "forbidden")
    case.refresh_from_db()
    assert case.status == Status.ASSESSMENT and case.assignee == almaty["investigator"]
    assert not hasattr(case, "assessment") or case.assessment is None


def test_a_move_the_table_does_not_list_is_a_conflict(
    almaty: dict[str, Any], make_case: Any, client: Client
) -> None:
    case = make_case("DST-75-02", status=Status.RECEIVED)
    secret = token_for(almaty["chief"])
    response = post(
        client, f"{case.pk}/conclusion", secret, {"outcome": "substantiated", "findings": FINDINGS}
    )
    assert is_problem(response, 409, "conflict")
    assert "cannot go from" in response.json()["detail"]
    assert is_problem(post(client, f"{case.pk}/close", secret), 409, "conflict")
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.outcome == ""


def test_assignment_only_to_the_units_people(
    almaty: dict[str, Any], make_case: Any, client: Client
) -> None:
    case = make_case("DST-75-02", status=Status.INVESTIGATION)
    secret = token_for(almaty["chief"], name="chief-tool")
    people = client.get(f"/api/v1/cases/{case.pk}/assignees", headers=bearer(secret)).json()
    assert {p["username"] for p in people} == {"chief-a", "inv-a", "inv-c"}
    response = post(
        client, f"{case.pk}/assignment", secret, {"assignee": "inv-a", "collaborators": ["inv-c"]}
    )
    assert response.status_code == 200, response.content
    assert response.json()["assignee"] == "inv-a"
    assert response.json()["collaborators"] == ["inv-c"]
    assigned = entries(case, "case.assigned")
    assert len(assigned) == 1 and via(assigned[0]) == "chief-tool"
    # Astana's investigator is not of this unit; an unknown name is refused as well.
    for name in ("inv-b", "nobody-at-all"):
        response = post(client, f"{case.pk}/assignment", secret, {"assignee": name})
        assert is_problem(response, 409, "conflict"), name
    case.refresh_from_db()
    assert case.assignee == almaty["investigator"]


def test_conclusion_then_answer_draft_review_sign_issue(
    almaty: dict[str, Any], make_case: Any, client: Client
) -> None:
    case = make_case("DST-75-02", status=Status.INVESTIGATION, assignee=almaty["investigator"])
    worker = token_for(almaty["investigator"], name="inv-script")
    chief = token_for(almaty["chief"], name="chief-script")
    response = post(
        client,
        f"{case.pk}/conclusion",
        worker,
        {"outcome": "substantiated", "findings": FINDINGS, "measures": "Dismissed."},
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "concluded"
    assert response.json()["outcome"] == "substantiated"

    assert is_problem(
        client.get(f"/api/v1/cases/{case.pk}/answer", headers=bearer(worker)), 404, "not_found"
    )
    response = post(client, f"{case.pk}/answer", worker)
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "draft" and response.json()["language"] == "ru"
    response = put(client, f"{case.pk}/answer", worker, {"body": ANSWER})
    assert response.json()["body"] == ANSWER.strip()
    assert post(client, f"{case.pk}/answer/review", worker).json()["state"] == "reviewed"
    # An investigator does not sign: the chief does.
    assert is_problem(post(client, f"{case.pk}/answer/sign", worker), 403, "forbidden")
    signed = post(client, f"{case.pk}/answer/sign", chief).json()
    assert signed["state"] == "signed" and signed["signed_by"] == "chief-a"
    assert signed["moves"] == ["issued"]
    # A signed answer can no longer change.
    assert is_problem(put(client, f"{case.pk}/answer", worker, {"body": ANSWER}), 409, "conflict")
    issued = post(client, f"{case.pk}/answer/issue", chief).json()
    assert issued["state"] == "issued" and issued["case"]["status"] == "closed"
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.answer.state == Answer.State.ISSUED
    assert MailboxMessage.objects.filter(appeal=case.appeal, body=ANSWER.strip()).exists()
    assert [via(e) for e in entries(case, "answer.signed")] == ["chief-script"]
    assert via(entries(case, "case.transition")[-1]) == "chief-script"


def test_extension_by_a_reasoned_decision_tells_the_reporter(
    almaty: dict[str, Any], make_case: Any, client: Client
) -> None:
    case = make_case("DST-75-02", status=Status.INVESTIGATION, assignee=almaty["investigator"])
    due = calendar().working_days_after(clock.today(), 5)
    Case.objects.filter(pk=case.pk).update(due_on=due, original_due_on=due)
    new_due = due + dt.timedelta(days=20)
    reason = "Witnesses are abroad until the end of the month."
    chief = token_for(almaty["chief"], name="deadlines")
    # An investigator may not extend, a short reason is refused, and so is a date too far.
    investigator = token_for(almaty["investigator"])
    refused = post(
        client,
        f"{case.pk}/extensions",
        investigator,
        {"new_due_on": str(new_due), "reason": reason},
    )
    assert is_problem(refused, 403, "forbidden")
    short = post(
        client, f"{case.pk}/extensions", chief, {"new_due_on": str(new_due), "reason": "x"}
    )
    assert is_problem(short, 409, "conflict")
    far = due + dt.timedelta(days=90)
    assert is_problem(
        post(client, f"{case.pk}/extensions", chief, {"new_due_on": str(far), "reason": reason}),
        409,
        "conflict",
    )
    case.refresh_from_db()
    assert case.due_on == due

    response = post(
        client, f"{case.pk}/extensions", chief, {"new_due_on": str(new_due), "reason": reason}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["previous_due_on"] == str(due) and body["new_due_on"] == str(new_due)
    assert body["case"]["due_on"] == str(new_due) and body["reporter_notified_at"]
    case.refresh_from_db()
    assert case.due_on == new_due
    assert MailboxMessage.objects.filter(appeal=case.appeal, body__contains=reason).exists()
    assert [via(e) for e in entries(case, "case.extended")] == ["deadlines"]


def test_a_referral_and_what_became_of_it(
    almaty: dict[str, Any], make_case: Any, client: Client
) -> None:
    case = make_case("DST-75-02", status=Status.INVESTIGATION, assignee=almaty["investigator"])
    worker = token_for(almaty["investigator"])
    chief = token_for(almaty["chief"], name="referrals")
    post(
        client,
        f"{case.pk}/conclusion",
        worker,
        {"outcome": "referred_acs", "findings": FINDINGS, "referral_body": "ACS of Almaty"},
    )
    listed = client.get(f"/api/v1/cases/{case.pk}/referrals", headers=bearer(worker)).json()
    assert [(r["body"], r["body_name"], r["result"]) for r in listed] == [
        ("acs", "ACS of Almaty", "pending")
    ]
    referral_id = listed[0]["id"]
    data = {"external_number": "ЕРДР 2026-123", "result": "investigation", "note": ""}
    # Recording the outcome is a handler's act.
    assert is_problem(
        put(client, f"{case.pk}/referrals/{referral_id}/result", worker, data), 403, "forbidden"
    )
    response = put(client, f"{case.pk}/referrals/{referral_id}/result", chief, data)
    assert response.status_code == 200, response.content
    referral = Referral.objects.get(pk=referral_id)
    assert referral.external_number == "ЕРДР 2026-123" and referral.result == "investigation"
    assert [via(e) for e in entries(case, "referral.updated")] == ["referrals"]
    # Another case's referral is not this case's.
    other = make_case("DST-75-02", status=Status.INVESTIGATION)
    response = put(client, f"{other.pk}/referrals/{referral_id}/result", chief, data)
    assert is_problem(response, 409, "conflict")


def test_a_message_reaches_the_reporters_mailbox(
    almaty: dict[str, Any], make_case: Any, client: Client
) -> None:
    case = make_case("DST-75-02", status=Status.INVESTIGATION, assignee=almaty["investigator"])
    secret = token_for(almaty["investigator"], name="questions")
    response = post(client, f"{case.pk}/messages", secret, {"body": "Which room was it?"})
    assert response.status_code == 201, response.content
    message = MailboxMessage.objects.get(appeal=case.appeal)
    assert message.body == "Which room was it?" and message.author == almaty["investigator"]
    assert response.json()["id"] == message.pk
    sent = AuditEvent.objects.get(action="mailbox.message_to_reporter")
    assert via(sent) == "questions"
    # An empty message is refused; the colleague who does not work on the case does not see it.
    assert is_problem(post(client, f"{case.pk}/messages", secret, {"body": "  "}), 409, "conflict")
    colleague = token_for(almaty["colleague"])
    assert is_problem(
        post(client, f"{case.pk}/messages", colleague, {"body": "Hello"}), 404, "not_found"
    )
    assert MailboxMessage.objects.filter(appeal=case.appeal).count() == 1


def test_an_investigator_token_sees_only_own_cases_in_every_read(
    almaty: dict[str, Any], make_case: Any, client: Client
) -> None:
    """The reads of this router (people to assign, referrals, the answer) for a case the
    investigator does not work on: in their unit, or in another one."""
    secret = token_for(almaty["investigator"], "read")
    own = make_case("DST-75-02", status=Status.CONCLUDED, assignee=almaty["investigator"])
    Answer.objects.create(case=own, language="ru", body=ANSWER, drafted_by=almaty["chief"])
    Referral.objects.create(case=own, body="acs", sent_at=clock.now())
    hidden = [
        make_case("DST-75-02", status=Status.CONCLUDED, assignee=almaty["colleague"]),
        make_case("REG-71", status=Status.CONCLUDED, assignee=almaty["astana_investigator"]),
    ]
    for case in hidden:
        Answer.objects.create(case=case, language="ru", body=ANSWER, drafted_by=almaty["chief"])
        Referral.objects.create(case=case, body="acs", sent_at=clock.now())
    assert client.get(f"/api/v1/cases/{own.pk}/answer", headers=bearer(secret)).status_code == 200
    referrals = client.get(f"/api/v1/cases/{own.pk}/referrals", headers=bearer(secret))
    assert len(referrals.json()) == 1
    for case in hidden:
        for path in ("answer", "referrals"):
            response = client.get(f"/api/v1/cases/{case.pk}/{path}", headers=bearer(secret))
            assert is_problem(response, 404, "not_found"), (case.unit.code, path)
    # The people to assign are a handler's read: an investigator is refused outright.
    response = client.get(f"/api/v1/cases/{own.pk}/assignees", headers=bearer(secret))
    assert is_problem(response, 403, "forbidden")


def test_invalid_input_is_a_422_problem_naming_the_field(
    almaty: dict[str, Any], make_case: Any, client: Client
) -> None:
    case = make_case("DST-75-02", status=Status.RECEIVED)
    secret = token_for(almaty["chief"])
    response = post(client, f"{case.pk}/assessment", secret, {**ASSESS, "decision": "shrug"})
    assert is_problem(response, 422, "validation_failed")
    assert any("decision" in e["loc"] for e in response.json()["errors"])
    response = post(client, f"{case.pk}/messages", secret, {"body": "x" * 10001})
    assert is_problem(response, 422, "validation_failed")
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_each_answer_is_documented_by_its_own_schema(client: Client) -> None:
    """Schemas are named in one namespace (the document's components): two routers' classes of
    one name would make one operation documented with the other's answer."""
    schema = client.get("/api/v1/openapi.json").json()
    created = schema["paths"]["/api/v1/cases/{case_id}/messages"]["post"]["responses"]["201"]
    ref = created["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/ReporterMessageOut")
    assert set(schema["components"]["schemas"]["ReporterMessageOut"]["properties"]) == {
        "id",
        "created_at",
        "author",
    }
