"""The embedded backend: the search index is a table in the site's own database.

SQLite uses FTS5 (`search_fts`, BM25 weights title 3, tags 2, body 1, verdict 1);
PostgreSQL uses a generated tsvector column with a GIN index (weights A/B/C/C) and
`ts_rank_cd`. Facets are GROUP BYs over the same filtered rows. Writes from drains are
serialised (SQLite's write lock, a PostgreSQL advisory lock), so the read-then-write of a
drain can never put an older state over a newer one.
"""

from __future__ import annotations

import math
import time
from contextlib import contextmanager
from typing import Any

from django.db import connections, transaction
from django.db.models import Count, F
from django.db.models.expressions import RawSQL
from django.utils.dateparse import parse_datetime

from search.backends.base import (
    EXCERPT_CHARS,
    FACETS,
    MARK_END,
    MARK_START,
    ApplyResult,
    RawHit,
    RawResults,
    SearchRequest,
    db_clock,
)
from search.documents import build_documents, searchable_ideas
from search.models import IdeaDocument, IdeaDocumentTag
from search.query import STOP_WORDS, ParsedQuery, word_spans, words

# pg_advisory_xact_lock key: "oasis-search" as a 63-bit number.
PG_LOCK_KEY = 0x6F61736973736561
SIMILAR_CANDIDATES = 50
DOC_FIELDS = [f.name for f in IdeaDocument._meta.concrete_fields if f.name != "idea_id"]
FACET_FIELDS = {"campaign": "campaign_id", "status": "status", "department": "department_id", "year": "year"}


