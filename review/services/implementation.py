"""The implementation status of an adopted idea, kept current by its department."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.signals import send_on_commit
from ideas.models import Idea, TimelineEvent
from ideas.services import timeline_record
from review.models import Decision, ImplementationStatus, Outcome
from review.services.common import require_department
from review.signals import implementation_updated

# The timeline's words for each status, stored untranslated (each reader sees their language).
STATUS_WORDING = {
    ImplementationStatus.PLANNED: gettext_noop("Implementation: planned."),
    ImplementationStatus.IN_PROGRESS: gettext_noop("Implementation: in progress."),
    ImplementationStatus.COMPLETED: gettext_noop("Implementation: completed."),
}


def implementation_update(*, idea: Idea, user: AbstractBaseUser, status: str, notes: str = "") -> Decision:
    """The department keeps an adopted idea's implementation status current."""
    require_department(user, idea)
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
        timeline_record(
            idea=idea,
            kind=TimelineEvent.Kind.IMPLEMENTATION,
            actor=user,
            office=decision.department.name,
            wording=STATUS_WORDING[status],
            note=notes[:5_000],  # the department's own words
        )
        send_on_commit(implementation_updated, sender=Decision, decision=decision)
    return decision
