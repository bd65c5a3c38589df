"""Writes of the expert review: assignments, reviews, recusals, merges, decisions, answers.

These are domain rules only. *When* they happen is the workflow's business
(workflows/flows.py calls them from its nodes and task pages); every function here
checks its own preconditions, owns its transaction, raises ValidationError /
PermissionDenied and records the public timeline (offices, never reviewers' names).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.models import Department, Idea, IdeaStatus, TimelineEvent, Vote
from ideas.services import idea_set_status, timeline_record
from review.models import (
    RUBRIC_FIELDS,
    AdditionalAnswerRequest,
    AnswerRating,
    Decision,
    Expert,
    Ground,
    ImplementationStatus,
    Outcome,
    Panel,
    Recommendation,
    Review,
)
from review.rules import is_coordinator, user_in_department
from review.signals import (
    additional_answer_given,
    additional_answer_requested,
    implementation_updated,
    review_assigned,
    reviewer_recused,
    reviews_completed,
    verdict_published,
)

DECIDE_PERMISSION = ("workflows", "can_decide")
ANSWERED_STATUSES = (IdeaStatus.ADOPTED, IdeaStatus.PARTIALLY_ADOPTED, IdeaStatus.NOT_ADOPTED)


def review_due_at(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(days=settings.OASIS_REVIEW_DUE_DAYS)


def decision_due_at(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(days=settings.OASIS_DECISION_DUE_DAYS)


def _require_coordinator(user: AbstractBaseUser) -> None:
    if user is None or not user.is_authenticated or not is_coordinator(user):
        raise PermissionDenied(_("Only review coordinators can do this."))


def _require_department(user: AbstractBaseUser, idea: Idea) -> None:
    if not user_in_department(user, idea.department):
        raise PermissionDenied(_("Only staff of the responsible department can do this."))


# ---------------------------------------------------------------------------
# screening


def idea_department_assign(*, idea: Idea, department: Department, actor: AbstractBaseUser) -> Idea:
    """Make `department` responsible for the idea and let its staff group decide workflow tasks.

    The group receives the database permission viewflow's queues see; the flow further
    restricts each decision task to the idea's own department.
    """
    _require_coordinator(actor)
    if department is None:
        raise ValidationError({"department": _("Choose the responsible department.")})
    if department.group_id is None:
        raise ValidationError({"department": _("This department has no staff group yet; set one in the admin first.")})
    with transaction.atomic():
        perm = Permission.objects.get(content_type__app_label=DECIDE_PERMISSION[0], codename=DECIDE_PERMISSION[1])
        Group.objects.get(pk=department.group_id).permissions.add(perm)
        if idea.department_id != department.pk:
            Idea.objects.filter(pk=idea.pk).update(department=department, updated_at=timezone.now())
            idea.department = department
            timeline_record(
                idea=idea,
                kind=TimelineEvent.Kind.STAGE,
                actor=actor,
                office=_("Review coordinators"),
                note=_("Responsible department: %(name)s.") % {"name": department.name},
            )
    return idea


def reviewer_assign(
    *, idea: Idea, expert: Expert, assigned_by: AbstractBaseUser | None, due_at: datetime | None = None
) -> Review:
    """Ask `expert` to review `idea` on their panel."""
    if assigned_by is not None:
        _require_coordinator(assigned_by)
    if idea.status != IdeaStatus.IN_REVIEW:
        raise ValidationError(_("Only ideas in review can be given reviewers."))
    if not expert.is_active or not expert.user.is_active:
        raise ValidationError(_("%(expert)s is not an active expert.") % {"expert": expert})
    if expert.user_id == idea.author_id:
        raise ValidationError(_("The author of an idea can never review it."), code="author_cannot_review")
    try:
        with transaction.atomic():
            review = Review.objects.create(
                idea=idea,
                expert=expert,
                panel=expert.panel,
                assigned_by=assigned_by,
                due_at=due_at or review_due_at(),
            )
            transaction.on_commit(lambda: review_assigned.send_robust(sender=Review, review=review))
            return review
    except IntegrityError:
        raise ValidationError(
            _("%(expert)s has already been asked to review this idea.") % {"expert": expert}, code="already_assigned"
        )


def reviewers_check(*, idea: Idea, experts_by_panel: dict[str, list[Expert]]) -> None:
    """Validate a screening's choice of reviewers (minimum per panel, right panel, not the author)."""
    errors: dict[str, list[str]] = {}
    for panel in Panel.objects.all():
        chosen = experts_by_panel.get(panel.kind, [])
        field = f"{panel.kind}_reviewers"
        if len(chosen) < panel.required_reviewers:
            errors.setdefault(field, []).append(
                _("Choose at least %(n)d reviewers for the %(panel)s.")
                % {"n": panel.required_reviewers, "panel": panel}
            )
        for expert in chosen:
            if expert.panel_id != panel.pk:
                errors.setdefault(field, []).append(_("%(expert)s is not on this panel.") % {"expert": expert})
            if expert.user_id == idea.author_id:
                errors.setdefault(field, []).append(_("The author of an idea can never review it."))
            if not expert.is_active:
                errors.setdefault(field, []).append(_("%(expert)s is not active.") % {"expert": expert})
    if not Panel.objects.exists():
        errors.setdefault("__all__", []).append(_("No review panels are set up yet."))
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------------------
# reviews


