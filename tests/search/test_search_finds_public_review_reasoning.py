"""Past answers are found by the words of their public reasoning (review.public's summary)."""

from __future__ import annotations

from django.utils import timezone

from ideas.models import IdeaStatus
from review.public import PublicReview, Verdict
from search import documents, port
from tests.factories import IdeaFactory
from tests.search.conftest import index_now


def review(*, verdict: Verdict | None = None, out_of_scope_reason: str = "") -> PublicReview:
    now = timezone.now()
    return PublicReview(
        stage="published",
        stage_label="Published",
        office="Parks",
        since=now,
        started_at=now,
        verdict=verdict,
        out_of_scope_reason=out_of_scope_reason,
    )


def verdict(**reasons: str) -> Verdict:
    now = timezone.now()
    return Verdict(
        outcome=IdeaStatus.NOT_ADOPTED,
        outcome_label="Not adopted",
        reasoning_necessity=reasons.get("necessity", ""),
        reasoning_effectiveness=reasons.get("effectiveness", ""),
        reasoning_feasibility=reasons.get("feasibility", ""),
        budget=0,
        grounds=["budget"],
        grounds_labels=["Budget"],
        grounds_explanation=reasons.get("grounds", ""),
        decided_at=now,
        published_at=now,
        department="Parks",
    )


def titles(results) -> list[str]:
    return [h.title for h in results.hits]


def test_citizen_can_find_an_answer_by_its_reasoning_and_out_of_scope_reason(search_backend, monkeypatch):
    answered = IdeaFactory(title="Ice rink in the park", body="A winter ice rink.", status=IdeaStatus.NOT_ADOPTED)
    closed = IdeaFactory(title="National railway", body="A faster train line.", status=IdeaStatus.OUT_OF_SCOPE)
    summaries = {
        answered.pk: review(
            verdict=verdict(feasibility="Refrigeration costs too much.", grounds="Ordinance 12 bars it.")
        ),
        closed.pk: review(out_of_scope_reason="Railways belong to the national ministry."),
    }
    monkeypatch.setattr(documents, "idea_public_review", lambda idea: summaries.get(idea.pk))
    index_now(answered, closed)

    assert titles(port.search_ideas(query="refrigeration")) == ["Ice rink in the park"]
    assert titles(port.search_ideas(query="ordinance")) == ["Ice rink in the park"]
    assert titles(port.search_ideas(query="ministry")) == ["National railway"]


def test_index_still_follows_an_idea_when_its_review_summary_fails(search_backend, monkeypatch):
    def broken(idea):
        raise RuntimeError("review summary unavailable")

    monkeypatch.setattr(documents, "idea_public_review", broken)
    index_now(IdeaFactory(title="Ice rink in the park", body="A winter ice rink.", status=IdeaStatus.NOT_ADOPTED))

    assert titles(port.search_ideas(query="ice rink")) == ["Ice rink in the park"]
