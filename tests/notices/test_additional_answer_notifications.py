"""A citizen asks for an additional answer: the department hears; the answer reaches the citizen."""

from __future__ import annotations

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from notices.models import Kind
from review.services import answer_request_additional
from tests.factories import UserFactory
from tests.notices.helpers import inbox_of, recipients_of
from workflows.flows import AdditionalAnswerFlow
from workflows.services import additional_answer_submit

pytestmark = pytest.mark.django_db


def test_department_and_citizen_can_hear_about_an_additional_answer(review_world, django_capture_on_commit_callbacks):
    w = review_world
    w.screen_for_review()
    w.submit_all_reviews()
    w.decide()
    citizen = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        answer_request_additional(idea=w.idea, user=citizen, question="When will the benches be installed?")
    assert recipients_of(Kind.ANSWER_REQUESTED) == {w.official.pk}
    assert not recipients_of(Kind.ANSWER_GIVEN)

    task = Task.objects.get(flow_task=AdditionalAnswerFlow.answer, status=STATUS.NEW)
    with django_capture_on_commit_callbacks(execute=True):
        additional_answer_submit(task=task, user=w.official, answer="In the first week of May.")
    assert recipients_of(Kind.ANSWER_GIVEN) == {citizen.pk}
    [email] = inbox_of(citizen)
    assert f"The additional answer you asked for on “{w.idea.title}” is published." in email.body