def mark_words(text: str, wanted: set[str], *, window: int | None = None) -> str | None:
    """The text (or a window of it around the first match) with matching words marked."""
    spans = [(a, b) for a, b, w in word_spans(text) if w in wanted]
    if not spans:
        return None
    start, end = 0, len(text)
    if window is not None and len(text) > window:
        start = max(0, spans[0][0] - window // 4)
        if start:
            start = text.rfind(" ", 0, start) + 1
        end = min(len(text), start + window)
        if end < len(text) and " " in text[start:end]:
            end = text.rfind(" ", start, end)
    out, pos = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out += [text[pos:a], MARK_START, text[a:b], MARK_END]
        pos = b
    out.append(text[pos:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")


def _quote_fts(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


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
                result.indexed = len(upserts)
        return result

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

    def ping(self) -> bool:
        return True

    def indexed_digests(self) -> dict[int, str]:
        return dict(IdeaDocument.objects.using(self.using).values_list("idea_id", "digest"))

    def count(self) -> int:
        return IdeaDocument.objects.using(self.using).count()

    # ---- reading -------------------------------------------------------------------------

    def _match(self, query: ParsedQuery) -> tuple[str, list]:
        """SQL selecting the ids of documents that match every word and phrase."""
        units = list(query.terms) + [" ".join(p) for p in query.phrases]
        if self.is_postgres:
            tsq = " && ".join(["phraseto_tsquery('simple'::regconfig, %s)"] * len(units))
            return f"SELECT idea_id FROM search_ideadocument WHERE search_vector @@ ({tsq})", units
        expr = " AND ".join(_quote_fts(u) for u in units)
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expr]

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
        if not query.is_empty:
            sql, params = self._match(query)
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
            ids, scores = self._ranked_ids(query, filtered, request)
        else:
            ordered = matched.order_by(*self._order(request.sort))
            ids = list(ordered.values_list("idea_id", flat=True)[request.offset : request.offset + request.limit])
            scores = {}
        hits = self._hits(ids, query, scores)
        return RawResults(total=total, hits=hits, facets=facets)

    @staticmethod
    def _order(sort: str) -> list:
        if sort == "votes":
            return ["-vote_count", "-created_at", "-idea_id"]
        if sort == "decided":
            return [F("decided_at").desc(nulls_last=True), "-created_at", "-idea_id"]
        return ["-created_at", "-idea_id"]

    def _ranked_ids(self, query: ParsedQuery, filtered, request: SearchRequest) -> tuple[list[int], dict]:
        filter_sql, filter_params = "", []
        if filtered.query.where:
            inner, inner_params = filtered.values("idea_id").query.sql_with_params()
            filter_sql, filter_params = f" AND d.idea_id IN ({inner})", list(inner_params)
        units = list(query.terms) + [" ".join(p) for p in query.phrases]
        if self.is_postgres:
            tsq = " && ".join(["phraseto_tsquery('simple'::regconfig, %s)"] * len(units))
            sql = (
                f"WITH q AS (SELECT ({tsq}) AS query) "
                "SELECT d.idea_id, ts_rank_cd(d.search_vector, q.query) AS score "
                "FROM search_ideadocument d, q WHERE d.search_vector @@ q.query"
                f"{filter_sql} ORDER BY score DESC, d.created_at DESC, d.idea_id DESC LIMIT %s OFFSET %s"
            )
            params = units + filter_params + [request.limit, request.offset]
        else:
            sql = (
                "SELECT d.idea_id, -search_fts.rank AS score FROM search_fts "
                "JOIN search_ideadocument d ON d.idea_id = search_fts.rowid "
                f"WHERE search_fts MATCH %s{filter_sql} "
                "ORDER BY search_fts.rank, d.created_at DESC, d.idea_id DESC LIMIT %s OFFSET %s"
            )
            params = [" AND ".join(_quote_fts(u) for u in units), *filter_params, request.limit, request.offset]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [r[0] for r in rows], {r[0]: float(r[1]) for r in rows}

    @staticmethod
    def _highlights(rows: dict[int, IdeaDocument], query: ParsedQuery) -> dict[int, tuple[str | None, str | None]]:
        if query.is_empty:
            return {}
        wanted = set(query.terms) | {w for p in query.phrases for w in p if w not in STOP_WORDS}
        return {
            i: (mark_words(row.title, wanted), mark_words(row.body, wanted, window=EXCERPT_CHARS))
            for i, row in rows.items()
        }

    def _hits(self, ids: list[int], query: ParsedQuery, scores: dict[int, float]) -> list[RawHit]:
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
        marks = self._highlights(rows, query)
        hits = []
        for i in ids:
            row = rows.get(i)
            if row is None:
                continue
            title_marked, excerpt_marked = marks.get(i, (None, None))
            hits.append(
                RawHit(
                    id=i,
                    doc=self._doc(row, tags.get(i, [])),
                    score=scores.get(i),
                    title_marked=title_marked,
                    excerpt_marked=excerpt_marked,
                )
            )
        return hits

    def suggest(self, prefix: str, *, limit: int) -> list[dict[str, Any]]:
        tokens = words(prefix)
        if not tokens:
            return []
        if self.is_postgres:
            tsq = " & ".join([f"{t}:A" for t in tokens[:-1]] + [f"{tokens[-1]}:*A"])
            sql = (
                "SELECT idea_id FROM search_ideadocument WHERE search_vector @@ to_tsquery('simple'::regconfig, %s) "
                "ORDER BY vote_count DESC, created_at DESC, idea_id DESC LIMIT %s"
            )
            params: list = [tsq, limit]
        else:
            expr = " AND ".join([_quote_fts(t) for t in tokens[:-1]] + [_quote_fts(tokens[-1]) + " *"])
            sql = (
                "SELECT d.idea_id FROM search_fts JOIN search_ideadocument d ON d.idea_id = search_fts.rowid "
                "WHERE search_fts MATCH %s ORDER BY d.vote_count DESC, d.created_at DESC, d.idea_id DESC LIMIT %s"
            )
            params = ["title : (" + expr + ")", limit]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [r[0] for r in cursor.fetchall()]
        rows = {r.idea_id: r for r in IdeaDocument.objects.using(self.using).filter(idea_id__in=ids)}
        return [
            {"id": i, "title": rows[i].title, "url": rows[i].url, "status": rows[i].status} for i in ids if i in rows
        ]

    def similar(self, terms: list[str], *, text: str, exclude_id: int | None, limit: int) -> list[RawHit]:
        """Term overlap: candidates sharing any characteristic word, kept if they share at least
        30% of the words the index knows (like more_like_this's minimum_should_match), best first."""
        if not terms:
            return []
        exclude_sql = " AND d.idea_id <> %s" if exclude_id else ""
        exclude_params = [exclude_id] if exclude_id else []
        if self.is_postgres:
            tsq = " || ".join(["plainto_tsquery('simple'::regconfig, %s)"] * len(terms))
            sql = (
                f"WITH q AS (SELECT ({tsq}) AS query) SELECT d.idea_id FROM search_ideadocument d, q "
                f"WHERE d.search_vector @@ q.query{exclude_sql} "
                "ORDER BY ts_rank_cd(d.search_vector, q.query) DESC, d.vote_count DESC LIMIT %s"
            )
            params = [*terms, *exclude_params, SIMILAR_CANDIDATES]
        else:
            sql = (
                "SELECT d.idea_id FROM search_fts JOIN search_ideadocument d ON d.idea_id = search_fts.rowid "
                f"WHERE search_fts MATCH %s{exclude_sql} ORDER BY search_fts.rank, d.vote_count DESC LIMIT %s"
            )
            params = [" OR ".join(_quote_fts(t) for t in terms), *exclude_params, SIMILAR_CANDIDATES]
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
            shared = wanted & set(words(f"{row.title} {row.tags_text} {row.body}"))
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
