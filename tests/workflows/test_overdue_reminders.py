"""Overdue reviews and decisions raise reminders (manage.py workflow_timers) and show as overdue."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from review.models import Review
from tests.workflows.helpers import make_world
from workflows.models import IdeaReviewProcess
from workflows.services import inbox

pytestmark = pytest.mark.django_db


def _run_timers() -> str:
    out = StringIO()
    call_command("workflow_timers", stdout=out)
    return out.getvalue()


def test_expert_is_reminded_once_of_an_overdue_review(settings):
    w = make_world()
    w.screen_for_review()
    late = w.internal[0]
    Review.objects.filter(idea=w.idea, expert=late).update(due_at=timezone.now() - timedelta(days=1))
    mail.outbox.clear()

    output = _run_timers()
    assert "1 review(s)" in output
    assert [m.to for m in mail.outbox] == [[late.user.email]]
    assert "overdue" in mail.outbox[0].subject

    _run_timers()  # again within the reminder interval: no second e-mail
    assert len(mail.outbox) == 1

    # a day later it is reminded again
    Review.objects.filter(idea=w.idea, expert=late).update(reminded_at=timezone.now() - timedelta(hours=25))
    _run_timers()
    assert len(mail.outbox) == 2


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


def test_department_is_reminded_of_an_overdue_decision(client_for):
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    IdeaReviewProcess.objects.filter(pk=w.process.pk).update(decision_due_at=timezone.now() - timedelta(days=2))
    mail.outbox.clear()
    assert "1 decision(s)" in _run_timers()
    assert mail.outbox[0].to == [w.official.email]

    page = client_for(w.coordinator).get("/review/overview/")
    assert page.status_code == 200
    assert "Overdue" in page.content.decode()
    assert "1 idea has overdue work." in page.content.decode()
