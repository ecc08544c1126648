"""Audit tamper detection: `senim audit verify` and the office page find an edited, deleted or
inserted entry; auditors browse and filter the log.

What the hash chain can and cannot detect, honestly:

- Each entry's hash covers its content and the previous entry's hash, so editing any entry,
  deleting one, renumbering one or slipping a forged one between two others breaks the chain at
  that point; verification names the first bad entry.
- An attacker with write access to the database who rewrites an entry *and every entry after
  it* (recomputing their hashes, and the AuditHead row too) produces a chain that verifies: no
  chain kept in the same database can catch that. Only a copy of the head kept elsewhere
  (printed, mailed, anchored) can.
- The tail is the weak spot. The AuditHead row records the newest seq and hash, so deleting the
  newest entry, appending a forged one or rewriting the newest one consistently *without* also
  editing the head is detectable - if verification compares the chain with the head. The tests
  at the end of the file pin that (they fail today: `audit_verify` never reads AuditHead).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client

from senim.cases.models import Case
from senim.cli import main
from senim.core.audit import GENESIS, audit_verify
from senim.core.models import AuditEvent, AuditHead
from senim.organization.models import Role
from senim.organization.services import staff_role_change
from tests.conftest import PASSWORD
from tests.intake_helpers import coupon_of, report_data

pytestmark = pytest.mark.django_db


# --- helpers ----------------------------------------------------------------------------


def _sql(statement: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _set_detail(seq: int, detail: dict[str, Any]) -> None:
    if connection.vendor == "postgresql":
        statement = "UPDATE core_auditevent SET detail = CAST(%s AS jsonb) WHERE seq = %s"
    else:
        statement = "UPDATE core_auditevent SET detail = %s WHERE seq = %s"
    _sql(statement, [json.dumps(detail), seq])


def _attacker_hash(event: AuditEvent) -> str:
    """The hash as anyone who reads the (public) source can compute it."""
    fields = {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "actor_id": event.actor_id,
        "actor": event.actor,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "detail": event.detail,
    }
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{event.prev_hash}|{payload}".encode()).hexdigest()


def _rehash(seq: int) -> str:
    """Recompute one stored entry's hash from what the database now holds, and store it."""
    event = AuditEvent.objects.get(seq=seq)
    new_hash = _attacker_hash(event)
    _sql("UPDATE core_auditevent SET hash = %s WHERE seq = %s", [new_hash, seq])
    return new_hash


@pytest.fixture
def chain(registry, make_staff) -> dict[str, Any]:
    """A chain made by real actions: reports, a staff account, a login, an identity reveal."""
    portal = Client()
    anonymous, _code = coupon_of(portal.post("/report/", report_data()).content.decode())
    named_data = report_data(identity="named", full_name="Aigerim Saparova", phone="+77015550101")
    named, _code = coupon_of(portal.post("/report/", named_data).content.decode())
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-audit")
    office = Client()
    office.post("/office/login/", {"username": "chief-audit", "password": PASSWORD})
    case_id = Case.objects.get(appeal__number=named).pk
    office.post(f"/office/cases/{case_id}/", {"reason": "Invite the reporter for an explanation"})
    count = AuditEvent.objects.count()
    assert count >= 5
    return {"anonymous": anonymous, "named": named, "chief": chief, "count": count}


def _seq_of(action: str) -> int:
    return AuditEvent.objects.filter(action=action).order_by("seq").values_list("seq", flat=True)[0]


# --- the chain --------------------------------------------------------------------------


def test_a_chain_made_by_real_actions_verifies(chain) -> None:
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"appeal.registered", "staff.created", "login", "identity.revealed"} <= actions
    result = audit_verify()
    assert result.ok and result.checked == chain["count"] and result.first_bad_seq is None
    head = AuditHead.objects.get()
    newest = AuditEvent.objects.order_by("-seq").first()
    assert (head.seq, head.hash) == (newest.seq, newest.hash)
    assert AuditEvent.objects.get(seq=1).prev_hash == GENESIS


def test_the_attacker_can_recompute_every_hash(chain) -> None:
    """The forgery tests below are only meaningful if their hashes are the real ones."""
    for event in AuditEvent.objects.order_by("seq"):
        assert _attacker_hash(event) == event.hash, event.seq


def test_an_edited_detail_is_found(chain) -> None:
    seq = _seq_of("identity.revealed")
    _set_detail(seq, {"reason": "routine"})
    result = audit_verify()
    assert not result.ok
    assert (result.first_bad_seq, result.problem, result.checked) == (seq, "entry altered", seq - 1)


def test_an_edited_action_is_found(chain) -> None:
    seq = _seq_of("login")
    _sql("UPDATE core_auditevent SET action = %s WHERE seq = %s", ["logout", seq])
    result = audit_verify()
    assert (result.ok, result.first_bad_seq, result.problem) == (False, seq, "entry altered")


