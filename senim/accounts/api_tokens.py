"""Personal access tokens: a staff member's key to /api/v1, made in the office.

The secret is 40 random characters from `secrets` (about 238 bits), so it cannot be guessed
and needs no slow KDF: the database keeps an HMAC-SHA256 of it under a server-side key
(`secret_digest`), enough that a copy of the database gives no usable token, and cheap enough
to check on every call. The token itself is shown once, at creation, and never again.

A token only narrows its owner: it acts as them, through the one policy, and its scope
(read, or read and act) and expiry can only take away. Revoking or expiring stops it at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import string

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from senim.accounts.models import PersonalAccessToken, User
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound

TOKEN_PREFIX = "senim_pat_"  # noqa: S105 (a prefix, not a secret)
_ALPHABET = string.ascii_letters + string.digits
SECRET_LENGTH = 40
# How often a token's "last used" is written: the first use in a minute, not every call.
LAST_USED_EVERY = dt.timedelta(minutes=1)


def random_secret(length: int = SECRET_LENGTH) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def secret_digest(secret: str) -> str:
    """The stored form of a long random secret: HMAC-SHA256 under the server's token key."""
    key = settings.SENIM_API_TOKEN_KEY.encode()
    return hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()


def _longest() -> dt.timedelta:
    return dt.timedelta(days=settings.SENIM_API_TOKEN_MAX_DAYS)


@transaction.atomic
def token_create(
    *, user: User, name: str, scope: str, expires_at: dt.datetime
) -> tuple[PersonalAccessToken, str]:
    """A new token and its secret, which the caller shows once.

    The expiry is required and at most SENIM_API_TOKEN_MAX_DAYS away; names are unique among
    a person's live tokens, so that the audit log's "by token X" names one.
    """
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name."))
    if scope not in PersonalAccessToken.Scope.values:
        raise DomainError(_("Choose the token's scope."))
    now = clock.now()
    if expires_at <= now:
        raise DomainError(_("The expiry must be in the future."))
    if expires_at > now + _longest():
        raise DomainError(_("A token may live at most %(days)d days.") % {"days": _longest().days})
    unrevoked = PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True)
    if unrevoked.filter(name=name).exists():
        raise DomainError(
            _("You already have a token with this name: revoke it or choose another.")
        )
    secret = TOKEN_PREFIX + random_secret()
    token = PersonalAccessToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        prefix=secret[: len(TOKEN_PREFIX) + 4],
        digest=secret_digest(secret),
        expires_at=expires_at,
    )
    audit(
        action="api_token.created",
        actor=user,
        object_type="api_token",
        object_id=token.pk,
        detail={"name": name, "scope": scope, "expires_at": expires_at.isoformat()},
    )
    return token, secret


@transaction.atomic
def token_revoke(*, user: User, token_id: int) -> PersonalAccessToken:
    """Revoke one of the person's own tokens; it stops working at once."""
    token = (
        PersonalAccessToken.objects.select_for_update()
        .filter(pk=token_id, user=user, revoked_at__isnull=True)
        .first()
    )
    if token is None:
        raise NotFound(_("No such token."))
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    audit(
        action="api_token.revoked",
        actor=user,
        object_type="api_token",
        object_id=token.pk,
        detail={"name": token.name},
    )
    return token


def token_authenticate(secret: str) -> PersonalAccessToken | None:
    """The live token with this secret, or None (unknown, expired, revoked, inactive owner)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        PersonalAccessToken.objects.live()
        .select_related("user")
        .filter(digest=secret_digest(secret))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_of(user: User) -> list[PersonalAccessToken]:
    """The person's tokens, live first, newest first (revoked and expired kept for the record)."""
    return list(PersonalAccessToken.objects.filter(user=user).order_by("-created_at"))
