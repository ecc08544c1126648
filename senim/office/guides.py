"""The manuals in the office's help menu: docs/guide/<language>/<role>.md, shown as HTML.

No Markdown library is a dependency of the project (markdown-it-py is only there for the test
tools), so the guides are written in a small subset of Markdown that this module turns into
HTML itself: headings (#, ##, ###), paragraphs, numbered and bulleted lists, **bold**,
`code`, links to the office's and portal's own pages ([text](/office/...)) and screenshots
(![text](img/...png)). Everything else is text: every character of the guide is escaped first,
and only the tags written here are emitted, so a guide cannot carry markup or script.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from senim.core.i18n import LANGUAGE_CODES, active_language
from senim.office.access import staff_of, staff_required

# The guides, one per role, in the order the help page lists them.
GUIDES = {
    "citizen": _("Citizen: reporting and following up"),
    "operator": _("Trust-line operator"),
    "chief": _("Territorial chief"),
    "investigator": _("Investigator"),
    "coordinator": _("Central coordinator"),
    "analyst": _("Analyst"),
    "auditor": _("Auditor"),
    "administrator": _("Administrator"),
}
# A staff role's own guide; the custodian of identities reads the coordinator's section on
# identity requests (the roles' names are the registry's, `organization.models.Role`).
ROLE_GUIDE = {"custodian": "coordinator"}

_IMAGE = re.compile(r"^[a-z]{2}/[a-z0-9-]+\.png$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_IMG = re.compile(r"^!\[([^\]]*)\]\(img/([^)\s]+)\)$")


def guide_dir() -> Path:
    return Path(settings.SENIM_GUIDE_DIR)


def guide_text(language: str, role: str) -> str | None:
    if language not in LANGUAGE_CODES or role not in GUIDES:
        return None
    path = guide_dir() / language / f"{role}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _inline(text: str) -> str:
    """One line of text as HTML: escaped, then the few inline forms of the subset."""
    out = html.escape(text, quote=True)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", out)

    def link(match: re.Match[str]) -> str:
        label, target = match.group(1), html.unescape(match.group(2))
        # Only the system's own pages: a guide never sends anyone elsewhere.
        if target.startswith("/") and not target.startswith("//"):
            return f'<a href="{html.escape(target, quote=True)}">{label}</a>'
        return label

    return _LINK.sub(link, out)


def render_guide(text: str) -> SafeString:
    """The guide's subset of Markdown as HTML (see the module's docstring)."""
    parts: list[str] = []
    paragraph: list[str] = []
    list_kind = ""

    def close_paragraph() -> None:
        if paragraph:
            parts.append("<p>" + " ".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def close_list() -> None:
        nonlocal list_kind
        if list_kind:
            parts.append(f"</{list_kind}>")
            list_kind = ""

    for raw in text.splitlines():
        line = raw.strip()
        heading = re.match(r"^(#{1,3}) (.+)$", line)
        item = re.match(r"^(?:(\d+)\.|[-*]) (.+)$", line)
        image = _IMG.match(line)
        if not line:
            close_paragraph()
            close_list()
        elif heading:
            close_paragraph()
            close_list()
            level = max(2, len(heading.group(1)))  # the guide's title is the page's h1
            parts.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif image:
            close_paragraph()
            close_list()
            name = image.group(2)
            if _IMAGE.match(name):
                src = reverse("office:help-image", args=[name.split("/")[0], name.split("/")[1]])
                alt = html.escape(image.group(1), quote=True)
                parts.append(
                    f'<figure class="guide-shot"><img src="{src}" alt="{alt}" loading="lazy">'
                    f"<figcaption>{alt}</figcaption></figure>"
                )
        elif item:
            close_paragraph()
            kind = "ol" if item.group(1) else "ul"
            if kind != list_kind:
                close_list()
                parts.append(f"<{kind}>")
                list_kind = kind
            parts.append(f"<li>{_inline(item.group(2))}</li>")
        else:
            close_list()
            paragraph.append(line)
    close_paragraph()
    close_list()
    return mark_safe("\n".join(parts))  # noqa: S308 - built only from escaped text and our tags


def _own_guide(request: HttpRequest) -> str:
    staff = staff_of(request)
    role = staff.role if staff is not None else "citizen"
    return ROLE_GUIDE.get(role, role if role in GUIDES else "citizen")


@require_GET
@staff_required()
def help_index(request: HttpRequest) -> HttpResponse:
    """The reader's own guide in their language, and the others' to look up."""
    return _guide_page(request, active_language(), _own_guide(request))


@require_GET
@staff_required()
def help_guide(request: HttpRequest, language: str, role: str) -> HttpResponse:
    return _guide_page(request, language, role)


def _guide_page(request: HttpRequest, language: str, role: str) -> HttpResponse:
    text = guide_text(language, role)
    if text is None:
        raise Http404
    lines = text.splitlines()
    title = lines[0].lstrip("# ").strip() if lines else str(GUIDES[role])
    body = render_guide("\n".join(lines[1:]))
    others = [
        {"name": name, "title": title_, "url": reverse("office:help-guide", args=[language, name])}
        for name, title_ in GUIDES.items()
    ]
    languages = [
        {"code": code, "url": reverse("office:help-guide", args=[code, role])}
        for code in LANGUAGE_CODES
        if code != language
    ]
    context = {
        "title": title,
        "body": body,
        "language": language,
        "current": role,
        "own": role == _own_guide(request),
        "others": others,
        "languages": languages,
    }
    return render(request, "office/help.html", context)


@require_GET
@staff_required()
def help_image(request: HttpRequest, language: str, name: str) -> HttpResponse:
    """A screenshot of a guide (made by tests/browser/test_guide_screenshots.py)."""
    if not _IMAGE.match(f"{language}/{name}"):
        raise Http404
    path = guide_dir() / "img" / language / name
    if not path.is_file():
        raise Http404
    response = HttpResponse(path.read_bytes(), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
