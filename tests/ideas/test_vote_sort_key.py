"""The vote sort key follows the vote rows; the sweep reconciles it when it lags."""

from __future__ import annotations

import pytest

from ideas import selectors
from ideas.models import Idea, Vote
from ideas.voting import ideas_sweep, vote_cast, vote_withdraw
from tests.factories import IdeaFactory, UserFactory

pytestmark = pytest.mark.django_db


def sort_keys(*ideas: Idea) -> list[int]:
    return [Idea.objects.get(pk=i.pk).vote_count for i in ideas]


def test_citizen_can_move_an_idea_up_the_most_voted_list(general, django_capture_on_commit_callbacks):
    older, newer = IdeaFactory(campaign=general), IdeaFactory(campaign=general)
    voter = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(idea=older, voter=voter)
    assert sort_keys(older, newer) == [1, 0]
    assert list(selectors.ideas_for_list(sort="votes")) == [older, newer]

    with django_capture_on_commit_callbacks(execute=True):
        vote_withdraw(idea=older, voter=voter)
    assert sort_keys(older, newer) == [0, 0]
    assert list(selectors.ideas_for_list(sort="votes")) == [newer, older]


def test_sweep_can_reconcile_sort_keys_that_drifted_from_the_rows(general):
    quiet, popular = IdeaFactory(campaign=general), IdeaFactory(campaign=general)
    Vote.objects.bulk_create([Vote(idea=popular, voter=UserFactory()) for _ in range(3)])
    Idea.objects.filter(pk=quiet.pk).update(vote_count=7)  # stale: no rows behind it
    # The displayed counts never drift, even before the sweep.
    assert {i.pk: i.votes for i in selectors.ideas_for_list()} == {quiet.pk: 0, popular.pk: 3}

    assert ideas_sweep() == {"selected": 0, "refreshed": 2}

    assert sort_keys(quiet, popular) == [0, 3]
    assert list(selectors.ideas_for_list(sort="votes")) == [popular, quiet]
    assert ideas_sweep() == {"selected": 0, "refreshed": 0}
