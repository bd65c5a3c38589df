"""The idea's public review summary through GET /api/v1/ideas/{id} and on the idea page."""

import json

import pytest

from review.services import answer_rate, implementation_update
from tests.factories import UserFactory
from tests.world import make_world

pytestmark = pytest.mark.django_db


def _review(client, idea):
    response = client.get(f"/api/v1/ideas/{idea.pk}")
    assert response.status_code == 200
    return json.loads(response.content)["review"]


def test_visitor_can_follow_the_review_stage_and_read_the_verdict_through_the_api(client):
    w = make_world()
    review = _review(client, w.idea)
    assert review["stage"] == "screening"
    assert review["office"] == "Review coordinators"
    assert review["verdict"] is None

    w.screen_for_review()
    assert _review(client, w.idea)["stage"] == "panel_review"
    w.submit_all_reviews()
    review = _review(client, w.idea)
    assert review["stage"] == "awaiting_decision"
    assert review["office"] == w.department.name
    assert review["scores"] is None  # aggregates are published with the verdict

    w.decide()
    implementation_update(idea=w.idea, user=w.official, status="completed", notes="Done in June.")
    answer_rate(idea=w.idea, user=UserFactory(), score=5)
    review = _review(client, w.idea)
    assert review["stage"] == "published"
    assert review["verdict"]["outcome"] == "adopted"
    assert review["verdict"]["outcome_label"] == "Adopted"
    assert review["verdict"]["reasoning_feasibility"].startswith("The parks office")
    assert review["verdict"]["budget"] == 120000000
    assert review["verdict"]["department"] == w.department.name
    assert review["verdict"]["published_at"]
    assert review["scores"]["internal"]["count"] == 2
    assert review["scores"]["internal"]["necessity"] == 4.0
    assert review["implementation"]["status"] == "completed"
    assert review["rating"] == {"average": 5.0, "count": 1}
    text = json.dumps(review)
    for expert in w.internal + w.external:
        assert expert.user.username not in text


def test_visitor_can_read_the_verdict_notice_on_the_idea_page(client):
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    w.decide()
    html = client.get(w.idea.get_absolute_url()).content.decode()
    assert "The city&#x27;s answer: Adopted" in html or "The city's answer: Adopted" in html
    assert "The parks office can do it within a season." in html
    assert w.department.name in html
    assert "Expert panel scores" in html


def test_api_has_no_review_for_an_open_idea(client):
    from tests.factories import IdeaFactory

    idea = IdeaFactory()
    assert _review(client, idea) is None
