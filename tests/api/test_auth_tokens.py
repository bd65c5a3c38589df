"""Signing up and getting an API token; bearer and session authentication."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from ideas.models import Vote
from oasis.models import ApiToken
from oasis.services import api_token_issue
from tests.factories import IdeaFactory, UserFactory

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "plane-tree-lantern-47"


def test_visitor_can_register_get_a_token_and_use_it(api_client):
    client = api_client()

    registered = client.post(
        "/api/v1/auth/register", {"username": "minji", "email": "minji@example.org", "password": STRONG_PASSWORD}
    )
    assert registered.status_code == 201
    user = User.objects.get(username="minji")
    assert registered.json() == {"id": user.pk, "username": "minji"}
    assert user.groups.filter(name="citizens").exists()

    issued = client.post("/api/v1/auth/token", {"username": "minji", "password": STRONG_PASSWORD})
    assert issued.status_code == 201
    key = issued.json()["token"]
    assert ApiToken.objects.filter(user=user).count() == 1
    assert key not in ApiToken.objects.values_list("digest", flat=True)  # only a digest is stored

    idea = IdeaFactory()
    voted = client.post(f"/api/v1/ideas/{idea.pk}/vote", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert voted.status_code == 201
    assert Vote.objects.filter(idea=idea, voter=user).exists()


def test_visitor_cannot_register_with_a_taken_name_and_a_weak_password(api_client, citizen):
    before = User.objects.count()

    response = api_client().post(
        "/api/v1/auth/register", {"username": citizen.username, "email": "not-an-email", "password": "123"}
    )

    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert set(body["errors"]) == {"username", "email", "password"}
    assert User.objects.count() == before


def test_citizen_cannot_get_a_token_with_a_wrong_password(api_client, citizen):
    response = api_client().post("/api/v1/auth/token", {"username": citizen.username, "password": "wrong-password"})

    assert response.status_code == 401
    assert response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_deactivated_citizen_cannot_use_an_old_token(api_client, citizen):
    client = api_client(citizen)
    idea = IdeaFactory()
    citizen.is_active = False
    citizen.save()

    response = client.post(f"/api/v1/ideas/{idea.pk}/vote")

    assert response.status_code == 401
    assert not Vote.objects.exists()


def test_citizen_can_vote_with_the_session_and_csrf_token(citizen):
    idea = IdeaFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    client.cookies.load({"csrftoken": "a" * 32})

    response = client.post(f"/api/v1/ideas/{idea.pk}/vote", HTTP_X_CSRFTOKEN="a" * 32)

    assert response.status_code == 201
    assert Vote.objects.filter(idea=idea, voter=citizen).exists()


def test_citizen_cannot_vote_with_the_session_without_csrf_token(citizen):
    idea = IdeaFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)

    response = client.post(f"/api/v1/ideas/{idea.pk}/vote")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Vote.objects.exists()


def test_token_holder_needs_no_csrf_token(citizen):
    idea = IdeaFactory()
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/api/v1/ideas/{idea.pk}/vote", HTTP_AUTHORIZATION=f"Bearer {api_token_issue(user=citizen)}"
    )

    assert response.status_code == 201


def test_anonymous_cannot_vote(api_client):
    idea = IdeaFactory(author=UserFactory())

    response = api_client().post(f"/api/v1/ideas/{idea.pk}/vote")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Vote.objects.exists()
