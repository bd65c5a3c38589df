"""A campaign translated into Korean stays one campaign: its ideas belong to the original page,
whichever language a citizen reads and submits in, and lists show it once, in the reader's language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Locale, Site

from ideas import selectors
from ideas.models import CampaignPage, Idea
from notices.models import Delivery, Kind, Notification
from notices.services import preference_set
from oasis.services import api_token_issue
from tests.factories import IdeaFactory, UserFactory, general_campaign, make_campaign, translate_page

pytestmark = pytest.mark.django_db

KO = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9"}
IN_KOREAN = {
    "Campaigns": "캠페인",
    "Safer streets": "안전한 거리",
    "Summary of Safer streets": "위험한 곳을 알려 주세요",
    "Ideas for our city": "서울을 바꾸는 시민 제안",
}


@pytest.fixture(autouse=True)
def fresh_site_root_paths():
    """Wagtail caches where each language's home page is; tests add and roll back Korean ones."""
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def campaign(db):
    return make_campaign(title="Safer streets", slug="safer-streets")


@pytest.fixture
def korean(campaign) -> CampaignPage:
    """The campaign (and, as its parent, the campaign index) translated into Korean."""
    translate_page(campaign.get_parent().specific, IN_KOREAN)
    return translate_page(campaign, IN_KOREAN)


def test_translation_shares_the_campaign_address_and_knows_its_original(campaign, korean):
    assert korean.pk != campaign.pk
    assert korean.url == campaign.url == "/campaigns/safer-streets/"
    assert korean.canonical.pk == campaign.pk
    assert campaign.canonical.pk == campaign.pk
    assert list(CampaignPage.objects.filter(slug="safer-streets").canonical()) == [campaign]


def test_citizen_can_read_the_campaign_ideas_on_its_korean_page(client, campaign, korean):
    idea = IdeaFactory(campaign=campaign, title="Raised crosswalks near schools")

    page = client.get(campaign.url, **KO).content.decode()

    assert "안전한 거리" in page
    assert idea.title in page
    assert f'href="{campaign.url}ideas/{idea.pk}/"' in page
    # The idea's own page, at the same address in Korean: no redirect to itself.
    response = client.get(idea.get_absolute_url(), **KO)
    assert response.status_code == 200
    assert idea.title in response.content.decode()


def test_citizen_can_submit_an_idea_from_the_korean_campaign_page_to_the_campaign(client_for, campaign, korean):
    citizen = client_for(UserFactory())

    assert citizen.get(f"{campaign.url}submit/", **KO).status_code == 200
    response = citizen.post(
        f"{campaign.url}submit/",
        {
            "title": "학교 앞 과속방지턱",
            "body": "등하굣길 아이들이 안전하게 건널 수 있도록 과속방지턱을 설치해 주세요.",
            "tags": "",
        },
        **KO,
    )

    idea = Idea.objects.get(title="학교 앞 과속방지턱")
    assert idea.campaign_id == campaign.pk  # the original page, not the Korean one
    assert idea.department_id == campaign.department_id
    assert response.status_code == 302 and response["Location"] == f"{campaign.url}ideas/{idea.pk}/"
    assert idea.title in Client().get(campaign.url).content.decode()  # listed in English too


def test_visitor_sees_each_campaign_once_in_the_reader_language(client, campaign, korean):
    general = general_campaign()
    translate_page(general, IN_KOREAN)
    untranslated = make_campaign(title="Greener schoolyards")

    page_in_korean = Client().get("/campaigns/", **KO).content.decode()
    for headers, title, other in [(KO, "안전한 거리", "Safer streets"), ({}, "Safer streets", "안전한 거리")]:
        page = Client().get("/campaigns/", **headers).content.decode()
        for listed in (campaign, general, untranslated):
            assert page.count(f'href="{listed.url}"') == 1
        assert title in page and other not in page
        assert "Greener schoolyards" in page  # not translated: its original
    # Screen readers read the untranslated campaign in English on the Korean list.
    assert f'<h2 class="card__title" lang="en"><a href="{untranslated.url}">' in page_in_korean
    assert f'<h2 class="card__title"><a href="{campaign.url}">' in page_in_korean

    with translation.override("ko"):
        in_korean = [c.title for c in selectors.campaigns_open()]
    assert sorted(in_korean) == sorted(["안전한 거리", "서울을 바꾸는 시민 제안", "Greener schoolyards"])


