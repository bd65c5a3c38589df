"""The search port: the one way the rest of Oasis searches ideas and keeps the index current.

    search_ideas(query=..., filters=..., sort=..., page=...)  -> SearchResults
    suggest_titles(prefix=...)                                 -> [{"id", "title", "url", "status"}]
    similar_ideas(title=..., body=...)                         -> [SearchHit] (at most 5)
    index_idea_later(idea_id)   queue an update in the current transaction, drain after commit
    index_idea(idea_id)         the same, drained now
    drain(), reindex(), check() what the management commands run
    reset_for_tests()           forget per-process state (built backends, back-off, coalescing)

Reading lives here; the rest is re-exported from the modules that own it: `search.indexing`
(queueing, drains, reindex, drift check), `search.outbox` (the rows and the drain loop),
`search.registry` (which backend answers), `search.results` (hits, facets, paging). Language
is handled once, in Python, for every backend: `search.analysis` turns documents and queries
into the same index terms (English stems, Korean morphemes), `search.query` builds the query
from them, `search.highlight` marks the matches in the original text. The apps
below search never import it: they send signals (`search.receivers`) and templates load
`search_tags`. Callers never import a backend.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from search import highlight, indexing, outbox, registry
from search.backends.base import FACETS, SORTS, SearchRequest
from search.documents import is_searchable_status, searchable_ideas
from search.indexing import (
    DriftReport,
    check,
    drain,
    index_idea,
    index_idea_later,
    index_ideas_later,
    reindex,
)
from search.outbox import DrainReport
from search.query import parse_query, parse_suggest, similar_terms
from search.registry import SearchUnavailable, get_backend
from search.results import (
    MAX_RESULT_WINDOW,
    FacetBucket,
    SearchHit,
    SearchResults,
    facet_labels,
    to_hits,
)

__all__ = [
    "DrainReport",
    "DriftReport",
    "FacetBucket",
    "SearchHit",
    "SearchResults",
    "SearchUnavailable",
    "check",
    "drain",
    "get_backend",
    "index_idea",
    "index_idea_later",
    "index_ideas_later",
    "normalize_filters",
    "reindex",
    "reset_for_tests",
    "search_ideas",
    "search_request",
    "searchable_ideas",
    "similar_ideas",
    "suggest_titles",
]

logger = logging.getLogger(__name__)

MAX_PER_PAGE = 50
SIMILAR_LIMIT = 5
SUGGEST_LIMIT = 8


def reset_for_tests() -> None:
    """Forget this process's search state: built backends (and their clients), the drain
    back-off after a failure, and the vote-coalescing clock. Call it after changing search
    settings or breaking a backend on purpose; the index itself is untouched."""
    registry.reset_backends()
    outbox.reset_backoff()
    indexing.reset_coalescing()


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
                if not is_searchable_status(v):
                    errors.append(_("Ignored the status filter “%(value)s”.") % {"value": v[:40]})
                    continue
            elif name == "tag":
                v = " ".join(v.split()).lower()[:100]
            if v not in accepted:
                accepted.append(v)
        if accepted:
            filters[name] = tuple(accepted[:20])
    return filters, errors


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
        highlight.mark_hits(raw.hits, request.query)  # the same marks whichever backend answered
    except SearchUnavailable:
        raise
    except Exception as exc:
        logger.exception("search failed")
        raise SearchUnavailable(str(exc)) from exc
    labels = facet_labels(raw.facets)
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
        hits=to_hits(raw.hits),
        facets=facets,
        filters=request.filters,
        errors=errors,
    )


def suggest_titles(*, prefix: str, limit: int = SUGGEST_LIMIT) -> list[dict[str, Any]]:
    """Titles for autocomplete; empty when the backend cannot answer (it is only a hint)."""
    query = parse_suggest(prefix)
    if query.is_empty:
        return []
    try:
        return get_backend().suggest(query, limit=max(1, min(limit, 20)))
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
    return to_hits(raw)
