"""A portal submission's registration: what it asks of the database, and in which order.

Concurrent registrations queue on two rows locked until commit (the year's registration
counter and the audit chain's head), so they are taken last, in a transaction that only
writes: the KDF, sealing, the calendar, the staff-name check and routing come before it. These
tests pin that shape and the number of queries, not any timing.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from senim.cases.models import Case, CaseExclusion
from senim.core.audit import audit_verify
from senim.core.models import AuditEvent, AuditHead
from senim.intake.models import Appeal, RegistrationCounter
from senim.intake.registration import PROVISIONAL_NUMBER_PREFIX
from senim.organization.models import Court, Role, Unit
from senim.organization.selectors import unit_for_court
from senim.triage.models import RuleFiring, Suggestion, TriageRule
from tests.intake_helpers import coupon_of, report_data

pytestmark = pytest.mark.django_db

# Today's count for a report without files, on SQLite and PostgreSQL alike (with the analytics
# roll-up mark): a new query on this path is paid by every submission and should be a
# decision, not an accident. The per-client report limit's slot in the database cache is
# counted apart (`CACHE_QUERIES`): it lives in the cache, which Redis may serve instead.
# 17, less the calendar's read (now the cache's version, below), and since triage (issue 16)
# five more: before the transaction the duplicate lookup and the rules read, inside it the
# signature, its bands and the named person's keyed hash written.
MAX_QUERIES = 21
# The listeners to `case_event` run after the registration's own statements and only write:
# triage's signature, its bands, the named person's keyed hash, a suggestion, a rule's firing,
# the priority it raises and its audit entry (head, entry, head). The webhooks outbox reads
# its subscriptions only when one exists.
LISTENER_STATEMENTS = 9
# Free slots read, the cull's count, the slot added in a savepoint; and the working
# calendar's version (`senim.core.calendar`: the calendar itself is kept in the process).
CACHE_QUERIES = 7
_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
_START = re.compile(r"^(BEGIN|SAVEPOINT)\b", re.IGNORECASE)
_END = re.compile(r"^(COMMIT|RELEASE SAVEPOINT)\b", re.IGNORECASE)


def _submit(client: Client, **overrides: str) -> tuple[str, list[str]]:
    """POST a report; (its registration number, the SQL it ran)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/report/", report_data(**overrides), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    number, _code = coupon_of(response.content.decode())
    return number, [query["sql"] for query in captured.captured_queries]


def _registration_transaction(statements: list[str]) -> list[str]:
    """The statements between the registration's BEGIN (a SAVEPOINT inside the test's own
    transaction) and its COMMIT (RELEASE SAVEPOINT): the transaction that inserts the appeal,
    not the cache's own (the per-client limit's slot is taken before it)."""
    appeal = next(i for i, sql in enumerate(statements) if 'INTO "intake_appeal"' in sql)
    begin = next(i for i in range(appeal, -1, -1) if _START.match(statements[i]))
    end = next(i for i in range(len(statements) - 1, begin, -1) if _END.match(statements[i]))
    return statements[begin + 1 : end]


def _in_the_cache(statements: list[str]) -> list[bool]:
    """For each statement, whether it is the database cache's: a statement on its table, or
    the savepoint it opens just before one or releases just after one."""
    cache = ["senim_cache" in sql for sql in statements]
    return [
        cache[i]
        or bool(_START.match(sql) and i + 1 < len(cache) and cache[i + 1])
        or bool(_END.match(sql) and i > 0 and cache[i - 1])
        for i, sql in enumerate(statements)
    ]


# Committed transactions of its own, as in production: inside a test's transaction, what a
# listener reads once per transaction (the webhooks' subscriptions) would be read only once.
@pytest.mark.django_db(transaction=True)
def test_the_registration_transaction_only_writes(registry, make_staff) -> None:
    # A rule that fires on the report, and an earlier report it repeats: triage has a
    # suggestion and a firing to write.
    TriageRule.objects.create(
        name="Bribery",
        categories="bribery",
        action=TriageRule.Action.PRIORITY,
        priority="high",
        created_by=make_staff(Role.COORDINATOR, "SC"),
        created_at=timezone.now(),
    )
    client = Client()
    _submit(client, subject="First: creates the year's counter and the audit head")
    number, statements = _submit(client, subject="Second: the common path")
    assert Suggestion.objects.filter(case__appeal__number=number).exists()
    assert RuleFiring.objects.filter(case__appeal__number=number).exists()
    inside = _registration_transaction(statements)
    counter = next(i for i, sql in enumerate(inside) if "registrationcounter" in sql)
    # The registration's own statements only write: what is slow or reads came before.
    reads = [sql for sql in inside[:counter] if sql.lstrip().upper().startswith("SELECT")]
    assert reads == []
    # The two rows every registration queues on come last: after the year's counter, only
    # the appeal's number and the audit entry (head, entry, head), then the listeners to
    # `case_event`, which only write too (triage read and hashed before the transaction).
    after = inside[counter + 1 :]
    assert [_table(sql) for sql in after[:4]] == ["appeal", "audithead", "auditevent", "audithead"]
    listeners = after[4:]
    assert [sql for sql in listeners if not _WRITE.match(sql)] == [], "\n".join(listeners)
    assert len(listeners) <= LISTENER_STATEMENTS, "\n".join(listeners)
    assert Appeal.objects.filter(number=number).exists()
    assert not Appeal.objects.filter(number__startswith=PROVISIONAL_NUMBER_PREFIX).exists()


