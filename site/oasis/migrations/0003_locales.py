"""The two languages pages are written in: a Wagtail locale for English (the original of every
page the migrations create) and one for Korean, the language editors translate pages into."""

from django.db import migrations

LANGUAGE_CODES = ["en", "ko"]


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)


def backwards(apps, schema_editor):
    # English stays: Wagtail made it and every original page is in it. Korean goes unless a page
    # is still written in it (delete those translations first: pages protect their locale).
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Locale.objects.filter(language_code="ko").exclude(pk__in=Page.objects.values("locale_id")).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("oasis", "0002_api_token"),
        ("ideas", "0002_site_tree_and_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
