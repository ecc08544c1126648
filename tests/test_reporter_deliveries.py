"""Every delivery to a reporter follows the reporter's contact choice, and nothing else.

For each contact choice (anonymous, named with the mailbox only, named with e-mail, named with
SMS) and each kind of delivery (a message, the answer, an extension, a forwarding), the case is
driven through the office as staff would, the real task worker runs, and the test looks at what
left Senim (e-mail outbox, SMS outbox) and what the audit log says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

from senim.cases.models import Case
from senim.core.models import AuditEvent
from senim.core.sms import MemoryBackend
from senim.intake.anonymity import AnonymousPolicy
from senim.intake.models import Delivery, MailboxMessage
from senim.organization.models import Role
from tests.intake_helpers import coupon_of, report_data

pytestmark = [pytest.mark.django_db(transaction=True)]

EMAIL = "reporter@example.kz"
PHONE = "+7 701 222 33 44"
ASSESS = {
    "competence": "ours",
    "complete": "on",
    "relevant": "on",
    "priority": "high",
    "category": "bribery",
    "retaliation_risk": "medium",
}
CHOICES = {
    "anonymous": {"identity": "anonymous"},
    "mailbox": {"identity": "named", "contact_by": "mailbox"},
    "email": {"identity": "named", "contact_by": "email"},
    "sms": {"identity": "named", "contact_by": "sms"},
}


@pytest.fixture
def staff(make_staff):
    return {
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-d"),
        "investigator": make_staff(Role.INVESTIGATOR, "REG-75", username="inv-d"),
    }


def _report(choice: str) -> Case:
    named = {"full_name": "Ержан Б.", "phone": PHONE, "email": EMAIL}
    data = report_data(language="ru", **CHOICES[choice], **named)
    number, _code = coupon_of(Client().post("/report/", data).content.decode())
    return Case.objects.get(appeal__number=number)


def _post(
    client: Client, case: Case, action: str, data: Mapping[str, object] | None = None
) -> None:
    response = client.post(f"/office/cases/{case.pk}/do/{action}/", dict(data or {}))
    assert response.status_code in (200, 302)


def _message(case: Case, staff, login) -> None:
    _post(login(staff["chief"]), case, "message", {"body": "Please call us: secret question"})


def _forwarding(case: Case, staff, login) -> None:
    fields = {"decision": "forward", "reason": "Not a court official"}
    _post(login(staff["chief"]), case, "assess", {**ASSESS, **fields, "forwarded_to": "Prosecutor"})


def _extension(case: Case, staff, login) -> None:
    chief = login(staff["chief"])
    _post(chief, case, "assess", {**ASSESS, "decision": "open"})
    case.refresh_from_db()
    assert case.due_on is not None
    later = case.due_on + dt.timedelta(days=10)
    _post(
        chief, case, "extend", {"new_due_on": later.isoformat(), "reason": "Expert opinion awaited"}
    )


def _answer(case: Case, staff, login) -> None:
    chief, investigator = login(staff["chief"]), login(staff["investigator"])
    _post(chief, case, "assess", {**ASSESS, "decision": "open"})
    _post(chief, case, "assign", {"assignee": staff["investigator"].pk})
    conclusion = {"outcome": "not_substantiated", "findings": "No demand.", "measures": "None."}
    _post(investigator, case, "conclude", conclusion)
    for action in ("answer-draft", "answer-review"):
        _post(investigator, case, action)
    for action in ("answer-sign", "answer-issue"):
        _post(chief, case, action)


KINDS: dict[str, Callable[..., None]] = {
    Delivery.Kind.MESSAGE: _message,
    Delivery.Kind.FORWARDING: _forwarding,
    Delivery.Kind.EXTENSION: _extension,
    Delivery.Kind.ANSWER: _answer,
}


@override_settings(
    SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002,
    SENIM_SMS_BACKEND="senim.core.sms.MemoryBackend",
)
@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("choice", list(CHOICES))
def test_a_delivery_goes_by_the_channel_the_reporter_chose_and_no_other(
    choice: str, kind: str, staff, login
) -> None:
    case = _report(choice)
    mail.outbox.clear()
    MemoryBackend.outbox.clear()
    KINDS[kind](case, staff, login)
    message = MailboxMessage.objects.filter(appeal=case.appeal, direction="out").last()
    assert message is not None  # the mailbox always has it, whatever the choice
    assert mail.outbox == [] and MemoryBackend.outbox == []  # nothing inside the request
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    uses = AuditEvent.objects.filter(
        action="identity.used_for_delivery", object_id=case.appeal.number
    )
    number = case.appeal.number
    if choice in ("anonymous", "mailbox"):
        assert mail.outbox == [] and MemoryBackend.outbox == []
        assert not uses.exists()
        assert not Delivery.objects.filter(message__appeal=case.appeal).exists()
        return
    [use] = uses
    assert use.detail["channel"] == choice and use.detail["kind"] == kind
    [delivery] = Delivery.objects.filter(message=message)
    assert (delivery.channel, delivery.kind, delivery.state) == (choice, kind, "sent")
    if choice == "sms":
        assert mail.outbox == []
        [(to, text)] = MemoryBackend.outbox
        assert to == PHONE and number in text
        assert message.body not in text  # a notice says something is waiting, never what
        return
    assert MemoryBackend.outbox == []
    [letter] = mail.outbox
    assert letter.to == [EMAIL] and number in letter.subject
    if kind == Delivery.Kind.ANSWER:
        assert letter.body == message.body  # the reporter chose e-mail: the answer itself
        [(name, pdf, _content_type)] = letter.attachments
        assert name == f"answer-{number}.pdf" and pdf.startswith(b"%PDF")
    else:
        assert message.body not in letter.body and letter.attachments == []
        assert "почтовом ящике" in letter.body or "ящик" in letter.body  # in Russian


@override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002)
def test_the_answer_is_not_rendered_for_a_reporter_who_chose_the_mailbox(staff, login) -> None:
    case = _report("mailbox")
    _answer(case, staff, login)
    message = MailboxMessage.objects.filter(appeal=case.appeal, direction="out").last()
    assert message is not None and not message.deliveries.exists()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert mail.outbox == []


@override_settings(
    SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002,
    SENIM_DELIVERY_ATTEMPTS=2,
    EMAIL_BACKEND="tests.test_reporter_deliveries.RefusingBackend",
)
def test_a_failed_delivery_is_tried_again_then_reported_failed_naming_no_address(
    staff, login
) -> None:
    from senim.intake.delivery import deliveries_resume

    case = _report("email")
    _message(case, staff, login)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    delivery = Delivery.objects.get(message__appeal=case.appeal)
    assert (delivery.state, delivery.attempts) == ("pending", 1)
    with override_settings(SENIM_DELIVERY_RETRY_SECONDS=0):
        assert deliveries_resume() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.failure) == ("failed", 2, "RefusedError")
    failures = AuditEvent.objects.filter(action="delivery.failed", object_id=case.appeal.number)
    assert failures.count() == 2
    assert all(EMAIL not in str(event.detail) for event in AuditEvent.objects.all())
    # The chief sees on the case page that the reporter was not reached by e-mail.
    page = login(staff["chief"]).get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="ru")
    assert "delivery-failed" in page.content.decode()
    assert "не доставлено" in page.content.decode()
    from django_tasks_db.models import DBTaskResult

    assert all(EMAIL not in task.traceback for task in DBTaskResult.objects.all())


class RefusedError(Exception):
    pass


class RefusingBackend:
    """An SMTP server that refuses the recipient, as a real one does, naming the address."""

    def __init__(self, **_kwargs) -> None:
        pass

    def send_messages(self, messages) -> int:
        raise RefusedError(f"550 mailbox unavailable: {messages[0].to[0]}")
