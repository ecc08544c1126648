"""Every office and portal page reads in Kazakh and in Russian (issue 17, "every word in its
language").

The demo data is seeded once; each role of the demo opens every page routed without a
parameter, then the pages those pages link to (one of each route), in kk and in ru. The
routes are read from the URLconf when the test runs, so a page added tomorrow is opened too, or
the test fails naming it. On each page the visible text (not attributes, scripts or hidden
elements; not a part marked in another language with `lang`, such as an appeal written in
English) must hold no English word outside a short list of names and abbreviations, no raw code
(`snake_case`, `dotted.names`), no timeline entry twice, and no two menu items with one name.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
import time_machine
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone

from senim.cases.models import Case
from senim.cases.selectors import cases_visible_to
from senim.core import clock
from senim.core.calendar import is_working_day
from senim.demo.alerts import REPORTS
from senim.demo.seed import seed
from senim.organization.services import registry_load
from senim.triage.models import Suggestion
from tests.intake_helpers import coupon_of, report_data

pytestmark = pytest.mark.django_db(transaction=False)

LANGUAGES = ("kk", "ru")
READERS = 3  # roles that read each page in each language (the others only pass through it)
# The demo's people, one of each role (a territory's chief and investigator: Almaty's), the
# roles whose pages differ most first.
ROLES = (
    "chief-almaty",
    "central",
    "admin",
    "investigator-almaty",
    "operator",
    "auditor",
    "analyst",
    "custodian",
)
# Names and abbreviations that are written in Latin letters in Kazakh and Russian too.
ALLOWED = {
    "Senim",
    "GRECO",
    "PDF",
    "XLSX",
    "CSV",
    "SMS",
    "IIN",
    "ISO",
    "API",
    "JSON",
    "OpenAPI",
    "URL",
    "HTTPS",
    "HMAC",
    "TOTP",
    "ID",
    "e",  # e-Otinish
    "Otinish",
    "WebAuthn",
    "OpenID",
    "Connect",  # OpenID Connect
    "QR",
    "KZ",
    "JavaScript",
    "Excel",
    "Ctrl",
    "English",  # the language's own name, on the switch to it
    "https",
    "http",
}
# Names of standards and products written in Latin letters in every language.
PROPER_NAMES = (
    "Frictionless Data",
    "Table Schema",
    "Standard Webhooks",
    "Creative Commons",
    "Tor Browser",
)
# Addresses and file paths (docs/runbook.md) are names of places, not words.
URL = re.compile(
    r"https?://\S+|\b[\w.-]+\.(?:kz|org|com|net|gov)\b/?\S*|(?<![\w.])/?[\w-]+(?:/[\w.-]*)+"
)
# Route names a crawl cannot open as a page: with the reason.
NOT_PAGES = {
    "office:logout": "signs out",
    "set_language": "a form's target",
    "healthz": "a health check for the load balancer",
    "portal:answer-pdf": "a PDF of an issued answer (test_answer_lifecycle reads it)",
    "office:task-file": "a file of a central task's reply, a download (test_task_reply_files)",
    "openid_connect_login": "hands over to the identity provider (test_single_sign_on)",
    "openid_connect_callback": "the identity provider's way back (test_single_sign_on)",
    "socialaccount_login_cancelled": "single sign-on's own pages (test_single_sign_on)",
    "socialaccount_login_error": "single sign-on's own pages (test_single_sign_on)",
    "socialaccount_signup": "closed: staff accounts are made by an administrator",
    "mfa_edit_webauthn": "needs a registered security key (a browser's WebAuthn)",
    "mfa_remove_webauthn": "needs a registered security key (a browser's WebAuthn)",
}
# Routes the demo gives no link to (no such record in it, or a download): each with the reason.
# A page added tomorrow is not here: it is reached through a link or the test names it. (The
# demo's wave of reports, senim.demo.alerts, brings a surge, spam decisions, hotspots, a
# triage rule and its suggestions, a webhook subscription, a file and an approved reading.)
NOT_IN_DEMO = {
    "office:case-answer-pdf": "a PDF (test_answer_lifecycle)",
    "office:help-image": "an image in a guide",
    "office:prevention:file": "a download of a prevention document",
    "office:prevention:reminder-dismiss": "a form's target, shown with a reminder",
    "office:api-client-revoke": "a form's target; the demo has no integration client",
    "office:api-token-revoke": "a form's target; the demo has no API token",
    "office:disposal-decide": "a form's target; the demo has no disposal list waiting",
    "office:reveal-withdraw": "a form's target with one's own request waiting",
    "office:triage-review": "a form's target with a rule's review (test_triage)",
}
# Paths outside the office and the portal: the API answers machines (JSON), and its
# interactive documentation is the library's own page for developers.
OUTSIDE = ("api/",)

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
RAW_CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]+(?:\.[a-z_]+)+\b")
CODE_LIKE = re.compile(r"^[A-Z]{1,6}$")  # a registry code's letters (REG-75, KZ-75, DST-75-02)
ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.IGNORECASE)
WORDISH = re.compile(r"[\w.-]+")


class _VisibleText(HTMLParser):
    """The text a reader sees, with the language of each run and the timeline's entries."""

    SKIP = {"script", "style", "template", "head"}
    # Shown as code on purpose (a file's column names for programs): not words of a language.
    AS_CODE = {"code", "kbd", "samp"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, page_language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, str]] = []  # (tag, hidden, language)
        self.page_language = page_language
        self.runs: list[str] = []
        self.title = ""
        self.timelines: list[list[str]] = []
        self.in_timeline_item = False
        self.navs: list[list[tuple[str, str]]] = []
        self.link: str | None = None
        self.link_text: list[str] = []

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _language(self) -> str:
        return self.stack[-1][2] if self.stack else self.page_language

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in self.VOID:
            return
        hidden = (
            self._hidden()
            or tag in self.SKIP
            or "hidden" in attributes
            or (attributes.get("type") == "hidden")
        )
        language = attributes.get("lang") or self._language()
        if tag in self.AS_CODE:
            language = "zxx"  # no linguistic content (BCP 47)
        if tag == "html":
            language = self.page_language
        self.stack.append((tag, hidden, language))
        classes = (attributes.get("class") or "").split()
        if tag == "ol" and "timeline" in classes:
            self.timelines.append([])
        if tag == "li" and self.timelines and self._in("ol"):
            self.in_timeline_item = True
            self.timelines[-1].append("")
        if tag == "nav":
            self.navs.append([])
        if tag == "a" and self._in("nav"):
            self.link = attributes.get("href") or ""
            self.link_text = []

    def _in(self, tag: str) -> bool:
        return any(t == tag for t, _h, _l in self.stack)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if tag == "a" and self.link is not None and self.navs:
            self.navs[-1].append((" ".join("".join(self.link_text).split()), self.link))
            self.link = None
        if tag == "li":
            self.in_timeline_item = False
        while self.stack:
            top = self.stack.pop()[0]
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "title":
            self.title += data
        if self._hidden() or not data.strip():
            return
        if self._language() == self.page_language:
            self.runs.append(data)
        if self.in_timeline_item and self.timelines:
            self.timelines[-1][-1] += data
        if self.link is not None:
            self.link_text.append(data)


