from django.db import migrations, models
from django.db.models import F


def stale(apps, schema_editor):
    """The rent was the base rent summed: every park's figures are stale."""
    figures = apps.get_model("parks", "ParkFigures")
    figures.objects.update(version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("parks", "0018_park_figures_admissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="parkfigures",
            name="rent_until",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunPython(stale, migrations.RunPython.noop),
    ]
