"""POST /api/v1/ideas: submitting an idea from the app."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ideas.models import Follow, Idea, TimelineEvent
from tests.factories import make_campaign

pytestmark = pytest.mark.django_db


def _payload(campaign, /, **overrides):
    return {
        "campaign": campaign.pk,
        "title": "Shade sails over bus stops",
        "body": "Bus stops in the sun get very hot in summer; shade sails would help people who wait.",
        "tags": ["Buses", "summer", "buses"],
        **overrides,
    }


def test_citizen_can_submit_an_idea(api_client, citizen, campaign):
    response = api_client(citizen).post("/api/v1/ideas", _payload(campaign))

    assert response.status_code == 201
    idea = Idea.objects.get()
    body = response.json()
    assert body["id"] == idea.pk
    assert body["title"] == "Shade sails over bus stops"
    assert body["author"] == citizen.username
    assert body["channel"] == "api"
    assert body["status"] == "open"
    assert body["votes"] == 0
    assert body["tags"] == ["buses", "summer"]
    assert body["campaign"] == campaign.pk
    assert body["department"]["id"] == campaign.department_id
    assert body["following"] is True and body["voted"] is False
    assert [event["kind"] for event in body["timeline"]] == ["submitted"]
    assert body["review"] is None
    assert idea.author == citizen and idea.channel == "api"
    assert Follow.objects.filter(idea=idea, user=citizen).exists()


def test_citizen_cannot_submit_to_a_closed_campaign(api_client, citizen):
    now = timezone.now()
    closed = make_campaign(title="Last winter", opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1))

    response = api_client(citizen).post("/api/v1/ideas", _payload(closed))

    assert response.status_code == 409
    assert "not open" in response.json()["detail"]
    assert not Idea.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "Hi"}, "title"),
        ({"body": "Too short."}, "body"),
        ({"tags": [f"tag{n}" for n in range(11)]}, "tags"),
        ({"tags": ["x" * 51]}, "tags"),
        ({"campaign": 999_999}, "campaign"),
        ({"tags": "not-a-list"}, "tags"),
    ],
)
def test_citizen_cannot_submit_an_invalid_idea(api_client, citizen, campaign, overrides, field):
    response = api_client(citizen).post("/api/v1/ideas", _payload(campaign, **overrides))

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Idea.objects.exists()
    assert not TimelineEvent.objects.exists()
