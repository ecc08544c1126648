"""An administrator's acts on another person's sign-in: reset their second factor, end their
sessions, record their single sign-on identifier, dismiss them. Each is one transaction with
its reasoned audit entry; each ends the person's sessions where it changes what they hold."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from senim.accounts.models import User
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.core.reasons import reasons_required
from senim.organization import policy
from senim.organization.policy import Capability

MIN_REASON = 10


def _admin(actor: User, person: User) -> None:
    policy.require(actor, Capability.STAFF_ADMIN, _("Only an administrator manages staff."))
    if actor.pk == person.pk:
        raise DomainError(_("This is done by another administrator, not on one's own account."))


def _reason(reason: str) -> str:
    return reasons_required(reason, MIN_REASON, _("State the reason (at least 10 characters)."))


def _record(action: str, *, actor: User, user: User, **detail: object) -> None:
    audit(action=action, actor=actor, object_type="user", object_id=user.pk, detail=detail)


def sessions_end(user: User) -> int:
    """End every session of `user` (they must sign in again); how many there were."""
    ended = 0
    for session in UserSession.objects.filter(user=user):
        session.end()
        ended += 1
    return ended


@transaction.atomic
def second_factor_reset(*, actor: User, user: User, reason: str) -> int:
    """A lost device: the person's factors are removed, their sessions ended, and at their next
    sign-in they enrol again (enrolment is required of them before anything else)."""
    _admin(actor, user)
    why = _reason(reason)
    removed, _by_type = Authenticator.objects.filter(user=user).delete()
    ended = sessions_end(user)
    _record(
        "mfa.reset",
        actor=actor,
        user=user,
        reason=why,
        factors_removed=removed,
        sessions_ended=ended,
    )
    return removed


@transaction.atomic
def staff_sessions_end(*, actor: User, user: User, reason: str) -> int:
    _admin(actor, user)
    why = _reason(reason)
    ended = sessions_end(user)
    _record("sessions.ended", actor=actor, user=user, reason=why, sessions_ended=ended)
    return ended


@transaction.atomic
def staff_dismiss(*, actor: User, user: User, reason: str) -> None:
    """Dismissal: no more sign-in from now on, every open session ended at once."""
    _admin(actor, user)
    why = _reason(reason)
    if not user.is_active:
        raise DomainError(_("This person is already dismissed."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = sessions_end(user)
    _record("staff.dismissed", actor=actor, user=user, reason=why, sessions_ended=ended)


@transaction.atomic
def sso_subject_set(*, actor: User, user: User, subject: str) -> None:
    """Record (or clear) the person's identifier at the identity provider."""
    _admin(actor, user)
    value = subject.strip() or None
    before = user.sso_subject
    user.sso_subject = value
    try:
        with transaction.atomic():
            user.save(update_fields=["sso_subject"])
    except IntegrityError:
        raise DomainError(_("Another account has this single sign-on identifier.")) from None
    _record("sso.subject_set", actor=actor, user=user, before=before or "", after=value or "")


@transaction.atomic
def own_session_end(*, user: User, session_id: int) -> None:
    """A person ends one of their own sessions (a browser left signed in elsewhere)."""
    session = UserSession.objects.filter(user=user, pk=session_id).first()
    if session is None:
        raise DomainError(_("No such session."))
    session.end()
    audit(action="session.ended", actor=user, object_type="user", object_id=user.pk)
