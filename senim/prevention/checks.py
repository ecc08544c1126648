"""The small checks every prevention service makes of what it is given."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, QuerySet, TextChoices

from senim.core.errors import DomainError, NotFound

if TYPE_CHECKING:
    from senim.accounts.models import User

M = TypeVar("M", bound=Model)


def required_text(value: str, message: str, *, minimum: int = 1) -> str:
    """The text stripped; refused with `message` when shorter than `minimum`."""
    value = (value or "").strip()
    if len(value) < minimum:
        raise DomainError(message)
    return value


def choice(value: str, choices: type[TextChoices], message: str) -> str:
    if value not in choices.values:
        raise DomainError(message)
    return value


def locked(rows: QuerySet[M], pk: int, message: str) -> M:
    """The row `pk` among `rows` (what the user may see), locked until the transaction ends."""
    found = rows.select_for_update(of=("self",)).filter(pk=pk).first()
    if found is None:
        raise NotFound(message)
    return found


def staff_member(person: User, unit_id: int | None, message: str) -> None:
    """`person` is an active member of staff, of `unit_id` when one is given."""
    staff = getattr(person, "staff", None)
    if staff is None or not person.is_active or (unit_id is not None and staff.unit_id != unit_id):
        raise DomainError(message)
