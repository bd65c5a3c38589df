"""Staff enter ideas on a citizen's behalf (phone, visit, SNS) and see the ideas selected for review."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ideas.models import Channel, Idea, IdeaStatus
from tests.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def entry(user, campaign, **extra):
    return {
        "citizen": user.email,
        "campaign": campaign.pk,
        "channel": Channel.PHONE,
        "title": "Crossing near the school",
        "body": "A caller asked for a zebra crossing near the primary school.",
        "tags": "safety",
        **extra,
    }


def test_moderator_can_enter_an_idea_for_a_citizen(client_for, moderator, citizen, campaign):
    response = client_for(moderator).post(reverse("ideas:idea-staff-entry"), entry(citizen, campaign), follow=True)
    idea = Idea.objects.get()
    assert (idea.author, idea.entered_by, idea.channel) == (citizen, moderator, Channel.PHONE)
    assert response.redirect_chain[-1][0] == idea.get_absolute_url()
    html = response.content.decode()
    assert f"The idea was entered for {citizen.username}." in html
    assert "Entered by staff from a phone call." in html  # on the public timeline


def test_coordinator_can_find_the_citizen_by_user_name(client_for, coordinator, citizen, campaign):
    client_for(coordinator).post(
        reverse("ideas:idea-staff-entry"), entry(citizen, campaign, citizen=citizen.username, channel=Channel.SNS)
    )
    assert Idea.objects.get().channel == Channel.SNS


def test_moderator_cannot_enter_an_idea_for_an_unknown_citizen(client_for, moderator, citizen, campaign):
    response = client_for(moderator).post(reverse("ideas:idea-staff-entry"), entry(citizen, campaign, citizen="nobody"))
    assert "No active citizen has that user name or e-mail address." in response.content.decode()
    assert "Crossing near the school" in response.content.decode()
    assert not Idea.objects.exists()


def test_moderator_cannot_pick_the_web_channel(client_for, moderator, citizen, campaign):
    response = client_for(moderator).post(reverse("ideas:idea-staff-entry"), entry(citizen, campaign, channel="web"))
    assert "Select a valid choice" in response.content.decode()
    assert not Idea.objects.exists()


def test_citizen_cannot_open_the_staff_entry_page(client_for, citizen, campaign):
    client = client_for(citizen)
    response = client.get(reverse("ideas:idea-staff-entry"))
    assert response.status_code == 403
    assert "You are not allowed to see this page" in response.content.decode()
    assert client.post(reverse("ideas:idea-staff-entry"), entry(citizen, campaign)).status_code == 403
    assert not Idea.objects.exists()


def test_visitor_is_sent_to_sign_in_from_staff_pages(client):
    for name in ("ideas:idea-staff-entry", "ideas:idea-selected"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_coordinator_can_see_ideas_selected_for_review(client_for, coordinator, campaign, citizen):
    selected = IdeaFactory(
        campaign=campaign, title="Selected idea", status=IdeaStatus.IN_REVIEW, selected_at=timezone.now()
    )
    IdeaFactory(campaign=campaign, title="Unselected idea")
    response = client_for(coordinator).get(reverse("ideas:idea-selected"))
    html = response.content.decode()
    assert selected.title in html and "Unselected idea" not in html
    assert client_for(citizen).get(reverse("ideas:idea-selected")).status_code == 403
