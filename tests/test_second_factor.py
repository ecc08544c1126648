"""The second factor at the HTTP interface: who must enrol and what they can reach until they
do, signing in with a code or a recovery code, wrong codes throttled like passwords, step-up
before sensitive pages, an administrator's reset, sessions and dismissal, all audited."""

from __future__ import annotations

import time
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from senim.accounts.models import User
from senim.core.models import AuditEvent
from senim.organization.models import Role
from tests.second_factor_helpers import enrol_totp, password_step, sign_in_with_code, totp

pytestmark = [pytest.mark.django_db]
ENFORCED = override_settings(SENIM_MFA_ENFORCED=True)


def _office_urls() -> list[str]:
    """Every office URL with made-up arguments: what a person might type."""
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for p in patterns:
            route = str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + route)
            elif isinstance(p, URLPattern):
                url = prefix + route
                for conv in ("<int:", "<str:"):
                    while conv in url:
                        start = url.index(conv)
                        end = url.index(">", start)
                        url = url[:start] + ("1" if conv == "<int:" else "x") + url[end + 1 :]
                found.append("/" + url.lstrip("^").replace("$", ""))

    walk(get_resolver().url_patterns, "")
    return sorted({u for u in found if u.startswith("/office/")})


OPEN = ("/office/2fa/", "/office/security/", "/office/logout/", "/office/account/")


