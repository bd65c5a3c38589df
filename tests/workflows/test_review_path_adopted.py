"""Screening -> both panels -> department adopts -> published, with implementation status."""

import pytest
from viewflow.workflow.status import PROCESS

from ideas.models import IdeaStatus, TimelineEvent
from review.models import Decision, ImplementationStatus, Review
from review.public import idea_public_review
from review.services import implementation_update
from tests.workflows.helpers import open_tasks
from tests.world import make_world
from workflows.flows import IdeaReviewFlow
from workflows.models import Stage

pytestmark = pytest.mark.django_db


def test_department_can_adopt_an_idea_after_both_panels_reviewed():
    w = make_world()
    w.screen_for_review()
    assert w.process.stage == Stage.PANEL_REVIEW
    assert w.idea.department == w.department
    assert len(open_tasks(w.process, IdeaReviewFlow.review_internal)) == 2
    assert len(open_tasks(w.process, IdeaReviewFlow.review_external)) == 2
    # each task belongs to one expert
    owners = {t.owner_id for t in open_tasks(w.process, IdeaReviewFlow.review_internal)}
    assert owners == {e.user_id for e in w.internal[:2]}

    w.submit_review(w.internal[0])
    w.submit_review(w.internal[1])
    w.submit_review(w.external[0])
    w.reload()
    assert w.process.stage == Stage.PANEL_REVIEW  # one external review still missing
    assert not open_tasks(w.process, IdeaReviewFlow.decide)
    w.submit_review(w.external[1], necessity=2)
    w.reload()
    assert w.process.stage == Stage.AWAITING_DECISION
    assert w.process.office == w.department.name
    assert w.process.decision_due_at is not None
    assert len(open_tasks(w.process, IdeaReviewFlow.decide)) == 1

    w.decide()
    assert w.idea.status == IdeaStatus.ADOPTED
    assert w.process.stage == Stage.PUBLISHED
    assert w.process.status == PROCESS.DONE
    decision = Decision.objects.get(idea=w.idea)
    assert decision.published_at is not None
    assert decision.implementation_status == ImplementationStatus.PLANNED

    public = idea_public_review(w.idea)
    assert public.stage == "published"
    assert public.verdict.outcome == "adopted"
    assert public.verdict.department == w.department.name
    assert public.verdict.budget == 120_000_000
    assert public.scores.internal.count == 2
    assert public.scores.external.necessity == 3.0  # (4 + 2) / 2
    assert public.implementation.status == "planned"

    timeline = list(w.idea.timeline.values_list("kind", "office"))
    assert (TimelineEvent.Kind.VERDICT, w.department.name) in timeline
    # reviewers' identities are never on the public timeline
    notes = " ".join(f"{e.office} {e.note} {e.wording_text}" for e in w.idea.timeline.all())
    for expert in w.internal + w.external:
        assert expert.user.username not in notes


def test_department_can_update_the_implementation_status_of_an_adopted_idea():
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    w.decide()
    implementation_update(idea=w.idea, user=w.official, status="in_progress", notes="Works start in May.")
    public = idea_public_review(w.idea)
    assert public.implementation.status == "in_progress"
    assert public.implementation.notes == "Works start in May."
    assert w.idea.timeline.filter(kind=TimelineEvent.Kind.IMPLEMENTATION).exists()


def test_expert_cannot_update_the_implementation_status():
    from django.core.exceptions import PermissionDenied

    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    w.decide()
    with pytest.raises(PermissionDenied):
        implementation_update(idea=w.idea, user=w.internal[0].user, status="completed")
    assert Decision.objects.get(idea=w.idea).implementation_status == "planned"


def test_reviews_record_one_submission_per_expert():
    w = make_world()
    w.screen_for_review()
    w.submit_all_reviews()
    assert Review.objects.filter(idea=w.idea, status=Review.Status.SUBMITTED).count() == 4


def test_publishing_the_verdict_announces_it_once_after_commit(django_capture_on_commit_callbacks):
    from review.signals import verdict_published

    received = []

    def receiver(sender, decision, **kwargs):
        received.append(decision.idea_id)

    verdict_published.connect(receiver)
    try:
        w = make_world()
        w.screen_for_review()
        w.submit_all_reviews()
        with django_capture_on_commit_callbacks(execute=True):
            w.decide()
    finally:
        verdict_published.disconnect(receiver)
    assert received == [w.idea.pk]
