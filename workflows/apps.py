import logging

from django.apps import AppConfig

logger = logging.getLogger(__name__)


class WorkflowsConfig(AppConfig):
    name = "workflows"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ideas.signals import idea_selected_for_review
        from review.signals import additional_answer_requested

        idea_selected_for_review.connect(on_idea_selected, dispatch_uid="workflows.start_review")
        additional_answer_requested.connect(on_additional_answer_requested, dispatch_uid="workflows.additional_answer")


def on_idea_selected(sender, idea, **kwargs) -> None:
    """Start the review process (exactly once). Runs after the vote's commit: never break the vote.

    If this fails, `manage.py review_sweep` starts the review later.
    """
    from workflows.services import review_start

    try:
        review_start(idea=idea)
    except Exception:
        logger.exception("Could not start the review of idea %s; review_sweep will retry", idea.pk)


def on_additional_answer_requested(sender, request, **kwargs) -> None:
    from workflows.services import additional_answer_start

    try:
        additional_answer_start(request=request)
    except Exception:
        logger.exception("Could not start the additional answer %s; review_sweep will retry", request.pk)
