from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "senim.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from senim.cases.search import sqlite_fts_ensure

        # Infrastructure, not business flow: keeps SQLite's search index wired after migrate.
        post_migrate.connect(sqlite_fts_ensure, sender=self)
