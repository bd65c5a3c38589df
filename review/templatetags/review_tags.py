"""Template helpers for review pages and the public answer notice."""

from __future__ import annotations

from typing import Any

from django import template

from review.models import AdditionalAnswerRequest, AnswerRating
from review.rules import user_in_department

register = template.Library()


@register.filter
def lookup(mapping: Any, key: str) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def review_citizen_state(context, idea) -> dict[str, Any]:
    """What the current visitor may do with a published answer: rate it, ask once more, update status."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    state = {"signed_in": False, "rating": None, "asked": False, "is_department": False}
    if user is None or not user.is_authenticated or idea is None:
        return state
    state["signed_in"] = True
    state["rating"] = AnswerRating.objects.filter(idea=idea, user=user).values_list("score", flat=True).first()
    state["asked"] = AdditionalAnswerRequest.objects.filter(idea=idea, requester=user).exists()
    state["is_department"] = user_in_department(user, idea.department)
    return state


@register.filter
def isodate(value: str | None):
    """Parse the ISO strings of `idea_public_review` back into datetimes for the date filter."""
    from django.utils.dateparse import parse_datetime

    return parse_datetime(value) if value else None
