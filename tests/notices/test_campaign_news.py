"""A new campaign opens: citizens who subscribed to campaign news hear about it, once."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from notices.models import Delivery, Kind, Notification
from notices.services import preference_set
from tests.factories import UserFactory, make_campaign
from tests.notices.helpers import recipients_of

pytestmark = pytest.mark.django_db


def test_subscriber_can_hear_that_a_new_campaign_opens(django_capture_on_commit_callbacks, client_for):
    subscriber, other = UserFactory(), UserFactory()
    preference_set(user=subscriber, kind=Kind.CAMPAIGN_OPENED, channel=Delivery.IN_APP)

    with django_capture_on_commit_callbacks(execute=True):
        campaign = make_campaign(title="Quieter nights")

    assert recipients_of(Kind.CAMPAIGN_OPENED) == {subscriber.pk}  # campaign news is opt-in
    page = client_for(subscriber).get("/notifications/").content.decode()
    assert "A new campaign is open for ideas: “Quieter nights”." in page
    assert Notification.objects.get().url == campaign.url

    # Publishing the campaign again (an edit) does not announce it again.
    with django_capture_on_commit_callbacks(execute=True):
        campaign.save_revision().publish()
    assert Notification.objects.count() == 1
    assert other.pk not in recipients_of(Kind.CAMPAIGN_OPENED)


def test_subscriber_can_hear_of_a_campaign_published_ahead_when_its_opening_date_comes(
    django_capture_on_commit_callbacks,
):
    subscriber = UserFactory()
    preference_set(user=subscriber, kind=Kind.CAMPAIGN_OPENED, channel=Delivery.EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        campaign = make_campaign(title="Summer festival", opens_at=timezone.now() + timedelta(hours=1))
    assert not Notification.objects.exists()  # not open yet

    type(campaign).objects.filter(pk=campaign.pk).update(opens_at=timezone.now() - timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notices_sweep", stdout=StringIO())
        call_command("notices_sweep", stdout=StringIO())
    assert recipients_of(Kind.CAMPAIGN_OPENED) == {subscriber.pk}
    assert Notification.objects.count() == 1
