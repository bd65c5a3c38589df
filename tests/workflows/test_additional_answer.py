"""After the verdict a citizen may ask once for an additional answer: a department task."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from review.models import AdditionalAnswerRequest
from review.public import idea_public_review
from review.services import answer_request_additional
from tests.factories import UserFactory
from tests.world import make_world
from workflows.flows import AdditionalAnswerFlow
from workflows.services import additional_answer_submit
from workflows.tasks import inbox

pytestmark = pytest.mark.django_db


def _published():
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    w.decide()
    return w


def test_citizen_can_request_an_additional_answer_that_the_department_gives(django_capture_on_commit_callbacks):
    w = _published()
    citizen = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        answer_request_additional(idea=w.idea, user=citizen, question="When exactly will the benches be installed?")
    task = Task.objects.get(flow_task=AdditionalAnswerFlow.answer, status=STATUS.NEW)
    assert [r["task"].pk for r in inbox(user=w.official)["queue"]] == [task.pk]
    assert inbox(user=w.internal[0].user)["queue"] == []

    additional_answer_submit(task=task, user=w.official, answer="Installation starts in the first week of May.")
    task.refresh_from_db()
    assert task.status == STATUS.DONE
    answers = idea_public_review(w.idea).additional_answers
    assert answers[0].answer == "Installation starts in the first week of May."


def test_citizen_cannot_request_an_additional_answer_twice(django_capture_on_commit_callbacks):
    w = _published()
    citizen = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        answer_request_additional(idea=w.idea, user=citizen, question="When exactly will the benches be installed?")
    with pytest.raises(ValidationError):
        answer_request_additional(idea=w.idea, user=citizen, question="And what about the colour of the benches?")
    assert AdditionalAnswerRequest.objects.count() == 1
    assert Task.objects.filter(flow_task=AdditionalAnswerFlow.answer).count() == 1


def test_citizen_cannot_request_an_additional_answer_before_the_verdict():
    w = make_world()
    with pytest.raises(ValidationError):
        answer_request_additional(idea=w.idea, user=UserFactory(), question="Is anything happening with this idea?")


def test_expert_cannot_give_the_additional_answer(django_capture_on_commit_callbacks):
    w = _published()
    with django_capture_on_commit_callbacks(execute=True):
        answer_request_additional(idea=w.idea, user=UserFactory(), question="When exactly will it be installed?")
    task = Task.objects.get(flow_task=AdditionalAnswerFlow.answer)
    with pytest.raises(PermissionDenied):
        additional_answer_submit(task=task, user=w.internal[0].user, answer="Soon, I would think, but who knows.")
    task.refresh_from_db()
    assert task.status == STATUS.NEW
