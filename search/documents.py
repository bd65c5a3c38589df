"""What the index holds for an idea, built from the database (the one source of truth).

Every backend indexes exactly these dictionaries, so drift checks compare digests. Besides the
text as written (shown in results), a document carries the index terms `search.analysis` makes of
each field (`*_terms`); both backends match those, so their digests also change when the analysis
does, and `search_check` reports documents analysed by an older version as out of date.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from ideas.models import Idea, IdeaQuerySet, IdeaStatus, TimelineEvent
from review.public import idea_public_review
from search import analysis
from search.query import clean_text

logger = logging.getLogger(__name__)

BATCH = 500
TERM_FIELDS = ("title_terms", "tags_terms", "body_terms", "verdict_terms")


# Searchable: what the public sees, minus ideas closed without an answer of their own (a merged
# idea's text lives on in the idea it joined). One rule, in three forms:
def searchable_ideas() -> IdeaQuerySet:
    return Idea.objects.visible().exclude(status__in=IdeaStatus.CLOSED_WITHOUT_ANSWER)


def is_searchable(idea: Idea) -> bool:
    """`searchable_ideas()` for a loaded idea (needs `hidden` and `status`)."""
    return idea.is_public and idea.status not in IdeaStatus.CLOSED_WITHOUT_ANSWER


def is_searchable_status(status: str) -> bool:
    """Whether a status filter can match anything in the index."""
    return status in IdeaStatus.values and status not in (*IdeaStatus.PRIVATE, *IdeaStatus.CLOSED_WITHOUT_ANSWER)


def _public_verdict(idea: Idea) -> list[str]:
    """The verdict's public reasoning, from the review app's public summary."""
    try:
        review = idea_public_review(idea)
    except Exception:  # the review app must never break indexing
        logger.exception("idea_public_review failed for idea %s", idea.pk)
        return []
    if review is None:
        return []
    parts: list[str] = []
    if review.verdict is not None:
        verdict = review.verdict
        reasons = (
            verdict.reasoning_necessity,
            verdict.reasoning_effectiveness,
            verdict.reasoning_feasibility,
            verdict.grounds_explanation,
        )
        parts += [text for text in reasons if text]
    if review.out_of_scope_reason:
        parts.append(review.out_of_scope_reason)
    return parts


def digest_of(doc: dict[str, Any]) -> str:
    payload = {k: v for k, v in doc.items() if k != "digest"}
    return hashlib.sha1(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def analysed_fields(doc: dict[str, Any]) -> dict[str, str]:
    """The index terms of a document's text fields (tags apart, so no compound spans two tags)."""
    title = analysis.analyse(doc["title"])
    return {
        "title_terms": title.index_string(),
        "tags_terms": analysis.index_terms(" , ".join(doc["tags"])),
        "body_terms": analysis.index_terms(doc["body"]),
        "verdict_terms": analysis.index_terms(doc["verdict"]),
        "suggest_terms": analysis.suggest_terms(doc["title"], title),
    }


def build_documents(idea_ids: Iterable[int], *, analyse: bool = True) -> dict[int, dict[str, Any] | None]:
    """{idea_id: document} for searchable ideas, {idea_id: None} for those that must leave the index.

    `analyse=False` leaves the term fields empty: only the relevance benchmark uses it, to time
    indexing without the analysis (such documents cannot be found by words).
    """
    ids = sorted({int(i) for i in idea_ids})
    result: dict[int, dict[str, Any] | None] = dict.fromkeys(ids)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        result.update(_build_chunk(chunk, analyse=analyse))
    return result


def _build_chunk(ids: list[int], *, analyse: bool) -> dict[int, dict[str, Any]]:
    decided = (
        TimelineEvent.objects.filter(idea=OuterRef("pk"), to_status=OuterRef("status"))
        .order_by()
        .values("idea")
        .annotate(at=Max("created_at"))
        .values("at")
    )
    ideas = list(
        searchable_ideas()
        .filter(pk__in=ids)
        .with_vote_count()
        .annotate(decided_at=Subquery(decided))
        .select_related("campaign", "department")
        .prefetch_related("tags")
    )
    notes: dict[int, list[str]] = {}
    decided_ids = [i.pk for i in ideas if i.status in IdeaStatus.DECIDED]
    if decided_ids:
        events = (
            TimelineEvent.objects.filter(idea_id__in=decided_ids)
            .filter(Q(kind=TimelineEvent.Kind.VERDICT) | Q(to_status__in=IdeaStatus.DECIDED))
            .order_by("created_at", "pk")
        )
        for ev in events:
            if ev.note:
                notes.setdefault(ev.idea_id, []).append(ev.note)
    campaign_urls: dict[int, str] = {}
    docs: dict[int, dict[str, Any]] = {}
    for idea in ideas:
        if idea.campaign_id not in campaign_urls:
            campaign_urls[idea.campaign_id] = idea.campaign.url or ""
        verdict_parts = list(notes.get(idea.pk, []))
        if idea.status in IdeaStatus.DECIDED:
            verdict_parts += [s for s in _public_verdict(idea) if s not in verdict_parts]
        tags = sorted({t.name for t in idea.tags.all()})
        decided_at = (idea.decided_at or idea.updated_at) if idea.status in IdeaStatus.DECIDED else None
        doc = {
            "id": idea.pk,
            "title": clean_text(idea.title),
            "body": clean_text(idea.body),
            "tags": tags,
            "verdict": clean_text("\n".join(verdict_parts)),
            "outcome": idea.status if idea.status in IdeaStatus.DECIDED else "",
            "status": idea.status,
            "campaign_id": idea.campaign_id,
            "campaign_title": idea.campaign.title,
            "department_id": idea.department_id,
            "department_name": idea.department.name if idea.department else "",
            "vote_count": int(idea.votes_total),
            "year": timezone.localtime(idea.created_at).year,
            "created_at": _iso(idea.created_at),
            "decided_at": _iso(decided_at),
            "url": f"{campaign_urls[idea.campaign_id]}ideas/{idea.pk}/",
        }
        doc.update(analysed_fields(doc) if analyse else dict.fromkeys((*TERM_FIELDS, "suggest_terms"), ""))
        doc["digest"] = digest_of(doc)
        docs[idea.pk] = doc
    return docs
