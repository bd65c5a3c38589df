"""The responsible department's decision and its publication."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.signals import send_on_commit
from ideas.models import Idea, TimelineEvent
from ideas.services import idea_set_status
from review.budget import budget_parse
from review.models import Decision, Ground, ImplementationStatus, Outcome
from review.services.common import require_department
from review.signals import verdict_published


def decision_due_at(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(days=settings.OASIS_DECISION_DUE_DAYS)


def decision_submit(
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
    """A member of the responsible department records the verdict (the flow publishes it next)."""
    require_department(user, idea)
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
        amount = budget_parse(budget)
    except ValidationError as exc:
        errors["budget"] = exc.messages
        amount = None
    grounds = [g for g in dict.fromkeys(grounds or []) if g]
    if any(g not in Ground.values for g in grounds):
        errors["grounds"] = [_("Unknown ground.")]
    explanation = (grounds_explanation or "").strip()
    if outcome == Outcome.NOT_ADOPTED:
        if not grounds:
            errors["grounds"] = [_("A rejection must name its grounds.")]
        if len(explanation) < 10:
            errors["grounds_explanation"] = [_("Explain the grounds for not adopting (at least 10 characters).")]
    elif outcome == Outcome.ADOPTED:
        grounds, explanation = [], ""  # an adoption has nothing to ground
    if outcome == Outcome.NOT_ADOPTED or not amount:
        amount = None  # a rejection needs no budget, and 0 means none
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
    """Publish the verdict: the idea takes the outcome's status and shows the notice."""
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
            to_status=locked.idea_status,
            actor=locked.decided_by,
            kind=TimelineEvent.Kind.VERDICT,
            office=locked.department.name,
            wording=gettext_noop("The department published its answer."),
        )
        send_on_commit(verdict_published, sender=Decision, decision=locked)
    return locked
