import pytest

from ideas.models import IdeaStatus, TimelineEvent, Vote
from ideas.services import idea_submit
from ideas.voting import vote_cast
from tests.factories import UserFactory, make_campaign

pytestmark = pytest.mark.django_db


def test_citizens_can_lift_an_idea_over_the_threshold(citizen, django_capture_on_commit_callbacks):
    campaign = make_campaign(vote_threshold=3)
    idea = idea_submit(
        campaign=campaign,
        author=citizen,
        title="More benches",
        body="Benches along the river for older people.",
        tags=["parks"],
    )
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            vote_cast(idea=idea, voter=UserFactory())
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.IN_REVIEW
    assert Vote.objects.filter(idea=idea).count() == 3 == idea.vote_count
    assert list(idea.timeline.values_list("kind", flat=True)) == [
        TimelineEvent.Kind.SUBMITTED,
        TimelineEvent.Kind.SELECTED,
    ]
