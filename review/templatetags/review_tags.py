"""Template helpers for review pages and the public answer notice."""

from __future__ import annotations

from typing import Any

from django import template

from review.budget import budget_display
from review.models import AdditionalAnswerRequest, AnswerRating
from review.public import idea_public_review
from review.rules import user_in_department

register = template.Library()


@register.filter
def lookup(mapping: Any, key: str) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def won(amount: Any) -> str:
    """An amount in won as every page shows it ("₩120,000,000"); "" for no budget."""
    return budget_display(amount)


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


@register.inclusion_tag("review/public_review.html", takes_context=True)
def public_review(context, idea) -> dict[str, Any]:
    """The idea page's public review notice (stage, or the verdict and what citizens may do with it)."""
    return {
        "pr": idea_public_review(idea) if idea is not None else None,
        "idea": idea,
        "request": context.get("request"),
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
    }
