"""Builders for review-workflow tests (imported by tests/workflows and tests/review)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core.roles import GROUP_COORDINATORS, GROUP_EXTERNAL_EXPERTS, GROUP_INTERNAL_EXPERTS
from ideas.models import Department, Idea, IdeaStatus
from review.models import Expert, Panel, Review
from tests.factories import DepartmentFactory, IdeaFactory, UserFactory
from workflows import services
from workflows.flows import IdeaReviewFlow
from workflows.models import IdeaReviewProcess, ScreeningOutcome

GOOD_REVIEW: dict[str, Any] = {
    "necessity": 4,
    "effectiveness": 4,
    "feasibility": 3,
    "budget_realism": 3,
    "creativity": 5,
    "opinion": "A sound idea that the city can carry out with modest means.",
    "recommendation": "adopt",
}

GOOD_DECISION: dict[str, Any] = {
    "outcome": "adopted",
    "reasoning_necessity": "Many residents asked for this over the years.",
    "reasoning_effectiveness": "It solves the problem where it occurs.",
    "reasoning_feasibility": "The parks office can do it within a season.",
    "budget": "120000000",
}


def make_expert(kind: str, *, tags: tuple[str, ...] = (), **user_kwargs) -> Expert:
    group = GROUP_INTERNAL_EXPERTS if kind == Panel.Kind.INTERNAL else GROUP_EXTERNAL_EXPERTS
    user = UserFactory(groups=[group], **user_kwargs)
    expert = Expert.objects.create(user=user, panel=Panel.objects.get(kind=kind))
    if tags:
        expert.expertise.add(*tags)
    return expert


def selected_idea(**kwargs) -> Idea:
    return IdeaFactory(status=IdeaStatus.IN_REVIEW, selected_at=timezone.now(), **kwargs)


def open_task(process: IdeaReviewProcess | Any, node) -> Task:
    return Task.objects.get(process=process, flow_task=node, status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED])


def open_tasks(process, node) -> list[Task]:
    return list(
        Task.objects.filter(
            process=process, flow_task=node, status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]
        ).order_by("pk")
    )


@dataclass
class World:
    coordinator: Any
    department: Department
    official: Any
    internal: list[Expert]
    external: list[Expert]
    idea: Idea
    process: IdeaReviewProcess
    extra: dict[str, Any] = field(default_factory=dict)

    def reload(self) -> World:
        self.idea.refresh_from_db()
        self.process.refresh_from_db()
        return self

    def screen_for_review(self, internal=None, external=None) -> None:
        services.screening_submit(
            task=open_task(self.process, IdeaReviewFlow.screen),
            user=self.coordinator,
            outcome=ScreeningOutcome.REVIEW,
            department=self.department,
            internal_reviewers=internal if internal is not None else self.internal[:2],
            external_reviewers=external if external is not None else self.external[:2],
        )
        self.reload()

    def review_task_of(self, expert: Expert) -> Task:
        review = Review.objects.get(idea=self.idea, expert=expert, status=Review.Status.ASSIGNED)
        return Task.objects.get(pk=review.task_id)

    def submit_review(self, expert: Expert, **overrides) -> Review:
        return services.expert_review_submit(
            task=self.review_task_of(expert), user=expert.user, **{**GOOD_REVIEW, **overrides}
        )

    def submit_all_reviews(self) -> None:
        for review in Review.objects.filter(idea=self.idea, status=Review.Status.ASSIGNED).select_related("expert"):
            self.submit_review(review.expert)
        self.reload()

    def decide(self, **overrides) -> None:
        services.decision_submit(
            task=open_task(self.process, IdeaReviewFlow.decide), user=self.official, **{**GOOD_DECISION, **overrides}
        )
        self.reload()


def make_world(*, idea: Idea | None = None, experts_per_panel: int = 3) -> World:
    coordinator = UserFactory(groups=[GROUP_COORDINATORS])
    department = DepartmentFactory()
    official = UserFactory(groups=[department.group.name])
    internal = [make_expert(Panel.Kind.INTERNAL) for _ in range(experts_per_panel)]
    external = [make_expert(Panel.Kind.EXTERNAL) for _ in range(experts_per_panel)]
    idea = idea or selected_idea()
    process = services.review_start(idea=idea)
    assert process is not None
    return World(coordinator, department, official, internal, external, idea, process)