def test_an_edited_actor_is_found(chain) -> None:
    seq = _seq_of("identity.revealed")
    _sql("UPDATE core_auditevent SET actor = %s WHERE seq = %s", ["someone-else", seq])
    result = audit_verify()
    assert (result.ok, result.first_bad_seq, result.problem) == (False, seq, "entry altered")


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(chain) -> None:
    seq = _seq_of("login")
    _sql("UPDATE core_auditevent SET actor = %s WHERE seq = %s", ["nobody", seq])
    _rehash(seq)
    result = audit_verify()
    assert (result.ok, result.first_bad_seq, result.problem) == (False, seq + 1, "chain broken")


def test_a_deleted_entry_in_the_middle_is_found(chain) -> None:
    seq = _seq_of("staff.created")
    assert seq < chain["count"]
    _sql("DELETE FROM core_auditevent WHERE seq = %s", [seq])
    result = audit_verify()
    assert (result.ok, result.first_bad_seq, result.problem) == (False, seq, "entry missing")


def test_a_renumbered_entry_is_found(chain) -> None:
    """Closing the gap after a deletion by renumbering: the seq is under the hash."""
    seq = _seq_of("staff.created")
    _sql("DELETE FROM core_auditevent WHERE seq = %s", [seq])
    _sql("UPDATE core_auditevent SET seq = %s WHERE seq = %s", [seq, seq + 1])
    result = audit_verify()
    assert not result.ok and result.first_bad_seq == seq
    assert result.problem in {"chain broken", "entry altered"}


def test_a_forged_entry_slipped_into_the_middle_is_found(chain) -> None:
    """Shift the later entries up by one and insert a well-hashed forgery in the gap."""
    at = _seq_of("staff.created")
    last = chain["count"]
    for seq in range(last, at, -1):  # from the top, so no seq collides
        _sql("UPDATE core_auditevent SET seq = %s WHERE seq = %s", [seq + 1, seq])
    before = AuditEvent.objects.get(seq=at)
    forged = AuditEvent(
        seq=at + 1,
        at=before.at + dt.timedelta(microseconds=1),
        actor="chief-audit",
        action="case.note",
        object_type="case",
        object_id=chain["named"],
        detail={},
        prev_hash=before.hash,
        hash="0" * 63 + "f",  # replaced below by the real digest of what was stored
    )
    forged.save(force_insert=True)
    _rehash(at + 1)
    result = audit_verify()
    # The forgery itself is consistent; the entry after it no longer links to its predecessor.
    assert (result.ok, result.first_bad_seq, result.problem) == (False, at + 2, "chain broken")
    assert result.checked == at + 1


# --- the office page --------------------------------------------------------------------


def _rows(html: str) -> list[str]:
    return re.findall(r'<td data-action="([a-z_.]+)">', html)


