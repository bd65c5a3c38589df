"""Pages are written in English and translated into Korean; one address serves both languages.

The language is not in the URL: a visitor's browser (Accept-Language), the language switch's
cookie or a signed-in person's account language picks it, and the page at that address is
served in it when it is translated, in English otherwise.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Locale, Site
from wagtail_localize.models import TranslationSource

from core.language import set_user_language
from oasis.models import HomePage, StandardPage
from tests.factories import UserFactory, make_campaign, translate_page

pytestmark = pytest.mark.django_db

ABOUT_IN_KOREAN = {
    "About Oasis": "오아시스 소개",
    "Citizens propose, experts review.": "시민이 제안하고 전문가가 검토합니다.",
}


@pytest.fixture(autouse=True)
def fresh_site_root_paths():
    """Wagtail caches where each language's home page is; tests add and roll back Korean ones."""
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


def home() -> HomePage:
    return Site.objects.get(is_default_site=True).root_page.specific


def standard_page(slug: str, title: str, body: str = "<p>Citizens propose, experts review.</p>") -> StandardPage:
    page = StandardPage(title=title, slug=slug, body=body)
    home().add_child(instance=page)
    page.save_revision().publish()
    return page


def h1(response_or_html) -> str:
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.content.decode()
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def test_visitor_reads_a_translated_page_in_their_browser_language_at_the_same_address(client):
    about = standard_page("about", "About Oasis")
    korean = translate_page(about, ABOUT_IN_KOREAN)

    assert korean.slug == about.slug
    assert korean.url == about.url == "/about/"
    in_korean = client.get("/about/", HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9,en;q=0.5")
    assert in_korean.status_code == 200
    assert h1(in_korean) == "오아시스 소개"
    assert "시민이 제안하고 전문가가 검토합니다." in in_korean.content.decode()
    assert in_korean.headers["Content-Language"] == "ko"
    assert '<article class="prose">' in in_korean.content.decode()  # in the page's language: no lang of its own
    assert "Accept-Language" in in_korean.headers["Vary"]
    for accept in ("en-GB,en;q=0.8", "fr-FR", None):
        headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
        response = Client().get("/about/", **headers)
        assert response.status_code == 200
        assert h1(response) == "About Oasis", accept


def test_visitor_reads_the_english_page_when_it_is_not_translated(client):
    translate_page(home(), {"Oasis": "오아시스"})  # the Korean tree exists, without this page
    standard_page("contact", "Contact the city")

    response = client.get("/contact/", HTTP_ACCEPT_LANGUAGE="ko-KR")

    assert response.status_code == 200
    assert h1(response) == "Contact the city"
    page = response.content.decode()
    assert '<html lang="ko">' in page and '<article class="prose" lang="en">' in page  # for screen readers
    assert h1(client.get("/", HTTP_ACCEPT_LANGUAGE="ko-KR")) == "오아시스"


def test_visitor_reads_the_untranslated_text_of_a_partly_translated_page_in_english(client):
    about = standard_page("about", "About Oasis")
    translate_page(about, {"About Oasis": "오아시스 소개"})  # the body is not translated yet

    page = client.get("/about/", HTTP_ACCEPT_LANGUAGE="ko-KR").content.decode()

    assert "오아시스 소개" in page
    assert "Citizens propose, experts review." in page


def test_visitor_reads_the_english_page_while_its_translation_is_a_draft(client):
    about = standard_page("about", "About Oasis")
    translate_page(about, ABOUT_IN_KOREAN, publish=False)

    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="ko-KR")

    assert response.status_code == 200
    assert h1(response) == "About Oasis"


def test_visitor_reads_a_published_translation_under_a_korean_home_page_still_in_draft(client):
    about = standard_page("about", "About Oasis")
    korean_about = translate_page(about, ABOUT_IN_KOREAN)
    korean_home = translate_page(home(), {"Oasis": "오아시스"})
    korean_home.unpublish()

    assert korean_about.get_parent().pk == korean_home.pk
    assert h1(client.get("/about/", HTTP_ACCEPT_LANGUAGE="ko-KR")) == "오아시스 소개"
    assert h1(client.get("/", HTTP_ACCEPT_LANGUAGE="ko-KR")) == "Oasis"


def test_visitor_reads_an_alias_page_of_a_synchronised_tree_in_english(client):
    """wagtail-localize can keep the Korean tree in step with aliases that mirror the English pages."""
    about = standard_page("about", "About Oasis")
    alias = about.copy_for_translation(Locale.objects.get(language_code="ko"), copy_parents=True, alias=True)

    assert alias.live and alias.url == "/about/"
    assert h1(client.get("/about/", HTTP_ACCEPT_LANGUAGE="ko-KR")) == "About Oasis"


def test_visitor_gets_a_404_for_an_address_no_language_has(client):
    translate_page(home(), {"Oasis": "오아시스"})

    assert client.get("/nowhere/", HTTP_ACCEPT_LANGUAGE="ko-KR").status_code == 404
    assert client.get("/nowhere/").status_code == 404


def test_visitor_reads_pages_in_the_language_picked_with_the_switch(client):
    translate_page(standard_page("about", "About Oasis"), ABOUT_IN_KOREAN)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"

    assert h1(client.get("/about/", HTTP_ACCEPT_LANGUAGE="en")) == "오아시스 소개"


def test_citizen_reads_pages_in_their_account_language(client_for):
    translate_page(standard_page("about", "About Oasis"), ABOUT_IN_KOREAN)
    citizen = UserFactory()
    set_user_language(citizen, "ko")

    assert h1(client_for(citizen).get("/about/", HTTP_ACCEPT_LANGUAGE="en")) == "오아시스 소개"


def test_visitor_reads_the_home_page_and_its_campaigns_in_korean(client):
    translate_page(home(), {"Oasis": "오아시스"})
    campaign = make_campaign(title="Quieter nights")
    translate_page(
        campaign, {"Quieter nights": "조용한 밤", "Summary of Quieter nights": "밤이 조용한 동네를 위한 제안"}
    )

    page = client.get("/", HTTP_ACCEPT_LANGUAGE="ko-KR").content.decode()

    assert h1(page) == "오아시스"
    assert page.count(f'href="{campaign.url}"') == 1
    assert "조용한 밤" in page and "Quieter nights" not in page
    english = Client().get("/").content.decode()
    assert "Quieter nights" in english and "조용한 밤" not in english


def test_editor_can_open_the_translation_pages_of_the_admin(client_for):
    admin = client_for(UserFactory(is_superuser=True, is_staff=True, groups=[]))
    about = standard_page("about", "About Oasis")
    campaign = make_campaign(title="Quieter nights")
    korean_about = translate_page(about, ABOUT_IN_KOREAN)
    korean_campaign = translate_page(campaign, {"Quieter nights": "조용한 밤"})
    untranslated = standard_page("contact", "Contact the city")
    source = TranslationSource.objects.get_for_instance(about)

    for url in [
        "/admin/locales/",
        f"/admin/localize/submit/page/{untranslated.pk}/",  # "Translate this page"
        f"/admin/pages/{korean_about.pk}/edit/",  # the translation editor, string by string
        f"/admin/pages/{korean_campaign.pk}/edit/",
        f"/admin/pages/{about.pk}/edit/",
        f"/admin/pages/{korean_about.get_parent().pk}/",  # the Korean tree in the explorer
        f"/admin/localize/update/{source.pk}/",  # "Sync translated pages"
        "/admin/localize/reports/translations/",
    ]:
        assert admin.get(url).status_code == 200, url
