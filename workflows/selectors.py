"""Reads of the workflow state used by the public review and the staff pages."""

from __future__ import annotations

from ideas.models import Idea
from review.public import MergedInto, ReviewStage
from workflows.models import IdeaReviewProcess, Stage


def idea_review_stage(idea: Idea) -> ReviewStage | None:
    """Where the idea's review stands, for `review.public` (registered in WorkflowsConfig.ready())."""
    process = IdeaReviewProcess.objects.filter(idea_id=idea.pk).select_related("merge_target").first()
    if process is None:
        return None
    merged_into = None
    if process.stage == Stage.MERGED and process.merge_target_id:
        target = process.merge_target
        merged_into = MergedInto(id=target.pk, title=target.title, url=target.get_absolute_url())
    return ReviewStage(
        stage=process.stage,
        stage_label=str(Stage(process.stage).label),
        office=process.office_label,
        since=process.stage_since,
        started_at=process.created,
        merged_into=merged_into,
        out_of_scope_reason=process.out_of_scope_reason if process.stage == Stage.OUT_OF_SCOPE else "",
    )