def _clean_score(value: Any, field: str) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Give a score from 1 to 5.")})
    if not 1 <= score <= 5:
        raise ValidationError({field: _("Give a score from 1 to 5.")})
    return score


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
    if review.expert.user_id != getattr(user, "pk", None):
        raise PermissionDenied(_("This review is assigned to someone else."))
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
            cleaned[field] = _clean_score(scores[field], field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    opinion = (opinion or "").strip()
    if len(opinion) < 10:
        errors["opinion"] = [_("Write your opinion (at least 10 characters).")]
    if recommendation not in Recommendation.values:
        errors["recommendation"] = [_("Choose a recommendation.")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        locked = Review.objects.select_for_update().select_related("panel").get(pk=review.pk)
        if locked.status != Review.Status.ASSIGNED:
            raise ValidationError(_("This review has already been closed."), code="review_closed")
        for field, value in cleaned.items():
            setattr(locked, field, value)
        locked.opinion = opinion[:10_000]
        locked.recommendation = recommendation
        locked.status = Review.Status.SUBMITTED
        locked.submitted_at = now
        locked.save()
        done = Review.objects.submitted().filter(idea_id=locked.idea_id, panel=locked.panel).count()
        total = Review.objects.filter(idea_id=locked.idea_id, panel=locked.panel).exclude(status=Review.Status.RECUSED)
        timeline_record(
            idea=locked.idea,
            kind=TimelineEvent.Kind.STAGE,
            actor=user,
            office=locked.panel.name,
            note=_("An expert of the %(panel)s submitted a review (%(done)d of %(total)d).")
            % {"panel": locked.panel.name, "done": done, "total": total.count()},
        )
        if not Review.objects.open().filter(idea_id=locked.idea_id).exists() and set(
            Review.objects.submitted().filter(idea_id=locked.idea_id).values_list("panel_id", flat=True)
        ) >= set(Panel.objects.values_list("pk", flat=True)):
            idea = locked.idea
            transaction.on_commit(lambda: reviews_completed.send_robust(sender=Review, idea=idea))
    return locked


def review_recuse(*, review: Review, user: AbstractBaseUser, reason: str) -> Review:
    """The assigned expert steps back (conflict of interest); the coordinators will replace them."""
    if review.expert.user_id != getattr(user, "pk", None):
        raise PermissionDenied(_("This review is assigned to someone else."))
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
        transaction.on_commit(lambda: reviewer_recused.send_robust(sender=Review, review=locked))
        timeline_record(
            idea=locked.idea,
            kind=TimelineEvent.Kind.STAGE,
            actor=user,
            office=locked.panel.name,
            note=_("An expert of the %(panel)s recused themselves; the coordinators will appoint a replacement.")
            % {"panel": locked.panel.name},
        )
    return locked


def review_replace(*, review: Review, replacement: Expert, coordinator: AbstractBaseUser) -> Review:
    """Appoint `replacement` (same panel) for a recused review. Returns the new review."""
    _require_coordinator(coordinator)
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
            office=_("Review coordinators"),
            note=_("A replacement reviewer was appointed to the %(panel)s.") % {"panel": review.panel.name},
        )
    return new


# ---------------------------------------------------------------------------
# closing at screening


def idea_merge_check(*, idea: Idea, into: Idea | None) -> None:
    if into is None:
        raise ValidationError({"merge_target": _("Give the number of the earlier idea.")})
    if into.pk == idea.pk:
        raise ValidationError({"merge_target": _("An idea cannot be merged into itself.")})
    if into.created_at >= idea.created_at:
        raise ValidationError({"merge_target": _("Merge into an earlier idea.")})
    if into.hidden or into.status in (IdeaStatus.WITHDRAWN, IdeaStatus.MERGED, IdeaStatus.OUT_OF_SCOPE):
        raise ValidationError({"merge_target": _("That idea cannot take merged ideas (it is closed or hidden).")})


def idea_merge(*, idea: Idea, into: Idea, actor: AbstractBaseUser | None) -> int:
    """Close `idea` as a duplicate of the earlier idea `into`; carry its votes over.

    Each voter counts once: a citizen who voted for both keeps one vote on `into`
    (the unique vote constraint makes the carry-over idempotent), and the earlier
    idea's author is never given a vote for their own idea. Returns the votes added.
    """
    idea_merge_check(idea=idea, into=into)
    from ideas.voting import idea_select_if_due, vote_count_refresh

    with transaction.atomic():
        before = Vote.objects.filter(idea=into).count()
        carried = [
            Vote(idea=into, voter_id=voter_id, created_at=created_at)
            for voter_id, created_at in Vote.objects.filter(idea=idea)
            .exclude(voter_id=into.author_id)
            .values_list("voter_id", "created_at")
        ]
        Vote.objects.bulk_create(carried, ignore_conflicts=True)
        added = Vote.objects.filter(idea=into).count() - before
        Idea.objects.filter(pk=idea.pk).update(merged_into=into)
        idea.merged_into = into
        idea_set_status(
            idea=idea,
            to_status=IdeaStatus.MERGED,
            actor=actor,
            kind=TimelineEvent.Kind.MERGED,
            office=_("Review coordinators"),
            note=_("Merged into the earlier idea #%(pk)d “%(title)s”.") % {"pk": into.pk, "title": into.title},
        )
        timeline_record(
            idea=into,
            kind=TimelineEvent.Kind.MERGED,
            actor=actor,
            office=_("Review coordinators"),
            note=_("Idea #%(pk)d was merged into this one; %(n)d new supporters carried over.")
            % {"pk": idea.pk, "n": added},
        )
        transaction.on_commit(lambda: vote_count_refresh(idea_id=into.pk))
        if into.status == IdeaStatus.OPEN:
            transaction.on_commit(lambda: idea_select_if_due(idea_id=into.pk))
    return added


def idea_close_out_of_scope(*, idea: Idea, actor: AbstractBaseUser | None, reason: str) -> Idea:
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Give the public reason (at least 10 characters).")})
    return idea_set_status(
        idea=idea,
        to_status=IdeaStatus.OUT_OF_SCOPE,
        actor=actor,
        office=_("Review coordinators"),
        note=reason,
    )


# ---------------------------------------------------------------------------
# the department's decision


def _clean_budget(value: Any) -> Decimal:
    try:
        budget = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"budget": _("Give the required budget as a whole amount (0 if none).")})
    if budget < 0 or budget != budget.to_integral_value() or budget >= Decimal(10) ** 15:
        raise ValidationError({"budget": _("Give the required budget as a whole amount (0 if none).")})
    return budget


