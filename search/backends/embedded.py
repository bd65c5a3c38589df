"""The embedded backend: the search index is a table in the site's own database.

Documents carry the index terms of `search.analysis` (English stems, Korean morphemes, joined
compounds), and full-text runs over those terms only: SQLite uses FTS5 (`search_fts`, the
`ascii` tokenizer, which splits on spaces and keeps every non-ASCII character, BM25 weights
title 3, tags 2, body 1, verdict 1); PostgreSQL uses generated tsvector columns ('simple'
configuration: no further stemming) with GIN indexes and `ts_rank_cd`. A word with a typo finds
its terms through the `IndexTerm` vocabulary. Facets are GROUP BYs over the same filtered rows.
Writes from drains are serialised (SQLite's write lock, a PostgreSQL advisory lock), so the
read-then-write of a drain can never put an older state over a newer one.
"""

from __future__ import annotations

import math
import time
from contextlib import contextmanager
from typing import Any

from django.db import connections, transaction
from django.db.models import Count, F, Q
from django.db.models.expressions import RawSQL
from django.utils.dateparse import parse_datetime

from search.analysis import fuzzy_matches, vocabulary_terms
from search.backends.base import (
    FACETS,
    ApplyResult,
    RawHit,
    RawResults,
    SearchRequest,
    db_clock,
)
from search.documents import TERM_FIELDS, build_documents, searchable_ideas
from search.models import IdeaDocument, IdeaDocumentTag, IndexTerm
from search.query import Clause, ParsedQuery, SuggestQuery

# pg_advisory_xact_lock key: "oasis-search" as a 63-bit number.
PG_LOCK_KEY = 0x6F61736973736561
SIMILAR_CANDIDATES = 50
MAX_EXPANSIONS = 50  # like Elasticsearch's fuzzy max_expansions
DOC_FIELDS = [f.name for f in IdeaDocument._meta.concrete_fields if f.name != "idea_id"]
FACET_FIELDS = {"campaign": "campaign_id", "status": "status", "department": "department_id", "year": "year"}
FTS_SEARCH_COLUMNS = "{title_terms tags_terms body_terms verdict_terms}"
FTS_SIMILAR_COLUMNS = "{title_terms tags_terms body_terms}"


def _quote_fts(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts_any(terms: tuple[str, ...] | list[str]) -> str:
    return "(" + " OR ".join(_quote_fts(t) for t in terms) + ")"


def _fts_expression(columns: str, alternatives: list[tuple[str, ...]], phrases=()) -> str:
    parts = [_fts_any(alts) for alts in alternatives] + [_quote_fts(" ".join(p)) for p in phrases]
    return f"{columns} : (" + " AND ".join(parts) + ")"


def _lexeme(term: str, *, prefix: bool = False) -> str:
    quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if prefix else "")


