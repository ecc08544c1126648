"""Registration is one action (`senim.cases.registration.appeal_register`), and every rule an
interface needs lives below the interfaces: each rule is tested here through the service, as a
new interface (the API, the e-Otinish import) would call it, and through HTTP, as the portal,
the trust line and the reception do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import translation

from senim.cases.models import Case
from senim.cases.registration import appeal_register
from senim.cases.routing import route, staff_named
from senim.core.errors import DomainError, PermissionDenied
from senim.core.models import AuditEvent
from senim.core.throttle import Client as ThrottleClient
from senim.intake import drafts
from senim.intake.calls import CallTaken
from senim.intake.drafts import AppealDraft, Concerned, DraftRefused, Identity, Person
from senim.intake.forms import ReportForm
from senim.intake.limits import LimitReached
from senim.intake.models import Appeal, Call, Channel, ContactBy, ReceptionBooking
from senim.intake.reception import reception_walk_in
from senim.office.forms import CallForm, ProtocolForm
from senim.organization.models import Court, Role, Unit
from tests.intake_helpers import coupon_of, new_call, report_data

pytestmark = pytest.mark.django_db

PHONE = "+7 701 222 33 44"
EMAIL = "reporter@example.kz"
GIVE_NAME = "Give your full name, or choose to stay anonymous."
GIVE_CONTACT = "Give at least one way to reach you: phone, e-mail or address."
GIVE_EMAIL = "Give an e-mail address to be told by e-mail, or choose another way."
GIVE_PHONE = "Give a phone number to be told by SMS, or choose another way."
BAD_PHONE = "Enter a phone number with its code, for example +7 701 234 56 78."
BAD_IIN = "The IIN is not valid: check the 12 digits."
CLOSED_COURT = "This court is not active: choose another one from the list."


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The services' refusals are read in English here (the default language is Kazakh)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def _vault_files() -> set[str]:
    folder = Path(settings.MEDIA_ROOT) / "vault"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def _draft(**overrides: Any) -> AppealDraft:
    fields: dict[str, Any] = {
        "channel": Channel.PORTAL,
        "kind": "violation",
        "category": "bribery",
        "language": "ru",
        "court": Court.objects.get(code="DST-75-02"),
        "subject": "Money demanded for a copy of the judgment",
        "text": "The clerk asked for 20 000 tenge.",
    }
    fields.update(overrides)
    return AppealDraft(**fields)


def _marked(html: str) -> set[str]:
    """The text fields shown in error (senim/field.html), by their input's id."""
    return set(re.findall(r'<div class="field has-error">\s*<label for="id_(\w+)"', html))


def _nothing_written() -> None:
    assert Appeal.objects.count() == 0 and Case.objects.count() == 0
    assert not AuditEvent.objects.filter(action="appeal.registered").exists()
    assert _vault_files() == set()


# --- The action and its schema -------------------------------------------------------------


def test_the_action_takes_keywords_only() -> None:
    parameters = inspect.signature(appeal_register).parameters.values()
    assert {p.kind for p in parameters} == {inspect.Parameter.KEYWORD_ONLY}


def test_every_channel_form_carries_the_draft_fields_by_name() -> None:
    shared = set(drafts.FIELDS) - {"reporter_confirmed"}
    assert shared <= set(ReportForm().fields)
    assert shared <= set(CallForm().fields)
    assert set(drafts.FIELDS) <= set(ProtocolForm().fields)
    # And nothing else is copied by hand: the draft's other fields are given to draft_from.
    given = {"channel", "people", "identity", "files"}
    assert {f.name for f in dataclasses.fields(AppealDraft)} == set(drafts.FIELDS) | given


