"""Both panels done: the department hears a decision is needed; the verdict and implementation
status reach the author, voters and followers."""

from __future__ import annotations

import pytest

from ideas.services import follow_set
from notices.models import Kind, Notification
from notices.services import notification_text
from review.services import implementation_update
from tests.factories import UserFactory, VoteFactory
from tests.notices.helpers import inbox_of, recipients_of

pytestmark = pytest.mark.django_db


def test_department_can_hear_that_a_decision_is_needed_once_both_panels_are_done(
    review_world, django_capture_on_commit_callbacks
):
    w = review_world
    w.screen_for_review()
    colleague = UserFactory(groups=[w.department.group.name])
    with django_capture_on_commit_callbacks(execute=True):
        w.submit_review(w.internal[0])
        w.submit_review(w.internal[1])
        w.submit_review(w.external[0])
    assert not recipients_of(Kind.DECISION_NEEDED)  # one external review still missing

    with django_capture_on_commit_callbacks(execute=True):
        w.submit_review(w.external[1])
    assert recipients_of(Kind.DECISION_NEEDED) == {w.official.pk, colleague.pk}


def test_author_voters_and_followers_can_hear_the_verdict_and_implementation(
    review_world, django_capture_on_commit_callbacks
):
    w = review_world
    voters = [VoteFactory(idea=w.idea).voter for _ in range(3)]
    follower, bystander = UserFactory(), UserFactory()
    follow_set(idea=w.idea, user=follower, following=True)
    w.screen_for_review()
    w.submit_all_reviews()
    audience = {w.idea.author_id, follower.pk, *(v.pk for v in voters)}

    with django_capture_on_commit_callbacks(execute=True):
        w.decide()
    assert recipients_of(Kind.VERDICT_PUBLISHED) == audience
    assert bystander.pk not in recipients_of(Kind.VERDICT_PUBLISHED)
    [email] = inbox_of(voters[0])  # the verdict is e-mailed by default
    assert f"The city has answered “{w.idea.title}”: Adopted." in email.body
    assert w.idea.get_absolute_url() in email.body

    with django_capture_on_commit_callbacks(execute=True):
        implementation_update(idea=w.idea, user=w.official, status="in_progress", notes="Works started.")
    assert recipients_of(Kind.IMPLEMENTATION_CHANGED) == audience
    notice = Notification.objects.filter(kind=Kind.IMPLEMENTATION_CHANGED).first()
    assert notice.data["status"] == "in_progress"  # a code: the text is rendered for each reader
    assert "is now: In progress." in notification_text(kind=notice.kind, data=notice.data)

    with django_capture_on_commit_callbacks(execute=True):
        implementation_update(idea=w.idea, user=w.official, status="completed")
    assert Notification.objects.filter(kind=Kind.IMPLEMENTATION_CHANGED, recipient=follower).count() == 2
