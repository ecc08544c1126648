"""The queue's and the sweep's indexes: open cases by deadline (partial), status and category."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_search_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("status__in", ["received", "assessment", "investigation"])),
                fields=["due_on", "id"],
                name="case_open_due",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["status", "category", "id"], name="case_status_category"),
        ),
    ]
