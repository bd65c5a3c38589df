"""Moderators hide and restore ideas and comments from the idea page; the public stops seeing hidden content."""

import pytest
from django.urls import reverse

from ideas.models import Comment, Idea, TimelineEvent
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_moderator_can_hide_an_idea_and_the_public_loses_it(client_for, client, idea, moderator, other_citizen):
    mod = client_for(moderator)
    response = mod.post(
        reverse("ideas:idea-hide", args=[idea.pk]), {"reason": "Personal data in the text"}, follow=True
    )
    html = response.content.decode()
    assert "The idea is hidden from the public." in html
    assert "This idea is hidden from the public." in html  # banner for moderators
    assert "Personal data in the text" in html
    idea.refresh_from_db()
    assert idea.hidden
    assert client.get(idea.get_absolute_url()).status_code == 404
    assert client_for(other_citizen).get(idea.get_absolute_url()).status_code == 404
    assert idea.title not in client.get(idea.campaign.url).content.decode()
    assert idea.title not in client.get("/").content.decode()


def test_moderator_cannot_hide_without_a_reason(client_for, idea, moderator):
    response = client_for(moderator).post(reverse("ideas:idea-hide", args=[idea.pk]), {"reason": " "}, follow=True)
    assert "Give a reason for hiding this idea." in response.content.decode()
    idea.refresh_from_db()
    assert not idea.hidden


def test_moderator_can_restore_a_hidden_idea(client_for, client, idea, moderator):
    mod = client_for(moderator)
    mod.post(reverse("ideas:idea-hide", args=[idea.pk]), {"reason": "Looks like spam"})
    response = mod.post(reverse("ideas:idea-restore", args=[idea.pk]), {"reason": "Not spam after all"}, follow=True)
    assert "The idea is visible again." in response.content.decode()
    assert client.get(idea.get_absolute_url()).status_code == 200
    kinds = list(idea.timeline.values_list("kind", flat=True))
    assert kinds[-2:] == [TimelineEvent.Kind.HIDDEN, TimelineEvent.Kind.RESTORED]
    assert "Not spam after all" in client.get(idea.get_absolute_url()).content.decode()


def test_citizen_cannot_hide_an_idea(client_for, idea, other_citizen):
    client = client_for(other_citizen)
    assert "Reason for hiding" not in client.get(idea.get_absolute_url()).content.decode()
    response = client.post(reverse("ideas:idea-hide", args=[idea.pk]), {"reason": "I dislike it"}, follow=True)
    assert "Only moderators can hide or restore content." in response.content.decode()
    assert not Idea.objects.get(pk=idea.pk).hidden


def test_moderator_can_hide_and_restore_a_comment(client_for, client, idea, moderator):
    comment = CommentFactory(idea=idea, body="Rude words here")
    mod = client_for(moderator)
    response = mod.post(reverse("ideas:comment-hide", args=[comment.pk]), {"reason": "Insults"}, follow=True)
    assert "The comment is hidden from the public." in response.content.decode()
    assert "Rude words here" in response.content.decode()  # moderators still see it, marked hidden
    assert "Rude words here" not in client.get(idea.get_absolute_url()).content.decode()
    mod.post(reverse("ideas:comment-restore", args=[comment.pk]))
    assert not Comment.objects.get(pk=comment.pk).hidden
    assert "Rude words here" in client.get(idea.get_absolute_url()).content.decode()


def test_citizen_cannot_hide_a_comment(client_for, idea, other_citizen):
    comment = CommentFactory(idea=idea)
    response = client_for(other_citizen).post(
        reverse("ideas:comment-hide", args=[comment.pk]), {"reason": "x"}, follow=True
    )
    assert "Only moderators can hide or restore content." in response.content.decode()
    assert not Comment.objects.get(pk=comment.pk).hidden
