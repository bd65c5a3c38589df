"""Starting the review processes (exactly once); the app's one service module.

The task actions (`screening_submit`, `review_submit`, `review_recuse`, `review_replace`,
`decision_submit`, `additional_answer_submit`, claiming and releasing) live in
workflows/tasks.py, which the task views import and which therefore must not import
flows.py; they are re-exported here so callers need one module.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from ideas.models import Idea, IdeaStatus
from review.models import AdditionalAnswerRequest
from workflows.flows import AdditionalAnswerFlow, IdeaReviewFlow
from workflows.models import AdditionalAnswerProcess, IdeaReviewProcess
from workflows.tasks import (
    additional_answer_submit,
    decision_submit,
    review_recuse,
    review_replace,
    review_submit,
    screening_submit,
    task_claim,
    task_release,
)

__all__ = [
    "additional_answer_start",
    "additional_answer_submit",
    "decision_submit",
    "review_recuse",
    "review_replace",
    "review_start",
    "review_submit",
    "reviews_sweep",
    "screening_submit",
    "task_claim",
    "task_release",
]


def review_start(*, idea: Idea) -> IdeaReviewProcess | None:
    """Start the review of a selected idea, exactly once. Returns the idea's process.

    Idempotent: a second delivery of the threshold event finds the existing process;
    two racing deliveries are settled by the unique idea link (IntegrityError).
    """
    idea = Idea.objects.get(pk=idea.pk)
    if idea.status != IdeaStatus.IN_REVIEW:
        return IdeaReviewProcess.objects.filter(idea=idea).first()
    existing = IdeaReviewProcess.objects.filter(idea=idea).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return IdeaReviewFlow.start.run(idea=idea)
    except IntegrityError:
        return IdeaReviewProcess.objects.get(idea=idea)


def additional_answer_start(*, request: AdditionalAnswerRequest) -> AdditionalAnswerProcess:
    existing = AdditionalAnswerProcess.objects.filter(request=request).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return AdditionalAnswerFlow.start.run(request=request)
    except IntegrityError:
        return AdditionalAnswerProcess.objects.get(request=request)


def reviews_sweep() -> dict[str, int]:
    """Start every review (and additional answer) that a crash left unstarted."""
    started = answers = 0
    for idea in Idea.objects.filter(status=IdeaStatus.IN_REVIEW, review_process__isnull=True).iterator():
        if review_start(idea=idea) is not None:
            started += 1
    for request in AdditionalAnswerRequest.objects.filter(process__isnull=True, answered_at__isnull=True).iterator():
        additional_answer_start(request=request)
        answers += 1
    return {"reviews_started": started, "answers_started": answers}