def decision_record(
    *,
    idea: Idea,
    user: AbstractBaseUser,
    outcome: str,
    reasoning_necessity: str,
    reasoning_effectiveness: str,
    reasoning_feasibility: str,
    budget: Any,
    grounds: list[str] | None = None,
    grounds_explanation: str = "",
) -> Decision:
    """A member of the responsible department records the verdict (published by the flow next)."""
    _require_department(user, idea)
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Choose the outcome.")]
    texts = {
        "reasoning_necessity": (reasoning_necessity or "").strip(),
        "reasoning_effectiveness": (reasoning_effectiveness or "").strip(),
        "reasoning_feasibility": (reasoning_feasibility or "").strip(),
    }
    for field, text in texts.items():
        if len(text) < 10:
            errors[field] = [_("Explain the reasoning (at least 10 characters).")]
    try:
        amount = _clean_budget(budget)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        amount = Decimal(0)
    grounds = [g for g in dict.fromkeys(grounds or []) if g]
    if any(g not in Ground.values for g in grounds):
        errors["grounds"] = [_("Unknown ground.")]
    explanation = (grounds_explanation or "").strip()
    if outcome == Outcome.NOT_ADOPTED:
        if not grounds:
            errors["grounds"] = [_("A rejection must name its grounds.")]
        if len(explanation) < 10:
            errors["grounds_explanation"] = [_("Explain the grounds for not adopting (at least 10 characters).")]
    elif outcome in Outcome.values:
        grounds, explanation = ([], "") if outcome == Outcome.ADOPTED else (grounds, explanation)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if Decision.objects.filter(idea=idea, published_at__isnull=False).exists():
            raise ValidationError(_("The verdict on this idea has already been published."))
        decision, _created = Decision.objects.update_or_create(
            idea=idea,
            defaults={
                "department": idea.department,
                "outcome": outcome,
                **{k: v[:5_000] for k, v in texts.items()},
                "budget": amount,
                "grounds": grounds,
                "grounds_explanation": explanation[:5_000],
                "decided_by": user,
                "decided_at": timezone.now(),
            },
        )
    return decision


