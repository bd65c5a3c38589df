"""The campaign page lists its ideas: sorted, filtered, paginated 20 a page; the index lists campaigns."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ideas.models import IdeaStatus, Vote
from tests.factories import IdeaFactory, UserFactory, make_campaign

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [idea.title for idea in response.context["ideas"]]


def test_visitor_can_page_through_ideas_twenty_at_a_time(client, campaign):
    now = timezone.now()
    for n in range(45):
        IdeaFactory(campaign=campaign, title=f"Idea {n:02d} here", created_at=now - timedelta(minutes=n))
    first = client.get(campaign.url)
    assert titles(first)[:2] == ["Idea 00 here", "Idea 01 here"]
    assert len(titles(first)) == 20
    html = first.content.decode()
    assert 'aria-label="Pages"' in html
    assert 'href="?page=2"' in html
    assert 'aria-current="page"' in html
    third = client.get(campaign.url, {"page": 3})
    assert titles(third) == [f"Idea {n:02d} here" for n in range(40, 45)]
    assert client.get(campaign.url, {"page": "abc"}).status_code == 200


def test_visitor_can_sort_by_most_votes_and_see_exact_counts(client, campaign):
    high = IdeaFactory(campaign=campaign, title="Many votes idea", vote_count=3)
    low = IdeaFactory(campaign=campaign, title="Few votes idea", vote_count=1)
    Vote.objects.create(idea=low, voter=UserFactory())
    for _ in range(3):
        Vote.objects.create(idea=high, voter=UserFactory())
    response = client.get(campaign.url, {"sort": "votes"})
    assert titles(response) == ["Many votes idea", "Few votes idea"]
    html = response.content.decode()
    assert "<strong>3</strong> votes" in html and "<strong>1</strong> vote" in html
    assert titles(client.get(campaign.url, {"sort": "newest"})) == ["Few votes idea", "Many votes idea"]


def test_visitor_can_sort_by_trending(client, campaign):
    old_favourite = IdeaFactory(campaign=campaign, title="Old favourite", vote_count=2)
    rising = IdeaFactory(campaign=campaign, title="Rising idea", vote_count=1)
    for _ in range(2):
        Vote.objects.create(idea=old_favourite, voter=UserFactory(), created_at=timezone.now() - timedelta(days=30))
    Vote.objects.create(idea=rising, voter=UserFactory())
    assert titles(client.get(campaign.url, {"sort": "trending"})) == ["Rising idea", "Old favourite"]
    assert titles(client.get(campaign.url, {"sort": "votes"})) == ["Old favourite", "Rising idea"]


def test_visitor_can_filter_by_status_and_tag(client, campaign):
    open_idea = IdeaFactory(campaign=campaign, title="Still open idea")
    open_idea.tags.set(["parks"])
    IdeaFactory(campaign=campaign, title="Adopted idea", status=IdeaStatus.ADOPTED)
    assert titles(client.get(campaign.url, {"status": "adopted"})) == ["Adopted idea"]
    assert titles(client.get(campaign.url, {"tag": "parks"})) == ["Still open idea"]
    assert titles(client.get(campaign.url, {"status": "bogus"})) != []  # bad input: defaults, no error


def test_visitor_sees_a_submit_button_only_when_the_campaign_is_open(client, campaign):
    assert "Submit an idea" in client.get(campaign.url).content.decode()
    closed = make_campaign(
        title="Old campaign", opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=1)
    )
    html = client.get(closed.url).content.decode()
    assert "Submit an idea" not in html
    assert "Closed" in html


def test_visitor_sees_campaigns_listed_general_first(client, general):
    make_campaign(title="Aardvark campaign")
    html = client.get("/campaigns/").content.decode()
    assert html.index(general.title) < html.index("Aardvark campaign")
    assert "Open" in html
