"""The claims the test provider asserts, in the ID token and at the userinfo endpoint alike.

- sub: "idp-" + the username. Stable for as long as the username is, and unlike DOT's default
  (the primary key) it does not depend on the order in which users were created.
- preferred_username, name (the user's first_name field holds the full name): scope profile.
- email, email_verified (verified unless the user is in the group "email-unverified"): scope email.
- amr, acr: the second factor. A user in the group "mfa" gets amr ["pwd", "otp"] and acr "mfa";
  any other user amr ["pwd"] and acr "pwd".
"""

from __future__ import annotations

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

MFA_GROUP = "mfa"
EMAIL_UNVERIFIED_GROUP = "email-unverified"
SUBJECT_PREFIX = "idp-"


class ClaimsValidator(OAuth2Validator):  # type: ignore[misc]
    # Without a scope here DOT drops the claim; amr and acr come with "openid" itself.
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "amr": "openid", "acr": "openid"}

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        groups = set(user.groups.values_list("name", flat=True))
        mfa = MFA_GROUP in groups
        return {
            "sub": SUBJECT_PREFIX + user.get_username(),
            "preferred_username": user.get_username(),
            "name": user.first_name,
            "email": user.email,
            "email_verified": EMAIL_UNVERIFIED_GROUP not in groups,
            "amr": ["pwd", "otp"] if mfa else ["pwd"],
            "acr": "mfa" if mfa else "pwd",
        }
