"""Citizens and the published answer: ratings, and the one request for an additional answer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.signals import send_on_commit
from ideas.models import Idea, IdeaStatus, TimelineEvent, TimelineOffice
from ideas.services import timeline_record
from review.models import AdditionalAnswerRequest, AnswerRating, Decision
from review.services.common import require_department, score_clean
from review.signals import additional_answer_given, additional_answer_requested


def _require_published(idea: Idea) -> Decision:
    decision = Decision.objects.filter(idea=idea, published_at__isnull=False).first()
    if decision is None or idea.status not in IdeaStatus.ANSWERED:
        raise ValidationError(_("This idea has no published answer yet."), code="no_answer")
    return decision


def answer_rate(*, idea: Idea, user: AbstractBaseUser, score: Any) -> AnswerRating:
    """A signed-in citizen rates the published answer 1-5 (rating again replaces their rating)."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to rate the answer."))
    _require_published(idea)
    value = score_clean(score, "score")
    rating, _created = AnswerRating.objects.update_or_create(idea=idea, user=user, defaults={"score": value})
    return rating


def answer_request_additional(*, idea: Idea, user: AbstractBaseUser, question: str) -> AdditionalAnswerRequest:
    """A citizen asks the department once for an additional answer; it becomes a department task."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to ask for an additional answer."))
    decision = _require_published(idea)
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
                office=TimelineOffice.CITIZEN,
                wording=gettext_noop("A citizen asked for an additional answer; the question went to %(dept)s."),
                wording_params={"dept": decision.department.name},
            )
            send_on_commit(additional_answer_requested, sender=AdditionalAnswerRequest, request=request)
    except IntegrityError:
        raise ValidationError(_("You have already asked for an additional answer on this idea."), code="already_asked")
    return request


def additional_answer_submit(
    *, request: AdditionalAnswerRequest, user: AbstractBaseUser, answer: str
) -> AdditionalAnswerRequest:
    """The department answers; the answer is public on the idea page."""
    require_department(user, request.idea)
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
            wording=gettext_noop("The department gave an additional answer."),
        )
        send_on_commit(additional_answer_given, sender=AdditionalAnswerRequest, request=locked)
    return locked
