"""Screening: the responsible department and the reviewers of each panel."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from core.signals import send_on_commit
from ideas.models import Department, Idea, IdeaStatus, TimelineEvent, TimelineOffice
from ideas.services import timeline_record
from review.models import Expert, Panel, Review
from review.services.common import require_coordinator
from review.signals import review_assigned

# The database permission viewflow's queues see for the department's decision task.
DECIDE_PERMISSION = ("workflows", "can_decide")


def review_due_at(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(days=settings.OASIS_REVIEW_DUE_DAYS)


def idea_department_assign(*, idea: Idea, department: Department, actor: AbstractBaseUser) -> Idea:
    """Make `department` responsible for the idea and let its staff group decide workflow tasks.

    The group receives the database permission viewflow's queues see; the flow further
    restricts each decision task to the idea's own department.
    """
    require_coordinator(actor)
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
                office=TimelineOffice.COORDINATORS,
                wording=gettext_noop("Responsible department: %(name)s."),
                wording_params={"name": department.name},
            )
    return idea


def reviewer_assign(
    *, idea: Idea, expert: Expert, assigned_by: AbstractBaseUser | None, due_at: datetime | None = None
) -> Review:
    """Ask `expert` to review `idea` on their panel."""
    if assigned_by is not None:
        require_coordinator(assigned_by)
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
            send_on_commit(review_assigned, sender=Review, review=review)
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
                ngettext(
                    "Choose at least %(n)d reviewer for the %(panel)s.",
                    "Choose at least %(n)d reviewers for the %(panel)s.",
                    panel.required_reviewers,
                )
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
