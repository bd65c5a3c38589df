"""Both panels' last reviews submitted at the same moment pass the Join exactly once."""

import threading

import pytest
from django.db import connection
from viewflow.workflow.models import Task

from tests.workflows.helpers import GOOD_REVIEW
from tests.world import make_world
from workflows.flows import IdeaReviewFlow
from workflows.models import Stage
from workflows.services import review_submit


def _submit_at_once(pairs) -> list[BaseException]:
    """Each (task, expert) submits in its own thread and transaction, released together."""
    barrier = threading.Barrier(len(pairs))
    errors: list[BaseException] = []

    def submit(task, expert):
        try:
            barrier.wait()
            review_submit(task=Task.objects.get(pk=task.pk), user=expert.user, **GOOD_REVIEW)
        except BaseException as exc:  # reported by the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=pair) for pair in pairs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_last_reviews_of_both_panels_at_once_pass_the_join_exactly_once():
    assert connection.vendor == "postgresql"
    for _round in range(3):
        w = make_world()
        w.screen_for_review()
        w.submit_review(w.internal[0])
        w.submit_review(w.external[0])
        last = [w.internal[1], w.external[1]]
        errors = _submit_at_once([(w.review_task_of(e), e) for e in last])
        assert errors == []
        w.reload()
        assert w.process.stage == Stage.AWAITING_DECISION
        assert Task.objects.filter(process=w.process, flow_task=IdeaReviewFlow.join_panels).count() == 1
        assert Task.objects.filter(process=w.process, flow_task=IdeaReviewFlow.decide).count() == 1
        assert w.idea.timeline.filter(wording__startswith="Both panels have reviewed").count() == 1
