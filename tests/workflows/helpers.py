"""Builders for review-workflow tests (imported by tests/workflows and tests/review).

The review world (`make_world`, the `review_world` fixture) lives in tests/world.py.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core.roles import GROUP_EXTERNAL_EXPERTS, GROUP_INTERNAL_EXPERTS
from ideas.models import Idea, IdeaStatus
from review.models import Expert, Panel
from tests.factories import IdeaFactory, UserFactory
from workflows.models import IdeaReviewProcess

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