def problems_of(html: str, language: str, allowed: set[str]) -> list[str]:
    """What is wrong with one page's words."""
    parser = _VisibleText(language)
    parser.feed(html)
    found: list[str] = []
    text = " ".join([*parser.runs, parser.title])
    text = URL.sub(" ", text)
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    # Logins are identifiers people are known by, shown as they are written.
    text = WORDISH.sub(lambda m: "" if m.group(0).strip(".-") in allowed else m.group(0), text)
    for code in sorted(set(RAW_CODE.findall(text))):
        if code not in allowed:
            found.append(f"raw code {code!r}")
    english = {
        word
        for word in LATIN_WORD.findall(text)
        if word not in ALLOWED
        and word not in allowed
        and not CODE_LIKE.match(word)
        and not ROMAN.match(word)  # GRECO's recommendations are numbered i, ii, ...
    }
    if english:
        found.append(f"English {sorted(english)[:12]}")
    for timeline in parser.timelines:
        entries = [" ".join(entry.split()) for entry in timeline]
        twice = sorted({entry for entry in entries if entries.count(entry) > 1})
        if twice:
            found.append(f"timeline entry twice: {twice[:3]}")
    for nav in parser.navs:
        names: dict[str, set[str]] = {}
        for name, href in nav:
            names.setdefault(name, set()).add(href.split("?")[0])
        same = sorted(name for name, hrefs in names.items() if name and len(hrefs) > 1)
        if same:
            found.append(f"two menu items named {same}")
    return found


