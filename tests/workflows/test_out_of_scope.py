"""Closing as out of the city's scope, with a public reason."""

import pytest
from django.core.exceptions import ValidationError

from ideas.models import IdeaStatus
from review.public import idea_public_review
from tests.workflows.helpers import open_task
from tests.world import make_world
from workflows.flows import IdeaReviewFlow
from workflows.models import ScreeningOutcome, Stage
from workflows.services import screening_submit

pytestmark = pytest.mark.django_db

REASON = "Railway timetables are set by the national operator, not by the city."


def test_coordinator_can_close_an_idea_as_out_of_scope_with_a_public_reason():
    w = make_world()
    screening_submit(
        task=open_task(w.process, IdeaReviewFlow.screen),
        user=w.coordinator,
        outcome=ScreeningOutcome.OUT_OF_SCOPE,
        reason=REASON,
    )
    w.reload()
    assert w.idea.status == IdeaStatus.OUT_OF_SCOPE
    assert w.process.stage == Stage.OUT_OF_SCOPE
    assert w.process.status == "DONE"
    assert w.idea.timeline.filter(to_status="out_of_scope", note=REASON, office="Review coordinators").exists()
    assert idea_public_review(w.idea).out_of_scope_reason == REASON


def test_coordinator_cannot_close_as_out_of_scope_without_a_reason():
    w = make_world()
    with pytest.raises(ValidationError) as exc:
        screening_submit(
            task=open_task(w.process, IdeaReviewFlow.screen),
            user=w.coordinator,
            outcome=ScreeningOutcome.OUT_OF_SCOPE,
            reason="  ",
        )
    assert "reason" in exc.value.message_dict
    w.reload()
    assert w.idea.status == IdeaStatus.IN_REVIEW
    assert w.process.stage == Stage.SCREENING