def test_api_lists_each_campaign_once_by_its_original_id_with_the_korean_title(campaign, korean):
    response = Client().get("/api/v1/campaigns", **KO)

    assert response.status_code == 200
    by_id = {c["id"]: c for c in response.json()}
    assert len(by_id) == len(response.json()) == CampaignPage.objects.canonical().count()
    assert korean.pk not in by_id
    assert by_id[campaign.pk]["title"] == "안전한 거리"
    assert by_id[campaign.pk]["url"] == "http://testserver/campaigns/safer-streets/"
    assert Client().get("/api/v1/campaigns").json()[1]["title"] == "Safer streets"


def test_api_filters_ideas_by_campaign_given_either_page_of_it(campaign, korean):
    idea = IdeaFactory(campaign=campaign)
    IdeaFactory(campaign=general_campaign())

    for campaign_id in (campaign.pk, korean.pk):
        results = Client().get(f"/api/v1/ideas?campaign={campaign_id}", **KO).json()["results"]
        assert [r["id"] for r in results] == [idea.pk]
        assert results[0]["campaign"] == campaign.pk


def test_api_submits_an_idea_to_the_original_campaign_given_its_translation(campaign, korean):
    author = UserFactory()
    key = api_token_issue(user=author, name="app")
    response = Client().post(
        "/api/v1/ideas",
        {
            "campaign": korean.pk,
            "title": "자전거 보관소",
            "body": "지하철역 출구마다 지붕 있는 자전거 보관소를 만들어 주세요.",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
        **KO,
    )

    assert response.status_code == 201, response.content
    assert response.json()["campaign"] == campaign.pk
    assert Idea.objects.get(title="자전거 보관소").campaign_id == campaign.pk


def test_korean_page_follows_the_original_campaign_dates_before_its_translation_is_synced(client_for, campaign, korean):
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save_revision().publish()  # closed in English; the translation's copy is not synced yet
    assert CampaignPage.objects.get(pk=korean.pk).closes_at > timezone.now()

    citizen = client_for(UserFactory())
    page = citizen.get(campaign.url, **KO).content.decode()
    assert f'href="{campaign.url}submit/"' not in page
    citizen.post(
        f"{campaign.url}submit/",
        {"title": "늦은 제안입니다", "body": "마감 뒤에 들어온 제안은 받지 않아야 합니다."},
        **KO,
    )
    assert not Idea.objects.filter(title="늦은 제안입니다").exists()
    with translation.override("ko"):
        assert campaign.pk not in [c.canonical.pk for c in selectors.campaigns_open()]


def test_subscriber_hears_of_a_new_campaign_once_whatever_its_translations(django_capture_on_commit_callbacks):
    subscriber = UserFactory()
    preference_set(user=subscriber, kind=Kind.CAMPAIGN_OPENED, channel=Delivery.IN_APP)
    with django_capture_on_commit_callbacks(execute=True):
        campaign = make_campaign(title="Quieter nights")
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(campaign, {"Quieter nights": "조용한 밤"})

    assert Notification.objects.filter(recipient=subscriber).count() == 1


def test_citizen_can_submit_from_the_alias_a_synchronised_korean_tree_makes(client_for, campaign):
    """With Settings → Locales synchronising Korean from English, the Korean tree holds alias pages
    that mirror the English ones until translated: still one campaign."""
    alias = campaign.copy_for_translation(Locale.objects.get(language_code="ko"), copy_parents=True, alias=True)
    citizen = client_for(UserFactory())

    citizen.post(
        f"{campaign.url}submit/",
        {"title": "Benches along the route", "body": "Benches every few hundred metres along the school route."},
        **KO,
    )

    assert alias.live and alias.url == campaign.url
    assert Idea.objects.get(title="Benches along the route").campaign_id == campaign.pk
    with translation.override("ko"):
        listed = [c for c in selectors.campaigns_published() if c.canonical.pk == campaign.pk]
    assert [c.pk for c in listed] == [alias.pk]
