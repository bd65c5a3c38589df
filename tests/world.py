"""The review world: an idea in review with a coordinator, a department and both expert panels.

Shared by the workflows, review, notices, search and browser suites: import `make_world` to
build one (or several), or ask for the `review_world` fixture (tests/conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from viewflow.workflow.models import Task

from core.roles import GROUP_COORDINATORS
from ideas.models import Department, Idea
from review.models import Expert, Panel, Review
from tests.factories import DepartmentFactory, UserFactory
from tests.workflows.helpers import GOOD_DECISION, GOOD_REVIEW, make_expert, open_task, selected_idea
from workflows import services
from workflows.flows import IdeaReviewFlow
from workflows.models import IdeaReviewProcess, ScreeningOutcome


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
        return services.review_submit(
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
