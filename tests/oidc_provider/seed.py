"""Put users and the one client application into the test provider's database.

    OIDC_PROVIDER_DIR=... DJANGO_SETTINGS_MODULE=tests.oidc_provider.settings \
        python -m tests.oidc_provider.seed < spec.json

The spec: {"users": [{"username", "password", "name", "email", "mfa", "email_verified"}],
"application": {"client_id", "client_secret", "redirect_uris": [...]}}, both optional. Users
and the application are created or updated (by username, by client_id), so the harness can
change them while the server runs.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def seed(spec: dict[str, Any]) -> None:
    from django.contrib.auth.models import Group, User
    from django.db import transaction
    from oauth2_provider.models import Application

    from tests.oidc_provider.claims import EMAIL_UNVERIFIED_GROUP, MFA_GROUP

    with transaction.atomic():
        mfa, _ = Group.objects.get_or_create(name=MFA_GROUP)
        unverified, _ = Group.objects.get_or_create(name=EMAIL_UNVERIFIED_GROUP)
        for data in spec.get("users", []):
            user, _ = User.objects.get_or_create(username=data["username"])
            user.set_password(data["password"])
            user.first_name = data["name"]
            user.email = data["email"]
            user.save()
            (user.groups.add if data["mfa"] else user.groups.remove)(mfa)
            (user.groups.remove if data["email_verified"] else user.groups.add)(unverified)
        if app := spec.get("application"):
            application = Application.objects.filter(client_id=app["client_id"]).first()
            if application is None:
                application = Application(client_id=app["client_id"])
            application.name = "Senim"
            application.client_secret = app["client_secret"]  # hashed when saved
            application.client_type = Application.CLIENT_CONFIDENTIAL
            application.authorization_grant_type = Application.GRANT_AUTHORIZATION_CODE
            application.algorithm = Application.RS256_ALGORITHM
            application.skip_authorization = True  # no consent screen
            application.redirect_uris = " ".join(app["redirect_uris"])
            application.save()


def main() -> None:
    import django

    django.setup()
    seed(json.load(sys.stdin))


if __name__ == "__main__":
    main()
