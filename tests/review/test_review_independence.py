"""An expert sees the other reviews of an idea only after submitting their own."""

import pytest

from review.selectors import reviews_visible_to
from tests.world import make_world

pytestmark = pytest.mark.django_db


def test_expert_cannot_see_other_reviews_before_submitting_their_own(client_for):
    w = make_world()
    w.screen_for_review()
    first, second = w.internal[0], w.internal[1]
    w.submit_review(first, opinion="First opinion: promising but costly to maintain.")
    assert list(reviews_visible_to(idea=w.idea, user=second.user)) == []
    page = client_for(second.user).get(f"/review/ideas/{w.idea.pk}/reviews/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "First opinion" not in html
    assert "after you submit your own" in html
    # nor on their own task page
    task_page = client_for(second.user).get(f"/review/tasks/{w.review_task_of(second).pk}/")
    assert "First opinion" not in task_page.content.decode()


def test_expert_can_see_other_reviews_after_submitting_their_own(client_for):
    w = make_world()
    w.screen_for_review()
    first, second = w.internal[0], w.internal[1]
    w.submit_review(first, opinion="First opinion: promising but costly to maintain.")
    w.submit_review(second, opinion="Second opinion: cheap and effective.")
    assert {r.expert_id for r in reviews_visible_to(idea=w.idea, user=second.user)} == {first.pk, second.pk}
    html = client_for(second.user).get(f"/review/ideas/{w.idea.pk}/reviews/").content.decode()
    assert "First opinion" in html and "Second opinion" in html
    assert "<strong>3.8</strong>" in html  # the internal panel's overall average, (4+4+3+3+5)/5


def test_expert_not_assigned_cannot_see_the_reviews(client_for):
    w = make_world()
    w.screen_for_review()
    w.submit_review(w.internal[0])
    outsider = w.internal[2]
    assert client_for(outsider.user).get(f"/review/ideas/{w.idea.pk}/reviews/").status_code == 403


def test_department_can_see_both_panels_reviews_when_deciding(client_for):
    w = make_world()
    w.screen_for_review()
    w.submit_review(w.internal[0], opinion="Internal view: feasible within a year.")
    w.submit_review(w.internal[1])
    w.submit_review(w.external[0], opinion="External view: highly creative.", creativity=5)
    w.submit_review(w.external[1], creativity=4)
    from tests.workflows.helpers import open_task
    from workflows.flows import IdeaReviewFlow

    task = open_task(w.reload().process, IdeaReviewFlow.decide)
    html = client_for(w.official).get(f"/review/tasks/{task.pk}/").content.decode()
    assert "Internal view: feasible" in html
    assert "External view: highly creative" in html
    assert "4.5" in html  # external creativity average