def _tsquery(alternatives: list[tuple[str, ...]], phrases=(), *, prefixes: tuple[str, ...] = ()) -> str:
    """to_tsquery text: every clause (any alternative), every phrase (side by side)."""
    parts = ["(" + " | ".join(_lexeme(t) for t in alts) + ")" for alts in alternatives]
    parts += ["(" + " <-> ".join(_lexeme(t) for t in p) + ")" for p in phrases]
    if prefixes:
        parts.append("(" + " | ".join(_lexeme(p, prefix=True) for p in prefixes) + ")")
    return " & ".join(parts)


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, using: str = "default") -> None:
        self.using = using

    @property
    def connection(self):
        return connections[self.using]

    @property
    def is_postgres(self) -> bool:
        return self.connection.vendor == "postgresql"

    # ---- writing -------------------------------------------------------------------------

    @contextmanager
    def batch(self):
        with transaction.atomic(using=self.using):
            if self.is_postgres:
                with self.connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PG_LOCK_KEY])
            yield

    def clock(self) -> int:
        return db_clock(self.using)

    def apply(self, docs: dict[int, dict[str, Any] | None], *, version: int) -> ApplyResult:
        result = ApplyResult()
        if not docs:
            return result
        with transaction.atomic(using=self.using):
            newer = set(
                IdeaDocument.objects.using(self.using)
                .filter(idea_id__in=list(docs), version__gt=version)
                .values_list("idea_id", flat=True)
            )
            gone = [i for i, d in docs.items() if d is None and i not in newer]
            if gone:
                IdeaDocument.objects.using(self.using).filter(idea_id__in=gone).delete()
                result.deleted = len(gone)
            upserts = [d for i, d in docs.items() if d is not None and i not in newer]
            if upserts:
                objs = [self._row(d, version) for d in upserts]
                IdeaDocument.objects.using(self.using).bulk_create(
                    objs, update_conflicts=True, unique_fields=["idea_id"], update_fields=DOC_FIELDS
                )
                ids = [d["id"] for d in upserts]
                IdeaDocumentTag.objects.using(self.using).filter(document_id__in=ids).delete()
                IdeaDocumentTag.objects.using(self.using).bulk_create(
                    [IdeaDocumentTag(document_id=d["id"], name=tag[:100]) for d in upserts for tag in d["tags"]]
                )
                self._remember_terms(upserts)
                result.indexed = len(upserts)
        return result

    def _remember_terms(self, docs: list[dict[str, Any]]) -> None:
        terms = vocabulary_terms(d[f] for d in docs for f in TERM_FIELDS)
        IndexTerm.objects.using(self.using).bulk_create(
            [IndexTerm(term=t, lead=t[0], size=len(t)) for t in sorted(terms)], ignore_conflicts=True, batch_size=1000
        )

    @staticmethod
    def _row(doc: dict[str, Any], version: int) -> IdeaDocument:
        return IdeaDocument(
            idea_id=doc["id"],
            title=doc["title"],
            body=doc["body"],
            tags_text=" ".join(doc["tags"]),
            verdict=doc["verdict"],
            outcome=doc["outcome"],
            status=doc["status"],
            campaign_id=doc["campaign_id"],
            campaign_title=doc["campaign_title"],
            department_id=doc["department_id"],
            department_name=doc["department_name"],
            vote_count=doc["vote_count"],
            year=doc["year"],
            created_at=parse_datetime(doc["created_at"]),
            decided_at=parse_datetime(doc["decided_at"]) if doc["decided_at"] else None,
            url=doc["url"],
            title_terms=doc["title_terms"],
            tags_terms=doc["tags_terms"],
            body_terms=doc["body_terms"],
            verdict_terms=doc["verdict_terms"],
            suggest_terms=doc["suggest_terms"],
            digest=doc["digest"],
            version=version,
        )

    @staticmethod
    def _doc(row: IdeaDocument, tags: list[str]) -> dict[str, Any]:
        return {
            "id": row.idea_id,
            "title": row.title,
            "body": row.body,
            "tags": tags,
            "verdict": row.verdict,
            "outcome": row.outcome,
            "status": row.status,
            "campaign_id": row.campaign_id,
            "campaign_title": row.campaign_title,
            "department_id": row.department_id,
            "department_name": row.department_name,
            "vote_count": row.vote_count,
            "year": row.year,
            "created_at": row.created_at.isoformat(),
            "decided_at": row.decided_at.isoformat() if row.decided_at else None,
            "url": row.url,
        }

    def rebuild(self, *, batch_size: int = 1000, progress=None) -> dict[str, Any]:
        started = time.monotonic()
        ids = list(searchable_ideas().order_by("pk").values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            with self.batch():
                self.apply(build_documents(chunk), version=self.clock())
            done += len(chunk)
            if progress:
                progress(done, len(ids))
        with self.batch():
            stale = set(IdeaDocument.objects.using(self.using).values_list("idea_id", flat=True)) - set(
                searchable_ideas().values_list("pk", flat=True)
            )
            if stale:
                self.apply(dict.fromkeys(stale), version=self.clock())
        return {"indexed": len(ids), "removed": len(stale), "seconds": round(time.monotonic() - started, 2)}

    def reset(self) -> None:
        with transaction.atomic(using=self.using):
            IdeaDocumentTag.objects.using(self.using).all().delete()
            IdeaDocument.objects.using(self.using).all().delete()
            IndexTerm.objects.using(self.using).all().delete()

    def ping(self) -> bool:
        return True

    def indexed_digests(self) -> dict[int, str]:
        return dict(IdeaDocument.objects.using(self.using).values_list("idea_id", "digest"))

    def count(self) -> int:
        return IdeaDocument.objects.using(self.using).count()

    # ---- reading -------------------------------------------------------------------------

    def expansions(self, clauses: tuple[Clause, ...]) -> dict[str, list[str]]:
        """Index terms one typo away from each fuzzy stem, from the vocabulary (first letter and
        length narrow the candidates; the edit distance is checked here)."""
        stems = {c.fuzzy for c in clauses if c.fuzzy}
        if not stems:
            return {}
        where = Q()
        for stem in stems:
            where |= Q(lead=stem[0], size__in=[len(stem) - 1, len(stem), len(stem) + 1])
        candidates = list(IndexTerm.objects.using(self.using).filter(where).values_list("term", flat=True))
        return {
            stem: sorted(t for t in candidates if t != stem and fuzzy_matches(stem, t))[:MAX_EXPANSIONS]
            for stem in stems
        }

    def _alternatives(self, query: ParsedQuery) -> tuple[list[tuple[str, ...]], bool]:
        """Each clause's terms, typo expansions included; and whether any expansion was added."""
        extra = self.expansions(query.clauses)
        alternatives = [
            c.alternatives + tuple(t for t in extra.get(c.fuzzy, ()) if t not in c.alternatives) for c in query.clauses
        ]
        return alternatives, any(extra.values())

    def _match_sql(self, alternatives: list[tuple[str, ...]], phrases) -> tuple[str, list]:
        """SQL selecting the ids of documents that satisfy every clause and phrase."""
        if self.is_postgres:
            return (
                "SELECT idea_id FROM search_ideadocument WHERE search_vector @@ to_tsquery('simple'::regconfig, %s)",
                [_tsquery(alternatives, phrases)],
            )
        return (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s",
            [_fts_expression(FTS_SEARCH_COLUMNS, alternatives, phrases)],
        )

    def _filtered(self, filters: dict[str, tuple]):
        qs = IdeaDocument.objects.using(self.using).all()
        for name, values in filters.items():
            if not values:
                continue
            if name == "tag":
                qs = qs.filter(
                    idea_id__in=IdeaDocumentTag.objects.using(self.using).filter(name__in=values).values("document_id")
                )
            elif name in FACET_FIELDS:
                qs = qs.filter(**{f"{FACET_FIELDS[name]}__in": values})
        return qs

    def search(self, request: SearchRequest) -> RawResults:
        query = request.query
        filtered = self._filtered(request.filters)
        matched = filtered
        alternatives: list[tuple[str, ...]] = []
        expanded = False
        if not query.is_empty:
            alternatives, expanded = self._alternatives(query)
            sql, params = self._match_sql(alternatives, query.phrases)
            matched = filtered.filter(idea_id__in=RawSQL(sql, params))
        total = matched.count()
        facets: dict[str, list[tuple[Any, int]]] = {}
        if total:
            for name in FACETS:
                if name == "tag":
                    rows = (
                        IdeaDocumentTag.objects.using(self.using)
                        .filter(document__in=matched)
                        .values_list("name")
                        .annotate(n=Count("pk"))
                        .order_by("-n", "name")[: request.facet_size]
                    )
                else:
                    col = FACET_FIELDS[name]
                    rows = (
                        matched.exclude(**{f"{col}__isnull": True})
                        .values_list(col)
                        .annotate(n=Count("pk"))
                        .order_by("-n", col)[: request.facet_size]
                    )
                facets[name] = [(key, n) for key, n in rows]
        else:
            facets = {name: [] for name in FACETS}

        if request.offset >= total:
            ids: list[int] = []
            scores: dict[int, float] = {}
        elif request.sort == "relevance" and not query.is_empty:
            ids, scores = self._ranked_ids(query, alternatives, expanded, filtered, request)
        else:
            ordered = matched.order_by(*self._order(request.sort))
            ids = list(ordered.values_list("idea_id", flat=True)[request.offset : request.offset + request.limit])
            scores = {}
        return RawResults(total=total, hits=self._hits(ids, scores), facets=facets)

    @staticmethod
    def _order(sort: str) -> list:
        if sort == "votes":
            return ["-vote_count", "-created_at", "-idea_id"]
        if sort == "decided":
            return [F("decided_at").desc(nulls_last=True), "-created_at", "-idea_id"]
        return ["-created_at", "-idea_id"]

    def _ranked_ids(
        self, query: ParsedQuery, alternatives: list[tuple[str, ...]], expanded: bool, filtered, request: SearchRequest
    ) -> tuple[list[int], dict]:
        filter_sql, filter_params = "", []
        if filtered.query.where:
            inner, inner_params = filtered.values("idea_id").query.sql_with_params()
            filter_sql, filter_params = f" AND d.idea_id IN ({inner})", list(inner_params)
        # With typo expansions, documents that match as typed come first (Elasticsearch gets
        # there by scoring fuzzy terms lower).
        exact_sql, exact_params = "", []
        if expanded:
            sql, params = self._match_sql([c.alternatives for c in query.clauses], query.phrases)
            exact_sql, exact_params = f"(d.idea_id IN ({sql})) DESC, ", params
        if self.is_postgres:
            sql = (
                "WITH q AS (SELECT to_tsquery('simple'::regconfig, %s) AS query) "
                "SELECT d.idea_id, ts_rank_cd(d.search_vector, q.query) AS score "
                "FROM search_ideadocument d, q WHERE d.search_vector @@ q.query"
                f"{filter_sql} ORDER BY {exact_sql}score DESC, d.created_at DESC, d.idea_id DESC LIMIT %s OFFSET %s"
            )
            params = [_tsquery(alternatives, query.phrases), *filter_params, *exact_params]
        else:
            sql = (
                "SELECT d.idea_id, -search_fts.rank AS score FROM search_fts "
                "JOIN search_ideadocument d ON d.idea_id = search_fts.rowid "
                f"WHERE search_fts MATCH %s{filter_sql} "
                f"ORDER BY {exact_sql}search_fts.rank, d.created_at DESC, d.idea_id DESC LIMIT %s OFFSET %s"
            )
            params = [_fts_expression(FTS_SEARCH_COLUMNS, alternatives, query.phrases), *filter_params, *exact_params]
        params += [request.limit, request.offset]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [r[0] for r in rows], {r[0]: float(r[1]) for r in rows}

    def _hits(self, ids: list[int], scores: dict[int, float]) -> list[RawHit]:
        if not ids:
            return []
        rows = {r.idea_id: r for r in IdeaDocument.objects.using(self.using).filter(idea_id__in=ids)}
        tags: dict[int, list[str]] = {}
        for doc_id, name in (
            IdeaDocumentTag.objects.using(self.using)
            .filter(document_id__in=ids)
            .order_by("name")
            .values_list("document_id", "name")
        ):
            tags.setdefault(doc_id, []).append(name)
        return [RawHit(id=i, doc=self._doc(rows[i], tags.get(i, [])), score=scores.get(i)) for i in ids if i in rows]

    def suggest(self, query: SuggestQuery, *, limit: int) -> list[dict[str, Any]]:
        """Titles whose terms satisfy the words typed so far and begin with the one being typed,
        most voted first."""
        if query.is_empty:
            return []
        alternatives = [c.alternatives for c in query.clauses]
        if self.is_postgres:
            sql = (
                "SELECT idea_id FROM search_ideadocument "
                "WHERE suggest_vector @@ to_tsquery('simple'::regconfig, %s) "
                "ORDER BY vote_count DESC, created_at DESC, idea_id DESC LIMIT %s"
            )
            params: list = [_tsquery(alternatives, prefixes=query.prefixes), limit]
        else:
            parts = [_fts_any(alts) for alts in alternatives]
            parts.append("(" + " OR ".join(_quote_fts(p) + " *" for p in query.prefixes) + ")")
            sql = (
                "SELECT d.idea_id FROM search_fts JOIN search_ideadocument d ON d.idea_id = search_fts.rowid "
                "WHERE search_fts MATCH %s ORDER BY d.vote_count DESC, d.created_at DESC, d.idea_id DESC LIMIT %s"
            )
            params = ["{suggest_terms} : (" + " AND ".join(parts) + ")", limit]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [r[0] for r in cursor.fetchall()]
        rows = {r.idea_id: r for r in IdeaDocument.objects.using(self.using).filter(idea_id__in=ids)}
        return [
            {"id": i, "title": rows[i].title, "url": rows[i].url, "status": rows[i].status} for i in ids if i in rows
        ]

    def similar(self, terms: list[str], *, text: str, exclude_id: int | None, limit: int) -> list[RawHit]:
        """Term overlap: candidates sharing any characteristic term, kept if they share at least
        30% of the terms the index knows (like more_like_this's minimum_should_match), best first."""
        if not terms:
            return []
        exclude_sql = " AND d.idea_id <> %s" if exclude_id else ""
        exclude_params = [exclude_id] if exclude_id else []
        if self.is_postgres:
            sql = (
                "WITH q AS (SELECT to_tsquery('simple'::regconfig, %s) AS query) SELECT d.idea_id "
                f"FROM search_ideadocument d, q WHERE d.search_vector @@ q.query{exclude_sql} "
                "ORDER BY ts_rank_cd(d.search_vector, q.query) DESC, d.vote_count DESC LIMIT %s"
            )
            params = [_tsquery([tuple(terms)]), *exclude_params, SIMILAR_CANDIDATES]
        else:
            sql = (
                "SELECT d.idea_id FROM search_fts JOIN search_ideadocument d ON d.idea_id = search_fts.rowid "
                f"WHERE search_fts MATCH %s{exclude_sql} ORDER BY search_fts.rank, d.vote_count DESC LIMIT %s"
            )
            params = [f"{FTS_SIMILAR_COLUMNS} : {_fts_any(terms)}", *exclude_params, SIMILAR_CANDIDATES]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [r[0] for r in cursor.fetchall()]
        if not ids:
            return []
        rows = {r.idea_id: r for r in IdeaDocument.objects.using(self.using).filter(idea_id__in=ids)}
        wanted = set(terms)
        overlap: dict[int, int] = {}
        present: set[str] = set()
        for i in ids:
            row = rows[i]
            shared = wanted & set(f"{row.title_terms} {row.tags_terms} {row.body_terms}".split())
            overlap[i] = len(shared)
            present |= shared
        need = max(1, math.floor(0.3 * len(present)))
        hits = []
        for i in ids:
            if overlap[i] >= need:
                hits.append(RawHit(id=i, doc=self._doc(rows[i], []), score=float(overlap[i])))
            if len(hits) >= limit:
                break
        return hits
