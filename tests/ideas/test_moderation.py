"""Moderators hide abusive ideas and comments from the public; the rows stay."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ideas import selectors
from ideas.models import Comment, Idea, IdeaStatus, Report
from ideas.moderation import comment_hide, comment_restore, idea_hide, idea_restore, report_create
from ideas.services import comment_create
from ideas.voting import vote_cast
from tests.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_moderator_can_hide_an_idea_from_every_public_list(idea, moderator, other_citizen):
    vote_cast(idea=idea, voter=other_citizen)
    visible = IdeaFactory(campaign=idea.campaign)

    idea_hide(idea=idea, moderator=moderator, reason="Insults a neighbour by name")

    assert list(Idea.objects.visible()) == [visible]
    for sort in selectors.SORTS:
        assert list(selectors.ideas_for_list(sort=sort)) == [visible]
        assert list(selectors.ideas_for_list(campaign=idea.campaign, sort=sort)) == [visible]
    stored = Idea.objects.get(pk=idea.pk)  # the row, its votes and its reason stay
    assert (stored.hidden, stored.hidden_reason, stored.votes) == (True, "Insults a neighbour by name", 1)


def test_moderator_can_hide_a_decided_idea_from_the_recent_decisions(idea, moderator):
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.ADOPTED)
    assert list(selectors.ideas_recently_decided()) == [idea]

    idea_hide(idea=idea, moderator=moderator, reason="Duplicate account spam")

    assert list(selectors.ideas_recently_decided()) == []


def test_moderator_can_restore_a_hidden_idea(idea, moderator):
    idea_hide(idea=idea, moderator=moderator, reason="Reported as spam")

    idea_restore(idea=idea, moderator=moderator, reason="Not spam after all")

    assert list(selectors.ideas_for_list()) == [idea]
    assert Idea.objects.get(pk=idea.pk).hidden_reason == ""


def test_moderator_can_resolve_open_reports_by_hiding_an_idea(idea, moderator, other_citizen):
    report = report_create(reporter=other_citizen, idea=idea, reason="Advertising a shop")

    idea_hide(idea=idea, moderator=moderator, reason="Advertising")

    report.refresh_from_db()
    assert (report.resolved_by, report.resolved_at is not None) == (moderator, True)


def test_moderator_cannot_hide_an_idea_without_a_reason(idea, moderator):
    with pytest.raises(ValidationError):
        idea_hide(idea=idea, moderator=moderator, reason="  ")

    assert not Idea.objects.get(pk=idea.pk).hidden


def test_citizen_cannot_hide_an_idea(idea, other_citizen):
    with pytest.raises(PermissionDenied):
        idea_hide(idea=idea, moderator=other_citizen, reason="I do not like it")

    assert not Idea.objects.get(pk=idea.pk).hidden


def test_citizen_cannot_restore_a_hidden_idea(idea, moderator, other_citizen):
    idea_hide(idea=idea, moderator=moderator, reason="Spam")

    with pytest.raises(PermissionDenied):
        idea_restore(idea=idea, moderator=other_citizen)

    assert Idea.objects.get(pk=idea.pk).hidden


def test_moderator_can_hide_a_comment_and_keep_its_replies_row(idea, moderator, other_citizen):
    comment = comment_create(idea=idea, author=other_citizen, body="Call 010-1234-5678 for details")
    reply = comment_create(idea=idea, author=idea.author, body="Please do not post phone numbers.", parent=comment)

    comment_hide(comment=comment, moderator=moderator, reason="Personal data")

    assert selectors.idea_comments(idea) == []
    assert [c.pk for c in selectors.idea_comments(idea, include_hidden=True)] == [comment.pk]
    assert Comment.objects.filter(pk__in=[comment.pk, reply.pk]).count() == 2
    comment_restore(comment=comment, moderator=moderator)
    assert [r.pk for r in selectors.idea_comments(idea)[0].visible_replies] == [reply.pk]


def test_citizen_cannot_comment_on_a_hidden_idea(idea, moderator, other_citizen):
    idea_hide(idea=idea, moderator=moderator, reason="Spam")

    with pytest.raises(ValidationError):
        comment_create(idea=idea, author=other_citizen, body="Hello?")

    assert not Comment.objects.exists()


def test_citizen_cannot_report_the_same_idea_twice(idea, other_citizen):
    report_create(reporter=other_citizen, idea=idea, reason="Advertising a shop")

    with pytest.raises(ValidationError):
        report_create(reporter=other_citizen, idea=idea, reason="Still advertising")

    assert Report.objects.count() == 1
