"""The author edits and withdraws an idea while it is open; others cannot; wrong campaign URLs are fixed."""

import pytest
from django.urls import reverse

from ideas.models import Idea, IdeaStatus
from tests.factories import IdeaFactory, make_campaign

pytestmark = pytest.mark.django_db


def test_author_can_edit_an_open_idea(client_for, idea, citizen):
    client = client_for(citizen)
    assert "Edit" in client.get(idea.get_absolute_url()).content.decode()
    response = client.post(
        reverse("ideas:idea-edit", args=[idea.pk]),
        {"title": "A better title", "body": "A clearer description of the idea.", "tags": "air"},
        follow=True,
    )
    assert "Your changes are saved." in response.content.decode()
    idea.refresh_from_db()
    assert idea.title == "A better title"
    assert [t.name for t in idea.tags.all()] == ["air"]


def test_author_cannot_save_an_invalid_edit(client_for, idea, citizen):
    response = client_for(citizen).post(reverse("ideas:idea-edit", args=[idea.pk]), {"title": "Hi", "body": "short"})
    assert response.status_code == 200
    assert "at least 5 characters" in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).title == idea.title


def test_citizen_cannot_edit_someone_elses_idea(client_for, idea, other_citizen):
    client = client_for(other_citizen)
    response = client.post(
        reverse("ideas:idea-edit", args=[idea.pk]), {"title": "Hijacked title", "body": "x" * 30}, follow=True
    )
    assert "Only the author can edit" in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).title == idea.title


def test_author_can_withdraw_and_the_public_loses_the_idea(client_for, client, idea, citizen):
    response = client_for(citizen).post(reverse("ideas:idea-withdraw", args=[idea.pk]), follow=True)
    assert "Your idea was withdrawn." in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.WITHDRAWN
    assert client.get(idea.get_absolute_url()).status_code == 404


def test_author_cannot_edit_an_idea_in_review(client_for, citizen, campaign):
    from django.utils import timezone

    idea = IdeaFactory(campaign=campaign, author=citizen, status=IdeaStatus.IN_REVIEW, selected_at=timezone.now())
    client = client_for(citizen)
    assert reverse("ideas:idea-edit", args=[idea.pk]) not in client.get(idea.get_absolute_url()).content.decode()
    client.post(reverse("ideas:idea-withdraw", args=[idea.pk]))
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.IN_REVIEW


def test_visitor_is_redirected_when_the_campaign_in_the_url_is_wrong(client, idea):
    other = make_campaign(title="Other campaign")
    response = client.get(f"{other.url}ideas/{idea.pk}/")
    assert response.status_code == 302
    assert response["Location"] == idea.get_absolute_url()
    assert client.get(f"{other.url}ideas/999999/").status_code == 404
