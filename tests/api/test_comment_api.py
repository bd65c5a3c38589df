"""GET/POST /api/v1/ideas/{id}/comments: threads of one level, hidden comments left out."""

from __future__ import annotations

import pytest

from ideas.models import Comment
from ideas.moderation import comment_hide
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_citizen_can_comment_and_reply(api_client, citizen, idea):
    client = api_client(UserFactory())

    top = client.post(f"/api/v1/ideas/{idea.pk}/comments", {"body": "Which streets first?"})
    reply = client.post(f"/api/v1/ideas/{idea.pk}/comments", {"body": "Near schools.", "parent": top.json()["id"]})
    # A reply to a reply joins the top comment's thread.
    nested = client.post(f"/api/v1/ideas/{idea.pk}/comments", {"body": "Agreed.", "parent": reply.json()["id"]})

    assert top.status_code == reply.status_code == nested.status_code == 201
    assert top.json()["parent"] is None and top.json()["replies"] == []
    assert nested.json()["parent"] == top.json()["id"]
    listed = api_client().get(f"/api/v1/ideas/{idea.pk}/comments").json()
    assert [(c["body"], [r["body"] for r in c["replies"]]) for c in listed] == [
        ("Which streets first?", ["Near schools.", "Agreed."])
    ]
    assert Comment.objects.filter(idea=idea).count() == 3


def test_visitor_cannot_see_hidden_comments(api_client, idea, moderator):
    kept = CommentFactory(idea=idea, body="Useful remark")
    comment_hide(comment=CommentFactory(idea=idea, body="Abuse"), moderator=moderator, reason="Abuse")

    listed = api_client().get(f"/api/v1/ideas/{idea.pk}/comments").json()

    assert [c["id"] for c in listed] == [kept.pk]
    assert listed[0]["author"] == kept.author.username


def test_anonymous_cannot_comment(api_client, idea):
    response = api_client().post(f"/api/v1/ideas/{idea.pk}/comments", {"body": "Hello"})

    assert response.status_code == 401
    assert not Comment.objects.exists()
