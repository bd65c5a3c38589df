"""Bad requests get the right status, a JSON body, and change nothing in the database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from ideas.models import Comment, Follow, Idea, IdeaStatus, Report, TimelineEvent, Vote
from ideas.moderation import idea_hide
from oasis.models import ApiToken
from tests.factories import IdeaFactory, UserFactory, make_campaign

pytestmark = pytest.mark.django_db


def _db_state():
    return {
        "ideas": sorted(Idea.objects.values_list("pk", "title", "body", "status", "hidden", "updated_at")),
        "votes": sorted(Vote.objects.values_list("idea", "voter")),
        "comments": Comment.objects.count(),
        "follows": sorted(Follow.objects.values_list("idea", "user")),
        "reports": Report.objects.count(),
        "timeline": TimelineEvent.objects.count(),
        "users": User.objects.count(),
        "tokens": ApiToken.objects.count(),
    }


@pytest.fixture
def world(db, citizen, moderator, api_client):
    now = timezone.now()
    closed = make_campaign(title="Closed", opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1))
    others_idea = IdeaFactory(author=UserFactory())
    hidden = IdeaFactory(author=UserFactory())
    idea_hide(idea=hidden, moderator=moderator, reason="Spam")
    decided = IdeaFactory(author=UserFactory(), status=IdeaStatus.NOT_ADOPTED)
    return {
        "me": api_client(citizen),
        "anonymous": api_client(),
        "own_idea": IdeaFactory(author=citizen),
        "others_idea": others_idea,
        "hidden": hidden,
        "decided": decided,
        "closed": closed,
        "submission": {
            "campaign": others_idea.campaign_id,
            "title": "A perfectly fine title",
            "body": "A perfectly fine description of at least twenty characters.",
            "tags": [],
        },
    }


CASES = {
    "malformed JSON": (lambda w: w["me"].post("/api/v1/ideas", '{"title": "x",'), 400),
    "JSON that is not an object": (lambda w: w["me"].post("/api/v1/ideas", "[1, 2]"), 400),
    "wrong types": (
        lambda w: w["me"].post("/api/v1/ideas", {"campaign": "general", "title": 5, "body": None, "tags": "x"}),
        400,
    ),
    "missing fields": (lambda w: w["me"].post("/api/v1/ideas", {}), 400),
    "missing token": (lambda w: w["anonymous"].post("/api/v1/ideas", w["submission"]), 401),
    "bad token": (
        lambda w: w["anonymous"].post("/api/v1/ideas", w["submission"], HTTP_AUTHORIZATION="Bearer not-a-real-token"),
        401,
    ),
    "bad token on a public read": (
        lambda w: w["anonymous"].get("/api/v1/ideas", HTTP_AUTHORIZATION="Bearer not-a-real-token"),
        401,
    ),
    "other auth scheme": (
        lambda w: w["anonymous"].post(f"/api/v1/ideas/{w['others_idea'].pk}/vote", HTTP_AUTHORIZATION="Basic eDp5"),
        401,
    ),
    "editing others' idea": (
        lambda w: w["me"].put(f"/api/v1/ideas/{w['others_idea'].pk}", {"title": "Taken over by someone else"}),
        405,
    ),
    "deleting others' idea": (lambda w: w["me"].delete(f"/api/v1/ideas/{w['others_idea'].pk}"), 405),
    "closed campaign": (
        lambda w: w["me"].post("/api/v1/ideas", {**w["submission"], "campaign": w["closed"].pk}),
        409,
    ),
    "voting ended": (lambda w: w["me"].post(f"/api/v1/ideas/{w['decided'].pk}/vote"), 409),
    "hidden idea vote": (lambda w: w["me"].post(f"/api/v1/ideas/{w['hidden'].pk}/vote"), 404),
    "hidden idea read": (lambda w: w["me"].get(f"/api/v1/ideas/{w['hidden'].pk}"), 404),
    "hidden idea comment": (
        lambda w: w["me"].post(f"/api/v1/ideas/{w['hidden'].pk}/comments", {"body": "Hello there"}),
        404,
    ),
    "own idea vote": (lambda w: w["me"].post(f"/api/v1/ideas/{w['own_idea'].pk}/vote"), 403),
    "10 kB title": (lambda w: w["me"].post("/api/v1/ideas", {**w["submission"], "title": "x" * 10_240}), 400),
    "unknown id": (lambda w: w["me"].post("/api/v1/ideas/987654321/vote"), 404),
    "unknown id read": (lambda w: w["me"].get("/api/v1/ideas/987654321"), 404),
    "non-numeric id": (lambda w: w["me"].get("/api/v1/ideas/abc"), 404),
    "unknown URL": (lambda w: w["me"].post("/api/v1/petitions", {"title": "x"}), 404),
    "wrong method": (lambda w: w["me"].put(f"/api/v1/ideas/{w['others_idea'].pk}/vote"), 405),
    "wrong method on a list": (lambda w: w["me"].delete("/api/v1/ideas"), 405),
    "empty comment": (
        lambda w: w["me"].post(f"/api/v1/ideas/{w['others_idea'].pk}/comments", {"body": "   "}),
        400,
    ),
    "reply to a comment elsewhere": (
        lambda w: w["me"].post(f"/api/v1/ideas/{w['others_idea'].pk}/comments", {"body": "Hi", "parent": 987654}),
        400,
    ),
    "report without a reason": (
        lambda w: w["me"].post(f"/api/v1/ideas/{w['others_idea'].pk}/report", {"reason": "bad"}),
        400,
    ),
    "register with a 10 kB user name": (
        lambda w: w["anonymous"].post(
            "/api/v1/auth/register", {"username": "x" * 10_240, "email": "a@example.org", "password": "p" * 20}
        ),
        400,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_client_cannot_change_anything_with_a_bad_request(world, case, django_capture_on_commit_callbacks):
    send, status = CASES[case]
    before = _db_state()

    with django_capture_on_commit_callbacks(execute=True):
        response = send(world)

    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    if status == 400 and "errors" in body:
        assert all(isinstance(msgs, list) and msgs for msgs in body["errors"].values())
    if status == 405:
        assert response["Allow"]
    assert _db_state() == before


def test_client_gets_field_errors_for_wrong_types(world):
    response = world["me"].post("/api/v1/ideas", {"campaign": "general", "title": 5, "body": None, "tags": "x"})

    assert set(response.json()["errors"]) == {"campaign", "title", "body", "tags"}


def test_client_gets_413_for_an_oversized_body(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    before = _db_state()

    response = world["me"].post("/api/v1/ideas", {**world["submission"], "body": "y" * 20_000})

    assert response.status_code == 413
    assert response.json()["detail"]
    assert _db_state() == before


def test_session_client_cannot_post_without_csrf_token(world, citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    before = _db_state()

    response = client.post("/api/v1/ideas", world["submission"], content_type="application/json")

    assert response.status_code == 403
    assert response.json()["detail"]
    assert _db_state() == before