@ENFORCED
def test_a_chief_without_a_factor_reaches_nothing_but_enrolment(make_staff, login) -> None:
    chief = make_staff(Role.CHIEF, "REG-75")
    client = login(chief)
    urls = _office_urls()
    assert len(urls) > 60 and "/office/cases/1/" in urls and "/office/audit/" in urls
    for url in urls:
        if url.startswith(OPEN) or url == "/office/login/":
            continue
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, (url, response.status_code)
            assert response["Location"] == "/office/security/enrol/", url
    page = client.get("/office/security/enrol/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and page.context["must_enrol"]


@ENFORCED
@pytest.mark.parametrize(
    ("role", "required"),
    [
        (Role.OPERATOR, False),
        (Role.ANALYST, False),
        (Role.INVESTIGATOR, True),
        (Role.CHIEF, True),
        (Role.COORDINATOR, True),
        (Role.AUDITOR, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_who_must_enrol_follows_the_policy(make_staff, login, role, required) -> None:
    court = (
        "SC"
        if role in (Role.COORDINATOR, Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR)
        else "REG-75"
    )
    person = make_staff(role, court)
    response = login(person).get("/office/")
    assert (response.status_code == 302) is required
    with override_settings(SENIM_MFA_EXTRA_ROLES=[Role.OPERATOR, Role.ANALYST]):
        assert login(person).get("/office/").status_code == 302


@ENFORCED
@pytest.mark.django_db(transaction=True)  # allauth reports an added factor once committed
def test_enrol_then_sign_in_with_the_app_or_a_recovery_code_once(make_staff) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-2fa")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert password_step(client, "chief-2fa")["Location"] == "/office/"
    assert client.get("/office/")["Location"] == "/office/security/enrol/"
    secret, codes = enrol_totp(client)
    assert len(codes) == 10
    assert client.get("/office/").status_code == 200

    # Next sign-in: the password alone is not enough.
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    first = password_step(other, "chief-2fa")
    assert first["Location"] == "/office/2fa/authenticate/"
    assert other.get("/office/")["Location"].startswith("/office/login/")
    wrong = other.post("/office/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    right = other.post("/office/2fa/authenticate/", {"code": totp(secret)})
    assert right.status_code == 302 and other.get("/office/").status_code == 200

    # A code of the step before is accepted (a phone's clock a little behind, a code typed at
    # the end of its 30 seconds); one of two steps before is not; a code is accepted once.
    previous = totp(secret, at=time.time() - 30)
    assert sign_in_with_code(Client(), "chief-2fa", previous)["Location"] == "/office/"
    replayed = sign_in_with_code(Client(HTTP_ACCEPT_LANGUAGE="en"), "chief-2fa", previous)
    assert replayed.status_code == 200 and "That code is not right" in replayed.content.decode()
    stale = sign_in_with_code(
        Client(HTTP_ACCEPT_LANGUAGE="en"), "chief-2fa", totp(secret, at=time.time() - 75)
    )
    assert stale.status_code == 200 and "That code is not right" in stale.content.decode()

    # A recovery code works once.
    assert (
        sign_in_with_code(Client(HTTP_ACCEPT_LANGUAGE="en"), "chief-2fa", codes[0])["Location"]
        == "/office/"
    )
    again = sign_in_with_code(Client(HTTP_ACCEPT_LANGUAGE="en"), "chief-2fa", codes[0])
    assert again.status_code == 200 and "That code is not right" in again.content.decode()

    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "mfa.added" in actions and "mfa.failed" in actions
    logins = AuditEvent.objects.filter(action="login").order_by("-seq")
    assert "mfa" in logins[0].detail["methods"] and "password" in logins[0].detail["methods"]


@ENFORCED
@override_settings(LOGIN_THROTTLE_ATTEMPTS=3)
def test_wrong_codes_are_throttled_like_passwords(make_staff) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-guess")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(client, "chief-guess")
    secret, _codes = enrol_totp(client)
    guesser = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(guesser, "chief-guess")
    for _ in range(3):
        guesser.post("/office/2fa/authenticate/", {"code": "123456"})
    refused = guesser.post("/office/2fa/authenticate/", {"code": totp(secret)})
    assert "Too many wrong codes" in refused.content.decode()
    assert guesser.get("/office/")["Location"].startswith("/office/login/")


@ENFORCED
@override_settings(SENIM_STEP_UP_MINUTES=5)
def test_staff_administration_asks_for_a_fresh_second_factor(make_staff) -> None:
    make_staff(Role.ADMINISTRATOR, "SC", username="admin-step")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(client, "admin-step")
    secret, _codes = enrol_totp(client)
    # Enrolment is not a second factor used: sign in again properly.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in_with_code(client, "admin-step", totp(secret))
    assert client.get("/office/staff/").status_code == 200
    with time_machine.travel(time.time() + 6 * 60, tick=False):
        stale = client.get("/office/staff/")
        assert stale.status_code == 302
        assert stale["Location"] == "/office/2fa/reauthenticate/?next=%2Foffice%2Fstaff%2F"
        back = client.post(stale["Location"], {"code": totp(secret, at=time.time())})
        assert back.status_code == 302 and back["Location"] == "/office/staff/"
        assert client.get("/office/staff/").status_code == 200
    assert AuditEvent.objects.filter(action="mfa.step_up").exists()


@ENFORCED
def test_an_administrator_resets_a_lost_device_and_dismissal_ends_sessions(make_staff) -> None:
    make_staff(Role.ADMINISTRATOR, "SC", username="admin-reset")
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-lost")
    admin = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(admin, "admin-reset")
    admin_secret, _ = enrol_totp(admin)
    admin = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in_with_code(admin, "admin-reset", totp(admin_secret))

    chief_client = Client(
        HTTP_ACCEPT_LANGUAGE="en",
        HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/133.0",
    )
    password_step(chief_client, "chief-lost")
    enrol_totp(chief_client)
    assert chief_client.get("/office/").status_code == 200

    page = admin.get(f"/office/staff/{chief.pk}/security/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    rows = page.context["sessions"]
    assert [(r.browser.split()[0], r.system) for r in rows] == [("Firefox", "Windows")]

    short = admin.post(
        f"/office/staff/{chief.pk}/security/",
        {"act": "reset", "reset-reason": "lost"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert short.status_code == 200 and "at least 10 characters" in short.content.decode()
    assert "lost</textarea>" in short.content.decode()  # what was typed stays

    reason = "Phone stolen on 5 December, reported by phone"
    done = admin.post(
        f"/office/staff/{chief.pk}/security/", {"act": "reset", "reset-reason": reason}
    )
    assert done.status_code == 302
    # The chief's session is over; at the next sign-in they enrol again.
    assert chief_client.get("/office/")["Location"].startswith("/office/login/")
    again = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert password_step(again, "chief-lost")["Location"] == "/office/"
    assert again.get("/office/")["Location"] == "/office/security/enrol/"
    entry = AuditEvent.objects.get(action="mfa.reset")
    assert entry.detail["reason"] == reason and entry.detail["sessions_ended"] == 1

    dismissed = admin.post(
        f"/office/staff/{chief.pk}/security/",
        {"act": "dismiss", "dismiss-reason": "Dismissed by order No. 15 of 6 December"},
    )
    assert dismissed.status_code == 302
    assert again.get("/office/security/")["Location"].startswith("/office/login/")
    assert (
        password_step(Client(HTTP_ACCEPT_LANGUAGE="en"), "chief-lost").status_code == 200
    )  # refused
    assert AuditEvent.objects.filter(action="staff.dismissed").count() == 1

    # An administrator cannot do this to their own account.
    admin_user = User.objects.get(username="admin-reset")
    own = admin.post(
        f"/office/staff/{admin_user.pk}/security/",
        {"act": "sessions", "sessions-reason": "Trying on my own account"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "This is your own account" in own.content.decode()
    assert not AuditEvent.objects.filter(action="sessions.ended").exists()


@ENFORCED
def test_a_person_sees_and_ends_their_own_sessions(make_staff) -> None:
    make_staff(Role.OPERATOR, "REG-75", username="operator-two")
    laptop = Client(
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0 Safari/537.36"
    )
    phone = Client(
        HTTP_USER_AGENT="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1"
    )
    password_step(laptop, "operator-two")
    password_step(phone, "operator-two")
    phone.get("/office/")
    page = laptop.get("/office/security/", HTTP_ACCEPT_LANGUAGE="en")
    rows = page.context["sessions"]
    assert len(rows) == 2 and rows[0].current and rows[0].system == "Linux"
    assert rows[1].system == "iOS"
    ended = laptop.post(f"/office/security/sessions/{rows[1].id}/end/")
    assert ended.status_code == 302
    assert phone.get("/office/")["Location"].startswith("/office/login/")
    assert laptop.get("/office/").status_code == 200


def test_security_events_are_a_filter_of_the_audit_log(make_staff, login) -> None:
    auditor = make_staff(Role.AUDITOR, "SC")
    make_staff(Role.CHIEF, "REG-75", username="chief-audit")
    password_step(Client(HTTP_ACCEPT_LANGUAGE="en"), "chief-audit", "wrong password")
    password_step(Client(HTTP_ACCEPT_LANGUAGE="en"), "chief-audit")
    page = login(auditor).get("/office/audit/?kind=security", HTTP_ACCEPT_LANGUAGE="en")
    actions = {e["event"].action for e in page.context["events"]}
    assert {"login", "login.failed"} <= actions
    assert all(
        a.startswith(("login", "logout", "mfa", "session", "staff.", "sso.", "identity."))
        for a in actions
    )


def test_totp_seeds_are_unreadable_in_a_copy_of_the_database(make_staff) -> None:
    from allauth.mfa.models import Authenticator

    make_staff(Role.CHIEF, "REG-75", username="chief-seed")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(client, "chief-seed")
    secret, _ = enrol_totp(client)
    stored = Authenticator.objects.get(type="totp").data
    assert secret not in str(stored) and str(stored["secret"]).startswith("nacl:")


def test_demo_accounts_need_no_enrolment_in_demo_mode(make_staff, login, settings) -> None:
    settings.SENIM_MFA_ENFORCED = True
    chief = make_staff(Role.CHIEF, "REG-75")
    chief.is_demo = True
    chief.save()
    settings.SENIM_ENV = "demo"
    assert login(chief).get("/office/").status_code == 200
    settings.SENIM_ENV = "development"
    assert login(chief).get("/office/")["Location"] == "/office/security/enrol/"


@ENFORCED
def test_the_last_security_key_of_someone_who_must_have_one_stays(make_staff, login) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    chief = make_staff(Role.CHIEF, "REG-75", username="chief-key")
    key = Authenticator.objects.create(user=chief, type=Authenticator.Type.WEBAUTHN, data={})
    client = login(chief)
    refused = client.post(f"/office/2fa/webauthn/keys/{key.pk}/remove/")
    assert (
        refused["Location"] == "/office/2fa/webauthn/"
        and Authenticator.objects.filter(pk=key.pk).exists()
    )
    TOTP.activate(chief, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # another factor: the key may go
    allowed = client.post(f"/office/2fa/webauthn/keys/{key.pk}/remove/")
    # No longer refused: allauth asks for the second factor again before removing it.
    assert allowed["Location"].startswith("/office/2fa/reauthenticate/")


@ENFORCED
@override_settings(SENIM_STEP_UP_MINUTES=5, SENIM_REVEAL_APPROVAL=False)
def test_reading_an_identity_asks_for_a_fresh_second_factor(make_staff, make_case) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-reveal")
    case = make_case("DST-75-02")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(client, "chief-reveal")
    secret, _codes = enrol_totp(client)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in_with_code(client, "chief-reveal", totp(secret))
    reason = {"reason": "Need to call the reporter back about the date"}
    fresh = client.post(f"/office/cases/{case.pk}/", reason)
    assert fresh.status_code == 200
    with time_machine.travel(time.time() + 6 * 60, tick=False):
        stale = client.post(f"/office/cases/{case.pk}/", reason)
        assert stale.status_code == 302
        assert stale["Location"].startswith("/office/2fa/reauthenticate/?next=%2Foffice%2Fcases%2F")
    revealed = AuditEvent.objects.filter(action="identity.revealed").count()
    assert revealed <= 1  # the stale attempt read nothing


@ENFORCED
@override_settings(SENIM_STEP_UP_MINUTES=5, SENIM_REVEAL_APPROVAL=True)
def test_a_custodian_decides_with_a_fresh_second_factor(make_staff) -> None:
    make_staff(Role.CUSTODIAN, "SC", username="custodian-step")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(client, "custodian-step")
    assert client.get("/office/")["Location"] == "/office/security/enrol/"
    secret, _codes = enrol_totp(client)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in_with_code(client, "custodian-step", totp(secret))
    assert client.get("/office/reveals/").status_code == 200
    with time_machine.travel(time.time() + 6 * 60, tick=False):
        stale = client.get("/office/reveals/1/")
        assert stale["Location"] == "/office/2fa/reauthenticate/?next=%2Foffice%2Freveals%2F1%2F"


@ENFORCED
def test_a_providers_word_left_in_the_session_does_not_excuse_a_password_sign_in(
    make_staff,
) -> None:
    from senim.office.signin import PROVIDER_MFA

    chief = make_staff(Role.CHIEF, "REG-75", username="chief-left")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(client, "chief-left")
    enrol_totp(client)
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    session = browser.session  # an unfinished single sign-on as this chief left this behind
    session[PROVIDER_MFA] = chief.pk
    session.save()
    assert password_step(browser, "chief-left")["Location"] == "/office/2fa/authenticate/"
