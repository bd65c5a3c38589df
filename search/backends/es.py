"""The Elasticsearch backend (elasticsearch.dsl documents behind an alias).

Index layout: the alias `<prefix>-ideas` points at one concrete index `<prefix>-ideas-<n>`.
`rebuild()` fills a fresh index while drains keep writing (they also write to the
`<prefix>-ideas-next` alias while it exists), then swaps the alias atomically: no downtime,
nothing lost. Every write carries an external version read before the database state it
carries (`version_type=external_gte`), so a slow worker can never put an older state over
a newer one; a version conflict therefore means "already newer" and counts as success.

Only core Elasticsearch features are used (the server-only distribution has no
analysis-common or painless): the standard analyzer with English stop words, the
completion suggester, more_like_this, highlighting, terms aggregations.
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.dsl import (
    Completion,
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
    analyzer,
)
from elasticsearch.helpers import scan

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

TEXT = analyzer("oasis_text", type="standard", stopwords="_english_")
SEARCH_FIELDS = ["title^3", "tags_text^2", "body", "verdict"]
SIMILAR_FIELDS = ["title", "tags_text", "body"]
FACET_FIELDS = {
    "campaign": "campaign_id",
    "status": "status",
    "department": "department_id",
    "year": "year",
    "tag": "tags",
}
SUGGEST_SUFFIXES = 10
IGNORABLE_ITEM_ERRORS = {"version_conflict_engine_exception", "index_not_found_exception"}


class IdeaDoc(Document):
    id = Long()
    title = Text(analyzer=TEXT)
    title_suggest = Completion(analyzer="standard", max_input_length=100)
    body = Text(analyzer=TEXT)
    tags = Keyword()
    tags_text = Text(analyzer=TEXT)
    verdict = Text(analyzer=TEXT)
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
    """The Elasticsearch document for one idea document (see search.documents)."""
    title_words = doc["title"].split()
    inputs = [" ".join(title_words[i:]) for i in range(min(len(title_words), SUGGEST_SUFFIXES))]
    return {
        **doc,
        "tags_text": " ".join(doc["tags"]),
        "title_suggest": {"input": inputs or [doc["title"]], "weight": min(doc["vote_count"] + 1, 2**31 - 1)},
    }


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
        """Create the first index behind the alias if there is none (idempotent, race-safe)."""
        if self._ensured:
            return
        if not self.client.indices.exists_alias(name=self.alias):
            try:
                self._create_index(f"{self.alias}-000001", aliases={self.alias: {}})
            except ApiError as exc:
                if exc.error != "resource_already_exists_exception":
                    raise
        self._ensured = True

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
            must = [Q("multi_match", query=t, fields=SEARCH_FIELDS) for t in query.terms]
            must += [Q("multi_match", query=" ".join(p), type="phrase", fields=SEARCH_FIELDS) for p in query.phrases]
            s = s.query(Q("bool", must=must))
            s = s.highlight_options(pre_tags=[MARK_START], post_tags=[MARK_END])
            s = s.highlight("title", number_of_fragments=0).highlight(
                "body", fragment_size=EXCERPT_CHARS, number_of_fragments=1
            )
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
        s = s.source(excludes=["title_suggest", "digest"]).extra(track_total_hits=True)
        return s[request.offset : request.offset + request.limit]

    def search(self, request: SearchRequest) -> RawResults:
        s = self.query_for(request).using(self.client).index(self.alias)
        self.ensure_index()
        response = s.execute()
        hits = []
        for hit in response.hits:
            doc = hit.to_dict()
            highlight = getattr(hit.meta, "highlight", None)
            title_marked = excerpt_marked = None
            if highlight is not None:
                title_marked = highlight.title[0] if "title" in highlight else None
                excerpt_marked = highlight.body[0] if "body" in highlight else None
            hits.append(
                RawHit(
                    id=int(hit.meta.id),
                    doc=doc,
                    score=hit.meta.score,
                    title_marked=title_marked,
                    excerpt_marked=excerpt_marked,
                )
            )
        facets = {name: [(b.key, b.doc_count) for b in getattr(response.aggregations, name).buckets] for name in FACETS}
        return RawResults(total=response.hits.total.value, hits=hits, facets=facets)

    def suggest(self, prefix: str, *, limit: int) -> list[dict[str, Any]]:
        if not prefix:
            return []
        s = self._search().extra(size=0).source(["id", "title", "url", "status"])
        s = s.suggest("titles", prefix, completion={"field": "title_suggest", "size": limit, "skip_duplicates": True})
        response = s.execute()
        out = []
        for option in response.suggest.titles[0].options:
            src = option._source
            out.append({"id": int(src.id), "title": src.title, "url": src.url, "status": src.status})
        return out

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
        s = self._search().query(query).source(excludes=["title_suggest", "digest"])[:limit]
        return [RawHit(id=int(h.meta.id), doc=h.to_dict(), score=h.meta.score) for h in s.execute().hits]
