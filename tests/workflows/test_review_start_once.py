"""The threshold event starts exactly one review process per idea."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from ideas.models import IdeaStatus
from ideas.signals import idea_selected_for_review
from ideas.voting import vote_cast
from tests.factories import IdeaFactory, UserFactory, make_campaign
from tests.workflows.helpers import open_task, selected_idea
from workflows.flows import IdeaReviewFlow
from workflows.models import IdeaReviewProcess, Stage
from workflows.services import review_start

pytestmark = pytest.mark.django_db


def test_citizens_can_start_the_review_by_reaching_the_threshold(django_capture_on_commit_callbacks):
    campaign = make_campaign(vote_threshold=2)
    idea = IdeaFactory(campaign=campaign)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            vote_cast(idea=idea, voter=UserFactory())
    process = IdeaReviewProcess.objects.get(idea=idea)
    assert process.stage == Stage.SCREENING
    assert open_task(process, IdeaReviewFlow.screen).owner is None
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.IN_REVIEW
    assert idea.timeline.filter(kind="stage", office="Review coordinators").exists()


def test_event_delivered_twice_cannot_start_two_reviews():
    idea = selected_idea()
    idea_selected_for_review.send(sender=type(idea), idea=idea)
    idea_selected_for_review.send(sender=type(idea), idea=idea)
    assert review_start(idea=idea).pk == IdeaReviewProcess.objects.get(idea=idea).pk
    assert IdeaReviewProcess.objects.filter(idea=idea).count() == 1
    process = IdeaReviewProcess.objects.get(idea=idea)
    assert process.task_set.filter(flow_task=IdeaReviewFlow.screen).count() == 1


def test_database_cannot_hold_two_processes_for_one_idea():
    idea = selected_idea()
    review_start(idea=idea)
    with pytest.raises(IntegrityError), transaction.atomic():
        IdeaReviewProcess.objects.create(flow_class=IdeaReviewFlow, idea=idea)


def test_open_idea_cannot_start_a_review():
    idea = IdeaFactory()
    assert review_start(idea=idea) is None
    assert not IdeaReviewProcess.objects.exists()


def test_sweep_can_start_a_review_a_crash_left_unstarted():
    stranded = selected_idea()  # selected, but the event never reached the workflow
    started = selected_idea()
    review_start(idea=started)
    call_command("review_sweep", stdout=open("/dev/null", "w"))
    assert IdeaReviewProcess.objects.filter(idea=stranded).count() == 1
    assert IdeaReviewProcess.objects.filter(idea=started).count() == 1
    call_command("review_sweep", stdout=open("/dev/null", "w"))
    assert IdeaReviewProcess.objects.count() == 2


def test_citizen_can_vote_even_when_starting_the_review_fails(monkeypatch, django_capture_on_commit_callbacks):
    import workflows.receivers

    def broken(**kwargs):
        raise RuntimeError("flow down")

    monkeypatch.setattr(workflows.receivers, "review_start", broken)
    campaign = make_campaign(vote_threshold=1)
    idea = IdeaFactory(campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        _vote, created = vote_cast(idea=idea, voter=UserFactory())
    assert created
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.IN_REVIEW
    assert not IdeaReviewProcess.objects.filter(idea=idea).exists()
    monkeypatch.undo()
    call_command("review_sweep", stdout=open("/dev/null", "w"))
    assert IdeaReviewProcess.objects.filter(idea=idea).exists()