def _table(sql: str) -> str:
    found = re.search(r'(?:UPDATE|INSERT INTO)\s+"?\w+?_(\w+)"?', sql)
    return found.group(1) if found else sql


def test_a_submission_runs_a_bounded_number_of_queries(registry) -> None:
    client = Client()
    _submit(client, subject="Warm-up")
    _number, statements = _submit(client)
    cached = _in_the_cache(statements)
    registration = [sql for sql, in_cache in zip(statements, cached, strict=True) if not in_cache]
    cache = [sql for sql, in_cache in zip(statements, cached, strict=True) if in_cache]
    assert len(registration) <= MAX_QUERIES, "\n".join(registration)
    assert len(cache) <= CACHE_QUERIES, "\n".join(cache)


def test_numbers_and_the_audit_chain_stay_in_step(registry) -> None:
    client = Client()
    numbers = [_submit(client, subject=f"Report {i}")[0] for i in range(3)]
    year = int(numbers[0].split("-")[0])
    assert numbers == [f"{year}-{n:06d}" for n in range(1, 4)]
    assert RegistrationCounter.objects.get(year=year).last == 3
    head = AuditHead.objects.get(pk=1)
    newest = AuditEvent.objects.order_by("-seq").first()
    assert newest is not None and (head.seq, head.hash) == (newest.seq, newest.hash)
    registered = AuditEvent.objects.filter(action="appeal.registered").order_by("seq")
    assert [event.object_id for event in registered] == numbers
    assert audit_verify().ok


def test_a_closed_court_is_refused_like_an_unknown_one(registry) -> None:
    Court.objects.filter(code="DST-75-03").update(valid_to=dt.date(2000, 1, 1))
    client = Client()
    for code in ("DST-75-03", "NO-SUCH-COURT"):
        response = client.post("/report/", report_data(court=code), HTTP_ACCEPT_LANGUAGE="en")
        assert "Select a valid choice" in response.content.decode()
    # The options are built when the form is shown, from the active courts only.
    page = client.get("/report/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'value="DST-75-02"' in page and 'value="DST-75-03"' not in page
    assert Appeal.objects.count() == 0


def test_routing_before_registration_sees_the_people_named(registry, make_staff) -> None:
    """The staff-name check and routing run on the draft, before the appeal exists."""
    chief = make_staff(Role.CHIEF, "REG-75", username="aigerim.chief")
    chief.first_name, chief.last_name = "Aigerim", "Sadykova"
    chief.save(update_fields=["first_name", "last_name"])
    number, _ = _submit(
        Client(), person_1_name="Sadykova Aigerim", person_1_position="head of the department"
    )
    case = Case.objects.select_related("unit").get(appeal__number=number)
    assert case.unit.is_central
    assert CaseExclusion.objects.filter(case=case, user=chief).exists()
    assert AuditEvent.objects.filter(action="case.excluded", object_id=number).exists()


def test_every_court_is_routed_to_the_nearest_unit_up_its_hierarchy(registry) -> None:
    """unit_for_court (by ids, the grandparent only when needed) against a walk up the tree."""
    regional = Court.objects.get(code="REG-75")
    names = {"name_kk": "Test", "name_ru": "Test", "name_en": "Test"}
    # A court whose parent houses no unit, but whose grandparent does.
    middle = Court.objects.create(
        code="TEST-MID", level=Court.Level.DISTRICT, parent=regional, **names
    )
    Court.objects.create(code="TEST-LOW", level=Court.Level.DISTRICT, parent=middle, **names)
    units = {unit.court_id: unit for unit in Unit.objects.all()}
    central = Unit.objects.get(kind=Unit.Kind.CENTRAL)
    by_id = {court.pk: court for court in Court.objects.all()}
    for court in by_id.values():
        chain = [court.pk, court.parent_id]
        if court.parent_id is not None:
            chain.append(by_id[court.parent_id].parent_id)
        expected = next((units[pk] for pk in chain if pk in units), central)
        assert unit_for_court(court) == expected, court.code
    assert unit_for_court(Court.objects.get(code="TEST-LOW")) == units[regional.pk]
