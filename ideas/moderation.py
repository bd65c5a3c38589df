"""Moderation: citizens report ideas and comments; moderators hide and restore them with a reason.

Hiding is separate from an idea's status (design.md): a hidden idea keeps its status and
votes, leaves every public list and search, and its timeline records who hid it and why.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.models import Comment, Idea, Report, TimelineEvent, TimelineOffice
from ideas.services import idea_changed, timeline_record


def report_create(*, reporter: AbstractBaseUser, idea: Idea, reason: str, comment: Comment | None = None) -> Report:
    if not reporter.is_authenticated:
        raise PermissionDenied(_("Sign in to report content."))
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": _("Tell the moderators briefly what is wrong (at least 5 characters).")})
    if comment is not None and comment.idea_id != idea.pk:
        raise ValidationError(_("That comment does not belong to this idea."))
    try:
        with transaction.atomic():
            return Report.objects.create(reporter=reporter, idea=idea, comment=comment, reason=reason[:1000])
    except IntegrityError:
        raise ValidationError(_("You have already reported this."), code="already_reported")


def _require_moderator(moderator: AbstractBaseUser) -> None:
    if not moderator.has_perm("ideas.moderate"):
        raise PermissionDenied(_("Only moderators can hide or restore content."))


def idea_hide(*, idea: Idea, moderator: AbstractBaseUser, reason: str) -> Idea:
    _require_moderator(moderator)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for hiding this idea.")})
    with transaction.atomic():
        Idea.objects.filter(pk=idea.pk).update(hidden=True, hidden_reason=reason[:500], updated_at=timezone.now())
        idea_changed(idea.pk)
        timeline_record(
            idea=idea, kind=TimelineEvent.Kind.HIDDEN, actor=moderator, office=TimelineOffice.MODERATORS, note=reason
        )
        Report.objects.filter(idea=idea, comment__isnull=True, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=moderator
        )
    idea.hidden, idea.hidden_reason = True, reason[:500]
    return idea


def idea_restore(*, idea: Idea, moderator: AbstractBaseUser, reason: str = "") -> Idea:
    _require_moderator(moderator)
    with transaction.atomic():
        Idea.objects.filter(pk=idea.pk).update(hidden=False, hidden_reason="", updated_at=timezone.now())
        idea_changed(idea.pk)
        timeline_record(
            idea=idea, kind=TimelineEvent.Kind.RESTORED, actor=moderator, office=TimelineOffice.MODERATORS, note=reason
        )
    idea.hidden, idea.hidden_reason = False, ""
    return idea


def comment_hide(*, comment: Comment, moderator: AbstractBaseUser, reason: str) -> Comment:
    _require_moderator(moderator)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for hiding this comment.")})
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(hidden=True, hidden_reason=reason[:500])
        Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=moderator
        )
    comment.hidden, comment.hidden_reason = True, reason[:500]
    return comment


def comment_restore(*, comment: Comment, moderator: AbstractBaseUser) -> Comment:
    _require_moderator(moderator)
    Comment.objects.filter(pk=comment.pk).update(hidden=False, hidden_reason="")
    comment.hidden, comment.hidden_reason = False, ""
    return comment
