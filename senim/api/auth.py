"""Who calls /api/v1, and what they may do.

Two kinds of caller, each a `Caller` in `request.auth`:

- **Personal access tokens** (staff; `Authorization: Bearer senim_pat_...`), made in the office
  at /office/security/tokens/. The token acts as its owner: what they may see and do is the
  policy's answer for that person (`senim.organization.policy`, the same as in the office).
  Its scope can only narrow that: `read` allows safe methods (GET, HEAD), `act` all of them.
- **Client credentials** (integrations; `Authorization: Basic base64(client_id:secret)`),
  made by an administrator in the office. A client acts through its service account, a staff
  member of its unit in the role INTEGRATION: the policy gives it the trust line's intake and
  the sight of its own unit's cases, never an identity, never another unit's case. Its list of
  allowed operations narrows it further: an operation not on the list is refused (403,
  `operation_not_allowed`). A client has both scopes.

Authentication checks, before the request's data is read (`admitted`), the scope for the
method and a client's allowed operations; `guard` runs around every operation (installed by
`v1.py`), checks them again, attributes every audit entry written during the call to the token
or client by name, and records each write (`api.write`). Operations then
authorize what they touch through the policy and the selectors, always with `caller.user`:

    caller = require(request, capability=Capability.CASE_HANDLE)
    case = access_case(caller.user, case_id)     # 404 when hidden, as in the office

An operation's name (its OpenAPI operationId, and what a client's allowed operations list) is
`<router module>.<function>`, e.g. `appeals.appeal_register`: do not set `operation_id`.
"""

from __future__ import annotations

import base64
import binascii
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBasicAuth, HttpBearer
from ninja.throttling import BaseThrottle

from senim.accounts.api_tokens import token_authenticate
from senim.accounts.models import PersonalAccessToken, User
from senim.api.errors import Problem
from senim.core import throttle
from senim.core.audit import attributed, audit
from senim.organization import policy
from senim.organization.integration_clients import integration_client_authenticate
from senim.organization.models import IntegrationClient

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
Scope = Literal["read", "act"]


@dataclass(frozen=True)
class Caller:
    """The one calling: a person through their token, or an integration client."""

    user: User  # the person, or the client's service account: what the policy is asked about
    name: str  # the token's or the client's name, as the audit log shows it
    scopes: frozenset[str]
    token: PersonalAccessToken | None = None
    client: IntegrationClient | None = None

    @property
    def kind(self) -> str:
        return "client" if self.client is not None else "token"

    @property
    def key(self) -> str:
        """What rate limits count by: one token, or one client."""
        if self.client is not None:
            return f"client:{self.client.pk}"
        assert self.token is not None
        return f"token:{self.token.pk}"

    def allows(self, operation: str) -> bool:
        return self.client is None or operation in self.client.operations

    def attribution(self) -> dict[str, str]:
        """What every audit entry written for this caller adds under `via`."""
        return {"api": self.kind, "name": self.name}


def _bearer(request: HttpRequest) -> str | None:
    value = request.headers.get("Authorization", "")
    scheme, _sep, credential = value.partition(" ")
    return credential.strip() if scheme.lower() == "bearer" else None


class PersonalToken(HttpBearer):
    """`Authorization: Bearer senim_pat_...`."""

    def __call__(self, request: HttpRequest) -> Caller | None:
        # Not the parent's __call__: it logs the header (the token) when DEBUG is on.
        secret = _bearer(request)
        return self.authenticate(request, secret) if secret else None

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = token_authenticate(token)
        if found is None:
            return None
        return admitted(
            request, Caller(user=found.user, name=found.name, scopes=found.scopes, token=found)
        )


class ClientCredentials(HttpBasicAuth):
    """`Authorization: Basic base64(client_id:secret)`."""

    def __call__(self, request: HttpRequest) -> Caller | None:
        value = request.headers.get("Authorization", "")
        scheme, _sep, encoded = value.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            client_id, _colon, secret = base64.b64decode(encoded.strip()).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return None
        return self.authenticate(request, client_id, secret)

    def authenticate(self, request: HttpRequest, username: str, password: str) -> Caller | None:
        client = integration_client_authenticate(username, password)
        if client is None:
            return None
        return admitted(
            request,
            Caller(
                user=client.account,
                name=client.name,
                scopes=frozenset({"read", "act"}),
                client=client,
            ),
        )


