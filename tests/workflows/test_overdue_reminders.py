"""Overdue reviews and decisions show as overdue (their reminders: tests/notices/test_overdue_reminders.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from review.models import Review
from tests.world import make_world
from workflows.models import IdeaReviewProcess
from workflows.tasks import inbox

pytestmark = pytest.mark.django_db


def test_expert_sees_an_overdue_task_first_in_the_inbox():
    w = make_world()
    w.screen_for_review()
    expert = w.internal[0]
    other = make_world()  # a second idea for the same expert
    other.internal[0] = expert
    other.screen_for_review(internal=[expert, other.internal[1]])
    Review.objects.filter(idea=other.idea, expert=expert).update(due_at=timezone.now() - timedelta(hours=1))
    rows = inbox(user=expert.user)["mine"]
    assert [r["idea"].pk for r in rows] == [other.idea.pk, w.idea.pk]
    assert rows[0]["overdue"] and not rows[1]["overdue"]


def test_coordinator_can_see_an_overdue_decision_in_the_overview(client_for):
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    IdeaReviewProcess.objects.filter(pk=w.process.pk).update(decision_due_at=timezone.now() - timedelta(days=2))

    page = client_for(w.coordinator).get("/review/overview/")
    assert page.status_code == 200
    assert "Overdue" in page.content.decode()
    assert "1 idea has overdue work." in page.content.decode()
