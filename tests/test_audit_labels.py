"""Every action the code audits has a name in the registry the audit log and the timeline read.

The actions are collected from the source, not from a run: an `audit(action="...")` in a
branch no test reaches still needs its label. Where the action is not a literal (passed through
a helper, chosen from a table), the module's own dotted string constants are the candidates.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from senim.core.audit import audit
from senim.core.models import AuditEvent
from senim.office.audit_actions import ACTIONS, OBJECTS, detail_fields

ROOT = Path(__file__).resolve().parent.parent / "senim"
ACTION = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)?$")
DOTTED = re.compile(r"^[a-z][a-z_]*\.(?!(?:csv|json|md|py|html|pdf|txt|xlsx)$)[a-z][a-z_]*$")


def _is_audit(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "audit") or (
        isinstance(func, ast.Attribute) and func.attr == "audit"
    )


def _literals(node: ast.expr) -> list[str] | None:
    """The action's possible values when they are written where the call is; None if not."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _pattern(node: ast.JoinedStr) -> str:
    """An f-string action as a regular expression (`eotinish.{kind}_sent` -> a family)."""
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(re.escape(str(value.value)))
        else:
            parts.append("[a-z_]+")
    return "re:" + "".join(parts)


def _labelled(action: str) -> bool:
    if action.startswith("re:"):
        return any(re.fullmatch(action[3:], known) for known in ACTIONS)
    return action in ACTIONS


def audited_in_code() -> dict[str, list[str]]:
    """Each audited action and where it is audited (file:line)."""
    found: dict[str, list[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        indirect = False
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _is_audit(node)):
                continue
            action = next((k.value for k in node.keywords if k.arg == "action"), None)
            if action is None:
                continue
            values = _literals(action)
            if values is None and isinstance(action, ast.JoinedStr):
                # Built from parts: each part written out must be there, the others are words.
                values = [_pattern(action)]
            if values is None:
                indirect = True
                continue
            for value in values:
                found.setdefault(value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
        if indirect:
            # The action comes from elsewhere in the module: its dotted string constants.
            for node in ast.walk(tree):
                if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
                    continue
                if DOTTED.match(node.value):
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.setdefault(node.value, []).append(where)
    return found


def test_the_collection_finds_the_code_audits() -> None:
    found = audited_in_code()
    # Literal, conditional, and passed through a helper or a table.
    for action in ("case.assigned", "task.returned", "mfa.reset", "identity.reveal_approved"):
        assert action in found
    assert len(found) > 80


def test_every_audited_action_has_a_label() -> None:
    missing = {a: where for a, where in audited_in_code().items() if not _labelled(a)}
    assert missing == {}, "add these actions to senim/office/audit_actions.py ACTIONS"


def test_every_audited_object_has_a_name() -> None:
    kinds: set[str] = set()
    for path in ROOT.rglob("*.py"):
        kinds |= set(re.findall(r'object_type="([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert kinds - set(OBJECTS) == set()


@pytest.mark.django_db
def test_details_read_as_words_in_the_readers_language() -> None:
    with translation.override("ru"):
        fields = dict(detail_fields("case.transition", {"from": "received", "to": "assessment"}))
    assert fields == {"было": "поступило", "стало": "предварительная оценка"}


@pytest.mark.django_db
def test_the_audit_log_shows_names_not_codes(make_staff, login) -> None:
    auditor = make_staff("auditor")
    audit(
        action="case.transition",
        actor=auditor,
        object_type="case",
        object_id="2026-000001",
        detail={"from": "received", "to": "assessment"},
    )
    client: Client = login(auditor)
    page = client.get("/office/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "status changed" in page
    assert ">case.transition<" not in page and "status changed" in page
    assert "{&#x27;from&#x27;" not in page and "{'from'" not in page
    assert AuditEvent.objects.filter(action="case.transition").exists()


# --- the case timeline ----------------------------------------------------------------------


def _timeline(html: str) -> list[str]:
    block = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.S)
    assert block, "no timeline on the page"
    items = re.findall(r"<li>(.*?)</li>", block.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


@pytest.mark.django_db
def test_each_message_is_in_the_timeline_once_with_words_not_codes(
    make_staff, make_case, login
) -> None:
    from senim.cases import lifecycle
    from senim.intake.mailbox import message_to_reporter, reporter_message

    chief = make_staff("chief", court_code="REG-75")
    case = make_case(status="received")
    lifecycle.transition(chief, case, "assessment")
    reporter_message(appeal=case.appeal, body="Ещё одна деталь.", files=[], channel="portal")
    message_to_reporter(appeal=case.appeal, body="Уточните дату.", author=chief)
    client: Client = login(chief)
    html = client.get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    entries = _timeline(html)
    from_reporter = [e for e in entries if "сообщение от сообщившего лица" in e.lower()]
    to_reporter = [e for e in entries if "сообщение сообщившему лицу" in e.lower()]
    assert len(from_reporter) == 1 and len(to_reporter) == 1, entries
    assert any("поступило → предварительная оценка" in e for e in entries), entries
    assert not any(re.search(r"\b[a-z]+[._][a-z_]+\b", e) for e in entries), entries
