"""GET /api/v1/campaigns: every published campaign with whether it takes ideas now."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_campaign

pytestmark = pytest.mark.django_db


def test_visitor_can_list_campaigns_general_first(api_client, general):
    now = timezone.now()
    open_campaign = make_campaign(title="Cleaner air", vote_threshold=5)
    closed = make_campaign(title="Winter roads", opens_at=now - timedelta(days=90), closes_at=now - timedelta(days=2))
    unpublished = make_campaign(title="Draft")
    unpublished.unpublish()

    response = api_client().get("/api/v1/campaigns")

    assert response.status_code == 200
    items = response.json()
    assert [c["id"] for c in items] == [general.pk, open_campaign.pk, closed.pk]
    by_id = {c["id"]: c for c in items}
    assert by_id[general.pk]["is_general"] is True and by_id[general.pk]["is_open"] is True
    assert by_id[closed.pk]["is_open"] is False
    assert by_id[open_campaign.pk]["threshold"] == 5
    assert by_id[open_campaign.pk]["department"]["name"] == open_campaign.department.name
    assert by_id[open_campaign.pk]["summary"] == "Summary of Cleaner air"
    assert by_id[open_campaign.pk]["url"].startswith("http://testserver/campaigns/")
    assert by_id[general.pk]["closes_at"] is None
