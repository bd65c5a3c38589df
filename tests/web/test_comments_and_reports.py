"""Citizens comment, reply (one level) and report ideas and comments from the idea page."""

import pytest
from django.urls import reverse

from ideas.models import Comment, Report
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_citizen_can_comment_and_reply(client_for, idea, other_citizen):
    client = client_for(other_citizen)
    response = client.post(reverse("ideas:idea-comment", args=[idea.pk]), {"body": "Great idea!"}, follow=True)
    assert "Your comment is published." in response.content.decode()
    top = Comment.objects.get()
    response = client.post(
        reverse("ideas:idea-comment", args=[idea.pk]), {"body": "Replying to myself", "parent": top.pk}, follow=True
    )
    reply = Comment.objects.get(parent=top)
    assert reply.body == "Replying to myself"
    html = response.content.decode()
    assert html.index("Great idea!") < html.index('class="replies"') < html.index("Replying to myself")
    # a reply to a reply attaches to the top comment (one level)
    client.post(reverse("ideas:idea-comment", args=[idea.pk]), {"body": "Deeper", "parent": reply.pk})
    assert Comment.objects.get(body="Deeper").parent == top


def test_citizen_cannot_post_an_empty_comment(client_for, idea, other_citizen):
    response = client_for(other_citizen).post(
        reverse("ideas:idea-comment", args=[idea.pk]), {"body": "  "}, follow=True
    )
    assert "Write" in response.content.decode()
    assert not Comment.objects.exists()


def test_visitor_cannot_comment(client, idea):
    response = client.post(reverse("ideas:idea-comment", args=[idea.pk]), {"body": "Hello"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Comment.objects.exists()


def test_citizen_can_report_an_idea_once(client_for, idea, other_citizen):
    client = client_for(other_citizen)
    url = reverse("ideas:idea-report", args=[idea.pk])
    response = client.post(url, {"reason": "This is an advert"}, follow=True)
    assert "The moderators will look at your report." in response.content.decode()
    response = client.post(url, {"reason": "Still an advert"}, follow=True)
    assert "You have already reported this." in response.content.decode()
    assert Report.objects.filter(idea=idea, reporter=other_citizen).count() == 1


def test_citizen_can_report_a_comment(client_for, idea, other_citizen):
    comment = CommentFactory(idea=idea)
    client_for(other_citizen).post(
        reverse("ideas:idea-report", args=[idea.pk]), {"reason": "Insulting", "comment": comment.pk}
    )
    assert Report.objects.get().comment == comment


def test_citizen_cannot_report_without_a_reason(client_for, idea, other_citizen):
    response = client_for(other_citizen).post(
        reverse("ideas:idea-report", args=[idea.pk]), {"reason": "x"}, follow=True
    )
    assert "at least 5 characters" in response.content.decode()
    assert not Report.objects.exists()


def test_citizen_can_follow_and_unfollow(client_for, idea, other_citizen):
    client = client_for(other_citizen)
    response = client.post(reverse("ideas:idea-follow", args=[idea.pk]), follow=True)
    assert "You now follow this idea" in response.content.decode()
    assert idea.follows.filter(user=other_citizen).exists()
    assert "Stop following" in response.content.decode()
    client.post(reverse("ideas:idea-unfollow", args=[idea.pk]))
    assert not idea.follows.filter(user=other_citizen).exists()
