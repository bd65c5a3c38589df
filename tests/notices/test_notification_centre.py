"""The notification centre: the bell's unread count on every page, the list, mark read."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from notices.models import Notification
from tests.factories import IdeaFactory
from tests.notices.helpers import notify

pytestmark = pytest.mark.django_db


def _bell(html: str) -> str:
    return re.search(r'data-unread-count="(\d+)"', html).group(1)


def test_citizen_can_see_the_unread_count_on_every_page(citizen, client_for):
    client = client_for(citizen)
    assert _bell(client.get("/campaigns/").content.decode()) == "0"
    notify([citizen], idea=IdeaFactory(), event="1")
    notify([citizen], idea=IdeaFactory(), event="2")
    for url in ("/", "/campaigns/", "/notifications/preferences/"):
        assert _bell(client.get(url).content.decode()) == "2"


def test_visitor_cannot_see_a_bell_or_the_list():
    assert "data-unread-count" not in Client().get("/").content.decode()
    response = Client().get("/notifications/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_citizen_can_page_through_notifications_newest_first(citizen, client_for, settings):
    settings.OASIS_NOTICES_PER_PAGE = 2
    for n in range(3):
        notify([citizen], idea=IdeaFactory(title=f"Idea {n} about parks"), event=str(n))
    client = client_for(citizen)
    first = client.get("/notifications/").content.decode()
    assert first.index("Idea 2 about parks") < first.index("Idea 1 about parks")
    assert "Idea 0 about parks" not in first
    assert "Idea 0 about parks" in client.get("/notifications/?page=2").content.decode()


def test_citizen_can_open_a_notification_and_it_is_marked_read(citizen, client_for):
    idea = IdeaFactory()
    notify([citizen], idea=idea)
    notification = Notification.objects.get()
    response = client_for(citizen).get(f"/notifications/{notification.pk}/open/")
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    notification.refresh_from_db()
    assert notification.unread is False


def test_citizen_can_mark_one_or_all_read(citizen, client_for):
    for n in range(3):
        notify([citizen], idea=IdeaFactory(), event=str(n))
    client = client_for(citizen)
    one = Notification.objects.first()
    client.post(f"/notifications/{one.pk}/read/")
    assert _bell(client.get("/").content.decode()) == "2"
    response = client.post("/notifications/read-all/", follow=True)
    assert "All notifications are marked as read." in response.content.decode()
    assert _bell(response.content.decode()) == "0"


def test_citizen_cannot_open_or_mark_someone_elses_notification(citizen, other_citizen, client_for):
    notify([other_citizen], idea=IdeaFactory())
    theirs = Notification.objects.get()
    client = client_for(citizen)
    assert client.get(f"/notifications/{theirs.pk}/open/").status_code == 404
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.unread is True
