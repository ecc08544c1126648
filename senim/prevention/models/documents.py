"""Evidence, materials and photos of prevention work, each owned by exactly one record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from senim.core import clock
from senim.prevention.models.commissions import Meeting
from senim.prevention.models.events import Event
from senim.prevention.models.greco import GrecoAssessment
from senim.prevention.models.plans import Measure

_OWNERS = ("measure", "event", "meeting", "greco_assessment")


def _exactly_one_owner() -> Q:
    condition = Q()
    for owner in _OWNERS:
        one = Q(**{f"{owner}__isnull": False})
        for other in _OWNERS:
            if other != owner:
                one &= Q(**{f"{other}__isnull": True})
        condition |= one
    return condition


class Document(models.Model):
    """Evidence, materials and photos: checked by content, image metadata stripped.

    They are not identities, so they are stored in the clear under a random name; staff get
    them only as downloads.
    """

    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    greco_assessment = models.ForeignKey(
        GrecoAssessment, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    storage_name = models.CharField(max_length=200, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_owner(), name="document_one_owner")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
