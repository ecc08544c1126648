"""Attachments' original names sealed in the vault; the listed name becomes neutral."""

from django.db import migrations, models

EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "text/plain": ".txt",
}


def seal_existing_names(apps, schema_editor):
    # The vault's own sealing (it needs only the public key), as of this migration.
    from senim.intake import vault

    Attachment = apps.get_model("intake", "Attachment")
    numbers: dict[int, int] = {}
    for file in Attachment.objects.filter(sealed_name__isnull=True).order_by("appeal_id", "pk"):
        numbers[file.appeal_id] = numbers.get(file.appeal_id, 0) + 1
        file.sealed_name = vault.seal(file.name.encode())
        file.name = f"file-{numbers[file.appeal_id]}{EXTENSIONS.get(file.content_type, '')}"
        file.save(update_fields=["sealed_name", "name"])


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_contact_preference"),
    ]

    operations = [
        migrations.AddField(
            model_name="attachment",
            name="sealed_name",
            field=models.BinaryField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(seal_existing_names, migrations.RunPython.noop),
    ]
