"""The experts' reviews: submitting, recusing, and replacing a recused expert."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.signals import send_on_commit
from ideas.models import TimelineEvent, TimelineOffice
from ideas.services import timeline_record
from review.models import RUBRIC_FIELDS, Expert, Recommendation, Review
from review.selectors import panels_done
from review.services.common import require_coordinator, score_clean
from review.services.screening import reviewer_assign
from review.signals import reviewer_recused, reviews_completed


def _require_assigned_expert(review: Review, user: AbstractBaseUser) -> None:
    if review.expert.user_id != getattr(user, "pk", None):
        raise PermissionDenied(_("This review is assigned to someone else."))


def review_submit(
    *,
    review: Review,
    user: AbstractBaseUser,
    necessity: int,
    effectiveness: int,
    feasibility: int,
    budget_realism: int,
    creativity: int,
    opinion: str,
    recommendation: str,
) -> Review:
    """The assigned expert submits their scores, written opinion and recommendation."""
    _require_assigned_expert(review, user)
    if review.idea.author_id == user.pk:
        raise PermissionDenied(_("The author of an idea can never review it."))
    scores = {
        "necessity": necessity,
        "effectiveness": effectiveness,
        "feasibility": feasibility,
        "budget_realism": budget_realism,
        "creativity": creativity,
    }
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, int] = {}
    for field in RUBRIC_FIELDS:
        try:
            cleaned[field] = score_clean(scores[field], field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    opinion = (opinion or "").strip()
    if len(opinion) < 10:
        errors["opinion"] = [_("Write your opinion (at least 10 characters).")]
    if recommendation not in Recommendation.values:
        errors["recommendation"] = [_("Choose a recommendation.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Review.objects.select_for_update().select_related("panel").get(pk=review.pk)
        if locked.status != Review.Status.ASSIGNED:
            raise ValidationError(_("This review has already been closed."), code="review_closed")
        for field, value in cleaned.items():
            setattr(locked, field, value)
        locked.opinion = opinion[:10_000]
        locked.recommendation = recommendation
        locked.status = Review.Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save()
        panel_reviews = Review.objects.filter(idea_id=locked.idea_id, panel=locked.panel)
        timeline_record(
            idea=locked.idea,
            kind=TimelineEvent.Kind.STAGE,
            actor=user,
            office=locked.panel.name,
            wording=gettext_noop("An expert of the %(panel)s submitted a review (%(done)s of %(total)s)."),
            wording_params={
                "panel": locked.panel.name,
                "done": panel_reviews.submitted().count(),
                "total": panel_reviews.exclude(status=Review.Status.RECUSED).count(),
            },
        )
        if panels_done(locked.idea_id):
            send_on_commit(reviews_completed, sender=Review, idea=locked.idea)
    return locked


def review_recuse(*, review: Review, user: AbstractBaseUser, reason: str) -> Review:
    """The assigned expert steps back (conflict of interest); the coordinators will replace them."""
    _require_assigned_expert(review, user)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": _("Give the reason for your recusal (at least 5 characters).")})
    with transaction.atomic():
        locked = Review.objects.select_for_update().select_related("panel", "idea").get(pk=review.pk)
        if locked.status != Review.Status.ASSIGNED:
            raise ValidationError(_("This review has already been closed."), code="review_closed")
        locked.status = Review.Status.RECUSED
        locked.recusal_reason = reason[:2_000]
        locked.recused_at = timezone.now()
        locked.save(update_fields=["status", "recusal_reason", "recused_at"])
        send_on_commit(reviewer_recused, sender=Review, review=locked)
        timeline_record(
            idea=locked.idea,
            kind=TimelineEvent.Kind.STAGE,
            actor=user,
            office=locked.panel.name,
            wording=gettext_noop(
                "An expert of the %(panel)s recused themselves; the coordinators will appoint a replacement."
            ),
            wording_params={"panel": locked.panel.name},
        )
    return locked


def review_replace(*, review: Review, replacement: Expert | None, coordinator: AbstractBaseUser) -> Review:
    """Appoint `replacement` (same panel) for a recused review. Returns the new review."""
    require_coordinator(coordinator)
    if replacement is None:
        raise ValidationError({"replacement": _("Choose the replacement reviewer.")})
    if review.status != Review.Status.RECUSED:
        raise ValidationError(_("Only a recused reviewer can be replaced."))
    if review.replaced_by_id:
        raise ValidationError(_("This reviewer has already been replaced."))
    if replacement.panel_id != review.panel_id:
        raise ValidationError({"replacement": _("The replacement must be on the same panel.")})
    with transaction.atomic():
        new = reviewer_assign(idea=review.idea, expert=replacement, assigned_by=coordinator)
        review.replaced_by = new
        review.save(update_fields=["replaced_by"])
        timeline_record(
            idea=review.idea,
            kind=TimelineEvent.Kind.STAGE,
            actor=coordinator,
            office=TimelineOffice.COORDINATORS,
            wording=gettext_noop("A replacement reviewer was appointed to the %(panel)s."),
            wording_params={"panel": review.panel.name},
        )
    return new
