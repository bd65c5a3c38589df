"""Editing and withdrawing an idea: only its author, only while it is open for votes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ideas.models import Idea, IdeaStatus
from ideas.services import idea_update, idea_withdraw

pytestmark = pytest.mark.django_db

NEW = {"title": "Shade sails at every bus stop", "body": "Shade sails at every stop on the 472 line, first."}


def test_author_can_edit_an_open_idea(idea, citizen):
    idea_update(idea=idea, user=citizen, tags=["Shade"], **NEW)

    idea.refresh_from_db()
    assert (idea.title, idea.body, list(idea.tags.names())) == (NEW["title"], NEW["body"], ["shade"])


def test_author_can_edit_an_idea_and_keep_its_tags_when_none_are_given(idea, citizen):
    idea.tags.set(["parks"])

    idea_update(idea=idea, user=citizen, **NEW)

    assert list(idea.tags.names()) == ["parks"]


def test_citizen_cannot_edit_someone_elses_idea(idea, other_citizen):
    with pytest.raises(PermissionDenied):
        idea_update(idea=idea, user=other_citizen, **NEW)

    assert Idea.objects.get(pk=idea.pk).title == idea.title


def test_moderator_cannot_edit_a_citizens_idea(idea, moderator):
    with pytest.raises(PermissionDenied):
        idea_update(idea=idea, user=moderator, **NEW)


def test_author_cannot_edit_an_idea_when_it_is_in_review(idea, citizen):
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.IN_REVIEW, selected_at=idea.created_at)
    idea.refresh_from_db()

    with pytest.raises(PermissionDenied):
        idea_update(idea=idea, user=citizen, **NEW)

    assert Idea.objects.get(pk=idea.pk).title == idea.title


def test_author_cannot_edit_an_idea_when_another_request_withdrew_it_meanwhile(idea, citizen):
    stale = Idea.objects.get(pk=idea.pk)
    idea_withdraw(idea=idea, user=citizen)

    with pytest.raises(PermissionDenied):
        idea_update(idea=stale, user=citizen, **NEW)

    assert Idea.objects.get(pk=idea.pk).title == idea.title


def test_author_cannot_edit_an_idea_when_the_new_text_is_invalid(idea, citizen):
    with pytest.raises(ValidationError):
        idea_update(idea=idea, user=citizen, title="Ok", body="short")

    assert Idea.objects.get(pk=idea.pk).title == idea.title


def test_author_can_withdraw_an_open_idea(idea, citizen):
    idea_withdraw(idea=idea, user=citizen)

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.WITHDRAWN
    assert idea not in Idea.objects.visible()
    assert Idea.objects.filter(pk=idea.pk).exists()  # the row stays


def test_citizen_cannot_withdraw_someone_elses_idea(idea, other_citizen):
    with pytest.raises(PermissionDenied):
        idea_withdraw(idea=idea, user=other_citizen)

    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.OPEN


def test_author_cannot_withdraw_an_idea_when_it_was_already_withdrawn(idea, citizen):
    idea_withdraw(idea=idea, user=citizen)

    with pytest.raises(PermissionDenied):
        idea_withdraw(idea=idea, user=citizen)

    assert idea.timeline.filter(kind="withdrawn").count() == 1


def test_author_cannot_withdraw_an_idea_when_it_is_in_review(idea, citizen):
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.IN_REVIEW, selected_at=idea.created_at)
    idea.refresh_from_db()

    with pytest.raises(PermissionDenied):
        idea_withdraw(idea=idea, user=citizen)

    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.IN_REVIEW