def test_auditor_sees_an_intact_chain_and_then_the_broken_entry(chain, make_staff, login) -> None:
    auditor = login(make_staff(Role.AUDITOR, username="auditor-1"))
    page = auditor.get("/office/audit/?verify=1", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "The chain is intact" in html and "The chain is broken" not in html
    checked = AuditEvent.objects.filter(action="audit.verified").get()
    assert checked.actor == "auditor-1" and checked.detail == {"ok": True}

    seq = _seq_of("identity.revealed")
    _sql("UPDATE core_auditevent SET action = %s WHERE seq = %s", ["case.note", seq])
    html = auditor.get("/office/audit/?verify=1", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"The chain is broken at entry {seq} (entry altered)" in html
    assert "The chain is intact" not in html
    assert AuditEvent.objects.filter(action="audit.verified").order_by("-seq")[0].detail == {
        "ok": False
    }


def test_no_verification_without_asking(chain, make_staff, login) -> None:
    auditor = login(make_staff(Role.AUDITOR))
    html = auditor.get("/office/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The chain is" not in html and "Verify the chain" in html
    assert not AuditEvent.objects.filter(action="audit.verified").exists()


def test_filters_narrow_the_list(chain, make_staff, login) -> None:
    auditor = login(make_staff(Role.AUDITOR))
    everything = _rows(auditor.get("/office/audit/").content.decode())
    assert len(everything) == AuditEvent.objects.count()

    appeals = _rows(auditor.get("/office/audit/?action=appeal.").content.decode())
    assert appeals == ["appeal.registered", "appeal.registered"]

    by_chief = _rows(auditor.get("/office/audit/?actor=chief-audit").content.decode())
    assert set(by_chief) == {"login", "identity.revealed"}

    html = auditor.get(f"/office/audit/?object_id={chain['named']}").content.decode()
    assert set(_rows(html)) == {"appeal.registered", "identity.revealed"}
    assert chain["anonymous"] not in html

    combined = auditor.get(f"/office/audit/?object_id={chain['named']}&actor=chief-audit")
    assert _rows(combined.content.decode()) == ["identity.revealed"]


def test_date_filters(registry, make_staff, login) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC), tick=False):
        Client().post("/report/", report_data())
    with time_machine.travel(dt.datetime(2026, 3, 12, 12, 0, tzinfo=dt.UTC), tick=False):
        Client().post("/report/", report_data(subject="Another report two days later"))
    auditor = login(make_staff(Role.AUDITOR))

    def listed(query: str) -> list[str]:
        html = auditor.get(f"/office/audit/?action=appeal.&{query}").content.decode()
        return _rows(html)

    assert len(listed("since=2026-03-10&until=2026-03-12")) == 2
    assert len(listed("since=2026-03-11")) == 1
    assert len(listed("until=2026-03-11")) == 1
    assert listed("since=2026-03-13") == []


@pytest.mark.parametrize("role", [Role.CHIEF, Role.COORDINATOR, Role.INVESTIGATOR, Role.ANALYST])
def test_only_auditors_and_administrators_open_the_log(registry, make_staff, login, role) -> None:
    court = "REG-75" if role in (Role.CHIEF, Role.INVESTIGATOR) else "SC"
    assert login(make_staff(role, court)).get("/office/audit/?verify=1").status_code == 403
    assert not AuditEvent.objects.filter(action="audit.verified").exists()
    assert login(make_staff(Role.ADMINISTRATOR)).get("/office/audit/").status_code == 200


def test_anonymous_visitor_is_sent_to_login(registry) -> None:
    response = Client().get("/office/audit/")
    assert response.status_code == 302 and "/office/login/" in response["Location"]


# --- the command ------------------------------------------------------------------------


def test_cli_verify_intact(chain, capsys) -> None:
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr()
    assert f"audit log intact: {chain['count']} entries checked" in out.out
    assert out.err == ""


def test_cli_verify_broken(chain, capsys) -> None:
    seq = _seq_of("staff.created")
    _sql("DELETE FROM core_auditevent WHERE seq = %s", [seq])
    assert main(["audit", "verify"]) == 1
    out = capsys.readouterr()
    assert f"audit log BROKEN at entry {seq}: entry missing" in out.err
    assert "intact" not in out.out


# --- what gets audited ------------------------------------------------------------------


def test_logins_failures_and_logouts_are_audited(registry, make_staff) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-login")
    client = Client()
    client.post("/office/login/", {"username": "chief-login", "password": "wrong password"})
    failed = AuditEvent.objects.get(action="login.failed")
    assert failed.detail == {"username": "chief-login"} and failed.actor == ""
    assert "127.0.0.1" not in json.dumps(failed.detail)

    client.post("/office/login/", {"username": "chief-login", "password": PASSWORD})
    assert AuditEvent.objects.get(action="login").actor == "chief-login"
    client.post("/office/logout/")
    assert AuditEvent.objects.get(action="logout").actor == "chief-login"
    assert audit_verify().ok


def test_a_permission_change_is_audited(registry, make_staff, unit) -> None:
    admin = make_staff(Role.ADMINISTRATOR, username="admin-1")
    person = make_staff(Role.INVESTIGATOR, "REG-75", username="inv-moves")
    staff_role_change(actor=admin, user=person, unit=unit("REG-71"), role=Role.CHIEF)
    entry = AuditEvent.objects.get(action="staff.role_changed")
    assert entry.actor == "admin-1" and entry.object_id == str(person.pk)
    assert entry.detail == {
        "before": {"unit": unit("REG-75").code, "role": "investigator"},
        "after": {"unit": unit("REG-71").code, "role": "chief"},
    }


# --- the tail: detectable against AuditHead, not detected today -------------------------


def test_deleting_the_newest_entry_is_found(chain) -> None:
    last = chain["count"]
    _sql("DELETE FROM core_auditevent WHERE seq = %s", [last])
    assert AuditHead.objects.get().seq == last  # the head still remembers it
    result = audit_verify()
    assert not result.ok, "a truncated log verifies as intact (AuditHead not compared)"
    assert result.first_bad_seq == last


def test_a_forged_entry_appended_at_the_end_is_found(chain) -> None:
    last = AuditEvent.objects.get(seq=chain["count"])
    forged = AuditEvent(
        seq=last.seq + 1,
        at=last.at + dt.timedelta(seconds=1),
        actor="chief-audit",
        action="case.note",
        object_type="case",
        object_id=chain["named"],
        detail={},
        prev_hash=last.hash,
        hash="f" * 64,
    )
    forged.save(force_insert=True)
    _rehash(last.seq + 1)
    result = audit_verify()
    assert not result.ok, "an appended forgery verifies as intact (AuditHead not compared)"
    assert result.first_bad_seq == last.seq + 1


def test_rewriting_the_newest_entry_consistently_is_found(chain) -> None:
    seq = chain["count"]
    _sql("UPDATE core_auditevent SET actor = %s WHERE seq = %s", ["nobody", seq])
    _rehash(seq)
    result = audit_verify()
    assert not result.ok, "a rewritten newest entry verifies as intact (AuditHead not compared)"
    assert result.first_bad_seq == seq
