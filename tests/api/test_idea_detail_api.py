"""GET /api/v1/ideas/{id}: the full idea, its timeline, exact votes and the public review."""

from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from ideas.models import IdeaStatus
from ideas.moderation import idea_hide
from ideas.services import follow_set, idea_submit
from ideas.voting import vote_cast, vote_withdraw
from review.public import idea_public_review
from review.schemas import PublicReviewOut
from tests.factories import IdeaFactory, UserFactory, make_campaign

pytestmark = pytest.mark.django_db


def test_visitor_can_read_an_idea_with_its_timeline_and_exact_votes(api_client, django_capture_on_commit_callbacks):
    author = UserFactory()
    idea = idea_submit(
        campaign=make_campaign(vote_threshold=3),
        author=author,
        title="Night buses on weekends",
        body="Run the main bus lines until 3 am on Fridays and Saturdays.",
        tags=["buses"],
    )
    voters = UserFactory.create_batch(4)
    for voter in voters:
        with django_capture_on_commit_callbacks(execute=True):
            vote_cast(idea=idea, voter=voter)
    for voter in voters[:2]:
        with django_capture_on_commit_callbacks(execute=True):
            vote_withdraw(idea=idea, voter=voter)

    response = api_client().get(f"/api/v1/ideas/{idea.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["votes"] == 2  # 4 cast, 2 withdrawn; selected at 3 and stays in review
    assert body["status"] == "in_review"
    assert body["selected_at"] is not None
    assert body["author"] == author.username
    assert body["body"].startswith("Run the main bus lines")
    assert body["channel"] == "web"
    assert body["tags"] == ["buses"]
    assert body["images"] == []
    assert body["voted"] is False and body["following"] is False
    # The review workflow may add its own lines after these.
    assert [(e["kind"], e["from_status"], e["to_status"]) for e in body["timeline"]][:2] == [
        ("submitted", "", "open"),
        ("selected", "open", "in_review"),
    ]
    assert body["timeline"][1]["kind_label"] == "Selected for expert review"
    assert all(e["office"] and e["at"] for e in body["timeline"])
    # Once selected, the review summary is whatever review.public says, in its declared schema.
    summary = PublicReviewOut.from_orm(idea_public_review(idea)).model_dump()
    assert body["review"] == json.loads(json.dumps(summary, cls=DjangoJSONEncoder))
    assert body["review"]["stage"] == "screening"
    for key in ("created_at", "updated_at", "url", "campaign", "department"):
        assert key in body


def test_visitor_can_see_no_review_before_the_idea_is_selected(api_client, idea, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(idea=idea, voter=UserFactory())

    body = api_client().get(f"/api/v1/ideas/{idea.pk}").json()

    assert body["status"] == "open"
    assert body["votes"] == 1
    assert body["review"] is None


def test_citizen_can_see_that_they_voted_and_follow(api_client, idea):
    voter = UserFactory()
    vote_cast(idea=idea, voter=voter)
    follow_set(idea=idea, user=voter, following=True)

    body = api_client(voter).get(f"/api/v1/ideas/{idea.pk}").json()

    assert body["voted"] is True and body["following"] is True and body["votes"] == 1


def test_citizen_cannot_read_a_hidden_or_withdrawn_idea(api_client, citizen, moderator):
    hidden = IdeaFactory()
    idea_hide(idea=hidden, moderator=moderator, reason="Personal data")
    withdrawn = IdeaFactory(status=IdeaStatus.WITHDRAWN)

    for idea in (hidden, withdrawn):
        for client in (api_client(), api_client(citizen), api_client(idea.author)):
            response = client.get(f"/api/v1/ideas/{idea.pk}")
            assert response.status_code == 404
            assert response.json() == {"detail": "Not found."}


def test_moderator_can_read_a_hidden_idea(api_client, moderator):
    hidden = IdeaFactory()
    idea_hide(idea=hidden, moderator=moderator, reason="Personal data")

    response = api_client(moderator).get(f"/api/v1/ideas/{hidden.pk}")

    assert response.status_code == 200
    assert response.json()["timeline"][-1]["kind"] == "hidden"