def decision_publish(*, decision: Decision) -> Decision:
    """Publish the verdict: the idea takes its outcome as status and shows the notice."""
    with transaction.atomic():
        locked = Decision.objects.select_for_update().select_related("department", "idea").get(pk=decision.pk)
        if locked.published_at is not None:
            return locked
        locked.published_at = timezone.now()
        fields = ["published_at"]
        if locked.outcome in (Outcome.ADOPTED, Outcome.PARTIALLY_ADOPTED):
            locked.implementation_status = ImplementationStatus.PLANNED
            locked.implementation_updated_at = locked.published_at
            fields += ["implementation_status", "implementation_updated_at"]
        locked.save(update_fields=fields)
        idea_set_status(
            idea=locked.idea,
            to_status=locked.outcome,
            actor=locked.decided_by,
            kind=TimelineEvent.Kind.VERDICT,
            office=locked.department.name,
            note=_("The department published its answer."),
        )
        transaction.on_commit(lambda: verdict_published.send(sender=Decision, decision=locked))
    return locked


def implementation_update(*, idea: Idea, user: AbstractBaseUser, status: str, notes: str = "") -> Decision:
    """The department keeps an adopted idea's implementation status current."""
    _require_department(user, idea)
    decision = Decision.objects.filter(idea=idea, published_at__isnull=False).first()
    if decision is None or decision.outcome == Outcome.NOT_ADOPTED:
        raise ValidationError(_("Only adopted ideas have an implementation status."))
    if status not in ImplementationStatus.values:
        raise ValidationError({"status": _("Choose planned, in progress or completed.")})
    notes = (notes or "").strip()
    with transaction.atomic():
        decision.implementation_status = status
        decision.implementation_notes = notes[:5_000]
        decision.implementation_updated_at = timezone.now()
        decision.save(update_fields=["implementation_status", "implementation_notes", "implementation_updated_at"])
        note = _("Implementation: %(status)s.") % {"status": ImplementationStatus(status).label}
        timeline_record(
            idea=idea,
            kind=TimelineEvent.Kind.IMPLEMENTATION,
            actor=user,
            office=decision.department.name,
            note=f"{note} {notes}".strip(),
        )
        transaction.on_commit(lambda: implementation_updated.send(sender=Decision, decision=decision))
    return decision


