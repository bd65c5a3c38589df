"""Voting and unvoting are idempotent: repeats change nothing and do not fail."""

from __future__ import annotations

import pytest

from ideas import selectors
from ideas.models import Vote
from ideas.voting import vote_cast, vote_withdraw

pytestmark = pytest.mark.django_db


def test_citizen_cannot_vote_twice_for_the_same_idea(idea, other_citizen):
    first, created_first = vote_cast(idea=idea, voter=other_citizen)
    again, created_again = vote_cast(idea=idea, voter=other_citizen)

    assert (created_first, created_again) == (True, False)
    assert again.pk == first.pk
    assert Vote.objects.filter(idea=idea).count() == 1
    assert selectors.idea_for_detail(idea_id=idea.pk).votes == 1


def test_citizen_can_withdraw_a_vote_twice_without_error(idea, other_citizen):
    vote_cast(idea=idea, voter=other_citizen)

    assert vote_withdraw(idea=idea, voter=other_citizen) is True
    assert vote_withdraw(idea=idea, voter=other_citizen) is False
    assert not Vote.objects.exists()
    assert selectors.idea_for_detail(idea_id=idea.pk).votes == 0


def test_citizen_can_vote_again_after_withdrawing(idea, other_citizen):
    vote_cast(idea=idea, voter=other_citizen)
    vote_withdraw(idea=idea, voter=other_citizen)

    _, created = vote_cast(idea=idea, voter=other_citizen)

    assert created
    assert selectors.user_has_voted(idea, other_citizen)
    assert [i.votes for i in selectors.ideas_for_list()] == [1]


def test_citizen_can_unvote_an_idea_they_never_voted_for(idea, other_citizen):
    assert vote_withdraw(idea=idea, voter=other_citizen) is False
    assert not selectors.user_has_voted(idea, other_citizen)
