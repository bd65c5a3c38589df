"""Closing an idea at screening: merged into an earlier duplicate, or out of the city's scope."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ideas.models import Idea, IdeaStatus, TimelineEvent, TimelineOffice
from ideas.services import idea_set_status, timeline_record
from ideas.voting import votes_carry_over


def idea_merge_check(*, idea: Idea, into: Idea | None) -> None:
    if into is None:
        raise ValidationError({"merge_target": _("Give the number of the earlier idea.")})
    if into.pk == idea.pk:
        raise ValidationError({"merge_target": _("An idea cannot be merged into itself.")})
    if into.created_at >= idea.created_at:
        raise ValidationError({"merge_target": _("Merge into an earlier idea.")})
    if into.hidden or into.status in (*IdeaStatus.CLOSED_WITHOUT_ANSWER, IdeaStatus.OUT_OF_SCOPE):
        raise ValidationError({"merge_target": _("That idea cannot take merged ideas (it is closed or hidden).")})


def idea_merge(*, idea: Idea, into: Idea, actor: AbstractBaseUser | None) -> int:
    """Close `idea` as a duplicate of the earlier idea `into`; its votes carry over (ideas.voting).

    Returns the votes added to `into`.
    """
    idea_merge_check(idea=idea, into=into)
    with transaction.atomic():
        added = votes_carry_over(source=idea, target=into)
        Idea.objects.filter(pk=idea.pk).update(merged_into=into)
        idea.merged_into = into
        idea_set_status(
            idea=idea,
            to_status=IdeaStatus.MERGED,
            actor=actor,
            kind=TimelineEvent.Kind.MERGED,
            office=TimelineOffice.COORDINATORS,
            wording=gettext_noop("Merged into the earlier idea #%(pk)s “%(title)s”."),
            wording_params={"pk": str(into.pk), "title": into.title},
        )
        timeline_record(
            idea=into,
            kind=TimelineEvent.Kind.MERGED,
            actor=actor,
            office=TimelineOffice.COORDINATORS,
            wording=gettext_noop("Idea #%(pk)s was merged into this one; new supporters carried over: %(n)s."),
            wording_params={"pk": str(idea.pk), "n": added},
        )
    return added


def idea_close_out_of_scope(*, idea: Idea, actor: AbstractBaseUser | None, reason: str) -> Idea:
    reason = out_of_scope_reason_clean(reason)
    return idea_set_status(
        idea=idea,
        to_status=IdeaStatus.OUT_OF_SCOPE,
        actor=actor,
        office=TimelineOffice.COORDINATORS,
        note=reason,
    )


def out_of_scope_reason_clean(reason: str) -> str:
    """The public reason for closing as out of scope (checked at screening and again at closing)."""
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Give the public reason (at least 10 characters).")})
    return reason