# ---------------------------------------------------------------------------
# citizens and the published answer


def _require_published(idea: Idea) -> Decision:
    decision = Decision.objects.filter(idea=idea, published_at__isnull=False).first()
    if decision is None or idea.status not in ANSWERED_STATUSES:
        raise ValidationError(_("This idea has no published answer yet."), code="no_answer")
    return decision


def answer_rate(*, idea: Idea, user: AbstractBaseUser, score: Any) -> AnswerRating:
    """A signed-in citizen rates the published answer 1-5 (rating again replaces their rating)."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to rate the answer."))
    _require_published(idea)
    value = _clean_score(score, "score")
    rating, _created = AnswerRating.objects.update_or_create(idea=idea, user=user, defaults={"score": value})
    return rating


def answer_request_additional(*, idea: Idea, user: AbstractBaseUser, question: str) -> AdditionalAnswerRequest:
    """A citizen asks the department once for an additional answer; it becomes a department task."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to ask for an additional answer."))
    _require_published(idea)
    question = (question or "").strip()
    if len(question) < 10:
        raise ValidationError({"question": _("Say what the department should answer (at least 10 characters).")})
    try:
        with transaction.atomic():
            request = AdditionalAnswerRequest.objects.create(
                idea=idea,
                requester=user,
                question=question[:2_000],
                due_at=timezone.now() + timedelta(days=settings.OASIS_DECISION_DUE_DAYS),
            )
            timeline_record(
                idea=idea,
                kind=TimelineEvent.Kind.STAGE,
                actor=user,
                office=_("Citizen"),
                note=_("A citizen asked for an additional answer; the question went to %(dept)s.")
                % {"dept": idea.department.name if idea.department else _("the department")},
            )
            transaction.on_commit(
                lambda: additional_answer_requested.send(sender=AdditionalAnswerRequest, request=request)
            )
    except IntegrityError:
        raise ValidationError(_("You have already asked for an additional answer on this idea."), code="already_asked")
    return request


def additional_answer_give(
    *, request: AdditionalAnswerRequest, user: AbstractBaseUser, answer: str
) -> AdditionalAnswerRequest:
    """The department answers; the answer is public on the idea page."""
    _require_department(user, request.idea)
    answer = (answer or "").strip()
    if len(answer) < 10:
        raise ValidationError({"answer": _("Write the answer (at least 10 characters).")})
    with transaction.atomic():
        locked = (
            AdditionalAnswerRequest.objects.select_for_update(of=("self",))
            .select_related("idea__department")
            .get(pk=request.pk)
        )
        if locked.answered_at is not None:
            raise ValidationError(_("This request has already been answered."))
        locked.answer = answer[:5_000]
        locked.answered_by = user
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answer", "answered_by", "answered_at"])
        timeline_record(
            idea=locked.idea,
            kind=TimelineEvent.Kind.STAGE,
            actor=user,
            office=locked.idea.department.name,
            note=_("The department gave an additional answer."),
        )
        transaction.on_commit(lambda: additional_answer_given.send(sender=AdditionalAnswerRequest, request=locked))
    return locked
