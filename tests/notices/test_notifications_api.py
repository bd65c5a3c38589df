"""GET /api/v1/me/notifications, POST .../{id}/read and .../read-all."""

from __future__ import annotations

import pytest
from django.test import Client

from notices.models import Notification
from oasis.services import api_token_issue
from tests.factories import IdeaFactory
from tests.notices.helpers import notify

pytestmark = pytest.mark.django_db
URL = "/api/v1/me/notifications"


@pytest.fixture
def api(citizen):
    return Client(HTTP_AUTHORIZATION=f"Bearer {api_token_issue(user=citizen)}")


def test_visitor_cannot_list_notifications_without_auth():
    for method, url in [("get", URL), ("post", f"{URL}/read-all"), ("post", f"{URL}/1/read")]:
        response = getattr(Client(), method)(url)
        assert response.status_code == 401
        assert "detail" in response.json()


def test_citizen_can_list_their_notifications_newest_first(api, citizen, other_citizen):
    older, newer = IdeaFactory(title="Older idea"), IdeaFactory(title="Newer idea")
    notify([citizen], idea=older, event="1")
    notify([citizen, other_citizen], idea=newer, event="2", author="eun")

    body = api.get(URL).json()
    assert body["count"] == 2 and body["unread"] == 2
    first = body["results"][0]
    assert first["title"] == "Newer idea" and first["kind"] == "comment_posted" and first["unread"] is True
    assert first["text"] == "eun commented on your idea “Newer idea”."
    assert first["url"] == f"http://localhost:8000{newer.get_absolute_url()}"

    page = api.get(URL, {"page_size": 1, "page": 2}).json()
    assert [r["title"] for r in page["results"]] == ["Older idea"] and page["next"] is None


def test_citizen_can_mark_one_and_then_all_notifications_read(api, citizen):
    for n in range(3):
        notify([citizen], idea=IdeaFactory(), event=str(n))
    target = Notification.objects.filter(recipient=citizen).first()

    response = api.post(f"{URL}/{target.pk}/read")
    assert response.status_code == 200 and response.json()["unread"] is False
    assert api.get(URL, {"unread": "true"}).json()["count"] == 2

    response = api.post(f"{URL}/read-all")
    assert response.json() == {"marked": 2, "unread": 0}
    assert not Notification.objects.filter(recipient=citizen, unread=True).exists()


def test_citizen_cannot_read_or_mark_someone_elses_notification(api, other_citizen):
    notify([other_citizen], idea=IdeaFactory())
    theirs = Notification.objects.get()
    response = api.post(f"{URL}/{theirs.pk}/read")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}
    assert api.post(f"{URL}/999999/read").status_code == 404
    theirs.refresh_from_db()
    assert theirs.unread is True
    assert api.get(URL).json()["count"] == 0


def test_citizen_cannot_list_with_bad_paging(api):
    response = api.get(URL, {"page": 0, "page_size": 1000})
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"page", "page_size"}
