"""What the public (pages and API) may see of an idea's review. Filled in by the review workflow.

Offices and aggregates only: reviewers' identities, individual reviews and the
reason an expert recused never leave the staff pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count

from ideas.models import Idea
from review.models import RUBRIC_FIELDS, AdditionalAnswerRequest, AnswerRating, Decision, Ground, Panel
from review.selectors import panel_scores


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def idea_public_review(idea: Idea) -> dict[str, Any] | None:
    """Current stage, holder office, verdict and implementation status; None before review starts.

    JSON-serialisable:
      stage, stage_label, office, since,
      verdict {outcome, outcome_label, reasoning_necessity, reasoning_effectiveness,
               reasoning_feasibility, budget, grounds, grounds_labels, grounds_explanation,
               published_at, department} | None,
      scores {internal {<rubric averages>, overall, count}, external {...}} | None,
      implementation {status, status_label, notes, updated_at} | None,
      rating {average, count},
      merged_into {id, title, url} | None, out_of_scope_reason,
      additional_answers [{question, answer, answered_at}]
    """
    from workflows.models import IdeaReviewProcess, Stage

    process = IdeaReviewProcess.objects.filter(idea_id=idea.pk).first()
    if process is None:
        return None
    result: dict[str, Any] = {
        "stage": process.stage,
        "stage_label": str(Stage(process.stage).label),
        "office": process.office,
        "since": _iso(process.stage_since),
        "started_at": _iso(process.created),
        "verdict": None,
        "scores": None,
        "implementation": None,
        "rating": {"average": None, "count": 0},
        "merged_into": None,
        "out_of_scope_reason": "",
        "additional_answers": [],
    }
    if process.stage == Stage.MERGED and process.merge_target_id:
        target = process.merge_target
        result["merged_into"] = {"id": target.pk, "title": target.title, "url": target.get_absolute_url()}
    if process.stage == Stage.OUT_OF_SCOPE:
        result["out_of_scope_reason"] = process.out_of_scope_reason

    decision = Decision.objects.filter(idea_id=idea.pk, published_at__isnull=False).select_related("department").first()
    if decision is None:
        return result
    result["verdict"] = {
        "outcome": decision.outcome,
        "outcome_label": str(decision.get_outcome_display()),
        "reasoning_necessity": decision.reasoning_necessity,
        "reasoning_effectiveness": decision.reasoning_effectiveness,
        "reasoning_feasibility": decision.reasoning_feasibility,
        "budget": int(decision.budget),
        "grounds": list(decision.grounds),
        "grounds_labels": [str(Ground(g).label) for g in decision.grounds if g in Ground.values],
        "grounds_explanation": decision.grounds_explanation,
        "decided_at": _iso(decision.decided_at),
        "published_at": _iso(decision.published_at),
        "department": decision.department.name,
    }
    scores = panel_scores(idea)
    result["scores"] = {
        kind: {
            **{name: scores[kind][name] for name in RUBRIC_FIELDS},
            "overall": scores[kind]["overall"],
            "count": scores[kind]["count"],
            "panel": str(Panel.Kind(kind).label),
        }
        for kind in Panel.Kind.values
    }
    if decision.implementation_status:
        result["implementation"] = {
            "status": decision.implementation_status,
            "status_label": str(decision.get_implementation_status_display()),
            "notes": decision.implementation_notes,
            "updated_at": _iso(decision.implementation_updated_at),
        }
    rating = AnswerRating.objects.filter(idea_id=idea.pk).aggregate(average=Avg("score"), count=Count("pk"))
    result["rating"] = {
        "average": round(float(rating["average"]), 2) if rating["average"] is not None else None,
        "count": rating["count"],
    }
    result["additional_answers"] = [
        {"question": r.question, "answer": r.answer, "asked_at": _iso(r.created_at), "answered_at": _iso(r.answered_at)}
        for r in AdditionalAnswerRequest.objects.filter(idea_id=idea.pk, answered_at__isnull=False)
    ]
    return result
