"""The Elasticsearch backend (elasticsearch.dsl documents behind an alias).

Index layout: the alias `<prefix>-ideas` points at one concrete index `<prefix>-ideas-<n>`.
`rebuild()` fills a fresh index while drains keep writing (they also write to the
`<prefix>-ideas-next` alias while it exists), then swaps the alias atomically: no downtime,
nothing lost. Every write carries an external version read before the database state it
carries (`version_type=external_gte`), so a slow worker can never put an older state over
a newer one; a version conflict therefore means "already newer" and counts as success.

Only core Elasticsearch features are used (the server-only distribution has no
analysis-common, no Korean plugin, no painless). Language analysis happens in Python
(`search.analysis`, shared with the embedded backend): documents carry pre-analysed `*_terms`
fields, indexed with the `whitespace` analyzer, and queries send the same terms, with `fuzzy`
for one typo. Highlights are made in Python too (`search.highlight`). An index created by an
older mapping gets the fields it lacks added in place on first use, so drains keep working;
`manage.py search_reindex` then builds a fresh index with the current mapping.
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    MetaField,
    Q,
    Search,
    Text,
)
from elasticsearch.helpers import scan

from search.backends.base import (
    FACETS,
    ApplyResult,
    RawHit,
    RawResults,
    SearchRequest,
    db_clock,
)
from search.documents import build_documents, searchable_ideas
from search.query import Clause, SuggestQuery

SEARCH_FIELDS = ["title_terms^3", "tags_terms^2", "body_terms", "verdict_terms"]
SIMILAR_FIELDS = ["title_terms", "tags_terms", "body_terms"]
MAX_EXPANSIONS = 50
SOURCE_EXCLUDES = ["*_terms", "digest", "title_suggest"]  # title_suggest: indices from before the terms
FACET_FIELDS = {
    "campaign": "campaign_id",
    "status": "status",
    "department": "department_id",
    "year": "year",
    "tag": "tags",
}
IGNORABLE_ITEM_ERRORS = {"version_conflict_engine_exception", "index_not_found_exception"}


class IdeaDoc(Document):
    id = Long()
    # The text as written, returned with hits; searching uses the terms below.
    title = Text(index=False)
    body = Text(index=False)
    tags = Keyword()
    verdict = Text(index=False)
    # Index terms from search.analysis, already lower-cased, stemmed and split.
    title_terms = Text(analyzer="whitespace")
    tags_terms = Text(analyzer="whitespace")
    body_terms = Text(analyzer="whitespace")
    verdict_terms = Text(analyzer="whitespace")
    suggest_terms = Text(analyzer="whitespace", index_options="docs", index_prefixes={"min_chars": 1, "max_chars": 10})
    outcome = Keyword()
    status = Keyword()
    campaign_id = Long()
    campaign_title = Keyword(index=False)
    department_id = Long()
    department_name = Keyword(index=False)
    vote_count = Integer()
    year = Integer()
    created_at = Date()
    decided_at = Date()
    url = Keyword(index=False)
    digest = Keyword(index=False)

    class Meta:
        dynamic = MetaField("strict")


def index_definition() -> dict[str, Any]:
    index = Index("oasis-ideas-template")
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(IdeaDoc)
    return index.to_dict()


def es_source(doc: dict[str, Any]) -> dict[str, Any]:
    """The Elasticsearch document for one idea document (see search.documents): the same fields."""
    return dict(doc)


def clause_query(clause: Clause) -> Q:
    """Any of the clause's terms in any field; a fuzzy stem also matches terms one typo away."""
    should = [Q("multi_match", query=term, fields=SEARCH_FIELDS) for term in clause.alternatives]
    if clause.fuzzy:
        should.append(
            Q(
                "multi_match",
                query=clause.fuzzy,
                fields=SEARCH_FIELDS,
                fuzziness=1,
                prefix_length=1,
                max_expansions=MAX_EXPANSIONS,
            )
        )
    return Q("bool", should=should, minimum_should_match=1)


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, *, url: str, prefix: str, refresh: bool | str = False, timeout: float = 10.0) -> None:
        self.url = url
        self.prefix = prefix
        self.alias = f"{prefix}-ideas"
        self.next_alias = f"{prefix}-ideas-next"
        self.refresh = refresh
        self.timeout = timeout
        self._client: Elasticsearch | None = None
        self._ensured = False

    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            self._client = Elasticsearch(self.url, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False)
        return self._client

    # ---- index management ------------------------------------------------------------------

    def _new_index_name(self) -> str:
        return f"{self.alias}-{time.time_ns()}"

    def _create_index(self, name: str, aliases: dict | None = None) -> None:
        body = index_definition()
        self.client.indices.create(
            index=name, settings=body["settings"], mappings=body["mappings"], aliases=aliases or {}
        )

    def ensure_index(self) -> None:
        """Create the first index behind the alias if there is none (idempotent, race-safe);
        give an index made by an older mapping the fields it lacks."""
        if self._ensured:
            return
        if not self.client.indices.exists_alias(name=self.alias):
            try:
                self._create_index(f"{self.alias}-000001", aliases={self.alias: {}})
            except ApiError as exc:
                if exc.error != "resource_already_exists_exception":
                    raise
        else:
            self.add_missing_fields()
        self._ensured = True

    def add_missing_fields(self) -> list[str]:
        """Add the current mapping's new fields to the indices behind the alias (adding is allowed
        in place, changing is not), so documents with new fields are accepted before a reindex."""
        wanted = index_definition()["mappings"]["properties"]
        added: list[str] = []
        for name, body in self.client.indices.get_mapping(index=self.alias).body.items():
            have = body["mappings"].get("properties", {})
            missing = {field: spec for field, spec in wanted.items() if field not in have}
            if missing:
                self.client.indices.put_mapping(index=name, properties=missing)
                added += [f"{name}.{field}" for field in missing]
        return added

    def _concrete(self, alias: str) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=alias).body)
        except NotFoundError:
            return []

    def reset(self) -> None:
        """Delete every index of this prefix (tests and benchmarks)."""
        self.client.indices.delete(index=f"{self.alias}-*", ignore_unavailable=True, allow_no_indices=True)
        self._ensured = False

    def ping(self) -> bool:
        try:
            return bool(self.client.options(request_timeout=2).ping())
        except Exception:
            return False

    def count(self) -> int:
        self.ensure_index()
        return int(self.client.count(index=self.alias)["count"])

    def refresh_now(self) -> None:
        self.client.indices.refresh(index=self.alias)

    # ---- writing ---------------------------------------------------------------------------

    def batch(self) -> AbstractContextManager[None]:
        return nullcontext()

    def clock(self) -> int:
        return db_clock()

    def apply(self, docs: dict[int, dict[str, Any] | None], *, version: int) -> ApplyResult:
        result = ApplyResult()
        if not docs:
            return result
        self.ensure_index()
        # Resolved after the database read: a reindex that started before this point reads
        # the ideas after us, one that starts later finds our write in the next alias.
        targets = [self.alias]
        delete_targets = self._concrete(self.alias)
        next_indices = self._concrete(self.next_alias)
        if next_indices:
            targets.append(self.next_alias)
            delete_targets += [i for i in next_indices if i not in delete_targets]
        operations: list[dict[str, Any]] = []
        for idea_id, doc in docs.items():
            if doc is None:
                for index in delete_targets:
                    operations.append(
                        {
                            "delete": {
                                "_index": index,
                                "_id": idea_id,
                                "version": version,
                                "version_type": "external_gte",
                            }
                        }
                    )
            else:
                source = es_source(doc)
                for index in targets:
                    operations.append(
                        {
                            "index": {
                                "_index": index,
                                "_id": idea_id,
                                "version": version,
                                "version_type": "external_gte",
                                "require_alias": True,
                            }
                        }
                    )
                    operations.append(source)
        response = self.client.bulk(operations=operations, refresh=self.refresh)
        for item in response["items"]:
            (info,) = item.values()
            error = info.get("error")
            idea_id = int(info["_id"])
            if error and error.get("type") not in IGNORABLE_ITEM_ERRORS:
                result.failed[idea_id] = f"{error.get('type')}: {error.get('reason')}"[:1000]
        for idea_id, doc in docs.items():
            if idea_id in result.failed:
                continue
            if doc is None:
                result.deleted += 1
            else:
                result.indexed += 1
        return result

    def rebuild(self, *, batch_size: int = 1000, progress=None) -> dict[str, Any]:
        """Build a new index from the database and switch the alias to it without downtime."""
        started = time.monotonic()
        self.ensure_index()
        new = self._new_index_name()
        self._create_index(new, aliases={})
        # From here on, drains also write to the new index (through the next alias).
        actions = [{"add": {"index": new, "alias": self.next_alias}}]
        for stale in self._concrete(self.next_alias):
            actions.insert(0, {"remove": {"index": stale, "alias": self.next_alias}})
        self.client.indices.update_aliases(actions=actions)
        try:
            self.client.indices.put_settings(index=new, settings={"index": {"refresh_interval": "-1"}})
            ids = list(searchable_ideas().order_by("pk").values_list("pk", flat=True))
            done = 0
            for start in range(0, len(ids), batch_size):
                chunk = ids[start : start + batch_size]
                version = self.clock()
                docs = build_documents(chunk)
                self._bulk_into(new, docs, version)
                done += len(chunk)
                if progress:
                    progress(done, len(ids))
            self.client.indices.put_settings(index=new, settings={"index": {"refresh_interval": None}})
            self.client.indices.refresh(index=new)
        except Exception:
            self.client.indices.update_aliases(actions=[{"remove": {"index": new, "alias": self.next_alias}}])
            self.client.indices.delete(index=new, ignore_unavailable=True)
            raise
        old = self._concrete(self.alias)
        swap = [{"remove": {"index": i, "alias": self.alias}} for i in old]
        swap += [{"add": {"index": new, "alias": self.alias}}, {"remove": {"index": new, "alias": self.next_alias}}]
        self.client.indices.update_aliases(actions=swap)
        # Old indices of this prefix (and any a late delete may have created) go away.
        leftovers = [
            name
            for name in self.client.indices.get(index=f"{self.alias}-*", expand_wildcards="open,closed").body
            if name != new
        ]
        if leftovers:
            self.client.indices.delete(index=",".join(leftovers), ignore_unavailable=True)
        return {"indexed": len(ids), "index": new, "replaced": old, "seconds": round(time.monotonic() - started, 2)}

    def _bulk_into(self, index: str, docs: dict[int, dict[str, Any] | None], version: int) -> None:
        operations: list[dict[str, Any]] = []
        for idea_id, doc in docs.items():
            meta = {"_index": index, "_id": idea_id, "version": version, "version_type": "external_gte"}
            if doc is None:
                operations.append({"delete": meta})
            else:
                operations += [{"index": meta}, es_source(doc)]
        if not operations:
            return
        response = self.client.bulk(operations=operations)
        if response["errors"]:
            for item in response["items"]:
                (info,) = item.values()
                error = info.get("error")
                if error and error.get("type") not in IGNORABLE_ITEM_ERRORS:
                    raise RuntimeError(f"reindex failed for idea {info['_id']}: {error}")

    def indexed_digests(self) -> dict[int, str]:
        self.ensure_index()
        return {
            int(hit["_id"]): hit["_source"].get("digest", "")
            for hit in scan(self.client, index=self.alias, query={"query": {"match_all": {}}}, _source=["digest"])
        }

    # ---- reading ---------------------------------------------------------------------------

    def _search(self) -> Search:
        self.ensure_index()
        return Search(using=self.client, index=self.alias)

    @staticmethod
    def query_for(request: SearchRequest) -> Search:
        """The query body for a search request (also what the benchmark sends straight to ES)."""
        query = request.query
        s = Search()
        if not query.is_empty:
            must = [clause_query(c) for c in query.clauses]
            must += [Q("multi_match", query=" ".join(p), type="phrase", fields=SEARCH_FIELDS) for p in query.phrases]
            s = s.query(Q("bool", must=must))
        for name, values in request.filters.items():
            if values:
                s = s.filter("terms", **{FACET_FIELDS[name]: list(values)})
        for name in FACETS:
            s.aggs.bucket(name, "terms", field=FACET_FIELDS[name], size=request.facet_size)
        if request.sort == "relevance" and not query.is_empty:
            s = s.sort("_score", {"created_at": "desc"}, {"id": "desc"})
        elif request.sort == "votes":
            s = s.sort({"vote_count": "desc"}, {"created_at": "desc"}, {"id": "desc"})
        elif request.sort == "decided":
            s = s.sort({"decided_at": {"order": "desc", "missing": "_last"}}, {"created_at": "desc"}, {"id": "desc"})
        else:
            s = s.sort({"created_at": "desc"}, {"id": "desc"})
        s = s.source(excludes=SOURCE_EXCLUDES).extra(track_total_hits=True)
        return s[request.offset : request.offset + request.limit]

    def search(self, request: SearchRequest) -> RawResults:
        s = self.query_for(request).using(self.client).index(self.alias)
        self.ensure_index()
        response = s.execute()
        hits = [RawHit(id=int(hit.meta.id), doc=hit.to_dict(), score=hit.meta.score) for hit in response.hits]
        facets = {name: [(b.key, b.doc_count) for b in getattr(response.aggregations, name).buckets] for name in FACETS}
        return RawResults(total=response.hits.total.value, hits=hits, facets=facets)

    def suggest(self, query: SuggestQuery, *, limit: int) -> list[dict[str, Any]]:
        """Titles whose terms satisfy the words typed so far and begin with the one being typed,
        most voted first (the embedded backend's rule, on the same `suggest_terms`)."""
        if query.is_empty:
            return []
        must = [
            Q("bool", should=[Q("term", suggest_terms=t) for t in c.alternatives], minimum_should_match=1)
            for c in query.clauses
        ]
        must.append(Q("bool", should=[Q("prefix", suggest_terms=p) for p in query.prefixes], minimum_should_match=1))
        s = (
            self._search()
            .filter(Q("bool", must=must))
            .sort({"vote_count": "desc"}, {"created_at": "desc"}, {"id": "desc"})
            .source(["id", "title", "url", "status"])[:limit]
        )
        return [{"id": int(h.id), "title": h.title, "url": h.url, "status": h.status} for h in s.execute().hits]

    def similar(self, terms: list[str], *, text: str, exclude_id: int | None, limit: int) -> list[RawHit]:
        if not terms:
            return []
        mlt = Q(
            "more_like_this",
            fields=SIMILAR_FIELDS,
            like=" ".join(terms),
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=25,
            minimum_should_match="30%",
        )
        query = Q("bool", must=[mlt], must_not=[Q("term", id=exclude_id)] if exclude_id else [])
        s = self._search().query(query).source(excludes=SOURCE_EXCLUDES)[:limit]
        return [RawHit(id=int(h.meta.id), doc=h.to_dict(), score=h.meta.score) for h in s.execute().hits]
