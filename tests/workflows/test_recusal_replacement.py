"""An expert recuses; the coordinators replace them; the process continues."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ideas.models import IdeaStatus
from review.models import Review
from tests.workflows.helpers import open_task, open_tasks
from tests.world import make_world
from workflows.flows import IdeaReviewFlow
from workflows.models import Stage
from workflows.services import review_recuse, review_replace

pytestmark = pytest.mark.django_db


def test_expert_can_recuse_and_coordinator_can_replace_them():
    w = make_world()
    w.screen_for_review()
    conflicted, colleague, spare = w.external
    w.submit_review(w.internal[0])
    w.submit_review(w.internal[1])
    w.submit_review(colleague)
    review_recuse(task=w.review_task_of(conflicted), user=conflicted.user, reason="I advised the author last year.")
    w.reload()
    # the last open review was a recusal: the join must keep waiting
    assert w.process.stage == Stage.PANEL_REVIEW
    assert not open_tasks(w.process, IdeaReviewFlow.decide)
    replace_task = open_task(w.process, IdeaReviewFlow.replace_external)
    assert replace_task.owner is None  # in the coordinators' queue
    assert w.idea.timeline.filter(wording__contains="recused").exists()
    assert "advised" not in " ".join(e.note + e.wording_text for e in w.idea.timeline.all())

    new_review = review_replace(task=replace_task, user=w.coordinator, replacement=spare)
    assert new_review.expert == spare
    assert Review.objects.get(idea=w.idea, expert=conflicted).replaced_by == new_review
    assert open_task(w.process, IdeaReviewFlow.review_external).owner == spare.user

    w.submit_review(spare)
    w.reload()
    assert w.process.stage == Stage.AWAITING_DECISION
    w.decide()
    assert w.idea.status == IdeaStatus.ADOPTED
    assert Review.objects.filter(idea=w.idea, status=Review.Status.SUBMITTED).count() == 4


def test_expert_cannot_recuse_without_a_reason():
    w = make_world()
    w.screen_for_review()
    expert = w.internal[0]
    with pytest.raises(ValidationError):
        review_recuse(task=w.review_task_of(expert), user=expert.user, reason="")
    assert Review.objects.get(idea=w.idea, expert=expert).status == Review.Status.ASSIGNED


def test_coordinator_cannot_replace_with_an_expert_of_the_other_panel():
    w = make_world()
    w.screen_for_review()
    expert = w.internal[0]
    review_recuse(task=w.review_task_of(expert), user=expert.user, reason="Conflict of interest.")
    task = open_task(w.reload().process, IdeaReviewFlow.replace_internal)
    with pytest.raises(ValidationError):
        review_replace(task=task, user=w.coordinator, replacement=w.external[2])
    assert open_task(w.process, IdeaReviewFlow.replace_internal).pk == task.pk


def test_coordinator_cannot_reappoint_the_recused_expert():
    w = make_world()
    w.screen_for_review()
    expert = w.internal[0]
    review_recuse(task=w.review_task_of(expert), user=expert.user, reason="Conflict of interest.")
    task = open_task(w.reload().process, IdeaReviewFlow.replace_internal)
    with pytest.raises(ValidationError):
        review_replace(task=task, user=w.coordinator, replacement=expert)


def test_expert_cannot_replace_a_reviewer():
    w = make_world()
    w.screen_for_review()
    expert = w.internal[0]
    review_recuse(task=w.review_task_of(expert), user=expert.user, reason="Conflict of interest.")
    task = open_task(w.reload().process, IdeaReviewFlow.replace_internal)
    with pytest.raises(PermissionDenied):
        review_replace(task=task, user=w.internal[1].user, replacement=w.internal[2])
