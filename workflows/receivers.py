"""The workflow's answers to domain events (imported in WorkflowsConfig.ready()).

Both events are sent after commit (core.signals), so a failure here never breaks the
vote or the citizen's request; `manage.py review_sweep` starts whatever was missed.
"""

from __future__ import annotations

import logging

from django.dispatch import receiver

from ideas.signals import idea_selected_for_review
from review.signals import additional_answer_requested
from workflows.services import additional_answer_start, review_start

logger = logging.getLogger(__name__)


@receiver(idea_selected_for_review, dispatch_uid="workflows.start_review")
def on_idea_selected(sender, idea, **kwargs) -> None:
    """Start the review process (exactly once)."""
    try:
        review_start(idea=idea)
    except Exception:
        logger.exception("Could not start the review of idea %s; review_sweep will retry", idea.pk)


@receiver(additional_answer_requested, dispatch_uid="workflows.additional_answer")
def on_additional_answer_requested(sender, request, **kwargs) -> None:
    try:
        additional_answer_start(request=request)
    except Exception:
        logger.exception("Could not start the additional answer %s; review_sweep will retry", request.pk)
