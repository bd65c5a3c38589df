"""The search port: the one way the rest of Oasis searches ideas and keeps the index current.

    search_ideas(query=..., filters=..., sort=..., page=...)  -> SearchResults
    suggest_titles(prefix=...)                                 -> [{"id", "title", "url", "status"}]
    similar_ideas(title=..., body=...)                         -> [SearchHit] (at most 5)
    index_idea_later(idea_id)   queue an update in the current transaction, drain after commit
    index_idea(idea_id)         the same, drained now
    drain(), reindex(), check() what the management commands run

The backend is chosen by settings (`OASIS_SEARCH_BACKEND`: "elasticsearch" when
ELASTICSEARCH_URL is set, otherwise "embedded"). Callers never import a backend.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ideas.models import CampaignPage, Department, Idea, IdeaStatus
from search.backends.base import EXCERPT_CHARS, FACETS, MARK_END, MARK_START, SORTS, RawHit, SearchRequest
from search.documents import UNSEARCHABLE_STATUSES, build_documents, searchable_ideas
from search.models import OutboxEntry
from search.outbox import DrainReport, enqueue
from search.outbox import drain as _drain
from search.query import ParsedQuery, parse_query, similar_terms, suggest_prefix

logger = logging.getLogger(__name__)

MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default index.max_result_window
MAX_PER_PAGE = 50
SIMILAR_LIMIT = 5
SUGGEST_LIMIT = 8
SEARCHABLE_STATUSES = tuple(s for s in IdeaStatus.values if s not in UNSEARCHABLE_STATUSES)


class SearchUnavailable(Exception):
    """The search backend cannot answer right now (e.g. Elasticsearch is down)."""


# ---- backend selection ---------------------------------------------------------------------

_backends: dict[tuple, Any] = {}


def get_backend():
    name = getattr(settings, "OASIS_SEARCH_BACKEND", "embedded")
    if name == "elasticsearch":
        key = (
            name,
            settings.ELASTICSEARCH_URL,
            settings.OASIS_SEARCH_INDEX,
            settings.OASIS_SEARCH_REFRESH,
            settings.OASIS_SEARCH_TIMEOUT,
        )
        if key not in _backends:
            from search.backends.es import ElasticsearchBackend

            if not settings.ELASTICSEARCH_URL:
                raise SearchUnavailable("OASIS_SEARCH_BACKEND is 'elasticsearch' but ELASTICSEARCH_URL is not set")
            _backends[key] = ElasticsearchBackend(
                url=settings.ELASTICSEARCH_URL,
                prefix=settings.OASIS_SEARCH_INDEX,
                refresh=settings.OASIS_SEARCH_REFRESH,
                timeout=settings.OASIS_SEARCH_TIMEOUT,
            )
        return _backends[key]
    if name != "embedded":
        raise SearchUnavailable(f"unknown OASIS_SEARCH_BACKEND {name!r}")
    key = (name,)
    if key not in _backends:
        from search.backends.embedded import EmbeddedBackend

        _backends[key] = EmbeddedBackend()
    return _backends[key]


# ---- keeping the index current -------------------------------------------------------------


def _kick_drain() -> None:
    try:
        from search.tasks import drain_search_outbox

        drain_search_outbox.enqueue()
    except Exception:  # the outbox keeps the work; `search_drain` will do it
        logger.exception("could not enqueue the search drain")


_last_coalesced_kick = 0.0


def index_idea_later(idea_id: int, *, coalesce: bool = False) -> None:
    """Queue an index update for the idea, in the caller's transaction; drain after commit.

    With `coalesce` (vote-count changes, which are frequent and only move the "votes" sort
    order: hits always show exact counts from the database) a process kicks the drain at most
    once per OASIS_SEARCH_COALESCE_SECONDS; in between the row waits in the outbox for the
    next drain, so a burst of votes costs one drain instead of one per vote.
    """
    global _last_coalesced_kick
    enqueue([idea_id])
    if coalesce:
        now = time.monotonic()
        if now - _last_coalesced_kick < settings.OASIS_SEARCH_COALESCE_SECONDS:
            return
        _last_coalesced_kick = now
    transaction.on_commit(_kick_drain, robust=True)


def index_ideas_later(idea_ids: Iterable[int]) -> None:
    if enqueue(idea_ids):
        transaction.on_commit(_kick_drain, robust=True)


def index_idea(idea_id: int) -> DrainReport:
    """Queue and push now (outside a transaction: commands, tests, repair)."""
    enqueue([idea_id])
    return _drain()


def drain(*, limit: int = 500, max_batches: int | None = None) -> DrainReport:
    return _drain(limit=limit, max_batches=max_batches)


def reindex(*, batch_size: int = 1000, progress=None) -> dict[str, Any]:
    return get_backend().rebuild(batch_size=batch_size, progress=progress)


@dataclass
class DriftReport:
    expected: int
    indexed: int
    missing: list[int]
    extra: list[int]
    stale: list[int]
    queued: int

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.stale)


def check(*, fix: bool = False) -> DriftReport:
    """Compare the index with the database; with fix=True queue every drifted idea."""
    backend = get_backend()
    ids = list(searchable_ideas().values_list("pk", flat=True))
    expected = {i: d["digest"] for i, d in build_documents(ids).items() if d is not None}
    actual = backend.indexed_digests()
    report = DriftReport(
        expected=len(expected),
        indexed=len(actual),
        missing=sorted(set(expected) - set(actual)),
        extra=sorted(set(actual) - set(expected)),
        stale=sorted(i for i in set(expected) & set(actual) if expected[i] != actual[i]),
        queued=OutboxEntry.objects.count(),
    )
    if fix and not report.ok:
        enqueue(report.missing + report.extra + report.stale)
    return report


# ---- reading ------------------------------------------------------------------------------


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


def _marked_html(marked: str | None, fallback: str, *, limit: int | None = None) -> SafeString:
    if marked:
        html = escape(marked).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        return mark_safe(html)  # escaped above; the only markup is our <mark>
    text = fallback
    if limit is not None and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return escape(text)


def normalize_filters(raw: Mapping[str, Any] | None) -> tuple[dict[str, tuple], list[str]]:
    """Accept facet filters from a form, a query string or code; report values we cannot use."""
    filters: dict[str, tuple] = {}
    errors: list[str] = []
    if not raw:
        return filters, errors
    for name in FACETS:
        value = raw.get(name) if hasattr(raw, "get") else None
        if hasattr(raw, "getlist"):
            values = raw.getlist(name)
        elif value is None:
            values = []
        elif isinstance(value, str | int):
            values = [value]
        else:
            values = list(value)
        accepted: list = []
        for v in values:
            v = str(v).strip()
            if not v:
                continue
            if name in ("campaign", "department", "year"):
                if not v.isdigit() or len(v) > 18:
                    errors.append(_("Ignored the %(facet)s filter “%(value)s”.") % {"facet": name, "value": v[:40]})
                    continue
                v = int(v)
            elif name == "status":
                if v not in SEARCHABLE_STATUSES:
                    errors.append(_("Ignored the status filter “%(value)s”.") % {"value": v[:40]})
                    continue
            elif name == "tag":
                v = " ".join(v.split()).lower()[:100]
            if v not in accepted:
                accepted.append(v)
        if accepted:
            filters[name] = tuple(accepted[:20])
    return filters, errors


def _labels(facets: dict[str, list[tuple[Any, int]]]) -> dict[str, dict[str, str]]:
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


def _to_hits(raw_hits: list[RawHit]) -> list[SearchHit]:
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
        if idea is None or idea.hidden or idea.status in UNSEARCHABLE_STATUSES:
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
                title_html=_marked_html(raw.title_marked, doc.get("title", "")),
                excerpt_html=_marked_html(raw.excerpt_marked, doc.get("body", ""), limit=EXCERPT_CHARS),
                score=raw.score,
            )
        )
    return hits


def search_request(
    *,
    query: str = "",
    filters: Mapping[str, Any] | None = None,
    sort: str | None = None,
    page: int | str = 1,
    per_page: int | None = None,
) -> tuple[SearchRequest, int, int, list[str]]:
    parsed = parse_query(query)
    clean_filters, errors = normalize_filters(filters)
    per_page = max(1, min(int(per_page or settings.OASIS_SEARCH_PER_PAGE), MAX_PER_PAGE))
    if sort not in SORTS:
        if sort:
            errors.append(_("Unknown sort order; showing the default."))
        sort = "relevance" if not parsed.is_empty else "newest"
    if sort == "relevance" and parsed.is_empty:
        sort = "newest"
    try:
        page = int(page)
    except (TypeError, ValueError):
        page = 1
    max_page = MAX_RESULT_WINDOW // per_page
    page = max(1, min(page, max_page))
    request = SearchRequest(
        query=parsed, filters=clean_filters, sort=sort, offset=(page - 1) * per_page, limit=per_page
    )
    return request, page, per_page, errors


def search_ideas(
    *,
    query: str = "",
    filters: Mapping[str, Any] | None = None,
    sort: str | None = None,
    page: int | str = 1,
    per_page: int | None = None,
) -> SearchResults:
    """Keyword search with facets. Never raises on odd input; raises SearchUnavailable if the
    backend cannot answer."""
    request, page, per_page, errors = search_request(
        query=query, filters=filters, sort=sort, page=page, per_page=per_page
    )
    try:
        raw = get_backend().search(request)
    except SearchUnavailable:
        raise
    except Exception as exc:
        logger.exception("search failed")
        raise SearchUnavailable(str(exc)) from exc
    labels = _labels(raw.facets)
    facets = {
        name: [
            FacetBucket(
                value=str(key),
                label=labels[name].get(str(key), str(key)),
                count=count,
                selected=key in request.filters.get(name, ()),
            )
            for key, count in raw.facets.get(name, [])
        ]
        for name in FACETS
    }
    return SearchResults(
        query=request.query.text,
        parsed=request.query,
        sort=request.sort,
        page=page,
        per_page=per_page,
        total=raw.total,
        hits=_to_hits(raw.hits),
        facets=facets,
        filters=request.filters,
        errors=errors,
    )


def suggest_titles(*, prefix: str, limit: int = SUGGEST_LIMIT) -> list[dict[str, Any]]:
    """Titles for autocomplete; empty when the backend cannot answer (it is only a hint)."""
    text = suggest_prefix(prefix)
    if not text:
        return []
    try:
        return get_backend().suggest(text, limit=max(1, min(limit, 20)))
    except Exception:
        logger.exception("title suggestions failed")
        return []


def similar_ideas(
    *, title: str, body: str = "", exclude_id: int | None = None, limit: int = SIMILAR_LIMIT
) -> list[SearchHit]:
    """Up to five existing ideas like the draft, with status and votes; [] if none or unavailable."""
    terms = similar_terms(title, body)
    if not terms:
        return []
    try:
        raw = get_backend().similar(terms, text=f"{title} {body}", exclude_id=exclude_id, limit=max(1, min(limit, 10)))
    except Exception:
        logger.exception("similar ideas failed")
        return []
    return _to_hits(raw)
