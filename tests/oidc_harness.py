"""A real OpenID Connect provider for tests: tests/oidc_provider served by gunicorn on 127.0.0.1.

    callback = f"{live_server.url}/accounts/oidc/senim/login/callback/"
    users = [IdpUser("aigerim", mfa=True), IdpUser("bolat")]
    with oidc_provider(tmp_path, users=users, redirect_uris=[callback]) as idp:
        app_settings = {"server_url": idp.issuer}  # allauth's openid_connect APP "settings"
        ... idp.client_id, idp.client_secret ...

The provider is a Django project of its own (django-oauth-toolkit) with its own SQLite
database in a directory under tmp_path, whatever database Senim's tests run on. Its claims
(tests/oidc_provider/claims.py): sub ("idp-" + username), preferred_username, name, email,
email_verified, amr and acr (["pwd", "otp"] and "mfa" for a user with mfa=True, else ["pwd"]
and "pwd"). Each call starts its own server on a free port in its own directory, so tests may
run in parallel (xdist).
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "tests.oidc_provider.settings"
DISCOVERY = "/o/.well-known/openid-configuration"
CLIENT_ID = "senim"
CLIENT_SECRET = "senim-test-client-secret"  # a loopback test provider's


@dataclass(frozen=True)
class IdpUser:
    """A user of the provider. `name` and `email` default to ones made from the username."""

    username: str
    password: str = "correct horse battery staple"
    name: str = ""
    email: str = ""
    mfa: bool = False
    email_verified: bool = True

    def as_spec(self) -> dict[str, object]:
        spec = asdict(self)
        spec["name"] = self.name or self.username.title()
        spec["email"] = self.email or f"{self.username}@idp.example"
        return spec

    @property
    def sub(self) -> str:
        """The `sub` claim the provider asserts for this user."""
        return "idp-" + self.username


@dataclass
class OidcProvider:
    url: str  # http://127.0.0.1:PORT
    issuer: str  # url + "/o": allauth's server_url (it appends /.well-known/openid-configuration)
    client_id: str
    client_secret: str
    directory: Path
    log: Path
    _env: dict[str, str] = field(repr=False)

    @property
    def discovery_url(self) -> str:
        return self.url + DISCOVERY

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def put_users(self, *users: IdpUser) -> None:
        """Create users, or change existing ones (by username), while the server runs:
        e.g. put_users(replace(user, mfa=True)) to have the provider assert a second factor."""
        _seed(self._env, {"users": [user.as_spec() for user in users]})

    def set_redirect_uris(self, redirect_uris: Iterable[str]) -> None:
        _seed(self._env, {"application": self._application(redirect_uris)})

    def _application(self, redirect_uris: Iterable[str]) -> dict[str, object]:
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "redirect_uris": list(redirect_uris),
        }


def _private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _environment(directory: Path, issuer: str) -> dict[str, str]:
    """The provider's environment, built up rather than inherited wholesale: Senim's
    DJANGO_SETTINGS_MODULE, DATABASE_URL and SENIM_* must not reach it."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "OIDC_PROVIDER_DIR": str(directory),
            "OIDC_PROVIDER_ISSUER": issuer,
            "OIDC_PROVIDER_SECRET_KEY": secrets.token_urlsafe(50),
            "PYTHONPATH": str(ROOT),
            "PYTHONDONTWRITEBYTECODE": "1",
            # oauthlib refuses plain http unless told otherwise. This server listens only on
            # the loopback interface and exists only for tests; set here, in the provider's
            # environment, never in the test process's or Senim's.
            "OAUTHLIB_INSECURE_TRANSPORT": "1",
        }
    )
    return env


def _run(env: dict[str, str], args: list[str], stdin: str | None = None) -> None:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )


def _seed(env: dict[str, str], spec: dict[str, object]) -> None:
    _run(env, ["-m", "tests.oidc_provider.seed"], stdin=json.dumps(spec))


@contextmanager
def oidc_provider(
    tmp_path: Path, *, users: Iterable[IdpUser], redirect_uris: Iterable[str]
) -> Iterator[OidcProvider]:
    """Start the provider with these users and one confidential client (CLIENT_ID,
    CLIENT_SECRET, authorization code, RS256, no consent screen) allowed to redirect to
    redirect_uris; stop it on leaving."""
    directory = tmp_path / f"oidc-provider-{secrets.token_hex(4)}"
    directory.mkdir(parents=True)
    (directory / "oidc.key").write_text(_private_key_pem())
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = _environment(directory, issuer=url + "/o")
    provider = OidcProvider(
        url=url,
        issuer=url + "/o",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        directory=directory,
        log=directory / "gunicorn.log",
        _env=env,
    )
    _run(env, ["-m", "django", "migrate", "--noinput", "-v", "0"])
    _seed(
        env,
        {
            "users": [user.as_spec() for user in users],
            "application": provider._application(redirect_uris),
        },
    )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "tests.oidc_provider.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--threads",
        "2",
        "--worker-class",
        "gthread",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
        "--access-logfile",
        "-",
    ]
    with provider.log.open("w") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_until_serving(port, process, provider.log)
            yield provider
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    except ProcessLookupError:
        process.wait(timeout=15)


def _wait_until_serving(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the OIDC provider exited: {log.read_text()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            try:
                conn.request("GET", DISCOVERY)
                if conn.getresponse().status == 200:
                    return
            finally:
                conn.close()
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"the OIDC provider did not answer in time: {log.read_text()}")
