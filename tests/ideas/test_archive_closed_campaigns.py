"""`manage.py ideas_sweep` archives ideas a closed campaign left below its threshold."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ideas.models import Idea, IdeaStatus, TimelineEvent, Vote
from tests.factories import IdeaFactory, UserFactory, make_campaign

pytestmark = pytest.mark.django_db


def sweep() -> str:
    out = io.StringIO()
    call_command("ideas_sweep", stdout=out)
    return out.getvalue()


@pytest.fixture
def closed():
    now = timezone.now()
    return make_campaign(title="Winter", opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1))


def status_of(idea: Idea) -> str:
    return Idea.objects.get(pk=idea.pk).status


def test_sweep_can_archive_open_ideas_of_a_closed_campaign(closed, campaign):
    stale = IdeaFactory(campaign=closed)
    running = IdeaFactory(campaign=campaign)
    selected = IdeaFactory(campaign=closed, status=IdeaStatus.IN_REVIEW, selected_at=timezone.now())
    withdrawn = IdeaFactory(campaign=closed, status=IdeaStatus.WITHDRAWN)

    assert "archived=1" in sweep()

    assert status_of(stale) == IdeaStatus.ARCHIVED
    assert status_of(running) == IdeaStatus.OPEN
    assert status_of(selected) == IdeaStatus.IN_REVIEW
    assert status_of(withdrawn) == IdeaStatus.WITHDRAWN


def test_sweep_can_run_twice_without_archiving_twice(closed):
    idea = IdeaFactory(campaign=closed)

    sweep()
    assert "archived=0" in sweep()

    assert idea.timeline.filter(kind=TimelineEvent.Kind.ARCHIVED).count() == 1


def test_sweep_cannot_archive_an_idea_whose_lost_selection_was_due(closed):
    idea = IdeaFactory(campaign=closed)
    # Ten votes cast while the campaign was open; the crash lost the selection.
    Vote.objects.bulk_create([Vote(idea=idea, voter=UserFactory()) for _ in range(10)])

    sweep()

    assert status_of(idea) == IdeaStatus.IN_REVIEW
    assert not idea.timeline.filter(kind=TimelineEvent.Kind.ARCHIVED).exists()
