"""`manage.py ideas_sweep` repairs a selection a crash lost, exactly once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from ideas.models import Idea, IdeaStatus, TimelineEvent, Vote
from ideas.signals import idea_selected_for_review
from tests.factories import IdeaFactory, UserFactory, make_campaign

pytestmark = pytest.mark.django_db


def sweep() -> str:
    out = io.StringIO()
    call_command("ideas_sweep", stdout=out)
    return out.getvalue()


def test_sweep_can_select_an_idea_once_when_its_selection_was_lost(django_capture_on_commit_callbacks):
    idea = IdeaFactory(campaign=make_campaign(vote_threshold=5))
    below = IdeaFactory(campaign=idea.campaign)
    # bulk_create runs no on-commit work: exactly what a crash after the vote commits leaves.
    Vote.objects.bulk_create([Vote(idea=idea, voter=UserFactory()) for _ in range(5)])
    Vote.objects.bulk_create([Vote(idea=below, voter=UserFactory()) for _ in range(4)])
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.OPEN
    sent = []
    idea_selected_for_review.connect(lambda sender, idea, **kw: sent.append(idea.pk), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            first = sweep()
        with django_capture_on_commit_callbacks(execute=True):
            second = sweep()
    finally:
        idea_selected_for_review.disconnect(dispatch_uid="t")

    assert "selected=1" in first
    assert "selected=0" in second
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.IN_REVIEW
    assert Idea.objects.get(pk=below.pk).status == IdeaStatus.OPEN
    assert idea.timeline.filter(kind=TimelineEvent.Kind.SELECTED).count() == 1
    assert sent == [idea.pk]
