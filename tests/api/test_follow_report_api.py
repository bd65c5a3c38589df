"""POST/DELETE /api/v1/ideas/{id}/follow and POST /api/v1/ideas/{id}/report."""

from __future__ import annotations

import pytest

from ideas.models import Follow, Report
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_citizen_can_follow_and_unfollow_an_idea_idempotently(api_client, idea):
    follower = UserFactory()
    client = api_client(follower)

    for _n in range(2):
        response = client.post(f"/api/v1/ideas/{idea.pk}/follow")
        assert response.status_code == 200 and response.json() == {"following": True}
    assert Follow.objects.filter(idea=idea, user=follower).count() == 1
    assert client.get(f"/api/v1/ideas/{idea.pk}").json()["following"] is True

    for _n in range(2):
        response = client.delete(f"/api/v1/ideas/{idea.pk}/follow")
        assert response.status_code == 200 and response.json() == {"following": False}
    assert not Follow.objects.filter(idea=idea, user=follower).exists()


def test_citizen_can_report_an_idea_and_a_comment_once(api_client, idea):
    reporter = UserFactory()
    comment = CommentFactory(idea=idea)
    client = api_client(reporter)

    on_idea = client.post(f"/api/v1/ideas/{idea.pk}/report", {"reason": "Contains a phone number"})
    on_comment = client.post(f"/api/v1/ideas/{idea.pk}/report", {"reason": "Insulting", "comment": comment.pk})
    again = client.post(f"/api/v1/ideas/{idea.pk}/report", {"reason": "Still a phone number"})

    assert on_idea.status_code == on_comment.status_code == 201
    assert again.status_code == 409
    assert again.json()["detail"]
    assert Report.objects.filter(reporter=reporter).count() == 2
    assert Report.objects.get(pk=on_comment.json()["id"]).comment == comment
