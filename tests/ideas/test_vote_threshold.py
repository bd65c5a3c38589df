"""Crossing the campaign's vote threshold selects an idea for expert review, exactly once."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from ideas import selectors
from ideas.models import Idea, IdeaStatus, TimelineEvent, Vote
from ideas.moderation import idea_hide, idea_restore
from ideas.signals import idea_selected_for_review
from ideas.voting import ideas_sweep, vote_cast, vote_withdraw
from tests.factories import IdeaFactory, UserFactory, make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def vote(django_capture_on_commit_callbacks):
    """vote(idea, voter=None): cast a vote and run its after-commit work, as a request would."""

    def cast(idea: Idea, voter=None):
        with django_capture_on_commit_callbacks(execute=True):
            return vote_cast(idea=idea, voter=voter or UserFactory())

    return cast


@pytest.fixture
def selections():
    received: list[Idea] = []

    def receiver(sender, idea, **kwargs):
        received.append(idea)

    idea_selected_for_review.connect(receiver, dispatch_uid="test_vote_threshold")
    yield received
    idea_selected_for_review.disconnect(dispatch_uid="test_vote_threshold")


def status_of(idea: Idea) -> str:
    return Idea.objects.get(pk=idea.pk).status


def test_citizens_can_select_an_idea_for_review_with_the_default_threshold_of_ten(general, vote, settings):
    assert settings.OASIS_REVIEW_THRESHOLD == 10 and general.vote_threshold is None
    idea = IdeaFactory(campaign=general)
    for _ in range(9):
        vote(idea)
    assert status_of(idea) == IdeaStatus.OPEN

    vote(idea)

    assert status_of(idea) == IdeaStatus.IN_REVIEW
    assert Idea.objects.get(pk=idea.pk).selected_at is not None


def test_citizens_can_select_an_idea_at_the_campaigns_own_threshold(vote):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=3))
    vote(idea)
    vote(idea)
    assert status_of(idea) == IdeaStatus.OPEN

    vote(idea)

    assert status_of(idea) == IdeaStatus.IN_REVIEW


def test_citizens_can_select_an_idea_at_the_site_threshold_when_it_is_configured(general, vote, settings):
    settings.OASIS_REVIEW_THRESHOLD = 2
    idea = IdeaFactory(campaign=general)

    vote(idea)
    vote(idea)

    assert status_of(idea) == IdeaStatus.IN_REVIEW


def test_author_cannot_help_their_own_idea_reach_the_threshold(vote):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=2))
    vote(idea)
    with pytest.raises(PermissionDenied):
        vote(idea, idea.author)

    assert status_of(idea) == IdeaStatus.OPEN
    assert idea.votes == 1


def test_citizens_cannot_select_an_idea_twice_when_votes_keep_coming(vote, selections):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=2))

    for _ in range(5):
        vote(idea)

    assert [i.pk for i in selections] == [idea.pk]
    assert idea.timeline.filter(kind=TimelineEvent.Kind.SELECTED).count() == 1


def test_citizens_cannot_unselect_an_idea_by_withdrawing_their_votes(
    vote, selections, django_capture_on_commit_callbacks
):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=3))
    voters = [UserFactory() for _ in range(3)]
    for voter in voters:
        vote(idea, voter)
    assert status_of(idea) == IdeaStatus.IN_REVIEW

    for voter in voters[:2]:
        with django_capture_on_commit_callbacks(execute=True):
            vote_withdraw(idea=Idea.objects.get(pk=idea.pk), voter=voter)
    vote(idea, voters[0])  # back to the threshold: not a second selection

    assert status_of(idea) == IdeaStatus.IN_REVIEW
    assert selectors.idea_for_detail(idea_id=idea.pk).votes == 2  # the display follows the rows
    assert len(selections) == 1
    assert idea.timeline.filter(kind=TimelineEvent.Kind.SELECTED).count() == 1


def test_idea_selected_for_review_signal_is_sent_once_after_commit(vote, selections):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=1))

    vote(idea)

    assert len(selections) == 1
    sent = selections[0]
    assert (sent.pk, sent.status) == (idea.pk, IdeaStatus.IN_REVIEW)


def test_idea_selected_for_review_signal_is_not_sent_when_the_vote_rolls_back(selections):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=1))

    class Boom(Exception):
        """Raised inside the transaction to roll the vote back."""

    with pytest.raises(Boom), transaction.atomic():
        vote_cast(idea=idea, voter=UserFactory())
        raise Boom

    assert selections == []
    assert status_of(idea) == IdeaStatus.OPEN
    assert idea.votes == 0


def test_citizen_can_vote_when_a_selection_subscriber_fails(vote, caplog):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=1))

    def broken(sender, idea, **kwargs):
        raise RuntimeError("review engine down")

    idea_selected_for_review.connect(broken, dispatch_uid="test_broken_receiver")
    try:
        _, created = vote(idea)
    finally:
        idea_selected_for_review.disconnect(dispatch_uid="test_broken_receiver")

    assert created
    assert status_of(idea) == IdeaStatus.IN_REVIEW
    assert "review engine down" in caplog.text


def test_hidden_idea_cannot_be_selected_until_a_moderator_restores_it(moderator):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=2))
    idea_hide(idea=idea, moderator=moderator, reason="Spam")
    # Votes on hidden ideas are refused; these two predate the hiding.
    Vote.objects.bulk_create([Vote(idea=idea, voter=UserFactory()) for _ in range(2)])

    assert ideas_sweep()["selected"] == 0
    assert status_of(idea) == IdeaStatus.OPEN

    idea_restore(idea=idea, moderator=moderator)

    assert ideas_sweep()["selected"] == 1
    assert status_of(idea) == IdeaStatus.IN_REVIEW
