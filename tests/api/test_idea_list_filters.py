"""GET /api/v1/ideas: filters, sorting, pagination, what never appears, and its query budget."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ideas.models import IdeaStatus
from ideas.moderation import idea_hide
from tests.factories import IdeaFactory, VoteFactory, make_campaign

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_visitor_can_filter_ideas_by_campaign_status_and_tag(api_client, campaign, general):
    in_campaign = IdeaFactory(campaign=campaign)
    in_campaign.tags.set(["parks"])
    in_general = IdeaFactory(campaign=general)
    in_general.tags.set(["parks", "buses"])
    adopted = IdeaFactory(campaign=general, status=IdeaStatus.ADOPTED)
    client = api_client()

    assert _ids(client.get(f"/api/v1/ideas?campaign={campaign.pk}")) == [in_campaign.pk]
    assert _ids(client.get("/api/v1/ideas?status=adopted")) == [adopted.pk]
    assert sorted(_ids(client.get("/api/v1/ideas?tag=parks"))) == sorted([in_campaign.pk, in_general.pk])
    assert _ids(client.get(f"/api/v1/ideas?tag=buses&campaign={general.pk}")) == [in_general.pk]


def test_visitor_can_see_list_items_with_exact_votes_and_tags(api_client, campaign):
    idea = IdeaFactory(campaign=campaign, department=campaign.department)
    idea.tags.set(["trees", "air"])
    VoteFactory.create_batch(3, idea=idea)

    [item] = api_client().get("/api/v1/ideas").json()["results"]

    assert item["votes"] == 3
    assert item["tags"] == ["air", "trees"]
    assert item["campaign"] == campaign.pk
    assert item["department"]["name"] == campaign.department.name
    assert item["status"] == "open"
    assert item["url"].endswith(f"/ideas/{idea.pk}/")


def test_citizen_can_list_only_their_own_ideas(api_client, citizen):
    mine = IdeaFactory(author=citizen)
    IdeaFactory()

    assert _ids(api_client(citizen).get("/api/v1/ideas?author=me")) == [mine.pk]


def test_anonymous_cannot_list_their_own_ideas(api_client):
    response = api_client().get("/api/v1/ideas?author=me")

    assert response.status_code == 401


def test_visitor_can_sort_ideas_by_votes_and_newest(api_client):
    now = timezone.now()
    old_popular = IdeaFactory(created_at=now - timedelta(days=3))
    new_quiet = IdeaFactory(created_at=now)
    middle = IdeaFactory(created_at=now - timedelta(days=1))
    # The sort key is refreshed from the vote rows after each vote commits.
    old_popular.vote_count, middle.vote_count = 5, 2
    old_popular.save(update_fields=["vote_count"])
    middle.save(update_fields=["vote_count"])
    client = api_client()

    assert _ids(client.get("/api/v1/ideas?sort=votes")) == [old_popular.pk, middle.pk, new_quiet.pk]
    assert _ids(client.get("/api/v1/ideas?sort=newest")) == [new_quiet.pk, middle.pk, old_popular.pk]
    assert _ids(client.get("/api/v1/ideas")) == [new_quiet.pk, middle.pk, old_popular.pk]


def test_visitor_can_sort_ideas_by_trending(api_client):
    quiet = IdeaFactory()
    trending = IdeaFactory(created_at=timezone.now() - timedelta(days=30))
    VoteFactory.create_batch(2, idea=trending)

    assert _ids(api_client().get("/api/v1/ideas?sort=trending")) == [trending.pk, quiet.pk]


def test_visitor_cannot_see_hidden_or_withdrawn_ideas_in_the_list(api_client, moderator):
    visible = IdeaFactory()
    hidden = IdeaFactory()
    idea_hide(idea=hidden, moderator=moderator, reason="Insults")
    IdeaFactory(status=IdeaStatus.WITHDRAWN)

    for client in (api_client(), api_client(moderator)):
        response = client.get("/api/v1/ideas")
        assert _ids(response) == [visible.pk]
        assert response.json()["count"] == 1
    assert _ids(api_client().get("/api/v1/ideas?status=withdrawn")) == []


def test_visitor_can_page_through_ideas(api_client):
    ideas = [IdeaFactory(created_at=timezone.now() - timedelta(minutes=i)) for i in range(5)]
    client = api_client()

    first = client.get("/api/v1/ideas?page_size=2&status=open").json()
    assert first["count"] == 5
    assert [i["id"] for i in first["results"]] == [ideas[0].pk, ideas[1].pk]
    assert first["previous"] is None
    assert "page=2" in first["next"] and "status=open" in first["next"] and "page_size=2" in first["next"]

    last = client.get(first["next"].replace("page=2", "page=3")).json()
    assert [i["id"] for i in last["results"]] == [ideas[4].pk]
    assert last["next"] is None
    assert "page=2" in last["previous"]

    beyond = client.get("/api/v1/ideas?page=9&page_size=2").json()
    assert beyond["results"] == [] and beyond["count"] == 5


@pytest.mark.parametrize(
    "query", ["page_size=101", "page_size=0", "page=0", "sort=random", "status=maybe", "author=someone"]
)
def test_visitor_cannot_list_with_invalid_parameters(api_client, query):
    response = api_client().get(f"/api/v1/ideas?{query}")

    assert response.status_code == 400
    assert response.json()["errors"]


def test_idea_list_uses_the_same_number_of_queries_for_a_page_of_any_size(
    api_client, citizen, django_assert_max_num_queries
):
    campaigns = [make_campaign(title=f"Campaign {n}") for n in range(3)]
    for n in range(60):
        idea = IdeaFactory(campaign=campaigns[n % 3])
        idea.tags.set([f"tag{n % 4}", "common"])
        if n % 5 == 0:
            VoteFactory.create_batch(2, idea=idea)
    client = api_client(citizen)
    client.get("/api/v1/ideas?page_size=1")  # warm Wagtail's site-root cache, as any earlier request would

    # token + count + page + tags + Wagtail's site for the URLs, whether the page holds 1 idea or 100.
    for query in ("page_size=1", "page_size=100", "page_size=100&sort=votes", "page_size=100&sort=trending&tag=common"):
        with django_assert_max_num_queries(5):
            response = client.get(f"/api/v1/ideas?{query}")
        assert response.status_code == 200
    assert len(response.json()["results"]) == 60
    assert sum(item["votes"] for item in response.json()["results"]) == 24
