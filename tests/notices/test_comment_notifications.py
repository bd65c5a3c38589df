"""A comment on your idea tells its author; a reply to your comment tells the commenter."""

from __future__ import annotations

import pytest

from ideas.services import comment_create
from notices.models import Kind, Notification
from tests.factories import IdeaFactory, UserFactory
from tests.notices.helpers import inbox_of, recipients_of

pytestmark = pytest.mark.django_db


def test_author_can_hear_about_a_comment_on_their_idea(django_capture_on_commit_callbacks, idea, citizen):
    commenter = UserFactory(username="amara")
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(idea=idea, author=commenter, body="Great, and add shade too.")

    notification = Notification.objects.get()
    assert notification.recipient == citizen and notification.kind == Kind.COMMENT_POSTED
    assert notification.url == f"{idea.get_absolute_url()}#comment-{comment.pk}"
    # Comments on your idea are e-mailed by default, with the idea's title and a link.
    [email] = inbox_of(citizen)
    assert f"amara commented on your idea “{idea.title}”" in email.body
    assert f"http://localhost:8000{idea.get_absolute_url()}#comment-{comment.pk}" in email.body


def test_commenter_can_hear_about_a_reply_to_their_comment(django_capture_on_commit_callbacks, idea, citizen):
    commenter, replier = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = comment_create(idea=idea, author=commenter, body="What about the winter?")
        comment_create(idea=idea, author=replier, body="Heated benches!", parent=first)

    assert recipients_of(Kind.COMMENT_REPLIED) == {commenter.pk}
    # The idea's author hears about both comments, the commenter only about the reply.
    assert Notification.objects.filter(recipient=citizen, kind=Kind.COMMENT_POSTED).count() == 2
    assert Notification.objects.filter(recipient=commenter).count() == 1


def test_author_cannot_be_notified_twice_when_a_reply_answers_their_own_comment(django_capture_on_commit_callbacks):
    author, replier = UserFactory(), UserFactory()
    idea = IdeaFactory(author=author)
    with django_capture_on_commit_callbacks(execute=True):
        first = comment_create(idea=idea, author=author, body="Any questions?")
        comment_create(idea=idea, author=replier, body="Yes: when?", parent=first)

    # One notification for one event, as a reply (the more specific kind).
    assert list(Notification.objects.filter(recipient=author).values_list("kind", flat=True)) == [Kind.COMMENT_REPLIED]


def test_commenter_cannot_be_notified_of_their_own_comment(django_capture_on_commit_callbacks, idea, citizen):
    with django_capture_on_commit_callbacks(execute=True):
        first = comment_create(idea=idea, author=citizen, body="I add a detail myself.")
        comment_create(idea=idea, author=citizen, body="And another one.", parent=first)

    assert not Notification.objects.exists()
