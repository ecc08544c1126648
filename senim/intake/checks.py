"""What intake checks in the contact details a person gives before they are sealed: the IIN's
check digit and a phone number's shape. Pure functions, shared by the services and the forms."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from senim.core.errors import DomainError


def iin_is_valid(iin: str) -> bool:
    """Kazakhstan's 12-digit individual identification number, check digit included."""
    if len(iin) != 12 or not iin.isdigit():
        return False
    digits = [int(c) for c in iin]
    month, day = int(iin[2:4]), int(iin[4:6])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    for weights in (range(1, 12), [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]):
        check = sum(d * w for d, w in zip(digits[:11], weights, strict=True)) % 11
        if check != 10:
            return check == digits[11]
    return False


_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-.]+$")


def phone_is_valid(phone: str) -> bool:
    """A phone number as people write it (+7 701 234-56-78, 8 (727) 123 45 67): ten to
    fifteen digits, as every number in Kazakhstan has ten after its 8 or +7 and no
    international one has more than fifteen."""
    return bool(_PHONE_CHARACTERS.match(phone)) and 10 <= sum(c.isdigit() for c in phone) <= 15


def phone_invalid() -> DomainError:
    return DomainError(_("Enter a phone number with its code, for example +7 701 234 56 78."))
