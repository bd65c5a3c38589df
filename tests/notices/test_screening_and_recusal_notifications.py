"""Coordinators hear that an idea needs screening and that a reviewer recused."""

from __future__ import annotations

import pytest

from ideas.voting import vote_cast
from notices.models import Kind
from tests.factories import IdeaFactory, UserFactory, make_campaign
from tests.notices.helpers import inbox_of, recipients_of
from workflows.services import review_recuse

pytestmark = pytest.mark.django_db


def test_coordinators_can_hear_that_a_selected_idea_needs_screening(django_capture_on_commit_callbacks, coordinator):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=1), title="Free water refills")
    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(idea=idea, voter=UserFactory())
    assert recipients_of(Kind.SCREENING_NEEDED) == {coordinator.pk}
    [email] = inbox_of(coordinator)
    assert "“Free water refills” was selected for review and needs screening." in email.body


def test_coordinators_can_hear_that_a_reviewer_recused(review_world, django_capture_on_commit_callbacks):
    w = review_world
    w.screen_for_review()
    conflicted = w.internal[0]
    with django_capture_on_commit_callbacks(execute=True):
        review_recuse(task=w.review_task_of(conflicted), user=conflicted.user, reason="I advised the author.")
    assert recipients_of(Kind.REVIEWER_RECUSED) == {w.coordinator.pk}
    assert conflicted.user.pk not in recipients_of(Kind.REVIEWER_RECUSED)
