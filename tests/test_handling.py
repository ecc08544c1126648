"""Assessment decisions, the anonymous-appeal rule, assignment, conclusion, referrals, and the
answer in the reporter's language through to the follow-up page."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client, override_settings

from senim.cases.models import Answer, Case, ChecklistItem, Note, Referral, Status
from senim.intake.anonymity import AnonymousPolicy
from senim.intake.models import MailboxMessage
from senim.organization.models import Role
from tests.intake_helpers import coupon_of, report_data

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")

ASSESS = {
    "competence": "ours",
    "complete": "on",
    "relevant": "on",
    "priority": "high",
    "category": "bribery",
    "retaliation_risk": "medium",
}


@pytest.fixture
def almaty(make_staff):
    return {
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-a"),
        "investigator": make_staff(Role.INVESTIGATOR, "REG-75", username="inv-a"),
        "other_investigator": make_staff(Role.INVESTIGATOR, "REG-71", username="inv-b"),
    }


def _report(client: Client, **overrides) -> tuple[Case, str]:
    number, code = coupon_of(client.post("/report/", report_data(**overrides)).content.decode())
    return Case.objects.get(appeal__number=number), code


def _assess(chief_client: Client, case: Case, **fields) -> str:
    response = chief_client.post(
        f"/office/cases/{case.pk}/do/assess/", {**ASSESS, **fields}, HTTP_ACCEPT_LANGUAGE="en"
    )
    return response.content.decode() if response.status_code == 200 else ""


@override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002)
def test_opening_a_case_starts_the_investigation_with_a_checklist(almaty, login) -> None:
    case, _code = _report(Client())
    chief = login(almaty["chief"])
    assert _assess(chief, case, decision="open") == ""
    case.refresh_from_db()
    assert case.status == Status.INVESTIGATION and case.priority == "high"
    assert case.assessment.retaliation_risk == "medium"
    assert ChecklistItem.objects.filter(case=case).count() >= 5


def test_kazakhstan_rule_refuses_to_consider_an_anonymous_appeal(almaty, login) -> None:
    case, _code = _report(Client())  # anonymous, policy "kz" by default
    chief = login(almaty["chief"])
    page = _assess(chief, case, decision="open", reason="")
    assert "anonymous appeal without signs of an offence is not considered" in page
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED  # nothing half-done
    page = _assess(chief, case, decision="open", offence_signs="on")
    assert "reporting an offence is redirected at once" in page
    assert _assess(chief, case, decision="redirect_acs", offence_signs="on") == ""
    case.refresh_from_db()
    assert case.status == Status.CONCLUDED and case.outcome == "referred_acs"
    assert Referral.objects.get(case=case).body == "acs"


def test_not_subject_needs_a_reason_and_keeps_what_was_typed(almaty, login) -> None:
    case, _code = _report(Client())
    chief = login(almaty["chief"])
    page = _assess(chief, case, decision="not_subject", reason="", priority="urgent")
    assert "Give the reason for this decision." in page
    assert 'value="urgent" selected' in page
    assert _assess(chief, case, decision="not_subject", reason="Anonymous, no offence") == ""
    assert Case.objects.get(pk=case.pk).outcome == "not_subject"


@override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002)
def test_forwarding_is_due_in_three_working_days_and_the_reporter_is_told(almaty, login) -> None:
    client = Client()
    # Registered on Friday 6 March 2026; Sunday 8 March and Monday 9 March (its transfer)
    # are days off, so three working days run Tuesday, Wednesday, Thursday.
    with time_machine.travel(dt.datetime(2026, 3, 6, 10, 0, tzinfo=ALMATY), tick=False):
        case, code = _report(client, language="kk")
    chief = login(almaty["chief"])
    # Assessed the next Tuesday: the forwarding deadline still counts from registration.
    with time_machine.travel(dt.datetime(2026, 3, 10, 11, 0, tzinfo=ALMATY), tick=False):
        assessed = _assess(
            chief,
            case,
            decision="forward",
            reason="Not a court official",
            forwarded_to="Prosecutor of Almaty",
        )
    assert assessed == ""
    case.refresh_from_db()
    assert case.outcome == "forwarded" and case.forward_due_on == dt.date(2026, 3, 12)
    message = MailboxMessage.objects.get(appeal=case.appeal, direction="out")
    assert "Prosecutor of Almaty" in message.body
    assert "жіберілді" in message.body or "жолданды" in message.body  # written in Kazakh
    client.post("/follow-up/", {"code": code})
    assert "Prosecutor of Almaty" in client.get("/follow-up/mailbox/").content.decode()


@override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002)
@pytest.mark.parametrize(("risk", "monitored"), [("high", True), ("medium", True), ("low", False)])
def test_a_reporter_at_risk_is_monitored_for_a_year_after_closure(
    almaty, login, risk: str, monitored: bool
) -> None:
    # Closed on 29 February 2028: a year later is 28 February 2029.
    with time_machine.travel(dt.datetime(2028, 2, 29, 12, 0, tzinfo=ALMATY), tick=False):
        case, _code = _report(Client())
        chief = login(almaty["chief"])
        assert _assess(chief, case, decision="consultation", retaliation_risk=risk) == ""
        closed = chief.post(f"/office/cases/{case.pk}/do/close/", HTTP_ACCEPT_LANGUAGE="en")
        assert closed.status_code == 302
        case.refresh_from_db()
        assert case.status == Status.CLOSED
        assert case.monitoring_until == (dt.date(2029, 2, 28) if monitored else None)
        page = chief.get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ("Post-closure monitoring until" in page) is monitored


@override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002)
def test_merge_into_a_visible_duplicate(almaty, login) -> None:
    first, _ = _report(Client())
    second, _ = _report(Client())
    chief = login(almaty["chief"])
    page = _assess(chief, second, decision="merge", reason="Same facts", duplicate_of="2099-000001")
    assert "No case with number 2099-000001." in page
    assert (
        _assess(
            chief, second, decision="merge", reason="Same facts", duplicate_of=first.appeal.number
        )
        == ""
    )
    second.refresh_from_db()
    assert second.status == Status.CLOSED and second.duplicate_of == first


@override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002)
def test_assignment_only_to_the_units_investigators(almaty, login) -> None:
    case, _ = _report(Client())
    chief = login(almaty["chief"])
    _assess(chief, case, decision="open")
    refused = chief.post(
        f"/office/cases/{case.pk}/do/assign/",
        {"assignee": almaty["other_investigator"].pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Select a valid choice" in refused.content.decode()
    chief.post(f"/office/cases/{case.pk}/do/assign/", {"assignee": almaty["investigator"].pk})
    assert Case.objects.get(pk=case.pk).assignee == almaty["investigator"]
    # The investigator now sees it; the other unit's investigator does not.
    assert login(almaty["investigator"]).get(f"/office/cases/{case.pk}/").status_code == 200
    assert login(almaty["other_investigator"]).get(f"/office/cases/{case.pk}/").status_code == 404


@override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002)
def test_a_collaborator_works_on_the_case_until_taken_off_it(almaty, login, make_staff) -> None:
    case, _ = _report(Client())
    helper = make_staff(Role.INVESTIGATOR, "REG-75", username="inv-helper")
    chief = login(almaty["chief"])
    _assess(chief, case, decision="open")
    url = f"/office/cases/{case.pk}/"
    chief.post(
        f"{url}do/assign/",
        {"assignee": almaty["investigator"].pk, "collaborators": [helper.pk]},
    )
    helping = login(helper)
    assert helping.get(url).status_code == 200
    assert case.appeal.number in helping.get("/office/cases/").content.decode()
    note = helping.post(f"{url}do/note/", {"body": "Checked the office register."})
    assert note.status_code == 302
    assert Note.objects.filter(case=case, author=helper).exists()
    # Taken off the case: gone from the list and the page.
    chief.post(f"{url}do/assign/", {"assignee": almaty["investigator"].pk})
    assert helping.get(url).status_code == 404
    assert case.appeal.number not in helping.get("/office/cases/").content.decode()


def _conclude_and_answer(almaty, login, language: str) -> tuple[Case, str, Client]:
    reporter = Client()
    chief = login(almaty["chief"])
    with override_settings(
        SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002
    ):  # the policy applied at registration
        case, code = _report(reporter, language=language)
        _assess(chief, case, decision="open")
    chief.post(f"/office/cases/{case.pk}/do/assign/", {"assignee": almaty["investigator"].pk})
    investigator = login(almaty["investigator"])
    investigator.post(
        f"/office/cases/{case.pk}/do/conclude/",
        {
            "outcome": "substantiated",
            "findings": "The clerk demanded 20 000 tenge for a copy.",
            "measures": "Disciplinary proceedings opened.",
        },
    )
    investigator.post(f"/office/cases/{case.pk}/do/answer-draft/")
    investigator.post(f"/office/cases/{case.pk}/do/answer-review/")
    refused = investigator.post(
        f"/office/cases/{case.pk}/do/answer-sign/", follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Only the chief signs off answers." in refused.content.decode()
    chief.post(f"/office/cases/{case.pk}/do/answer-sign/")
    chief.post(f"/office/cases/{case.pk}/do/answer-issue/")
    return Case.objects.get(pk=case.pk), code, reporter


@pytest.mark.parametrize(
    ("language", "legal_basis", "appeal_right"),
    [
        ("ru", "Административным процедурно-процессуальным кодексом", "вправе обжаловать"),
        ("kk", "Әкімшілік рәсімдік-процестік кодексіне", "шағым жасауға құқылысыз"),
        ("en", "Administrative Procedural Code", "you may appeal against it"),
    ],
)
def test_the_answer_in_the_reporters_language_reaches_the_follow_up(
    almaty, login, language, legal_basis, appeal_right
) -> None:
    case, code, reporter = _conclude_and_answer(almaty, login, language)
    assert case.status == Status.CLOSED
    answer = Answer.objects.get(case=case)
    assert answer.state == "issued" and answer.language == language
    assert legal_basis in answer.body and appeal_right in answer.body
    assert case.appeal.number in answer.body
    reporter.post("/follow-up/", {"code": code})
    page = reporter.get("/follow-up/mailbox/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert legal_basis in page and "The answer to your appeal" in page
    pdf = reporter.get("/follow-up/answer.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_referral_keeps_the_bodys_number_and_later_outcome(almaty, login) -> None:
    with override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002):
        case, _ = _report(Client())
        chief = login(almaty["chief"])
        _assess(chief, case, decision="open")
    chief.post(
        f"/office/cases/{case.pk}/do/conclude/",
        {
            "outcome": "referred_acs",
            "findings": "Signs of a bribe: sent to the ACS.",
            "referral_body": "ACS of Almaty",
        },
    )
    referral = Referral.objects.get(case=case)
    assert referral.body == "acs" and referral.result == "pending"
    chief.post(
        f"/office/cases/{case.pk}/do/referral/",
        {
            "referral": referral.pk,
            "external_number": "ЕРДР 2026-123",
            "result": "convicted",
            "note": "Fine and ban from office",
        },
    )
    referral.refresh_from_db()
    assert referral.external_number == "ЕРДР 2026-123" and referral.result == "convicted"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("channel", ["email", "sms"])
def test_a_named_reporter_is_told_of_a_question_by_the_channel_they_chose(
    registry, make_staff, login, settings, channel
) -> None:
    from django.core import mail
    from django.core.management import call_command

    from senim.core.models import AuditEvent
    from senim.core.sms import MemoryBackend

    settings.SENIM_SMS_BACKEND = "senim.core.sms.MemoryBackend"
    MemoryBackend.outbox.clear()
    case, _code = _report(
        Client(),
        identity="named",
        full_name="Ержан Б.",
        phone="+7 701 222 33 44",
        email="erzhan@example.kz",
        contact_by=channel,
        language="ru",
    )
    chief = login(make_staff(Role.CHIEF, "REG-75"))
    chief.post(f"/office/cases/{case.pk}/do/message/", {"body": "Secret question text"})
    # The real task worker of the demo and of production, run until the queue is empty.
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    if channel == "email":
        assert [m.to for m in mail.outbox] == [["erzhan@example.kz"]]
        sent = mail.outbox[0].body
    else:
        assert [to for to, _text in MemoryBackend.outbox] == ["+7 701 222 33 44"]
        sent = MemoryBackend.outbox[0][1]
    assert case.appeal.number in sent and "Secret question text" not in sent
    assert AuditEvent.objects.filter(action="identity.used_for_delivery").exists()


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_reporter_is_never_contacted_outside_the_mailbox(
    registry, make_staff, login
) -> None:
    from django.core import mail
    from django.core.management import call_command

    case, _code = _report(Client(), contact_by="email", email="x@example.kz")
    chief = login(make_staff(Role.CHIEF, "REG-75"))
    chief.post(f"/office/cases/{case.pk}/do/message/", {"body": "Question"})
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert mail.outbox == []


@override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002)
def test_the_central_department_reroutes_an_appeal_to_another_unit(
    almaty, login, make_staff
) -> None:
    from senim.core.models import AuditEvent
    from senim.organization.models import Unit

    case, _ = _report(Client())
    chief_a = login(almaty["chief"])
    chief_b = login(make_staff(Role.CHIEF, "REG-71", username="chief-b"))
    coordinator = login(make_staff(Role.COORDINATOR, username="central-c"))
    other = Unit.objects.get(court__code="REG-71")
    url = f"/office/cases/{case.pk}/do/reroute/"
    # A territorial chief may not move an appeal out of the inbox.
    refused = chief_a.post(
        url, {"unit": other.pk, "reason": "Wrong region"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Your role may not re-route appeals." in refused.content.decode()
    assert Case.objects.get(pk=case.pk).unit != other
    unreasoned = coordinator.post(url, {"unit": other.pk, "reason": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert unreasoned.status_code == 200 and Case.objects.get(pk=case.pk).unit != other
    assert (
        coordinator.post(url, {"unit": other.pk, "reason": "The court is in region 71"}).status_code
        == 302
    )
    assert Case.objects.get(pk=case.pk).unit == other
    assert chief_b.get(f"/office/cases/{case.pk}/").status_code == 200
    assert chief_a.get(f"/office/cases/{case.pk}/").status_code == 404
    entry = AuditEvent.objects.get(action="case.rerouted")
    assert (
        entry.detail["to"] == other.code and entry.detail["reason"] == "The court is in region 71"
    )


@override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002)
@pytest.mark.parametrize(
    ("decision", "extra", "outcome", "referral_body"),
    [
        ("consultation", {}, "consultation", None),
        ("redirect_prosecutor", {}, "referred_prosecutor", "prosecutor"),
        ("redirect_acs", {}, "referred_acs", "acs"),
    ],
)
def test_decisions_at_assessment_conclude_the_case(
    almaty, login, decision, extra, outcome, referral_body
) -> None:
    case, _ = _report(Client())
    chief = login(almaty["chief"])
    assert _assess(chief, case, decision=decision, **extra) == ""
    case.refresh_from_db()
    assert case.status == Status.CONCLUDED and case.outcome == outcome
    bodies = list(Referral.objects.filter(case=case).values_list("body", flat=True))
    assert bodies == ([referral_body] if referral_body else [])


@override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002)
def test_a_retaliation_report_links_to_the_original_case(almaty, login) -> None:
    original, _ = _report(Client())
    retaliation, _ = _report(Client(), subject="Dismissed after my report")
    chief = login(almaty["chief"])
    assert (
        _assess(
            chief,
            retaliation,
            decision="open",
            category="retaliation",
            retaliation_for=original.appeal.number,
        )
        == ""
    )
    retaliation.refresh_from_db()
    assert retaliation.retaliation_for == original
    page = chief.get(f"/office/cases/{retaliation.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Retaliation against the reporter of" in page
    assert f'href="/office/cases/{original.pk}/">{original.appeal.number}</a>' in page


@pytest.mark.django_db(transaction=True)
def test_a_named_reporter_also_receives_the_answer_by_e_mail(registry, almaty, login) -> None:
    from django.core import mail
    from django.core.management import call_command

    from senim.core.models import AuditEvent

    with override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002):
        case, _code = _report(
            Client(),
            identity="named",
            full_name="Ержан Б.",
            email="erzhan@example.kz",
            contact_by="email",
            language="ru",
        )
    chief = login(almaty["chief"])
    _assess(chief, case, decision="open")
    chief.post(f"/office/cases/{case.pk}/do/assign/", {"assignee": almaty["investigator"].pk})
    investigator = login(almaty["investigator"])
    investigator.post(
        f"/office/cases/{case.pk}/do/conclude/",
        {"outcome": "not_substantiated", "findings": "No demand was made.", "measures": "None."},
    )
    investigator.post(f"/office/cases/{case.pk}/do/answer-draft/")
    investigator.post(f"/office/cases/{case.pk}/do/answer-review/")
    chief.post(f"/office/cases/{case.pk}/do/answer-sign/")
    mail.outbox.clear()
    chief.post(f"/office/cases/{case.pk}/do/answer-issue/")
    assert Case.objects.get(pk=case.pk).status == Status.CLOSED
    assert mail.outbox == []  # not inside the request: the task worker delivers it
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert [m.to for m in mail.outbox] == [["erzhan@example.kz"]]
    letter = mail.outbox[0]
    assert case.appeal.number in letter.subject
    [(name, pdf, kind)] = letter.attachments
    assert name == f"answer-{case.appeal.number}.pdf" and kind == "application/pdf"
    assert pdf.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action="identity.used_for_delivery", object_id=case.appeal.number
    ).exists()
