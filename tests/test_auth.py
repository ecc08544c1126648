"""Staff login and logout, password hashing, throttling, expiring sessions, demo accounts."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import Client, override_settings

from senim.organization.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str, address: str = "127.0.0.1", **extra):
    return client.post(
        "/office/login/",
        {"username": username, "password": password},
        HTTP_ACCEPT_LANGUAGE="en",
        REMOTE_ADDR=address,
        **extra,
    )


def test_staff_logs_in_and_out(make_staff) -> None:
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-test")
    client = Client()
    response = _login(client, "chief-test", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/office/"
    home = client.get("/office/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Almaty City Court" in home
    assert chief.staff.get_role_display() in home
    assert client.get("/office/logout/").status_code == 405  # logout only by POST (CSRF)
    assert client.post("/office/logout/").status_code == 302
    assert client.get("/office/").status_code == 302


def test_wrong_password_gets_a_clear_message(make_staff) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-test")
    response = _login(Client(), "chief-test", "wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_passwords_are_hashed_with_argon2(make_staff) -> None:
    user = make_staff(Role.ANALYST)
    assert user.password.startswith("argon2$")


@pytest.fixture
def mid_hour():
    """The throttle keys clients by the hour: start at a quarter past, so that no test meets a
    fresh key (and allowance) halfway."""
    import datetime as dt

    import time_machine

    start = dt.datetime(2026, 3, 2, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    with time_machine.travel(start, tick=True):
        yield


@pytest.mark.usefixtures("mid_hour")
def test_login_is_throttled_after_repeated_failures(make_staff) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-test")
    client = Client()
    for _ in range(settings.LOGIN_THROTTLE_ATTEMPTS):
        _login(client, "chief-test", "wrong")
    blocked = _login(client, "chief-test", PASSWORD)
    assert blocked.status_code == 200
    assert "Too many failed attempts" in blocked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("mid_hour")
def test_failures_elsewhere_do_not_lock_the_chief_out(make_staff) -> None:
    """Wrong passwords for a username from other addresses, however many, leave its owner's
    own connection free to log in."""
    make_staff(Role.CHIEF, "REG-75", username="chief-test")
    for n in range(10):
        attacker = Client()
        for _ in range(settings.LOGIN_THROTTLE_ATTEMPTS):
            _login(attacker, "Chief-Test ", "wrong", address=f"203.0.113.{n}")
        refused = _login(attacker, "chief-test", PASSWORD, address=f"203.0.113.{n}")
        assert "Too many failed attempts" in refused.content.decode()
    chief = Client()
    response = _login(chief, "chief-test", PASSWORD, address="198.51.100.20")
    assert response.status_code == 302 and response["Location"] == "/office/"


@pytest.mark.usefixtures("mid_hour")
@override_settings(LOGIN_THROTTLE_CLIENT_ATTEMPTS=6)
def test_one_client_trying_many_usernames_is_stopped(make_staff) -> None:
    for name in ("chief-a", "chief-b", "chief-c", "chief-d"):
        make_staff(Role.CHIEF, "REG-75", username=name)
    client = Client()
    for name in ("chief-a", "chief-b", "chief-c"):
        for _ in range(2):  # under the 5 a username allows
            wrong = _login(client, name, "wrong", address="203.0.113.9")
            assert "Please enter a correct username and password" in wrong.content.decode()
    # Six failures across usernames: even a username it never tried is refused, right or not.
    refused = _login(client, "chief-d", PASSWORD, address="203.0.113.9")
    assert "Too many failed attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # The owner of that account, on another connection, is not concerned.
    assert _login(Client(), "chief-d", PASSWORD, address="198.51.100.20").status_code == 302


@pytest.mark.usefixtures("mid_hour")
def test_a_successful_login_forgets_the_failures_with_that_username(make_staff) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-test")
    client = Client()
    for _ in range(settings.LOGIN_THROTTLE_ATTEMPTS - 1):
        _login(client, "chief-test", "wrong")
    assert _login(client, "chief-test", PASSWORD).status_code == 302
    client.post("/office/logout/")
    for _ in range(settings.LOGIN_THROTTLE_ATTEMPTS - 1):
        wrong = _login(client, "chief-test", "wrong")
        assert "Please enter a correct username and password" in wrong.content.decode()
    assert _login(client, "chief-test", PASSWORD).status_code == 302


@pytest.mark.usefixtures("mid_hour")
@pytest.mark.parametrize("behind_proxy", [False, True])
def test_login_throttle_keys_the_address_the_proxy_saw(make_staff, behind_proxy: bool) -> None:
    """Behind the proxy, the last X-Forwarded-For entry is the client; the entries a client
    writes itself before it change nothing, and without a proxy the header is ignored."""
    make_staff(Role.CHIEF, "REG-75", username="chief-test")
    with override_settings(SENIM_BEHIND_PROXY=behind_proxy):
        for n in range(settings.LOGIN_THROTTLE_ATTEMPTS):
            forged = f"10.0.0.{n}, 203.0.113.7"
            _login(Client(), "chief-test", "wrong", HTTP_X_FORWARDED_FOR=forged)
        again = _login(
            Client(), "chief-test", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7"
        )
        assert "Too many failed attempts" in again.content.decode()
        other = _login(Client(), "chief-test", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.20")
    # Behind the proxy that is another client; without one, the same (the header is ignored).
    assert (other.status_code == 302) is behind_proxy


def test_login_throttle_keeps_neither_address_nor_username(make_staff) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-secretive")
    for _ in range(3):
        _login(Client(), "chief-secretive", "wrong", address="203.0.113.77")
    keys = _cache_keys()
    assert any(":login:" in key for key in keys) and any(":login-client:" in key for key in keys)
    assert not [key for key in keys if "203.0.113.77" in key or "secretive" in key]


def _cache_keys() -> list[str]:
    from django.db import connection

    table = connection.ops.quote_name(str(settings.CACHES["default"]["LOCATION"]))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")  # noqa: S608 (a setting)
        return [str(key) for (key,) in cursor.fetchall()]


def test_session_expires_when_idle_and_with_the_browser(make_staff) -> None:
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    make_staff(Role.CHIEF, "REG-75", username="chief-test")
    client = Client()
    _login(client, "chief-test", PASSWORD)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    session = client.session
    session.set_expiry(-1)  # as if the idle limit had passed
    session.save()
    assert client.get("/office/").status_code == 302


def test_an_active_session_stays_open_and_an_idle_one_ends(make_staff) -> None:
    """Activity moves the idle expiry (at most one session write a minute); idleness ends it."""
    import datetime as dt

    import time_machine
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_staff(Role.CHIEF, "REG-75", username="chief-test")
    client = Client()
    idle = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    start = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)

    def expiry() -> dt.datetime:
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        return Session.objects.get(session_key=key).expire_date

    with time_machine.travel(start, tick=False) as traveller:
        _login(client, "chief-test", PASSWORD)
        assert client.get("/office/").status_code == 200
        assert expiry() == start + idle
        # Within the minute: the page is served and the session is not written again.
        traveller.shift(dt.timedelta(seconds=20))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/office/").status_code == 200
        assert not [q for q in queries if "UPDATE" in q["sql"] and "django_session" in q["sql"]]
        # Working on, two thirds of the limit later: the expiry moves with the activity.
        traveller.shift(idle * 2 / 3)
        assert client.get("/office/").status_code == 200
        assert expiry() == start + dt.timedelta(seconds=20) + idle * 2 / 3 + idle
        # Then idle past the limit: logged out.
        traveller.shift(idle + dt.timedelta(minutes=1))
        assert client.get("/office/").status_code == 302


def test_demo_accounts_cannot_log_in_in_production(make_staff) -> None:
    user = make_staff(Role.CHIEF, "REG-75", username="chief-demo")
    user.is_demo = True
    user.save()
    assert authenticate(username="chief-demo", password=PASSWORD) is not None
    with override_settings(SENIM_ENV="production"):
        assert authenticate(username="chief-demo", password=PASSWORD) is None


def test_weak_passwords_are_refused_by_the_validators(make_staff) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = make_staff(Role.ANALYST)
    for weak in ["12345678901", "password", "short"]:
        with pytest.raises(ValidationError):
            validate_password(weak, user)


def test_an_administrator_changes_a_role_and_the_change_is_audited(make_staff, login, unit) -> None:
    from senim.core.models import AuditEvent

    admin = make_staff(Role.ADMINISTRATOR, username="admin-x")
    person = make_staff(Role.INVESTIGATOR, "REG-75", username="inv-x")
    client = login(admin)
    client.post("/office/staff/", {"user": person.pk, "unit": unit("REG-75").pk, "role": "chief"})
    person.staff.refresh_from_db()
    assert person.staff.role == Role.CHIEF
    entry = AuditEvent.objects.get(action="staff.role_changed")
    assert entry.actor == "admin-x"
    assert (
        entry.detail["before"]["role"] == "investigator"
        and entry.detail["after"]["role"] == "chief"
    )
    refused = client.post(
        "/office/staff/",
        {"user": person.pk, "unit": unit("REG-75").pk, "role": "auditor"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "This role exists only in the central department." in refused.content.decode()
    assert login(person).get("/office/staff/").status_code == 403
