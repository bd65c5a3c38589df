"""Every public and staff page renders, with exactly one <h1> and the site landmarks."""

import pytest
from django.urls import reverse

from core.roles import GROUP_MODERATORS
from ideas.models import Channel
from ideas.services import idea_submit
from tests.factories import CommentFactory, IdeaFactory, UserFactory
from tests.web.helpers import h1_count

pytestmark = pytest.mark.django_db


def assert_page(response):
    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(html) == 1, html
    assert '<main id="main"' in html
    assert 'lang="en"' in html
    assert 'href="#main"' in html


def test_visitor_can_see_every_public_page_with_one_heading(client, campaign, citizen):
    idea = idea_submit(
        campaign=campaign, author=citizen, title="Shade trees on Main St", body="Plant trees for shade in summer."
    )
    CommentFactory(idea=idea)
    for url in [
        "/",
        "/campaigns/",
        campaign.url,
        idea.get_absolute_url(),
        reverse("login"),
        reverse("signup"),
        reverse("password_reset"),
        reverse("password_reset_done"),
        reverse("password_reset_complete"),
    ]:
        assert_page(client.get(url))


def test_citizen_can_see_submit_and_edit_pages_with_one_heading(client_for, campaign, citizen):
    idea = IdeaFactory(campaign=campaign, author=citizen)
    client = client_for(citizen)
    assert_page(client.get(f"{campaign.url}submit/"))
    assert_page(client.get(reverse("ideas:idea-edit", args=[idea.pk])))
    assert_page(client.get(idea.get_absolute_url()))


def test_moderator_can_see_staff_pages_with_one_heading(client_for, campaign):
    moderator = UserFactory(groups=[GROUP_MODERATORS])
    client = client_for(moderator)
    idea = IdeaFactory(campaign=campaign, hidden=True, channel=Channel.PHONE)
    CommentFactory(idea=idea, hidden=True)
    assert_page(client.get(reverse("ideas:idea-staff-entry")))
    assert_page(client.get(reverse("ideas:idea-selected")))
    page = client.get(idea.get_absolute_url())
    assert_page(page)
    html = page.content.decode()
    assert 'href="/review/"' in html
    assert 'href="/admin/"' in html


def test_visitor_gets_a_friendly_404_page(client):
    response = client.get("/campaigns/no-such-campaign/")
    assert response.status_code == 404
    assert h1_count(response.content.decode()) == 1
    assert "Page not found" in response.content.decode()


def test_citizen_sees_no_staff_links(client_for, citizen):
    html = client_for(citizen).get("/").content.decode()
    assert 'href="/review/"' not in html
    assert 'href="/admin/"' not in html
    assert "Sign out" in html
