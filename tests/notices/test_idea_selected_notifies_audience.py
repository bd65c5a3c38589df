"""An idea you wrote, voted for or follow reaches the threshold: author, voters, followers hear it."""

from __future__ import annotations

import pytest

from ideas.services import follow_set
from ideas.voting import vote_cast
from notices.models import Kind, Notification
from tests.factories import IdeaFactory, UserFactory, make_campaign
from tests.notices.helpers import inbox_of, recipients_of

pytestmark = pytest.mark.django_db


def test_author_voters_and_followers_can_hear_when_the_idea_enters_review(
    django_capture_on_commit_callbacks, coordinator
):
    campaign = make_campaign(vote_threshold=2)
    author = UserFactory()
    idea = IdeaFactory(campaign=campaign, author=author, title="Benches by the river")
    follower, bystander = UserFactory(), UserFactory()
    voters = [UserFactory(), UserFactory()]
    follow_set(idea=idea, user=follower, following=True)

    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(idea=idea, voter=voters[0])
    assert not Notification.objects.exists()  # below the threshold: nothing yet

    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(idea=idea, voter=voters[1])

    assert recipients_of(Kind.IDEA_SELECTED) == {author.pk, follower.pk, voters[0].pk, voters[1].pk}
    assert bystander.pk not in recipients_of(Kind.IDEA_SELECTED)
    notification = Notification.objects.get(kind=Kind.IDEA_SELECTED, recipient=author)
    assert notification.unread and notification.url == idea.get_absolute_url()
    # The coordinators are told an idea needs screening.
    assert recipients_of(Kind.SCREENING_NEEDED) == {coordinator.pk}


def test_citizen_can_read_the_selection_with_the_idea_title_in_the_notification_centre(
    django_capture_on_commit_callbacks, client_for
):
    campaign = make_campaign(vote_threshold=1)
    author = UserFactory()
    idea = IdeaFactory(campaign=campaign, author=author, title="Benches by the river")
    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(idea=idea, voter=UserFactory())

    page = client_for(author).get("/notifications/").content.decode()
    assert "“Benches by the river” reached its vote threshold and enters expert review." in page
    # Selection is in-app only by default: no e-mail.
    assert inbox_of(author) == []
