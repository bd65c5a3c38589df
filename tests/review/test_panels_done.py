"""`review.selectors.panels_done`: the one definition of "the department's decision is needed"."""

import pytest
from django.utils import timezone

from review.models import Review
from review.selectors import panels_done
from tests.factories import IdeaFactory, PanelFactory, ReviewFactory

pytestmark = pytest.mark.django_db

SUBMITTED = {
    "status": Review.Status.SUBMITTED,
    "necessity": 4,
    "effectiveness": 4,
    "feasibility": 3,
    "budget_realism": 3,
    "creativity": 4,
    "recommendation": "adopt",
}


def _submit(review: Review) -> None:
    Review.objects.filter(pk=review.pk).update(**SUBMITTED, submitted_at=timezone.now())


def test_panels_are_done_only_once_every_panel_has_submitted_and_nothing_is_open():
    idea = IdeaFactory(status="in_review", selected_at=timezone.now())
    internal = ReviewFactory(idea=idea, expert__panel=PanelFactory(kind="internal"))
    external = ReviewFactory(idea=idea, expert__panel=PanelFactory(kind="external"))
    late = ReviewFactory(idea=idea, expert__panel=PanelFactory(kind="external"))
    assert not panels_done(idea)

    _submit(internal)
    _submit(external)
    assert not panels_done(idea)  # one external review is still open

    Review.objects.filter(pk=late.pk).update(status=Review.Status.RECUSED)
    assert panels_done(idea)


def test_panels_are_not_done_when_a_panel_has_no_submitted_review():
    idea = IdeaFactory(status="in_review", selected_at=timezone.now())
    _submit(ReviewFactory(idea=idea, expert__panel=PanelFactory(kind="internal")))
    assert not panels_done(idea.pk)
