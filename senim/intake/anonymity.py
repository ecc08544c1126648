"""The anonymous-appeal policy: the rule an anonymous appeal is handled under.

Chosen for the installation by SENIM_ANONYMOUS_POLICY and recorded on every anonymous appeal at
registration, so an appeal keeps the rule it came under when the setting changes (DOMAIN 2:
count both paths). Kept apart from the models so that the settings can validate against it
before Django's apps are loaded.
"""

from __future__ import annotations

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class AnonymousPolicy(TextChoices):
    # Kazakhstan: not considered, except an offence being prepared or committed or a threat to
    # security, which is redirected at once to the competent body.
    KAZAKHSTAN = "kz", _("Kazakhstan: not considered unless it reports an offence")
    # ISO 37002 / EU Directive 2019/1937: diligent follow-up through a two-way channel.
    ISO_37002 = "iso", _("ISO 37002: anonymous follow-up")
