"""Coordinators manage panels and experts (expertise tags, active flag) in the Wagtail admin."""

import pytest
from django.urls import reverse

from review.models import Expert, Panel
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_coordinator_can_add_an_expert_with_expertise_tags(coordinator, client_for):
    person = UserFactory(username="prof-kim")
    client = client_for(coordinator)
    assert client.get(reverse("review_experts:index")).status_code == 200
    response = client.post(
        reverse("review_experts:add"),
        {
            "user": person.pk,
            "panel": Panel.objects.get(kind="external").pk,
            "affiliation": "Professor of urban planning",
            "expertise": "heat, trees",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    expert = Expert.objects.get(user=person)
    assert sorted(expert.expertise.names()) == ["heat", "trees"]
    assert expert.is_active


def test_coordinator_can_deactivate_an_expert(coordinator, client_for):
    expert = Expert.objects.create(user=UserFactory(), panel=Panel.objects.get(kind="internal"))
    response = client_for(coordinator).post(
        reverse("review_experts:edit", args=[expert.pk]),
        {"user": expert.user_id, "panel": expert.panel_id, "affiliation": "", "expertise": ""},
    )
    assert response.status_code == 302
    expert.refresh_from_db()
    assert not expert.is_active


def test_citizen_cannot_manage_experts(citizen, client_for):
    response = client_for(citizen).get(reverse("review_experts:index"))
    assert response.status_code in (302, 403)
    assert Expert.objects.count() == 0
