"""A review task is assigned to you, is due in two days, is overdue (then also the coordinators)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from notices.models import Kind, Notification
from review.models import Review
from tests.notices.helpers import inbox_of, recipients_of

pytestmark = pytest.mark.django_db


def _sweep(capture) -> None:
    with capture(execute=True):
        call_command("notices_sweep", stdout=StringIO())


def test_expert_can_hear_that_a_review_is_assigned_to_them(review_world, django_capture_on_commit_callbacks):
    w = review_world
    with django_capture_on_commit_callbacks(execute=True):
        w.screen_for_review()
    assigned = {e.user_id for e in w.internal[:2] + w.external[:2]}
    assert recipients_of(Kind.REVIEW_ASSIGNED) == assigned
    [email] = inbox_of(w.internal[0].user)
    assert f"You are asked to review “{w.idea.title}”." in email.body


def test_expert_can_be_reminded_two_days_before_the_review_is_due(review_world, django_capture_on_commit_callbacks):
    w = review_world
    w.screen_for_review()
    soon = Review.objects.get(idea=w.idea, expert=w.internal[0])
    Review.objects.filter(pk=soon.pk).update(due_at=timezone.now() + timedelta(days=1, hours=12))

    _sweep(django_capture_on_commit_callbacks)
    _sweep(django_capture_on_commit_callbacks)

    assert recipients_of(Kind.REVIEW_DUE_SOON) == {w.internal[0].user_id}  # once, and only the due one
    assert Notification.objects.filter(kind=Kind.REVIEW_DUE_SOON).count() == 1
    assert not recipients_of(Kind.REVIEW_OVERDUE)


def test_expert_and_coordinators_can_hear_once_that_a_review_is_overdue(
    review_world, django_capture_on_commit_callbacks
):
    w = review_world
    w.screen_for_review()
    late = Review.objects.get(idea=w.idea, expert=w.external[1])
    Review.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=3))

    _sweep(django_capture_on_commit_callbacks)
    _sweep(django_capture_on_commit_callbacks)

    assert recipients_of(Kind.REVIEW_OVERDUE) == {w.external[1].user_id, w.coordinator.pk}
    assert Notification.objects.filter(kind=Kind.REVIEW_OVERDUE).count() == 2
    assert len(inbox_of(w.coordinator)) == 1
