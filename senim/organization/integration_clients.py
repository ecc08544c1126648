"""Integration clients: other systems acting through /api/v1 with client credentials.

A client is made by an administrator (STAFF_ADMIN) for one unit and a set of allowed
operations. It acts through a service account of its own, a staff member of that unit in the
role INTEGRATION (`policy.CAPABILITIES`): what it may see and do is the policy's answer for that
account, narrowed by its operations in the API. Its secret is shown once; only an HMAC is kept
(`senim.accounts.api_tokens.secret_digest`, the same reasoning as for personal tokens).
"""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from senim.accounts.api_tokens import LAST_USED_EVERY, random_secret, secret_digest
from senim.accounts.models import User
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound
from senim.organization.models import IntegrationClient, Role, StaffMember, Unit
from senim.organization.policy import Capability, require

CLIENT_ID_PREFIX = "senim_cli_"


@transaction.atomic
def integration_client_create(
    *, actor: User, name: str, unit: Unit, operations: list[str]
) -> tuple[IntegrationClient, str]:
    """A new client and its secret (shown once); only an administrator of staff makes one."""
    require(actor, Capability.STAFF_ADMIN, _("Only an administrator manages integration clients."))
    name = name.strip()
    if not name:
        raise DomainError(_("Give the client a name."))
    if IntegrationClient.objects.filter(name=name).exists():
        raise DomainError(_("A client with this name exists already."))
    client_id = CLIENT_ID_PREFIX + secrets.token_hex(8)
    account = get_user_model()(username=client_id, first_name=name[:150], is_active=True)
    account.set_unusable_password()  # it never signs in to the office
    account.save()
    StaffMember.objects.create(user=account, unit=unit, role=Role.INTEGRATION)
    secret = random_secret()
    client = IntegrationClient.objects.create(
        name=name,
        client_id=client_id,
        digest=secret_digest(secret),
        unit=unit,
        account=account,
        operations=sorted(set(operations)),
    )
    audit(
        action="integration_client.created",
        actor=actor,
        object_type="integration_client",
        object_id=client.pk,
        detail={"name": name, "unit": unit.code, "operations": client.operations},
    )
    return client, secret


@transaction.atomic
def integration_client_revoke(*, actor: User, client_id: int) -> IntegrationClient:
    """Revoke a client: its credentials stop working at once, its account is deactivated."""
    require(actor, Capability.STAFF_ADMIN, _("Only an administrator manages integration clients."))
    client = (
        IntegrationClient.objects.select_for_update()
        .filter(pk=client_id, revoked_at__isnull=True)
        .first()
    )
    if client is None:
        raise NotFound(_("No such client."))
    client.revoked_at = clock.now()
    client.save(update_fields=["revoked_at"])
    get_user_model().objects.filter(pk=client.account_id).update(is_active=False)
    audit(
        action="integration_client.revoked",
        actor=actor,
        object_type="integration_client",
        object_id=client.pk,
        detail={"name": client.name},
    )
    return client


def integration_client_authenticate(client_id: str, secret: str) -> IntegrationClient | None:
    """The live client with these credentials, or None (one answer for every failure)."""
    if not client_id.startswith(CLIENT_ID_PREFIX) or len(secret) > 200:
        return None
    client = (
        IntegrationClient.objects.select_related("account", "unit")
        .filter(client_id=client_id, revoked_at__isnull=True)
        .first()
    )
    if client is None or not client.account.is_active:
        return None
    if not secrets.compare_digest(client.digest, secret_digest(secret)):
        return None
    now = clock.now()
    if client.last_used_at is None or now - client.last_used_at >= LAST_USED_EVERY:
        IntegrationClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
    return client


def integration_clients() -> list[IntegrationClient]:
    return list(IntegrationClient.objects.select_related("unit").order_by("revoked_at", "name"))
