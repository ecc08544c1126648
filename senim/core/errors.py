"""Errors that services raise and interfaces translate into a clear message for the user."""

from __future__ import annotations

from django.utils.functional import Promise


class DomainError(Exception):
    """A rule of the domain refused the request; the message is shown to the user as is."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = str(message)


class NotFound(DomainError):
    """The thing does not exist *or* the user may not see it: the same answer for both."""


class PermissionDenied(DomainError):
    """The user is known and may see the thing, but not do this with it."""
