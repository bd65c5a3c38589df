"""Who may vote, on what: the rules vote_cast and vote_withdraw enforce."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ideas.models import Idea, IdeaStatus, Vote
from ideas.moderation import idea_hide
from ideas.voting import vote_cast, vote_withdraw
from tests.factories import IdeaFactory, make_campaign

pytestmark = pytest.mark.django_db


def test_citizen_can_vote_for_someone_elses_idea(idea, other_citizen):
    vote, created = vote_cast(idea=idea, voter=other_citizen)

    assert created
    assert (vote.idea, vote.voter) == (idea, other_citizen)
    assert idea.votes == 1


def test_author_cannot_vote_for_their_own_idea(idea, citizen):
    with pytest.raises(PermissionDenied):
        vote_cast(idea=idea, voter=citizen)

    assert not Vote.objects.exists()


def test_anonymous_visitor_cannot_vote(idea):
    with pytest.raises(PermissionDenied):
        vote_cast(idea=idea, voter=AnonymousUser())
    with pytest.raises(PermissionDenied):
        vote_withdraw(idea=idea, voter=AnonymousUser())

    assert not Vote.objects.exists()


def test_inactive_citizen_cannot_vote(idea, other_citizen):
    other_citizen.is_active = False
    other_citizen.save()

    with pytest.raises(PermissionDenied):
        vote_cast(idea=idea, voter=other_citizen)


def test_citizen_cannot_vote_when_the_campaign_has_closed(other_citizen):
    now = timezone.now()
    closed = make_campaign(title="Past", opens_at=now - timedelta(days=30), closes_at=now - timedelta(minutes=1))
    idea = IdeaFactory(campaign=closed)

    with pytest.raises(ValidationError) as exc:
        vote_cast(idea=idea, voter=other_citizen)

    assert exc.value.code == "campaign_closed"
    assert not Vote.objects.exists()


def test_citizen_cannot_vote_when_the_idea_is_hidden(idea, other_citizen, moderator):
    idea_hide(idea=idea, moderator=moderator, reason="Personal data in the text")

    with pytest.raises(ValidationError) as exc:
        vote_cast(idea=idea, voter=other_citizen)

    assert exc.value.code == "idea_unavailable"
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (IdeaStatus.WITHDRAWN, "idea_unavailable"),
        (IdeaStatus.ADOPTED, "voting_closed"),
        (IdeaStatus.NOT_ADOPTED, "voting_closed"),
        (IdeaStatus.MERGED, "voting_closed"),
        (IdeaStatus.ARCHIVED, "voting_closed"),
    ],
)
def test_citizen_cannot_vote_when_the_idea_is_no_longer_votable(idea, other_citizen, status, code):
    Idea.objects.filter(pk=idea.pk).update(status=status)
    idea.refresh_from_db()

    with pytest.raises(ValidationError) as exc:
        vote_cast(idea=idea, voter=other_citizen)

    assert exc.value.code == code
    assert not Vote.objects.exists()


def test_citizen_can_vote_when_the_idea_is_in_review(idea, other_citizen):
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.IN_REVIEW, selected_at=timezone.now())
    idea.refresh_from_db()

    _, created = vote_cast(idea=idea, voter=other_citizen)

    assert created
    assert idea.votes == 1


def test_citizen_cannot_withdraw_a_vote_when_the_idea_was_decided(idea, other_citizen):
    vote_cast(idea=idea, voter=other_citizen)
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.ADOPTED)
    idea.refresh_from_db()

    with pytest.raises(ValidationError):
        vote_withdraw(idea=idea, voter=other_citizen)

    assert idea.votes == 1
