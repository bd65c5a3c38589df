"""Reminders of overdue work come from notices alone: once per person per reminder interval,
following their preferences, with the unsubscribe link (`workflow_timers` sends none)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from notices.models import Delivery, Kind, Notification
from review.models import AdditionalAnswerRequest, Review
from tests.factories import DepartmentFactory, IdeaFactory, PreferenceFactory, UserFactory
from tests.notices.helpers import inbox_of, recipients_of
from workflows.models import IdeaReviewProcess

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_schedules(django_capture_on_commit_callbacks):
    """Run both scheduled commands, as cron does (the fan-out runs after each commit)."""

    def run() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("workflow_timers", stdout=StringIO())
            call_command("notices_sweep", stdout=StringIO())

    return run


def _overdue(world, expert, *, hours: int) -> None:
    Review.objects.filter(idea=world.idea, expert=expert).update(due_at=timezone.now() - timedelta(hours=hours))


def test_expert_gets_one_reminder_of_an_overdue_review_with_an_unsubscribe_link(review_world, run_schedules):
    w = review_world
    w.screen_for_review()
    late = w.internal[0]
    _overdue(w, late, hours=3)
    mail.outbox.clear()

    run_schedules()
    run_schedules()  # again within the reminder interval: nothing new

    [email] = inbox_of(late.user)
    assert "overdue" in email.subject
    assert "/notifications/unsubscribe/" in email.body
    assert email.extra_headers["List-Unsubscribe"].startswith("<http")
    assert len(inbox_of(w.coordinator)) == 1
    assert recipients_of(Kind.REVIEW_OVERDUE) == {late.user_id, w.coordinator.pk}


def test_expert_cannot_be_reminded_of_an_overdue_review_when_they_turned_it_off(review_world, run_schedules):
    w = review_world
    w.screen_for_review()
    late = w.internal[0]
    PreferenceFactory(user=late.user, kind=Kind.REVIEW_OVERDUE, channel=Delivery.OFF)
    _overdue(w, late, hours=3)
    mail.outbox.clear()

    run_schedules()

    assert inbox_of(late.user) == []
    assert not Notification.objects.filter(recipient=late.user, kind=Kind.REVIEW_OVERDUE).exists()
    assert len(inbox_of(w.coordinator)) == 1  # the coordinators still hear


def test_expert_is_reminded_again_after_the_reminder_interval(review_world, run_schedules, settings):
    settings.OASIS_REMINDER_INTERVAL_HOURS = 24
    w = review_world
    w.screen_for_review()
    late = w.external[0]
    _overdue(w, late, hours=3)
    run_schedules()
    assert len(inbox_of(late.user)) == 1

    _overdue(w, late, hours=25)  # a day later
    run_schedules()
    run_schedules()

    assert len(inbox_of(late.user)) == 2
    assert len(inbox_of(w.coordinator)) == 1  # the coordinators hear once


def test_department_is_reminded_once_of_an_overdue_decision(review_world, run_schedules):
    w = review_world
    w.screen_for_review()
    w.submit_all_reviews()
    IdeaReviewProcess.objects.filter(pk=w.process.pk).update(decision_due_at=timezone.now() - timedelta(days=2))
    mail.outbox.clear()

    run_schedules()
    run_schedules()

    assert recipients_of(Kind.DECISION_OVERDUE) == {w.official.pk}
    # (the sweep also repairs the "decision needed" notice the unexecuted on-commit hook skipped)
    [email] = [m for m in inbox_of(w.official) if "overdue" in m.subject]
    assert f"The decision on “{w.idea.title}” is overdue" in email.body
    assert "/notifications/unsubscribe/" in email.body


def test_department_is_reminded_once_of_an_overdue_additional_answer(run_schedules):
    department = DepartmentFactory()
    official = UserFactory(groups=[department.group.name])
    idea = IdeaFactory(department=department)
    AdditionalAnswerRequest.objects.create(
        idea=idea, requester=UserFactory(), question="When?", due_at=timezone.now() - timedelta(hours=2)
    )

    run_schedules()
    run_schedules()

    assert recipients_of(Kind.ANSWER_OVERDUE) == {official.pk}
    [email] = inbox_of(official)
    assert f"An additional answer on “{idea.title}” is overdue" in email.body
