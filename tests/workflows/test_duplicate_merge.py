"""Closing as a duplicate merges into an earlier idea; votes carry over and count once."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from ideas.models import IdeaStatus, TimelineEvent, Vote
from review.public import idea_public_review
from tests.factories import IdeaFactory, UserFactory, VoteFactory
from tests.workflows.helpers import open_task, selected_idea
from tests.world import make_world
from workflows.flows import IdeaReviewFlow
from workflows.models import IdeaReviewProcess, ScreeningOutcome, Stage
from workflows.services import screening_submit

pytestmark = pytest.mark.django_db


def test_coordinator_can_merge_a_duplicate_without_double_counting_votes(django_capture_on_commit_callbacks):
    earlier = IdeaFactory()
    duplicate = selected_idea()
    duplicate.created_at = earlier.created_at + timedelta(days=3)
    duplicate.save()
    both, only_dup_1, only_dup_2, only_earlier = (UserFactory() for _ in range(4))
    for voter in (both, only_earlier):
        VoteFactory(idea=earlier, voter=voter)
    for voter in (both, only_dup_1, only_dup_2):
        VoteFactory(idea=duplicate, voter=voter)
    VoteFactory(idea=duplicate, voter=earlier.author)  # the earlier idea's author never votes for their own idea
    w = make_world(idea=duplicate)

    with django_capture_on_commit_callbacks(execute=True):
        screening_submit(
            task=open_task(w.process, IdeaReviewFlow.screen),
            user=w.coordinator,
            outcome=ScreeningOutcome.DUPLICATE,
            merge_target=earlier,
        )
    w.reload()
    earlier.refresh_from_db()
    assert w.idea.status == IdeaStatus.MERGED
    assert w.idea.merged_into == earlier
    assert w.process.stage == Stage.MERGED
    assert w.process.status == "DONE"
    voters = set(Vote.objects.filter(idea=earlier).values_list("voter_id", flat=True))
    assert voters == {both.pk, only_earlier.pk, only_dup_1.pk, only_dup_2.pk}
    assert Vote.objects.filter(idea=earlier).count() == 4  # `both` counts once
    assert earlier.vote_count == 4
    [merged] = earlier.timeline.filter(kind=TimelineEvent.Kind.MERGED)
    assert merged.wording_text.endswith("new supporters carried over: 2.")
    assert idea_public_review(w.idea).merged_into.id == earlier.pk


def test_merge_can_select_the_earlier_idea_when_carried_votes_reach_its_threshold(django_capture_on_commit_callbacks):
    from tests.factories import make_campaign

    campaign = make_campaign(vote_threshold=2)
    earlier = IdeaFactory(campaign=campaign)
    duplicate = selected_idea(campaign=campaign)
    duplicate.created_at = earlier.created_at + timedelta(hours=1)
    duplicate.save()
    for _ in range(2):
        VoteFactory(idea=duplicate, voter=UserFactory())
    w = make_world(idea=duplicate)
    with django_capture_on_commit_callbacks(execute=True):
        screening_submit(
            task=open_task(w.process, IdeaReviewFlow.screen),
            user=w.coordinator,
            outcome=ScreeningOutcome.DUPLICATE,
            merge_target=earlier,
        )
    earlier.refresh_from_db()
    assert earlier.status == IdeaStatus.IN_REVIEW
    assert IdeaReviewProcess.objects.filter(idea=earlier).exists()


def test_coordinator_cannot_merge_into_a_later_idea():
    w = make_world()
    later = IdeaFactory()
    with pytest.raises(ValidationError) as exc:
        screening_submit(
            task=open_task(w.process, IdeaReviewFlow.screen),
            user=w.coordinator,
            outcome=ScreeningOutcome.DUPLICATE,
            merge_target=later,
        )
    assert "merge_target" in exc.value.message_dict
    w.reload()
    assert w.idea.status == IdeaStatus.IN_REVIEW
    assert w.process.stage == Stage.SCREENING
    assert open_task(w.process, IdeaReviewFlow.screen).owner is None


def test_coordinator_cannot_merge_an_idea_into_itself():
    w = make_world()
    with pytest.raises(ValidationError):
        screening_submit(
            task=open_task(w.process, IdeaReviewFlow.screen),
            user=w.coordinator,
            outcome=ScreeningOutcome.DUPLICATE,
            merge_target=w.idea,
        )
    assert Vote.objects.count() == 0
