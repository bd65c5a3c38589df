"""Create the page tree every Oasis needs (home, campaigns, the general campaign) and the role groups."""

import uuid

from django.db import migrations
from django.utils import timezone

GROUPS = ["citizens", "moderators", "coordinators", "internal-experts", "external-experts", "editors"]


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)
    # Editors run the CMS.
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if admin_access is not None:
        for name in ("editors", "moderators", "coordinators"):
            Group.objects.get(name=name).permissions.add(admin_access)

    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("oasis", "HomePage")
    CampaignIndexPage = apps.get_model("ideas", "CampaignIndexPage")
    CampaignPage = apps.get_model("ideas", "CampaignPage")
    if HomePage.objects.exists():
        return
    locale = Locale.objects.order_by("pk").first()
    # Replace Wagtail's placeholder welcome page.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    Site.objects.all().delete()
    now = timezone.now()
    common = {"live": True, "has_unpublished_changes": False, "first_published_at": now, "last_published_at": now, "locale": locale}
    home = HomePage.objects.create(
        title="Oasis",
        draft_title="Oasis",
        slug="home",
        content_type=_content_type(apps, "oasis", "homepage"),
        path="00010001",
        depth=2,
        numchild=1,
        url_path="/home/",
        translation_key=uuid.uuid4(),
        intro="Ideas from citizens, reviewed by experts, answered by the city.",
        **common,
    )
    CampaignIndexPage.objects.create(
        title="Campaigns",
        draft_title="Campaigns",
        slug="campaigns",
        content_type=_content_type(apps, "ideas", "campaignindexpage"),
        path="000100010001",
        depth=3,
        numchild=1,
        url_path="/home/campaigns/",
        translation_key=uuid.uuid4(),
        **common,
    )
    CampaignPage.objects.create(
        title="Ideas for our city",
        draft_title="Ideas for our city",
        slug="general",
        content_type=_content_type(apps, "ideas", "campaignpage"),
        path="0001000100010001",
        depth=4,
        numchild=0,
        url_path="/home/campaigns/general/",
        translation_key=uuid.uuid4(),
        summary="Any idea that would make life in the city better.",
        is_general=True,
        opens_at=now,
        **common,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True, site_name="Oasis")


def backwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.all().delete()
    Page.objects.filter(depth__gte=2, path__startswith="00010001").delete()
    Page.objects.filter(depth=1).update(numchild=0)


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0001_initial"),
        ("oasis", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
