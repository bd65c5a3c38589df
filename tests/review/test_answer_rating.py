"""Citizens rate the published answer 1-5 (on the idea page)."""

import pytest

from review.models import AnswerRating
from review.public import Rating, idea_public_review
from tests.factories import UserFactory
from tests.world import make_world

pytestmark = pytest.mark.django_db


def _published():
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    w.decide()
    return w


def test_citizen_can_rate_the_answer_and_change_their_rating(client_for):
    w = _published()
    citizen, other = UserFactory(), UserFactory()
    client = client_for(citizen)
    response = client.post(f"/review/ideas/{w.idea.pk}/rate/", {"score": "2"})
    assert response.status_code == 302
    client.post(f"/review/ideas/{w.idea.pk}/rate/", {"score": "4"})
    client_for(other).post(f"/review/ideas/{w.idea.pk}/rate/", {"score": "5"})
    assert AnswerRating.objects.get(user=citizen).score == 4
    assert idea_public_review(w.idea).rating == Rating(average=4.5, count=2)


def test_citizen_cannot_rate_outside_one_to_five(client_for):
    w = _published()
    client = client_for(UserFactory())
    response = client.post(f"/review/ideas/{w.idea.pk}/rate/", {"score": "9"}, follow=True)
    assert response.status_code == 200
    assert "Choose a rating from 1 to 5" in response.content.decode()
    assert not AnswerRating.objects.exists()


def test_citizen_cannot_rate_before_the_verdict(client_for):
    w = make_world()
    response = client_for(UserFactory()).post(f"/review/ideas/{w.idea.pk}/rate/", {"score": "3"}, follow=True)
    assert "no published answer yet" in response.content.decode()
    assert not AnswerRating.objects.exists()


def test_visitor_cannot_rate_without_signing_in(client):
    w = _published()
    response = client.post(f"/review/ideas/{w.idea.pk}/rate/", {"score": "3"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AnswerRating.objects.exists()
