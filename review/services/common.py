"""Checks shared by the review services (who may act, what a score is)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ideas.models import Idea
from review.rules import is_coordinator, user_in_department


def require_coordinator(user: AbstractBaseUser | None) -> None:
    if user is None or not user.is_authenticated or not is_coordinator(user):
        raise PermissionDenied(_("Only review coordinators can do this."))


def require_department(user: AbstractBaseUser, idea: Idea) -> None:
    if not user_in_department(user, idea.department):
        raise PermissionDenied(_("Only staff of the responsible department can do this."))


def score_clean(value: Any, field: str) -> int:
    """A 1-5 score (rubric or rating), or a ValidationError on `field`."""
    try:
        score = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Give a score from 1 to 5.")})
    if not 1 <= score <= 5:
        raise ValidationError({field: _("Give a score from 1 to 5.")})
    return score
