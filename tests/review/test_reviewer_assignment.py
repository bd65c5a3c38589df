"""Suggested reviewers: matching expertise, balanced load; the author never reviews; minimum per panel."""

import pytest
from django.core.exceptions import ValidationError

from review.models import Panel, Review
from review.selectors import reviewers_suggest
from review.services import reviewer_assign
from tests.factories import UserFactory
from tests.workflows.helpers import make_expert, open_task, selected_idea
from tests.world import make_world
from workflows.flows import IdeaReviewFlow
from workflows.models import ScreeningOutcome, Stage
from workflows.services import screening_submit

pytestmark = pytest.mark.django_db


def test_coordinator_can_get_suggestions_matching_expertise_and_balancing_load():
    idea = selected_idea()
    idea.tags.add("parks", "mobility")
    panel = Panel.objects.get(kind=Panel.Kind.EXTERNAL)
    parks = make_expert(Panel.Kind.EXTERNAL, tags=("parks",), username="a-parks")
    both = make_expert(Panel.Kind.EXTERNAL, tags=("parks", "mobility"), username="b-both")
    idle = make_expert(Panel.Kind.EXTERNAL, username="c-idle")
    busy = make_expert(Panel.Kind.EXTERNAL, username="d-busy")
    inactive = make_expert(Panel.Kind.EXTERNAL, tags=("parks", "mobility"), username="e-inactive")
    inactive.is_active = False
    inactive.save()
    for _ in range(2):
        reviewer_assign(idea=selected_idea(), expert=busy, assigned_by=None)
    # `both` matches two tags but already has three open reviews
    for _ in range(3):
        reviewer_assign(idea=selected_idea(), expert=both, assigned_by=None)
    suggested = reviewers_suggest(idea=idea, panel=panel, count=4)
    assert suggested == [parks, idle, both, busy]
    assert inactive not in reviewers_suggest(idea=idea, panel=panel, count=10)


def test_author_cannot_review_their_own_idea():
    author_expert = make_expert(Panel.Kind.INTERNAL)
    idea = selected_idea(author=author_expert.user)
    with pytest.raises(ValidationError) as exc:
        reviewer_assign(idea=idea, expert=author_expert, assigned_by=None)
    assert exc.value.code == "author_cannot_review"
    assert author_expert not in reviewers_suggest(idea=idea, panel=author_expert.panel, count=10)
    assert not Review.objects.exists()


def test_coordinator_cannot_pick_the_author_as_a_reviewer():
    author_expert = make_expert(Panel.Kind.INTERNAL)
    w = make_world(idea=selected_idea(author=author_expert.user))
    with pytest.raises(ValidationError) as exc:
        w.screen_for_review(internal=[author_expert, w.internal[0]])
    assert "internal_reviewers" in exc.value.message_dict
    assert not Review.objects.filter(idea=w.idea).exists()
    assert w.reload().process.stage == Stage.SCREENING


def test_coordinator_cannot_send_to_panels_with_too_few_reviewers():
    w = make_world()
    with pytest.raises(ValidationError) as exc:
        w.screen_for_review(internal=[w.internal[0]])
    assert "internal_reviewers" in exc.value.message_dict
    assert not Review.objects.exists()


def test_coordinator_can_send_to_panels_with_one_reviewer_when_configured(settings):
    settings.OASIS_MIN_REVIEWERS_PER_PANEL = 1
    w = make_world()
    w.screen_for_review(internal=[w.internal[0]], external=[w.external[0]])
    assert w.process.stage == Stage.PANEL_REVIEW
    w.submit_all_reviews()
    assert w.process.stage == Stage.AWAITING_DECISION


def test_coordinator_cannot_send_to_panels_without_a_department():
    w = make_world()
    with pytest.raises(ValidationError) as exc:
        screening_submit(
            task=open_task(w.process, IdeaReviewFlow.screen),
            user=w.coordinator,
            outcome=ScreeningOutcome.REVIEW,
            department=None,
            internal_reviewers=w.internal[:2],
            external_reviewers=w.external[:2],
        )
    assert "department" in exc.value.message_dict


def test_citizen_cannot_assign_reviewers():
    from django.core.exceptions import PermissionDenied

    idea = selected_idea()
    with pytest.raises(PermissionDenied):
        reviewer_assign(idea=idea, expert=make_expert(Panel.Kind.INTERNAL), assigned_by=UserFactory())
