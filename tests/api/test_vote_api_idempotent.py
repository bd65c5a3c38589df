"""POST/DELETE /api/v1/ideas/{id}/vote: idempotent, exact counts, the threshold rule."""

from __future__ import annotations

import pytest

from ideas.models import IdeaStatus, TimelineEvent, Vote
from tests.factories import IdeaFactory, UserFactory, make_campaign

pytestmark = pytest.mark.django_db


def test_citizen_can_vote_twice_and_it_counts_once(api_client, citizen, idea, django_capture_on_commit_callbacks):
    voter = api_client(UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        first = voter.post(f"/api/v1/ideas/{idea.pk}/vote")
    with django_capture_on_commit_callbacks(execute=True):
        again = voter.post(f"/api/v1/ideas/{idea.pk}/vote")

    assert first.status_code == 201
    assert again.status_code == 200
    assert first.json() == again.json() == {"votes": 1, "voted": True}
    assert Vote.objects.filter(idea=idea).count() == 1
    idea.refresh_from_db()
    assert idea.vote_count == 1


def test_citizen_can_withdraw_a_vote_twice(api_client, idea, django_capture_on_commit_callbacks):
    voter = UserFactory()
    other = UserFactory()
    Vote.objects.create(idea=idea, voter=other)
    client = api_client(voter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/api/v1/ideas/{idea.pk}/vote")

    with django_capture_on_commit_callbacks(execute=True):
        first = client.delete(f"/api/v1/ideas/{idea.pk}/vote")
    with django_capture_on_commit_callbacks(execute=True):
        again = client.delete(f"/api/v1/ideas/{idea.pk}/vote")

    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() == {"votes": 1, "voted": False}
    assert list(Vote.objects.filter(idea=idea).values_list("voter", flat=True)) == [other.pk]


def test_citizens_can_lift_an_idea_into_review_through_the_api(api_client, django_capture_on_commit_callbacks):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=2))
    for _n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client(UserFactory()).post(f"/api/v1/ideas/{idea.pk}/vote")
        assert response.status_code == 201

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.IN_REVIEW
    assert response.json() == {"votes": 3, "voted": True}
    assert idea.timeline.filter(kind=TimelineEvent.Kind.SELECTED).count() == 1


def test_citizen_cannot_vote_for_their_own_idea(api_client, citizen, idea):
    client = api_client(citizen)

    for method in (client.post, client.delete):
        response = method(f"/api/v1/ideas/{idea.pk}/vote")
        assert response.status_code == 403
        assert response.json()["detail"]
    assert not Vote.objects.exists()


def test_citizen_cannot_vote_once_voting_has_ended(api_client, idea):
    idea.status = IdeaStatus.NOT_ADOPTED
    idea.save()
    client = api_client(UserFactory())

    for method in (client.post, client.delete):
        response = method(f"/api/v1/ideas/{idea.pk}/vote")
        assert response.status_code == 409
        assert "ended" in response.json()["detail"]
    assert not Vote.objects.exists()
