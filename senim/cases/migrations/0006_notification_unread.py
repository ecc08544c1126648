"""A person's unread notices, newest first (the office home page), as a partial index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_appeal_search_vector"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                condition=models.Q(("read_at__isnull", True)),
                fields=["user", "-created_at"],
                name="notification_unread",
            ),
        ),
    ]
