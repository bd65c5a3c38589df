"""Partially adopted and not adopted verdicts; a rejection must name its grounds."""

import pytest
from django.core.exceptions import ValidationError

from ideas.models import IdeaStatus
from review.models import Decision
from review.public import idea_public_review
from tests.workflows.helpers import open_tasks
from tests.world import make_world
from workflows.flows import IdeaReviewFlow
from workflows.models import Stage

pytestmark = pytest.mark.django_db


def _ready_for_decision():
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    return w


def test_department_can_partially_adopt_an_idea():
    w = _ready_for_decision()
    w.decide(outcome="partially_adopted", grounds=["budget"], grounds_explanation="Only the first phase is funded.")
    assert w.idea.status == IdeaStatus.PARTIALLY_ADOPTED
    public = idea_public_review(w.idea)
    assert public.verdict.outcome == "partially_adopted"
    assert public.implementation.status == "planned"


def test_department_can_reject_an_idea_naming_its_grounds():
    w = _ready_for_decision()
    w.decide(
        outcome="not_adopted",
        budget="0",
        grounds=["ordinances", "budget"],
        grounds_explanation="The city ordinance on parks forbids this; no budget line exists.",
    )
    assert w.idea.status == IdeaStatus.NOT_ADOPTED
    public = idea_public_review(w.idea)
    assert public.verdict.grounds == ["ordinances", "budget"]
    assert "ordinance" in public.verdict.grounds_explanation
    assert public.implementation is None
    assert w.process.stage == Stage.PUBLISHED


def test_department_cannot_reject_without_grounds():
    w = _ready_for_decision()
    with pytest.raises(ValidationError) as exc:
        w.decide(outcome="not_adopted", grounds=[], grounds_explanation="")
    assert "grounds" in exc.value.message_dict
    w.reload()
    assert w.idea.status == IdeaStatus.IN_REVIEW
    assert not Decision.objects.exists()
    assert len(open_tasks(w.process, IdeaReviewFlow.decide)) == 1
    # the failed attempt left the task unclaimed, as it was
    assert open_tasks(w.process, IdeaReviewFlow.decide)[0].owner is None


def test_department_cannot_publish_a_verdict_with_a_negative_budget():
    w = _ready_for_decision()
    with pytest.raises(ValidationError) as exc:
        w.decide(budget="-5")
    assert "budget" in exc.value.message_dict
    w.reload()
    assert w.idea.status == IdeaStatus.IN_REVIEW
