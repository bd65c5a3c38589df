"""What every search backend implements, and the plain values they exchange with the port."""

from __future__ import annotations

import time
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import connections

from search.query import ParsedQuery, SuggestQuery

FACETS = ("campaign", "status", "department", "year", "tag")
SORTS = ("relevance", "votes", "newest", "decided")
# Highlight markers (search.highlight); the port escapes the text, then turns them into <mark>.
MARK_START = "\x02"
MARK_END = "\x03"
EXCERPT_CHARS = 200


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    filters: dict[str, tuple] = field(default_factory=dict)  # facet name -> accepted values (OR)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facet_size: int = 20


@dataclass
class RawHit:
    id: int
    doc: dict[str, Any]
    score: float | None = None
    title_marked: str | None = None  # text with MARK_START/MARK_END around matches (search.highlight)
    excerpt_marked: str | None = None


@dataclass
class RawResults:
    total: int
    hits: list[RawHit]
    facets: dict[str, list[tuple[Any, int]]]


@dataclass
class ApplyResult:
    indexed: int = 0
    deleted: int = 0
    failed: dict[int, str] = field(default_factory=dict)


class SearchBackend(Protocol):
    name: str

    def batch(self) -> AbstractContextManager[None]:
        """Context in which a drain reads the database and writes the index (locks if needed)."""

    def clock(self) -> int:
        """A version number read before the database state it labels (monotonic across workers)."""

    def apply(self, docs: dict[int, dict[str, Any] | None], *, version: int) -> ApplyResult:
        """Upsert documents, delete the ids mapped to None; older versions never overwrite newer."""

    def search(self, request: SearchRequest) -> RawResults: ...

    def suggest(self, query: SuggestQuery, *, limit: int) -> list[dict[str, Any]]:
        """Titles for autocomplete, most voted first."""

    def similar(self, terms: list[str], *, text: str, exclude_id: int | None, limit: int) -> list[RawHit]:
        """Ideas sharing at least 30% of the draft's index terms (`search.query.similar_terms`)."""

    def indexed_digests(self) -> dict[int, str]: ...

    def rebuild(self, *, batch_size: int = 1000, progress=None) -> dict[str, Any]: ...

    def ping(self) -> bool: ...

    def reset(self) -> None:
        """Drop everything (tests, benchmarks)."""


def db_clock(using: str = "default") -> int:
    """Microseconds from the database's clock on PostgreSQL (one clock for every worker),
    from this host's clock on SQLite (a single-host setup)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint")
            return int(cursor.fetchone()[0])
    return time.time_ns() // 1000