def test_a_form_builds_its_channel_draft_in_one_call(registry) -> None:
    data = report_data(
        identity="named", full_name="Айгерім Сапарова", phone=PHONE, contact_by="sms"
    )
    form = ReportForm(data)
    assert form.is_valid(), form.errors
    draft = form.draft(channel=Channel.PORTAL, files=[("a.txt", b"text")])
    assert draft.channel == Channel.PORTAL and draft.court.code == "DST-75-02"
    assert draft.people == (Person("B. clerk", "office clerk"),)
    assert draft.identity == Identity(full_name="Айгерім Сапарова", phone=PHONE)
    assert draft.contact_by == ContactBy.SMS and draft.files == (("a.txt", b"text"),)


# --- A named reporter's contacts, by the way they chose to be told --------------------------

NAMED_PROBLEMS = [
    (Identity(full_name="", phone=PHONE), ContactBy.MAILBOX, "full_name", GIVE_NAME),
    (Identity(full_name="Ержан Б."), ContactBy.MAILBOX, "phone", GIVE_CONTACT),
    (Identity(full_name="Ержан Б.", phone=PHONE), ContactBy.EMAIL, "email", GIVE_EMAIL),
    (Identity(full_name="Ержан Б.", email=EMAIL), ContactBy.SMS, "phone", GIVE_PHONE),
    (Identity(full_name="Ержан Б.", phone="12 34"), ContactBy.MAILBOX, "phone", BAD_PHONE),
    (
        Identity(full_name="Ержан Б.", phone=PHONE, iin="900101300028"),
        ContactBy.MAILBOX,
        "iin",
        BAD_IIN,
    ),
]


@pytest.mark.parametrize(("identity", "contact_by", "field", "message"), NAMED_PROBLEMS)
def test_the_service_refuses_a_named_reporter_without_the_contacts_needed(
    registry, identity, contact_by, field, message
) -> None:
    draft = _draft(identity=identity, contact_by=contact_by, files=(("a.txt", b"evidence"),))
    with pytest.raises(DraftRefused) as refused:
        appeal_register(draft=draft)
    assert (field, message) in refused.value.problems
    assert message in refused.value.message
    _nothing_written()