def _routes(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, bool]]:
    """(name, route, has parameters) of every named route."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            )
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, route, bool(pattern.pattern.converters) or "(?P<" in route


def _in_scope(name: str, route: str) -> bool:
    return name not in NOT_PAGES and not route.lstrip("^/").startswith(OUTSIDE)


def _hrefs(html: str) -> list[str]:
    """Links, and the pictures a page shows (a file's preview): each must answer too."""
    return re.findall(r'<a [^>]*href="(/[^"#]*)"', html) + re.findall(
        r'<img [^>]*src="(/[^"#]*)"', html
    )


# Query parameters that name a record: the route with one is another page (the spam
# selection of one surge shows the surge and the form that closes it).
RECORD_QUERIES = ("surge",)


def _page_of(view_name: str, href: str) -> tuple[str, str]:
    """(the page's name in the crawl, the URL to open) of a link to `view_name`."""
    parts = urlsplit(href.replace("&amp;", "&"))
    for key in RECORD_QUERIES:
        match = re.search(rf"(?:^|&)({key}=\d+)(?:&|$)", parts.query)
        if match:
            return f"{view_name}?{key}", f"{parts.path}?{match.group(1)}"
    return view_name, parts.path


def _form_targets(html: str) -> list[str]:
    """Where the page's forms go: opened with a GET, which a form-only view refuses (405)."""
    return re.findall(r'<form [^>]*action="(/[^"#]*)"', html)


class Walk:
    """One role's pages in one language, and what went wrong on them."""

    def __init__(
        self, client: Client, language: str, allowed: set[str], shared: dict[str, int]
    ) -> None:
        self.client = client
        # How many roles have read each route in this language: a page is read by the first
        # READERS roles that reach it (each sees its own forms), then only walked through.
        self.shared = shared
        self.language = language
        self.allowed = allowed
        self.opened: dict[str, str] = {}  # route name -> the first URL opened
        self.statuses: dict[str, int] = {}  # route name -> what its GET answered
        self.problems: dict[str, list[str]] = {}

    def get(self, url: str, name: str = "") -> str | None:
        response = self.client.get(url, HTTP_ACCEPT_LANGUAGE=self.language)
        self.statuses[name] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            return None
        html = response.content.decode()
        if self.shared.get(name, 0) < READERS:
            self.shared[name] = self.shared.get(name, 0) + 1
            self.check(url, html)
        return html

    def check(self, url: str, html: str) -> None:
        assert f'lang="{self.language}"' in html[:300], f"{url} is not in {self.language}"
        found = problems_of(html, self.language, self.allowed)
        if found:
            self.problems[url] = found

    def crawl(self, starts: list[tuple[str, str]]) -> None:
        queue = list(starts)
        while queue:
            name, url = queue.pop(0)
            if name in self.opened:
                continue
            self.opened[name] = url
            html = self.get(url, name)
            if html is None:
                continue
            for href in _hrefs(html) + _form_targets(html):
                path = urlsplit(href.replace("&amp;", "&")).path
                try:
                    match = resolve(path)
                except Resolver404:
                    continue
                page, target = _page_of(match.view_name, href)
                if page not in self.opened and _in_scope(match.view_name, path):
                    queue.append((page, target))


@pytest.fixture
def demo(settings: Any) -> Iterator[dict[str, Any]]:
    # At nine on the next working day: the demo books this morning's reception times, which
    # are gone by the afternoon (then the day's page has no booking to mark as attended).
    day = clock.today() + dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    morning = dt.datetime.combine(day, dt.time(9, 0), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(morning, tick=True):
        yield _demo(settings)


def _demo(settings: Any) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # As the demo runs (SENIM_ENV=demo): reading an identity needs a custodian's approval, so
    # the pages of requests, decisions and approved readings show.
    settings.SENIM_REVEAL_APPROVAL = True
    registry_load()
    # 50 drawn appeals, and the demo's wave of reports with what it sets off (a surge, spam
    # decisions, hotspots, a rule's firings, a file, an approved reading: senim.demo.alerts).
    seed(cases=50 + REPORTS, demo_accounts=True)
    users = get_user_model().objects.in_bulk(ROLES, field_name="username")
    # The administrator has an authenticator app, so the pages about one's factors show.
    TOTP.activate(users["admin"], generate_totp_secret())
    RecoveryCodes.activate(users["admin"])
    return {
        "users": users,
        "logins": set(get_user_model().objects.values_list("username", flat=True)),
    }


def _starts() -> list[tuple[str, str]]:
    routes = [(n, r) for n, r, parameters in _routes() if not parameters and _in_scope(n, r)]
    return [(name, "/" + route.lstrip("^").rstrip("$")) for name, route in routes]


def _chosen_cases(user: Any) -> list[tuple[str, str]]:
    """Case pages opened besides the first case the role's lists show, each for the forms it
    carries, so that they are read whichever case that happens to be: one with an open
    suggested match (the triage forms), one whose reporter gave a name and the role has not
    asked to read (the request for the identity)."""
    visible = cases_visible_to(user).values("pk")
    suggestion = (
        Suggestion.objects.filter(
            state=Suggestion.State.OPEN, case__in=visible, earlier__in=visible
        )
        .order_by("pk")
        .first()
    )
    named = (
        Case.objects.filter(pk__in=visible, appeal__is_anonymous=False)
        .exclude(reveal_requests__requester=user)
        .order_by("pk")
        .first()
    )
    chosen = {"suggested": suggestion.case_id if suggestion else None}
    chosen["named"] = named.pk if named else None
    return [
        (f"office:case-detail?{why}", reverse("office:case-detail", args=[case_id]))
        for why, case_id in chosen.items()
        if case_id is not None
    ]


def test_every_page_reads_in_kazakh_and_russian(demo: dict[str, Any]) -> None:
    allowed = set(demo["logins"])
    problems: dict[str, list[str]] = {}
    opened_by_anyone: set[str] = set()
    answered: dict[str, set[int]] = {}
    for language in LANGUAGES:
        shared: dict[str, int] = {}
        anonymous = Walk(Client(), language, allowed, shared)
        anonymous.crawl([s for s in _starts() if s[0].startswith("portal:")])
        _portal_after_a_report(anonymous, language)
        walks = [anonymous]
        for username in ROLES:
            client = Client()
            client.force_login(demo["users"][username])
            if username == "admin":  # signed in with the factor just now
                session = client.session
                at = time.time()
                session["account_authentication_methods"] = [
                    {"method": "password", "at": at},
                    {"method": "mfa", "type": "totp", "at": at},
                ]
                session.save()
            walk = Walk(client, language, allowed, shared)
            walk.crawl(_starts() + _chosen_cases(demo["users"][username]))
            walks.append(walk)
        for walk in walks:
            opened_by_anyone |= set(walk.opened)
            for name, status in walk.statuses.items():
                answered.setdefault(name, set()).add(status)
            for url, found in walk.problems.items():
                problems.setdefault(f"{language} {url}", found)
    never = sorted(
        name
        for name, route, _p in _routes()
        if _in_scope(name, route) and name not in opened_by_anyone and name not in NOT_IN_DEMO
    )
    # A page (200), a download or a form's target (302, 405 to a GET): not refused to all.
    refused = sorted(n for n, s in answered.items() if n and not s & {200, 302, 405})
    assert never == [], "pages no role reached: link them from a page, or list them in NOT_PAGES"
    assert refused == [], "pages every role was refused (403) or not found (404)"
    assert problems == {}


def _portal_after_a_report(walk: Walk, language: str) -> None:
    """The coupon after a report, and the mailbox it opens (a citizen's own pages)."""
    data = report_data(
        language=language,
        subject="Копия решения за деньги" if language == "ru" else "Шешімнің көшірмесі ақшаға",
        text="Секретарь потребовал деньги за копию решения.",
        how_known="Со мной.",
        occurred_when="март",
        occurred_where="кабинет 312",
        person_1_name="Б.",
        person_1_position="секретарь",
    )
    coupon = walk.client.post("/report/", data, HTTP_ACCEPT_LANGUAGE=language)
    assert coupon.status_code == 200, coupon.content.decode()[:3000]
    html = coupon.content.decode()
    walk.check("/report/ (coupon)", html)
    _number, code = coupon_of(html)
    opened = walk.client.post("/follow-up/", {"code": code}, HTTP_ACCEPT_LANGUAGE=language)
    assert opened.status_code == 302
    walk.opened.pop("portal:mailbox", None)
    walk.crawl([("portal:mailbox", opened["Location"])])


def test_the_checks_catch_what_they_are_for() -> None:
    page = """<html lang="ru"><head><title>Журнал</title><script>var x = "English";</script></head>
    <body><nav><a href="/a">Мероприятия</a><a href="/b">Мероприятия</a></nav>
    <p title="Not visible">Статус: received → assessment, case.assigned</p>
    <p lang="en">An appeal written in English</p><input type="hidden" value="code_x">
    <div hidden>Hidden English</div><p>New Year's Day</p>
    <ol class="timeline"><li>12.03 · сообщение</li><li>12.03 · сообщение</li></ol></body></html>"""
    found = problems_of(page, "ru", set())
    assert "raw code 'case.assigned'" in found
    assert any(p.startswith("English") and "Year" in p and "Hidden" not in p for p in found)
    assert not any("written" in p or "Not" in p for p in found)
    assert any(p.startswith("timeline entry twice") for p in found)
    assert any(p.startswith("two menu items named ['Мероприятия']") for p in found)
    clean = '<html lang="kk"><body><p>Іс REG-75, Senim, PDF</p></body></html>'
    assert problems_of(clean, "kk", set()) == []
