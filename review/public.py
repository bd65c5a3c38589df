"""What the public (pages and API) may see of an idea's review: `idea_public_review(idea)`.

Offices and aggregates only: reviewers' identities, individual reviews and the reason
an expert recused never leave the staff pages. `review.schemas.PublicReviewOut` is the
API's mirror of `PublicReview`; `{% public_review idea %}` renders it on the idea page.

Where the review *stands* (stage, office, since when) is the workflow's state, and
review must not import the workflow. So review defines the shape (`ReviewStage`) and
the workflow contributes it: `stage_source_register()` from its AppConfig.ready().
Without a registered source no review has started, and the summary is None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Avg, Count

from ideas.models import Idea
from review.models import AdditionalAnswerRequest, AnswerRating, Decision, Panel
from review.selectors import panel_scores


@dataclass(frozen=True)
class MergedInto:
    id: int
    title: str
    url: str


@dataclass(frozen=True)
class ReviewStage:
    """The public state of an idea's review process, as the workflow reports it."""

    stage: str
    stage_label: str
    office: str
    since: datetime
    started_at: datetime
    merged_into: MergedInto | None = None
    out_of_scope_reason: str = ""


@dataclass(frozen=True)
class Verdict:
    outcome: str
    outcome_label: str
    reasoning_necessity: str
    reasoning_effectiveness: str
    reasoning_feasibility: str
    budget: int | None  # in won; None for a rejection or a verdict without a budget
    grounds: list[str]
    grounds_labels: list[str]
    grounds_explanation: str
    decided_at: datetime
    published_at: datetime
    department: str


@dataclass(frozen=True)
class PanelScores:
    """Average rubric scores (1-5) of one panel's submitted reviews."""

    necessity: float | None
    effectiveness: float | None
    feasibility: float | None
    budget_realism: float | None
    creativity: float | None
    overall: float | None
    count: int
    panel: str


@dataclass(frozen=True)
class Scores:
    internal: PanelScores
    external: PanelScores


@dataclass(frozen=True)
class Implementation:
    status: str
    status_label: str
    notes: str
    updated_at: datetime | None


@dataclass(frozen=True)
class Rating:
    average: float | None = None
    count: int = 0


@dataclass(frozen=True)
class AdditionalAnswer:
    question: str
    answer: str
    asked_at: datetime
    answered_at: datetime


@dataclass(frozen=True)
class PublicReview:
    """An idea's public review: where it stands, and once published the verdict and what followed."""

    stage: str
    stage_label: str
    office: str
    since: datetime
    started_at: datetime
    verdict: Verdict | None = None
    scores: Scores | None = None  # published with the verdict, never before
    implementation: Implementation | None = None
    rating: Rating = field(default_factory=Rating)
    merged_into: MergedInto | None = None
    out_of_scope_reason: str = ""
    additional_answers: list[AdditionalAnswer] = field(default_factory=list)


StageSource = Callable[[Idea], ReviewStage | None]
_stage_sources: list[StageSource] = []


def stage_source_register(source: StageSource) -> None:
    """Let the workflow report review stages (called once, from its AppConfig.ready())."""
    if source not in _stage_sources:
        _stage_sources.append(source)


def _stage_of(idea: Idea) -> ReviewStage | None:
    for source in _stage_sources:
        stage = source(idea)
        if stage is not None:
            return stage
    return None


def _panel_scores(idea: Idea) -> Scores:
    scores = panel_scores(idea)

    def one(kind: str) -> PanelScores:
        s = scores[kind]
        return PanelScores(
            necessity=s["necessity"],
            effectiveness=s["effectiveness"],
            feasibility=s["feasibility"],
            budget_realism=s["budget_realism"],
            creativity=s["creativity"],
            overall=s["overall"],
            count=s["count"],
            panel=str(Panel.Kind(kind).label),
        )

    return Scores(internal=one(Panel.Kind.INTERNAL), external=one(Panel.Kind.EXTERNAL))


def idea_public_review(idea: Idea) -> PublicReview | None:
    """Current stage, holder office, verdict and implementation status; None before review starts."""
    stage = _stage_of(idea)
    if stage is None:
        return None
    common = {
        "stage": stage.stage,
        "stage_label": stage.stage_label,
        "office": stage.office,
        "since": stage.since,
        "started_at": stage.started_at,
        "merged_into": stage.merged_into,
        "out_of_scope_reason": stage.out_of_scope_reason,
    }
    decision = Decision.objects.filter(idea_id=idea.pk, published_at__isnull=False).select_related("department").first()
    if decision is None:
        return PublicReview(**common)
    rating = AnswerRating.objects.filter(idea_id=idea.pk).aggregate(average=Avg("score"), count=Count("pk"))
    return PublicReview(
        **common,
        verdict=Verdict(
            outcome=decision.outcome,
            outcome_label=str(decision.get_outcome_display()),
            reasoning_necessity=decision.reasoning_necessity,
            reasoning_effectiveness=decision.reasoning_effectiveness,
            reasoning_feasibility=decision.reasoning_feasibility,
            budget=decision.budget_amount,
            grounds=list(decision.grounds),
            grounds_labels=decision.grounds_labels,
            grounds_explanation=decision.grounds_explanation,
            decided_at=decision.decided_at,
            published_at=decision.published_at,
            department=decision.department.name,
        ),
        scores=_panel_scores(idea),
        implementation=Implementation(
            status=decision.implementation_status,
            status_label=str(decision.get_implementation_status_display()),
            notes=decision.implementation_notes,
            updated_at=decision.implementation_updated_at,
        )
        if decision.implementation_status
        else None,
        rating=Rating(
            average=round(float(rating["average"]), 2) if rating["average"] is not None else None,
            count=rating["count"],
        ),
        additional_answers=[
            AdditionalAnswer(question=r.question, answer=r.answer, asked_at=r.created_at, answered_at=r.answered_at)
            for r in AdditionalAnswerRequest.objects.filter(idea_id=idea.pk, answered_at__isnull=False)
        ],
    )
