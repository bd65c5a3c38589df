"""Citizens vote and take back votes through the buttons on the idea page (and the JSON enhancement)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideas.models import IdeaStatus, Vote
from ideas.moderation import idea_hide
from tests.factories import IdeaFactory, UserFactory, make_campaign

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def test_citizen_can_vote_and_take_the_vote_back(client_for, idea, other_citizen):
    client = client_for(other_citizen)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Vote for this idea" in page
    response = client.post(reverse("ideas:idea-vote", args=[idea.pk]), follow=True)
    assert response.redirect_chain[-1][0] == idea.get_absolute_url()
    assert Vote.objects.filter(idea=idea, voter=other_citizen).count() == 1
    html = response.content.decode()
    assert "Thank you for your vote." in html
    assert '<strong data-vote-count aria-live="polite">1</strong>' in html
    assert "Take back my vote" in html

    response = client.post(reverse("ideas:idea-unvote", args=[idea.pk]), follow=True)
    assert not Vote.objects.filter(idea=idea).exists()
    html = response.content.decode()
    assert "Your vote was taken back." in html
    assert '<strong data-vote-count aria-live="polite">0</strong>' in html


def test_citizen_can_click_vote_twice_without_harm(client_for, idea, other_citizen):
    client = client_for(other_citizen)
    url = reverse("ideas:idea-vote", args=[idea.pk])
    client.post(url)
    client.post(url)
    assert Vote.objects.filter(idea=idea).count() == 1


def test_citizen_gets_json_when_the_script_votes(client_for, idea, other_citizen):
    client = client_for(other_citizen)
    response = client.post(reverse("ideas:idea-vote", args=[idea.pk]), **JSON)
    assert response.status_code == 200
    assert response.json() == {"votes": 1, "votes_display": "1", "votes_label": "vote", "voted": True}
    response = client.post(reverse("ideas:idea-vote", args=[idea.pk]), **JSON)
    assert response.json()["votes"] == 1 and response.json()["voted"] is True
    response = client.post(reverse("ideas:idea-unvote", args=[idea.pk]), **JSON)
    assert response.json() == {"votes": 0, "votes_display": "0", "votes_label": "votes", "voted": False}


def test_author_cannot_vote_for_own_idea(client_for, idea, citizen):
    client = client_for(citizen)
    assert "you cannot vote for your own idea" in client.get(idea.get_absolute_url()).content.decode()
    response = client.post(reverse("ideas:idea-vote", args=[idea.pk]), follow=True)
    assert "You cannot vote for your own idea." in response.content.decode()
    assert not Vote.objects.exists()
    json_response = client.post(reverse("ideas:idea-vote", args=[idea.pk]), **JSON)
    assert json_response.status_code == 403
    assert json_response.json()["votes"] == 0
    assert not Vote.objects.exists()


def test_visitor_cannot_vote_and_is_sent_to_sign_in(client, idea):
    response = client.post(reverse("ideas:idea-vote", args=[idea.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Vote.objects.exists()
    assert "Sign in to vote" in client.get(idea.get_absolute_url()).content.decode()


def test_citizen_cannot_vote_when_the_campaign_has_closed(client_for, other_citizen):
    closed = make_campaign(
        title="Closed campaign",
        opens_at=timezone.now() - timedelta(days=20),
        closes_at=timezone.now() - timedelta(days=1),
    )
    idea = IdeaFactory(campaign=closed)
    client = client_for(other_citizen)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "The campaign is closed, so voting has ended." in page
    assert "Vote for this idea" not in page
    response = client.post(reverse("ideas:idea-vote", args=[idea.pk]), follow=True)
    assert "is not open" in response.content.decode()
    assert not Vote.objects.exists()


def test_citizen_cannot_vote_when_the_idea_is_hidden(client_for, idea, other_citizen, moderator):
    idea_hide(idea=idea, moderator=moderator, reason="Spam")
    response = client_for(other_citizen).post(reverse("ideas:idea-vote", args=[idea.pk]), follow=True)
    assert response.redirect_chain[-1][0] == idea.campaign.url
    assert "This idea is not available." in response.content.decode()
    assert not Vote.objects.exists()


def test_citizen_sees_voting_ended_when_the_idea_is_decided(client_for, other_citizen, campaign):
    idea = IdeaFactory(campaign=campaign, status=IdeaStatus.ADOPTED)
    client = client_for(other_citizen)
    assert "Voting has ended for this idea." in client.get(idea.get_absolute_url()).content.decode()
    client.post(reverse("ideas:idea-vote", args=[idea.pk]))
    assert not Vote.objects.exists()


def test_citizen_sees_the_exact_vote_count(client, idea):
    for _ in range(3):
        Vote.objects.create(idea=idea, voter=UserFactory())
    html = client.get(idea.get_absolute_url()).content.decode()
    assert '<strong data-vote-count aria-live="polite">3</strong>' in html
