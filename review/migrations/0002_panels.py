"""The two review panels every Oasis has (staff may rename them in the admin)."""

from django.db import migrations

PANELS = [
    ("internal", "Internal panel", "Public administration experts, e.g. retired officers: feasibility."),
    ("external", "External panel", "Professors, researchers and civil-society experts: usefulness and creativity."),
]


def create(apps, schema_editor):
    Panel = apps.get_model("review", "Panel")
    for kind, name, description in PANELS:
        Panel.objects.get_or_create(kind=kind, defaults={"name": name, "description": description})


def remove(apps, schema_editor):
    apps.get_model("review", "Panel").objects.filter(kind__in=[k for k, _n, _d in PANELS], experts=None).delete()


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
