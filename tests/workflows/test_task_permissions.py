"""Permission matrix: for every task, exactly the right people may act on it (service and HTTP)."""

from __future__ import annotations

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core.roles import GROUP_COORDINATORS
from review.services import answer_request_additional
from tests.factories import DepartmentFactory, UserFactory
from tests.workflows.helpers import open_task
from tests.world import make_world
from workflows.flows import AdditionalAnswerFlow, IdeaReviewFlow
from workflows.services import review_recuse, task_claim
from workflows.tasks import task_is_actionable

pytestmark = pytest.mark.django_db

ACTORS = (
    "coordinator",
    "assigned_internal",
    "other_internal",
    "assigned_external",
    "official",
    "other_department",
    "author",
    "citizen",
)


def _actors(w) -> dict:
    other_department = DepartmentFactory()
    return {
        "coordinator": w.coordinator,
        "assigned_internal": w.internal[0].user,
        "other_internal": w.internal[1].user,
        "assigned_external": w.external[0].user,
        "official": w.official,
        "other_department": UserFactory(groups=[other_department.group.name]),
        "author": w.idea.author,
        "citizen": UserFactory(),
    }


def _screen(w):
    return open_task(w.process, IdeaReviewFlow.screen)


def _review_internal(w):
    w.screen_for_review()
    return w.review_task_of(w.internal[0])


def _review_external(w):
    w.screen_for_review()
    return w.review_task_of(w.external[0])


def _replace_internal(w):
    w.screen_for_review()
    review_recuse(task=w.review_task_of(w.internal[0]), user=w.internal[0].user, reason="Conflict of interest.")
    return open_task(w.process, IdeaReviewFlow.replace_internal)


def _replace_external(w):
    w.screen_for_review()
    review_recuse(task=w.review_task_of(w.external[0]), user=w.external[0].user, reason="Conflict of interest.")
    return open_task(w.process, IdeaReviewFlow.replace_external)


def _decide(w):
    w.screen_for_review()
    w.submit_all_reviews()
    return open_task(w.process, IdeaReviewFlow.decide)


def _answer(w, capture):
    w.screen_for_review()
    w.submit_all_reviews()
    w.decide()
    with capture(execute=True):
        answer_request_additional(idea=w.idea, user=UserFactory(), question="Could you say more about the budget?")
    return Task.objects.get(flow_task=AdditionalAnswerFlow.answer)


MATRIX = [
    ("screen", _screen, {"coordinator"}),
    ("review_internal", _review_internal, {"assigned_internal"}),
    ("review_external", _review_external, {"assigned_external"}),
    ("replace_internal", _replace_internal, {"coordinator"}),
    ("replace_external", _replace_external, {"coordinator"}),
    ("decide", _decide, {"official"}),
    ("answer", _answer, {"official"}),
]


@pytest.mark.parametrize(("name", "build", "allowed"), MATRIX, ids=[m[0] for m in MATRIX])
def test_only_the_right_people_can_act_on_each_task(
    name, build, allowed, client_for, django_capture_on_commit_callbacks
):
    w = make_world()
    task = build(w, django_capture_on_commit_callbacks) if name == "answer" else build(w)
    actors = _actors(w)
    for key in ACTORS:
        user = actors[key]
        assert task_is_actionable(task, user) == (key in allowed), f"{key} on {name}"
    for key in ACTORS:
        user = actors[key]
        client = client_for(user)
        if key in allowed:
            assert client.get(f"/review/tasks/{task.pk}/").status_code == 200, f"{key} should see {name}"
            continue
        # a POST with any payload is refused and changes nothing
        response = client.post(f"/review/tasks/{task.pk}/", {"outcome": "review", "answer": "x" * 20})
        assert response.status_code == 403, f"{key} posting to {name}"
        assert client.post(f"/review/tasks/{task.pk}/claim/").status_code == 403, f"{key} claiming {name}"
        before = (task.status, task.owner_id)
        task.refresh_from_db()
        assert (task.status, task.owner_id) == before


def test_expert_cannot_decide_even_when_a_coordinator():
    w = make_world()
    task = _decide(w)
    expert = w.internal[0].user
    expert.groups.add(*type(expert.groups.first()).objects.filter(name=GROUP_COORDINATORS))
    assert not task_is_actionable(task, expert)


def test_second_coordinator_cannot_take_a_claimed_screening():
    w = make_world()
    task = _screen(w)
    task_claim(task=task, user=w.coordinator)
    other = UserFactory(groups=[GROUP_COORDINATORS])
    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED
    assert not task_is_actionable(task, other)
    assert task_is_actionable(task, w.coordinator)


def test_department_member_of_a_new_department_gets_decision_rights_only_for_its_ideas():
    w = make_world()
    task = _decide(w)
    outsider_department = DepartmentFactory()
    outsider = UserFactory(groups=[outsider_department.group.name])
    # even once their group holds the database permission, the department check keeps them out
    outsider_department.group.permissions.add(*w.department.group.permissions.all())
    assert not task_is_actionable(task, outsider)
    assert task_is_actionable(task, w.official)
