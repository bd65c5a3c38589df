"""Grant the workflow task permissions to groups.

viewflow's task queues only see database permissions: coordinators screen and
replace reviewers (`can_screen`); department staff groups decide (`can_decide`,
further limited to their own department's ideas by the flow). Groups of departments
created later receive `can_decide` when a coordinator makes the department
responsible for an idea (review.services.idea_department_assign).
"""

from django.db import migrations

PERMISSIONS = {
    "can_screen": "Can screen ideas and pick reviewers",
    "can_decide": "Can decide on ideas for a department",
}


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    ct, _ = ContentType.objects.get_or_create(app_label="workflows", model="ideareviewprocess")
    return {
        codename: Permission.objects.get_or_create(content_type=ct, codename=codename, defaults={"name": name})[0]
        for codename, name in PERMISSIONS.items()
    }


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Department = apps.get_model("ideas", "Department")
    perms = _permissions(apps)
    coordinators, _ = Group.objects.get_or_create(name="coordinators")
    coordinators.permissions.add(perms["can_screen"])
    for department in Department.objects.exclude(group=None):
        Group.objects.get(pk=department.group_id).permissions.add(perms["can_decide"])


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="workflows", codename__in=list(PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0001_initial"),
        ("ideas", "0002_site_tree_and_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
