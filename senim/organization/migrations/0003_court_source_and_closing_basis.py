from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0002_custodian_role"),
    ]

    operations = [
        migrations.AddField(
            model_name="court",
            name="closing_basis",
            field=models.CharField(
                blank=True, max_length=500, verbose_name="legal basis of the closing"
            ),
        ),
        migrations.AddField(
            model_name="court",
            name="source",
            field=models.CharField(blank=True, max_length=500, verbose_name="source"),
        ),
    ]
