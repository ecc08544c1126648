"""Staff identities. What a person may do lives with their unit in `organization`."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.core import clock


class User(AbstractUser):
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    # Demo accounts carry a published password; they may only log in when SENIM_ENV=demo.
    is_demo = models.BooleanField(_("demo account"), default=False)
    # The person's identifier at the institution's identity provider (its SENIM_OIDC_MATCH_CLAIM
    # claim), recorded by an administrator: single sign-on finds the account by it.
    sso_subject = models.CharField(
        _("single sign-on identifier"), max_length=255, null=True, blank=True, unique=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


# Whoever asks, as `request.user` gives them: a signed-in user or an anonymous visitor (Django's
# own `_AnyUser`). Selectors and the policy answer anyone, and nothing to those who may see
# nothing; actions that need a member of staff take a `User`.
Requester: TypeAlias = AbstractBaseUser | AnonymousUser


class PersonalAccessTokenQuerySet(models.QuerySet["PersonalAccessToken"]):
    def live(self) -> PersonalAccessTokenQuerySet:
        """Neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=clock.now())


class PersonalAccessToken(models.Model):
    """A staff member's key to /api/v1 (`senim.accounts.api_tokens`); only its HMAC is kept."""

    class Scope(models.TextChoices):
        READ = "read", _("read")
        ACT = "act", _("read and act")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices)
    # The first characters of the secret, to recognise a token in a list; never enough to use.
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = PersonalAccessTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_token_live_name_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset({"read", "act"} if self.scope == self.Scope.ACT else {"read"})
