"""Coordinators manage panels and experts in the Wagtail admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_panel", "change_panel", "view_expert", "add_expert", "change_expert", "delete_expert"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("review")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators, _ = Group.objects.get_or_create(name="coordinators")
    coordinators.permissions.add(*Permission.objects.filter(content_type__app_label="review", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="coordinators").first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="review", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_panels"),
        ("ideas", "0002_site_tree_and_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
