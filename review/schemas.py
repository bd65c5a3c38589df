"""The API's shape of an idea's public review: `PublicReviewOut` mirrors `review.public.PublicReview`.

Build it with `PublicReviewOut.from_orm(idea_public_review(idea))` (or let ninja
validate the dataclass): every field is documented in the OpenAPI schema.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field


class MergedIntoOut(Schema):
    id: int = Field(..., description="The earlier idea this one was merged into.")
    title: str
    url: str = Field(..., description="The earlier idea's page (path).")


class VerdictOut(Schema):
    outcome: str = Field(..., description="`adopted`, `partially_adopted` or `not_adopted`.")
    outcome_label: str
    reasoning_necessity: str
    reasoning_effectiveness: str
    reasoning_feasibility: str
    budget: int | None = Field(
        ...,
        description="Required budget in Korean won (KRW), a whole number; null for a rejection "
        "or a verdict that needs no budget.",
    )
    grounds: list[str] = Field(..., description="Grounds for not (fully) adopting: validity, effectiveness, …")
    grounds_labels: list[str]
    grounds_explanation: str
    decided_at: datetime
    published_at: datetime
    department: str = Field(..., description="The deciding department's name.")


class PanelScoresOut(Schema):
    necessity: float | None
    effectiveness: float | None
    feasibility: float | None
    budget_realism: float | None
    creativity: float | None
    overall: float | None = Field(..., description="Mean of the criteria averages.")
    count: int = Field(..., description="Submitted reviews of this panel.")
    panel: str = Field(..., description="The panel's name.")


class ScoresOut(Schema):
    internal: PanelScoresOut
    external: PanelScoresOut


class ImplementationOut(Schema):
    status: str = Field(..., description="`planned`, `in_progress` or `completed`.")
    status_label: str
    notes: str
    updated_at: datetime | None


class RatingOut(Schema):
    average: float | None = Field(..., description="Citizens' mean rating of the answer, 1-5.")
    count: int


class AdditionalAnswerOut(Schema):
    question: str
    answer: str
    asked_at: datetime
    answered_at: datetime


class PublicReviewOut(Schema):
    stage: str = Field(
        ...,
        description="`screening`, `panel_review`, `awaiting_decision`, `published`, `merged` or `out_of_scope`.",
    )
    stage_label: str
    office: str = Field(..., description="The office holding the idea now.")
    since: datetime = Field(..., description="When the idea entered this stage.")
    started_at: datetime = Field(..., description="When the review started.")
    verdict: VerdictOut | None = Field(..., description="The published verdict; null before publication.")
    scores: ScoresOut | None = Field(..., description="Panel averages, published with the verdict.")
    implementation: ImplementationOut | None
    rating: RatingOut
    merged_into: MergedIntoOut | None
    out_of_scope_reason: str
    additional_answers: list[AdditionalAnswerOut]