@pytest.mark.parametrize(
    ("identity", "contact_by"),
    [
        (Identity(full_name="Ержан Б.", email=EMAIL), ContactBy.EMAIL),
        (Identity(full_name="Ержан Б.", phone=PHONE), ContactBy.SMS),
        (Identity(full_name="Ержан Б.", address="Алматы, ул. Абая 1"), ContactBy.MAILBOX),
        # Anonymous: no contact is asked for, and the mailbox is the only way.
        (None, ContactBy.EMAIL),
    ],
)
def test_the_service_registers_the_reporter_with_what_their_choice_needs(
    registry, identity, contact_by
) -> None:
    registration = appeal_register(draft=_draft(identity=identity, contact_by=contact_by))
    appeal = registration.appeal
    assert appeal.is_anonymous == (identity is None)
    assert appeal.contact_by == (contact_by if identity else ContactBy.MAILBOX)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"contact_by": "email", "phone": PHONE}, "email", GIVE_EMAIL),
        ({"contact_by": "sms", "email": EMAIL}, "phone", GIVE_PHONE),
        ({"contact_by": "mailbox"}, "phone", GIVE_CONTACT),
    ],
)
def test_the_portal_shows_the_same_refusal_beside_its_field(
    registry, fields, field, message
) -> None:
    data = report_data(identity="named", full_name="Ержан Б.", **fields)
    response = Client().post("/report/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "Ержан Б." in html
    assert _marked(html) == {field}
    _nothing_written()


def test_the_trust_line_shows_the_same_refusal(make_staff, login) -> None:
    operator = login(make_staff(Role.OPERATOR))
    data = report_data(
        started=new_call(operator),
        outcome="report",
        identity="named",
        full_name="Серік Ахметов",
        email=EMAIL,
        contact_by="sms",
        court="DST-71-05",
    )
    response = operator.post("/office/trust-line/call/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert GIVE_PHONE in html and _marked(html) == {"phone"}
    assert Call.objects.count() == 0
    _nothing_written()


# --- The court, active on the day -------------------------------------------------------


@pytest.mark.parametrize(
    ("valid_from", "valid_to"),
    [(None, dt.date(2000, 1, 1)), (dt.date(2999, 1, 1), None)],
    ids=["closed", "not-yet-open"],
)
def test_the_service_refuses_a_court_not_active_today(registry, valid_from, valid_to) -> None:
    Court.objects.filter(code="DST-75-03").update(valid_from=valid_from, valid_to=valid_to)
    with pytest.raises(DraftRefused) as refused:
        appeal_register(draft=_draft(court=Court.objects.get(code="DST-75-03")))
    assert refused.value.problems == [("court", CLOSED_COURT)]
    _nothing_written()
    # Through HTTP the form's own check refuses it first, as an option no longer offered.
    response = Client().post("/report/", report_data(court="DST-75-03"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Select a valid choice" in response.content.decode()
    _nothing_written()


def test_the_service_refuses_options_that_are_not_offered_and_blank_text(registry) -> None:
    draft = _draft(kind="bribe", language="de", text="   ")
    with pytest.raises(DraftRefused) as refused:
        appeal_register(draft=draft)
    assert {field for field, _message in refused.value.problems} == {"kind", "language", "text"}
    _nothing_written()


def test_the_service_refuses_texts_longer_than_their_column(registry) -> None:
    # What a form stops by its max_length, an interface without a form (the API, an import)
    # must meet as a refusal naming the field, not as a database error.
    draft = _draft(
        subject="S" * 301,
        occurred_where="W" * 301,
        people=(Person(name="N" * 201, position="clerk"),),
    )
    with pytest.raises(DraftRefused) as refused, translation.override("en"):
        appeal_register(draft=draft)
    problems = dict(refused.value.problems)
    assert set(problems) == {"subject", "occurred_where", "person_1_name"}
    assert "at most 300 characters" in str(problems["subject"])
    _nothing_written()
    # At the limit it is registered.
    appeal_register(draft=_draft(subject="S" * 300, people=(Person(name="N" * 200),)))
    assert Appeal.objects.get().subject == "S" * 300


# --- The per-client report limit, where an interface passes a client --------------------


@override_settings(SENIM_REPORTS_PER_CLIENT=2)
def test_the_service_counts_a_clients_reports(registry) -> None:
    client = ThrottleClient(uuid.uuid4().hex)
    # A refused draft is not counted.
    with pytest.raises(DraftRefused):
        appeal_register(draft=_draft(subject=" "), client=client)
    for n in range(2):
        appeal_register(draft=_draft(subject=f"Report {n}"), client=client)
    with pytest.raises(LimitReached):
        appeal_register(draft=_draft(subject="One too many"), client=client)
    assert Appeal.objects.count() == 2
    # Another client, and a channel that passes none (staff take the appeal down), go on.
    appeal_register(draft=_draft(), client=ThrottleClient(uuid.uuid4().hex))
    appeal_register(draft=_draft())
    assert Appeal.objects.count() == 4


# --- The trust line: the call and its appeal, in one registration ------------------------


def _call(**overrides: Any) -> CallTaken:
    fields: dict[str, Any] = {
        "started_at": dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5),
        "recording_consent": True,
        "summary": "The caller says the bailiff took money.",
    }
    fields.update(overrides)
    return CallTaken(**fields)


def test_a_call_and_its_appeal_are_registered_together(make_staff) -> None:
    operator = make_staff(Role.OPERATOR)
    registration = appeal_register(
        draft=_draft(channel=Channel.TRUST_LINE), actor=operator, call=_call()
    )
    call = Call.objects.get()
    assert call.appeal == registration.appeal and call.operator == operator
    assert registration.appeal.received_by == operator
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["appeal.registered", "call.recorded"]


def test_only_an_operator_registers_a_call_and_only_a_plausible_one(make_staff) -> None:
    investigator = make_staff(Role.INVESTIGATOR, "REG-75")
    draft = _draft(channel=Channel.TRUST_LINE)
    with pytest.raises(PermissionDenied):
        appeal_register(draft=draft, actor=investigator, call=_call())
    operator = make_staff(Role.OPERATOR)
    yesterday = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    with pytest.raises(DomainError, match="not plausible"):
        appeal_register(draft=draft, actor=operator, call=_call(started_at=yesterday))
    assert Call.objects.count() == 0
    _nothing_written()


def test_a_channel_comes_with_what_it_needs(make_staff) -> None:
    operator = make_staff(Role.OPERATOR)
    with pytest.raises(ValueError, match="call"):
        appeal_register(draft=_draft(channel=Channel.TRUST_LINE), actor=operator)
    with pytest.raises(ValueError, match="call"):
        appeal_register(draft=_draft(), actor=operator, call=_call())
    with pytest.raises(ValueError, match="booking"):
        appeal_register(draft=_draft(channel=Channel.RECEPTION, reporter_confirmed=True))
    _nothing_written()


# --- The reception: one protocol per meeting ------------------------------------------------


def test_a_meeting_gets_one_protocol_even_from_a_stale_page(unit, make_staff) -> None:
    chief = make_staff(Role.CHIEF, "REG-75")
    booking = reception_walk_in(
        unit=unit("REG-75"), name="Марат", phone="", topic="Поборы", language="ru", chief=chief
    )
    stale = ReceptionBooking.objects.get(pk=booking.pk)
    draft = _draft(
        channel=Channel.RECEPTION,
        reporter_confirmed=True,
        identity=Identity(full_name="Марат Бекенов", phone=PHONE),
        files=(("protocol.txt", b"signed"),),
    )
    first = appeal_register(draft=draft, actor=chief, booking=booking)
    kept = _vault_files()
    # The stale copy still says the meeting has no protocol; the registration finds otherwise.
    with pytest.raises(DomainError, match="already been registered"):
        appeal_register(draft=draft, actor=chief, booking=stale)
    assert list(Appeal.objects.all()) == [first.appeal]
    assert ReceptionBooking.objects.get(pk=booking.pk).appeal == first.appeal
    assert _vault_files() == kept  # the second protocol's sealed file is gone again


def test_only_the_units_chief_registers_its_protocol(unit, make_staff) -> None:
    chief = make_staff(Role.CHIEF, "REG-75")
    booking = reception_walk_in(
        unit=unit("REG-75"), name="Марат", phone="", topic="Поборы", language="ru", chief=chief
    )
    draft = _draft(channel=Channel.RECEPTION, reporter_confirmed=True)
    for other in (make_staff(Role.CHIEF, "REG-71"), make_staff(Role.INVESTIGATOR, "REG-75")):
        with pytest.raises(PermissionDenied):
            appeal_register(draft=draft, actor=other, booking=booking)
    _nothing_written()


# --- Routing reads the court and the people named, not an appeal -----------------------------


def test_routing_takes_the_court_and_the_people_named(registry, make_staff) -> None:
    chief = make_staff(Role.CHIEF, "REG-75", username="aigerim.chief")
    chief.first_name, chief.last_name = "Aigerim", "Sadykova"
    chief.save(update_fields=["first_name", "last_name"])
    district = Court.objects.get(code="DST-75-02")
    clerk = Concerned(court=district, people=(Person("B. clerk", "office clerk"),))
    assert staff_named(clerk) == []
    assert route(clerk, named_staff=[]) == Unit.objects.get(court__code="REG-75")
    about_chief = Concerned(court=district, people=(Person("Sadykova Aigerim", "chief"),))
    named = staff_named(about_chief)
    assert named == [chief]
    assert route(about_chief, named_staff=named).is_central


def test_a_named_report_with_the_contact_its_choice_needs_is_registered(registry) -> None:
    """Positive control for the HTTP tests above: the same form, valid, registers."""
    data = report_data(identity="named", full_name="Ержан Б.", email=EMAIL, contact_by="email")
    number, _code = coupon_of(Client().post("/report/", data).content.decode())
    assert Appeal.objects.get(number=number).contact_by == ContactBy.EMAIL