def admitted(request: HttpRequest, found: Caller) -> Caller:
    """The caller, if their scope allows the method and a client's list the operation.

    Checked while authenticating, before the request's data is validated: a read-only token
    is told so, not that its body was invalid.
    """
    writing = request.method not in SAFE_METHODS
    if ("act" if writing else "read") not in found.scopes:
        raise Problem("insufficient_scope", _("This token may only read."))
    operation = getattr(request, _OPERATION_ATTRIBUTE, "")
    if not found.allows(operation):
        raise Problem("operation_not_allowed", _("This client may not call this operation."))
    return found


_OPERATION_ATTRIBUTE = "senim_operation"


def mark_operation(run: Callable[..., Any]) -> Callable[..., Any]:
    """Before anything else of an operation (mode "view"): note its name on the request, for
    `admitted`. `run` is the operation's bound method."""
    operation = getattr(run, "__self__", None)
    name = operation_name(operation.view_func) if operation is not None else ""

    @functools.wraps(run)
    def marked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        setattr(request, _OPERATION_ATTRIBUTE, name)
        return run(request, *args, **kwargs)

    return marked


# The API's default: either kind of caller. A public operation says `auth=None`.
AUTH = [PersonalToken(), ClientCredentials()]


def caller(request: HttpRequest) -> Caller:
    """The authenticated caller of this operation (401 if there is none)."""
    found = getattr(request, "auth", None)
    if not isinstance(found, Caller):
        raise Problem("unauthenticated", _("Authentication is required."))
    return found


def require(
    request: HttpRequest,
    *,
    scope: Scope | None = None,
    capability: policy.Capability | None = None,
    refusal: str | Promise | None = None,
) -> Caller:
    """The caller, if their scope and the policy allow this; a 403 problem otherwise.

    `guard` already checks the scope for the method; ask for `act` explicitly where a safe
    method changes something. The capability is the policy's question about the caller's user.
    """
    found = caller(request)
    if scope is not None and scope not in found.scopes:
        raise Problem("insufficient_scope", _("This token's scope does not allow this."))
    if capability is not None:
        policy.require(found.user, capability, refusal or _("You may not do this."))
    return found


def operation_name(func: Callable[..., Any]) -> str:
    """`<router module>.<function>`: the operationId and what a client's operations name."""
    return f"{func.__module__.rsplit('.', 1)[-1]}.{func.__name__}"


def guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """Around every operation: scope by method, a client's allowed operations, attribution of
    every audit entry to the token or client, and a record of each write."""
    operation = operation_name(func)

    @functools.wraps(func)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        found = getattr(request, "auth", None)
        if not isinstance(found, Caller):  # a public operation (auth=None)
            return func(request, *args, **kwargs)
        writing = request.method not in SAFE_METHODS
        if ("act" if writing else "read") not in found.scopes:
            raise Problem("insufficient_scope", _("This token may only read."))
        if not found.allows(operation):
            raise Problem("operation_not_allowed", _("This client may not call this operation."))
        with attributed(**found.attribution()):
            result = func(request, *args, **kwargs)
            if writing:
                audit(
                    action="api.write",
                    actor=found.user,
                    object_type="api_operation",
                    object_id=operation,
                    detail={"method": request.method or ""},
                )
        return result

    return guarded


API_LIMIT = throttle.Limit("api", "SENIM_API_RATE_LIMIT", "SENIM_API_RATE_WINDOW")


class CallerThrottle(BaseThrottle):
    """SENIM_API_RATE_LIMIT calls per token or client in any SENIM_API_RATE_WINDOW seconds
    (`senim.core.throttle`: holds under concurrent calls, on every cache back end); public
    operations are counted per client address, keyed as the portal's limits are."""

    def allow_request(self, request: HttpRequest) -> bool:
        found = getattr(request, "auth", None)
        if isinstance(found, Caller):
            key = throttle.Client(f"api:{found.key}")
        else:
            key = throttle.client_of(request)
        return throttle.take(API_LIMIT, key) is not None

    def wait(self) -> float:
        # Each slot frees one window after it was taken: a window is always enough.
        return float(API_LIMIT.window)
