"""What a search returns to pages and the API: hits checked against the database, facets, paging."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ideas.models import CampaignPage, Department, Idea, IdeaStatus
from search.backends.base import EXCERPT_CHARS, FACETS, MARK_END, MARK_START, RawHit
from search.documents import is_searchable
from search.query import ParsedQuery

MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default index.max_result_window


@dataclass
class FacetBucket:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchHit:
    id: int
    title: str
    url: str
    status: str
    status_label: str
    votes: int
    campaign_id: int | None
    campaign_title: str
    department_name: str
    tags: list[str]
    created_at: datetime | None
    decided_at: datetime | None
    outcome: str
    title_html: SafeString
    excerpt_html: SafeString
    score: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "status": self.status,
            "status_label": self.status_label,
            "votes": self.votes,
            "campaign_id": self.campaign_id,
            "campaign": self.campaign_title,
            "department": self.department_name,
            "tags": self.tags,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "decided_at": self.decided_at.isoformat() if self.decided_at else None,
            "outcome": self.outcome,
            "title_html": str(self.title_html),
            "excerpt_html": str(self.excerpt_html),
        }


@dataclass
class SearchResults:
    query: str
    parsed: ParsedQuery
    sort: str
    page: int
    per_page: int
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetBucket]]
    filters: dict[str, tuple]
    errors: list[str] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        reachable = min(self.total, MAX_RESULT_WINDOW)
        return max(1, math.ceil(reachable / self.per_page))

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_query(self) -> bool:
        return not self.parsed.is_empty

    @property
    def has_filters(self) -> bool:
        return any(self.filters.values())


def marked_html(marked: str | None, fallback: str, *, limit: int | None = None) -> SafeString:
    if marked:
        html = escape(marked).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        return mark_safe(html)  # escaped above; the only markup is our <mark>
    text = fallback
    if limit is not None and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return escape(text)


def facet_labels(facets: dict[str, list[tuple[Any, int]]]) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {name: {} for name in FACETS}
    campaign_ids = [k for k, _n in facets.get("campaign", [])]
    if campaign_ids:
        labels["campaign"] = {
            str(pk): t for pk, t in CampaignPage.objects.filter(pk__in=campaign_ids).values_list("pk", "title")
        }
    department_ids = [k for k, _n in facets.get("department", [])]
    if department_ids:
        labels["department"] = {
            str(pk): name for pk, name in Department.objects.filter(pk__in=department_ids).values_list("pk", "name")
        }
    labels["status"] = {value: str(label) for value, label in IdeaStatus.choices}
    return labels


def to_hits(raw_hits: list[RawHit]) -> list[SearchHit]:
    """Index hits checked against the database: hidden or withdrawn ideas never show, even
    before the index catches up, and vote counts are the exact ones."""
    if not raw_hits:
        return []
    live = {
        i.pk: i
        for i in Idea.objects.filter(pk__in=[h.id for h in raw_hits]).with_vote_count().only("pk", "status", "hidden")
    }
    hits = []
    for raw in raw_hits:
        idea = live.get(raw.id)
        if idea is None or not is_searchable(idea):
            continue
        doc = raw.doc
        hits.append(
            SearchHit(
                id=raw.id,
                title=doc.get("title", ""),
                url=doc.get("url", ""),
                status=idea.status,
                status_label=str(IdeaStatus(idea.status).label),
                votes=int(idea.votes_total),
                campaign_id=doc.get("campaign_id"),
                campaign_title=doc.get("campaign_title", ""),
                department_name=doc.get("department_name", ""),
                tags=list(doc.get("tags") or []),
                created_at=parse_datetime(doc["created_at"]) if doc.get("created_at") else None,
                decided_at=parse_datetime(doc["decided_at"]) if doc.get("decided_at") else None,
                outcome=doc.get("outcome", ""),
                title_html=marked_html(raw.title_marked, doc.get("title", "")),
                excerpt_html=marked_html(raw.excerpt_marked, doc.get("body", ""), limit=EXCERPT_CHARS),
                score=raw.score,
            )
        )
    return hits
