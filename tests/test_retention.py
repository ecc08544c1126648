"""Records kept and disposed of by rule: periods, a dry run in the office, a list approved by the
central department, destruction by the sweep, legal hold; a copy of the database and storage
taken afterwards holds none of the case's words, identity or files, and the indicators do not
change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from senim.analytics.indicators import Scope, figures
from senim.analytics.periods import year
from senim.cases.models import Case, CaseRecord, DisposalBatch, Status
from senim.core.models import AuditEvent
from senim.intake.models import Attachment
from senim.organization.models import Role
from senim.sweep import sweep
from senim.triage.models import AppealSignature, NamedPerson, SignatureBand
from tests.intake_helpers import coupon_of, report_data
from tests.stolen_copy import database_bytes, storage_bytes

SUBJECT = "Kvartira-7731 bribe for the hearing date"
TEXT = "The secretary Zhanbyrbayeva-5520 asked for an envelope before the hearing."
NAMED = "Zhanbyrbayeva-5520 Ainur"
FILE_MARKER = b"EVIDENCE-CONTENT-retention-91c2"
MESSAGE = "Follow-up words Tolkynbek-4410 from the reporter"


def _finished_long_ago(number: str, *, years: int = 6, outcome: str = "not_substantiated") -> Case:
    """The case closed `years` ago (its registration a month before that)."""
    case = Case.objects.select_related("appeal").get(appeal__number=number)
    closed = timezone.now() - dt.timedelta(days=365 * years + 10)
    Case.objects.filter(pk=case.pk).update(
        status=Status.CLOSED, outcome=outcome, closed_at=closed, concluded_at=closed
    )
    type(case.appeal).objects.filter(pk=case.appeal_id).update(
        registered_at=closed - dt.timedelta(days=30)
    )
    return Case.objects.select_related("appeal").get(pk=case.pk)


def _report(client: Client, **overrides: str) -> tuple[str, str]:
    fields = {
        "subject": SUBJECT,
        "text": TEXT,
        "person_1_name": NAMED,
        "identity": "named",
        "full_name": "Reporter Secretname-3321",
        "phone": "+7 701 987 65 43",
    }
    data = report_data(**{**fields, **overrides})
    data["evidence"] = SimpleUploadedFile("scan.txt", b"Evidence: " + FILE_MARKER)
    return coupon_of(client.post("/report/", data).content.decode())


@pytest.mark.django_db(transaction=True)
def test_an_approved_list_destroys_the_content_and_keeps_the_figures(registry, make_staff, login):
    citizen = Client()
    number, code = _report(citizen)
    citizen.post("/follow-up/", {"code": code})
    citizen.post("/follow-up/mailbox/", {"body": MESSAGE})
    recent, _recent_code = _report(
        Client(),
        subject="A recent report stays as it is",
        text="Another matter, closed this year.",
        person_1_name="Another person",
        full_name="Another reporter",
    )
    case = _finished_long_ago(number)
    Case.objects.filter(appeal__number=recent).update(
        status=Status.CLOSED, outcome="not_substantiated", closed_at=timezone.now()
    )
    coordinator = make_staff(Role.COORDINATOR, "SC")
    office = login(coordinator)
    the_year = year(case.appeal.registered_at.year)
    sweep_first = sweep()  # lists the due case for approval and refreshes the figures
    assert {s.name: s.handled for s in sweep_first}["retention_propose"] == 1
    before = figures(Scope(), the_year).sums
    dump = database_bytes() + storage_bytes()
    assert SUBJECT.encode() in dump and MESSAGE.encode() in dump  # the search sees plain data

    # Triage's, derived from the content.
    derived = [
        AppealSignature.objects.filter(appeal_id=case.appeal_id),
        SignatureBand.objects.filter(appeal_id=case.appeal_id),
        NamedPerson.objects.filter(appeal_id=case.appeal_id),
    ]
    assert all(rows.exists() for rows in derived)
    page = office.get("/office/retention/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Waiting for approval" in page and number in page and recent not in page
    waiting = DisposalBatch.objects.get(state=DisposalBatch.State.PROPOSED)
    # Nothing is destroyed before the approval, however often the sweep runs.
    sweep()
    assert Case.objects.get(pk=case.pk).appeal.subject == SUBJECT

    decided = office.post(
        f"/office/retention/lists/{waiting.pk}/decide/", {"decision": "approve", "note": ""}
    )
    assert decided.status_code == 302
    handled = {s.name: s.handled for s in sweep()}
    assert handled["disposals_carry_out"] == 1

    dump = database_bytes() + storage_bytes()
    for needle in [SUBJECT, TEXT, NAMED, MESSAGE, "Zhanbyrbayeva", "Secretname"]:
        assert needle.encode() not in dump, f"{needle!r} is still in a copy"
    assert FILE_MARKER not in dump
    assert not Attachment.objects.filter(appeal=case.appeal).exists()
    assert not any(rows.exists() for rows in derived)
    assert number.encode() in dump  # the minimal record stays
    kept = Case.objects.select_related("appeal").get(pk=case.pk)
    assert (kept.status, kept.outcome, kept.appeal.category) == (
        Status.CLOSED,
        "not_substantiated",
        "bribery",
    )
    assert figures(Scope(), the_year).sums == before
    # The receipt code opens nothing; the case page says what happened.
    assert number not in Client().post("/follow-up/", {"code": code}).content.decode()
    shown = office.get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The content of this case was destroyed on" in shown
    assert AuditEvent.objects.filter(action="case.disposed", object_id=number).count() == 1
    assert AuditEvent.objects.filter(action="retention.approved").count() == 1
    # The recent case is untouched.
    assert (
        Case.objects.get(appeal__number=recent).appeal.subject == "A recent report stays as it is"
    )


@pytest.mark.django_db
def test_the_dry_run_changes_nothing_and_a_hold_keeps_a_case(registry, make_staff, login):
    number, _code = _report(Client())
    held_number, _held_code = _report(Client(), subject="Held by the prosecutor")
    _finished_long_ago(number)
    held = _finished_long_ago(held_number)
    chief = make_staff(Role.CHIEF, "REG-75")
    coordinator = make_staff(Role.COORDINATOR, "SC")

    placed = login(chief).post(
        f"/office/cases/{held.pk}/hold/place/", {"reason": "Requested by the city prosecutor"}
    )
    assert placed.status_code == 302
    assert CaseRecord.objects.get(case=held).hold_reason == "Requested by the city prosecutor"
    # A chief may place a hold, not lift it, and may not see the records page.
    assert login(chief).post(
        f"/office/cases/{held.pk}/hold/lift/", {"reason": "No longer needed at all"}
    ).status_code in (302, 403)
    assert CaseRecord.objects.get(case=held).hold_reason
    assert login(chief).get("/office/retention/").status_code in (302, 403)

    office = login(coordinator)
    page = office.get("/office/retention/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Due now (a dry run: nothing is changed)" in page
    assert number in page and held_number in page  # the hold is listed under legal holds
    due_section = page.split("Due now")[1].split("Legal holds")[0]
    assert held_number not in due_section
    assert not DisposalBatch.objects.exists()
    assert Case.objects.get(appeal__number=number).appeal.subject == SUBJECT


@pytest.mark.django_db
def test_a_hold_placed_after_the_approval_still_keeps_the_case(registry, make_staff, login):
    number, _code = _report(Client())
    case = _finished_long_ago(number)
    coordinator = make_staff(Role.COORDINATOR, "SC")
    office = login(coordinator)
    office.post("/office/retention/", {"propose": "1"})
    batch = DisposalBatch.objects.get()
    office.post(f"/office/retention/lists/{batch.pk}/decide/", {"decision": "approve"})
    office.post(f"/office/cases/{case.pk}/hold/place/", {"reason": "An inquiry of the court"})
    assert {s.name: s.handled for s in sweep()}["disposals_carry_out"] == 0
    assert Case.objects.get(pk=case.pk).appeal.subject == SUBJECT
    assert DisposalBatch.objects.get().state == DisposalBatch.State.DONE


@pytest.mark.django_db
def test_periods_are_the_departments_and_a_rejection_needs_reasons(registry, make_staff, login):
    number, _code = _report(Client())
    _finished_long_ago(number, years=3)  # within the default five years
    office = login(make_staff(Role.COORDINATOR, "SC"))
    page = office.get("/office/retention/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No case is due." in page

    bad = office.post(
        "/office/retention/",
        {"set_rule": "1", "category": "bribery", "outcome": "", "years": "0", "reason": "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    set_rule = office.post(
        "/office/retention/",
        {
            "set_rule": "1",
            "category": "bribery",
            "outcome": "",
            "years": "2",
            "reason": "Order of the department No. 12",
        },
    )
    assert set_rule.status_code == 302
    assert AuditEvent.objects.filter(action="retention.rule_set").exists()
    # "not_substantiated" has no rule of its own: the category's two years apply.
    office.post("/office/retention/", {"propose": "1"})
    batch = DisposalBatch.objects.get()
    assert [i.case.appeal.number for i in batch.items.all()] == [number]

    refused = office.post(
        f"/office/retention/lists/{batch.pk}/decide/", {"decision": "reject", "note": "no"}
    )
    assert refused.status_code == 302
    assert DisposalBatch.objects.get().state == DisposalBatch.State.PROPOSED
    office.post(
        f"/office/retention/lists/{batch.pk}/decide/",
        {"decision": "reject", "note": "The archive asked to keep these a year more"},
    )
    assert DisposalBatch.objects.get().state == DisposalBatch.State.REJECTED
    assert Case.objects.get(appeal__number=number).appeal.subject == SUBJECT


@pytest.mark.django_db(transaction=True)
def test_each_case_is_due_by_its_own_period_oldest_first(registry, make_staff, login):
    """Spam after one year, a case on the merits after five, a substantiated one after ten: a
    list holds exactly the cases whose own period has run out, the oldest closing first."""
    client = Client()
    numbers = [_report(client, subject=f"Case {i} {SUBJECT}")[0] for i in range(5)]
    spam_two = _finished_long_ago(numbers[0], years=2)
    Case.objects.filter(pk=spam_two.pk).update(status=Status.SPAM, outcome="")
    _finished_long_ago(numbers[1], years=3)  # on the merits, within five years
    _finished_long_ago(numbers[2], years=7, outcome="substantiated")  # within ten
    merits_seven = _finished_long_ago(numbers[3], years=7)
    substantiated_eleven = _finished_long_ago(numbers[4], years=11, outcome="substantiated")
    office = login(make_staff(Role.COORDINATOR, "SC"))
    page = office.get("/office/retention/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for shown in (spam_two, merits_seven, substantiated_eleven):
        assert shown.appeal.number in page
    for kept in numbers[1:3]:
        assert kept not in page
    office.post("/office/retention/", {"propose": "1"})
    batch = DisposalBatch.objects.get()
    listed = [i.case.appeal.number for i in batch.items.order_by("pk")]
    assert listed == [n.appeal.number for n in (substantiated_eleven, merits_seven, spam_two)]


@pytest.mark.django_db(transaction=True)
def test_a_case_of_a_category_and_outcome_no_list_knows_is_still_found(registry, make_staff, login):
    """An old record (a category or outcome since renamed) falls under the general rule."""
    client = Client()
    old_kind, old_outcome = (_report(client, subject=f"{i} {SUBJECT}")[0] for i in range(2))
    for number, fields in (
        (old_kind, {"category": "old-kind"}),
        (old_outcome, {"outcome": "old_outcome"}),
    ):
        Case.objects.filter(pk=_finished_long_ago(number, years=6).pk).update(**fields)
    office = login(make_staff(Role.COORDINATOR, "SC"))
    page = office.get("/office/retention/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert old_kind in page and old_outcome in page
