"""Reads used by the flow, staff pages, the public notice and the API."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Avg, Count, QuerySet

from ideas.models import Idea
from review.models import RUBRIC_FIELDS, Expert, Panel, Recommendation, Review
from review.rules import is_coordinator, user_in_department


def idea_summary(idea: Idea) -> dict[str, Any]:
    """The context of the idea summary every staff page shows (review/includes/idea_summary.html)."""
    return {"idea": idea, "idea_tags": sorted(idea.tags.names()), "votes": idea.vote_set.count()}


def panel_scores(idea: Idea) -> dict[str, dict[str, Any]]:
    """Average rubric scores of the submitted reviews, per panel (kind -> averages, overall, count)."""
    result: dict[str, dict[str, Any]] = {}
    for kind in Panel.Kind.values:
        reviews = Review.objects.submitted().filter(idea=idea, panel__kind=kind)
        agg = reviews.aggregate(count=Count("pk"), **{name: Avg(name) for name in RUBRIC_FIELDS})
        count = agg.pop("count")
        averages = {name: (round(float(agg[name]), 2) if agg[name] is not None else None) for name in RUBRIC_FIELDS}
        present = [v for v in averages.values() if v is not None]
        recommendations = Counter(reviews.values_list("recommendation", flat=True))
        result[kind] = {
            **averages,
            "overall": round(sum(present) / len(present), 2) if present else None,
            "count": count,
            "recommendations": {r: recommendations.get(r, 0) for r in Recommendation.values},
        }
    return result


def panels_done(idea: Idea | int) -> bool:
    """Both panels are done: no review is still open and every panel has a submitted review.

    The one definition of "the department's decision is needed" (the flow's Join reaches
    the same point through its tokens; the notices' repair sweep asks this).
    """
    idea_id = idea if isinstance(idea, int) else idea.pk
    if Review.objects.open().filter(idea_id=idea_id).exists():
        return False
    submitted = set(Review.objects.submitted().filter(idea_id=idea_id).values_list("panel_id", flat=True))
    return submitted >= set(Panel.objects.values_list("pk", flat=True))


def reviews_visible_to(*, idea: Idea, user) -> QuerySet[Review]:
    """Submitted reviews of an idea this user may read.

    Independence: an expert sees the others' reviews only once their own is submitted.
    Coordinators and the idea's department see all submitted reviews.
    """
    none = Review.objects.none()
    if user is None or not user.is_authenticated:
        return none
    submitted = Review.objects.submitted().filter(idea=idea).select_related("panel", "expert__user")
    if is_coordinator(user) or user_in_department(user, idea.department):
        return submitted
    if Review.objects.submitted().filter(idea=idea, expert__user=user).exists():
        return submitted
    return none


def expert_loads(experts: list[Expert] | QuerySet[Expert]) -> dict[int, int]:
    """Open (assigned, not yet submitted) reviews per expert id."""
    ids = [e.pk for e in experts]
    rows = Review.objects.open().filter(expert_id__in=ids).order_by().values_list("expert_id").annotate(n=Count("pk"))
    loads = dict.fromkeys(ids, 0)
    loads.update(dict(rows))
    return loads


def reviewer_candidates(*, idea: Idea, panel: Panel) -> list[Expert]:
    """Active experts of a panel who may review this idea (not its author, not already asked)."""
    return list(
        Expert.objects.active()
        .filter(panel=panel)
        .exclude(user_id=idea.author_id)
        .exclude(reviews__idea=idea)
        .select_related("user", "panel")
        .prefetch_related("expertise")
        .order_by("user__username")
    )


def reviewers_suggest(*, idea: Idea, panel: Panel, count: int | None = None) -> list[Expert]:
    """A suggested set of reviewers: matching expertise first, balanced by current load.

    Each candidate scores (open reviews − matching tags); lower is better, ties go to the
    lighter load, then by name. So a matching expert is preferred unless they already
    carry more open reviews than the match is worth.
    """
    count = panel.required_reviewers if count is None else count
    candidates = reviewer_candidates(idea=idea, panel=panel)
    idea_tags = {t.lower() for t in idea.tags.names()}
    loads = expert_loads(candidates)

    def key(expert: Expert) -> tuple[int, int, str]:
        matches = len(idea_tags & {t.lower() for t in expert.expertise.names()})
        return (loads[expert.pk] - matches, loads[expert.pk], expert.user.get_username())

    return sorted(candidates, key=key)[:count]
