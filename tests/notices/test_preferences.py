"""Per-kind preferences: in the app only, e-mail too, or off; set on /notifications/preferences/."""

from __future__ import annotations

import pytest

from ideas.services import comment_create
from notices.models import Delivery, Kind, Notification, Preference
from notices.services import preference_set
from tests.factories import UserFactory
from tests.notices.helpers import inbox_of

pytestmark = pytest.mark.django_db


def _comment(idea, capture) -> None:
    with capture(execute=True):
        comment_create(idea=idea, author=UserFactory(), body="Nice idea.")


def test_author_can_get_a_comment_in_the_app_and_by_email(django_capture_on_commit_callbacks, idea, citizen):
    preference_set(user=citizen, kind=Kind.COMMENT_POSTED, channel=Delivery.EMAIL)
    _comment(idea, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=citizen).count() == 1
    assert len(inbox_of(citizen)) == 1


def test_author_can_get_a_comment_in_the_app_only(django_capture_on_commit_callbacks, idea, citizen):
    preference_set(user=citizen, kind=Kind.COMMENT_POSTED, channel=Delivery.IN_APP)
    _comment(idea, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=citizen).count() == 1
    assert inbox_of(citizen) == []


def test_author_can_turn_comment_notifications_off(django_capture_on_commit_callbacks, idea, citizen):
    preference_set(user=citizen, kind=Kind.COMMENT_POSTED, channel=Delivery.OFF)
    _comment(idea, django_capture_on_commit_callbacks)
    assert not Notification.objects.filter(recipient=citizen).exists()
    assert inbox_of(citizen) == []


def test_citizen_can_save_preferences_and_subscribe_to_campaign_news(citizen, client_for):
    client = client_for(citizen)
    page = client.get("/notifications/preferences/").content.decode()
    assert "Campaign news: a new campaign opens" in page
    assert "A review is assigned to you" not in page  # staff-only kinds are not offered to citizens

    data = {f"kind_{k}": "in_app" for k in Kind.values if k not in {"review_assigned"}}
    data |= {"kind_comment_posted": "off", "kind_campaign_opened": "email", "daily_digest": "on"}
    response = client.post("/notifications/preferences/", data, follow=True)
    assert "Your notification settings are saved." in response.content.decode()
    chosen = dict(Preference.objects.filter(user=citizen).values_list("kind", "channel"))
    assert chosen[Kind.COMMENT_POSTED] == "off"
    assert chosen[Kind.CAMPAIGN_OPENED] == "email"
    assert citizen.notice_delivery.daily_digest is True


def test_citizen_cannot_save_an_unknown_choice(citizen, client_for):
    client = client_for(citizen)
    response = client.post("/notifications/preferences/", {"kind_comment_posted": "sms", "kind_idea_selected": "off"})
    assert response.status_code == 400
    assert "Choose in the app only, e-mail too, or off." in response.content.decode()
    assert not Preference.objects.filter(user=citizen).exists()


def test_coordinator_can_see_staff_kinds_in_preferences(coordinator, client_for):
    page = client_for(coordinator).get("/notifications/preferences/").content.decode()
    assert "An idea needs screening" in page
