"""A territorial department's reply to a central task can carry files: checked and sealed as
evidence is, within limits, listed under neutral names, downloaded only by those who see the
task, each download audited; a refused file leaves the task as it was and nothing stored."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from senim.cases.models import CentralTask, TaskReplyFile
from senim.core import clock
from senim.core.models import AuditEvent
from senim.organization.models import Role
from tests.intake_helpers import gps_of, jpeg_with_gps

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
REPLY = "Copies of judgments are issued on the day; no fees were asked. See the attached."


@pytest.fixture
def people(make_staff, login):
    users = {
        "coordinator": make_staff(Role.COORDINATOR, username="coord-files"),
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-files"),
        "other_chief": make_staff(Role.CHIEF, "REG-71", username="chief-elsewhere"),
        "analyst": make_staff(Role.ANALYST, username="analyst-files"),
    }
    return {name: login(user) for name, user in users.items()}


@pytest.fixture
def task(people, unit) -> CentralTask:
    people["coordinator"].post(
        "/office/tasks/",
        {
            "unit": unit("REG-75").pk,
            "title": "Check the registry office of the Almaly court",
            "instruction": "Report how copies of judgments are issued.",
            "due_on": (clock.today() + dt.timedelta(days=10)).isoformat(),
        },
    )
    return CentralTask.objects.get()


def _files(*named: tuple[str, bytes]) -> list[ContentFile[bytes]]:
    return [ContentFile(data, name=name) for name, data in named]


def _stored() -> list[str]:
    try:
        return default_storage.listdir("task-files")[1]
    except FileNotFoundError:
        return []


def test_a_reply_carries_files_that_the_central_department_downloads(people, task):
    page = people["chief"].get("/office/tasks/", **EN).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page
    assert f'<label for="files-{task.pk}">' in page
    done = people["chief"].post(
        f"/office/tasks/{task.pk}/respond/",
        {
            "response": REPLY,
            "files": _files(("act_Ivanova.pdf", PDF), ("photo.jpg", jpeg_with_gps())),
        },
        follow=True,
        **EN,
    )
    assert done.status_code == 200 and "Saved." in done.content.decode()
    task.refresh_from_db()
    assert task.state == "responded"
    rows = list(TaskReplyFile.objects.filter(task=task))
    assert [r.name for r in rows] == ["file-1.pdf", "file-2.jpg"]
    # Sealed at rest: neither the content nor the name it came with is readable in storage.
    for row in rows:
        with default_storage.open(row.storage_name, "rb") as handle:
            sealed = handle.read()
        assert b"%PDF" not in sealed and b"Ivanova" not in bytes(row.sealed_name)
    listing = people["coordinator"].get("/office/tasks/", **EN).content.decode()
    links = re.findall(
        rf'href="(/office/tasks/{task.pk}/files/\d+/)" download>(file-\d\.\w+)<', listing
    )
    assert [name for _url, name in links] == ["file-1.pdf", "file-2.jpg"]
    pdf = people["coordinator"].get(links[0][0])
    assert pdf.status_code == 200 and pdf.content == PDF
    assert pdf["Content-Type"] == "application/octet-stream"
    assert "act_Ivanova.pdf" in unquote(pdf["Content-Disposition"])
    assert pdf["Cache-Control"] == "private, no-store"
    photo = people["coordinator"].get(links[1][0])
    assert gps_of(photo.content) == {} and b"Owner Name" not in photo.content
    assert AuditEvent.objects.filter(action="task.file_downloaded").count() == 2
    responded = AuditEvent.objects.get(action="task.responded")
    assert responded.detail == {"files": [r.pk for r in rows]}
    # The unit that replied sees its files too.
    assert people["chief"].get(links[0][0]).status_code == 200


def test_only_those_who_see_the_task_download_its_files(people, task):
    people["chief"].post(
        f"/office/tasks/{task.pk}/respond/",
        {"response": REPLY, "files": _files(("act.pdf", PDF))},
    )
    url = f"/office/tasks/{task.pk}/files/{TaskReplyFile.objects.get().pk}/"
    assert people["other_chief"].get(url).status_code == 404
    assert people["analyst"].get(url).status_code == 403
    assert Client().get(url).status_code == 302
    assert people["coordinator"].get(f"/office/tasks/{task.pk + 1}/files/1/").status_code == 404
    assert not AuditEvent.objects.filter(action="task.file_downloaded").exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("report.pdf", b"<script>alert(1)</script>")], "is not of an accepted type"),
        ([("empty.txt", b"")], "is empty"),
        ([(f"act-{n}.pdf", PDF) for n in range(6)], "At most 5 files"),
    ],
    ids=["disguised", "empty", "too-many"],
)
def test_a_refused_file_leaves_the_task_waiting_and_nothing_stored(people, task, files, message):
    before = set(_stored())
    response = people["chief"].post(
        f"/office/tasks/{task.pk}/respond/", {"response": REPLY, "files": _files(*files)}, **EN
    )
    assert response.status_code == 200  # the page again, not a redirect
    page = html.unescape(response.content.decode())
    assert message in page
    # What was typed comes back; the files must be attached again, and the page says so.
    assert f">{REPLY}</textarea>" in page
    assert "attach them again" in page
    task.refresh_from_db()
    assert task.state == "open" and task.response == ""
    assert not TaskReplyFile.objects.exists() and set(_stored()) == before


def test_a_reply_without_files_works_as_before(people, task):
    people["chief"].post(f"/office/tasks/{task.pk}/respond/", {"response": REPLY})
    task.refresh_from_db()
    assert task.state == "responded" and not TaskReplyFile.objects.exists()
