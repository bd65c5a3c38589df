"""Search benchmark: Elasticsearch and the embedded backend (PostgreSQL full-text), side by side.

    .venv/bin/python bench/search_bench.py                  # 100,000 ideas, 1,000 queries
    .venv/bin/python bench/search_bench.py --ideas 10000 --queries 200      # smoke run
    .venv/bin/python bench/search_bench.py --skip-seed      # reuse the kept oasis_search_bench database
    .venv/bin/python bench/search_bench.py --skip-seed --skip-index   # queries and freshness only

Not a test: it measures and prints, asserting nothing about time. What it reports:

1. Indexing: `manage.py search_reindex` work (database read + document build + bulk) in
   documents/s for each backend, next to `elasticsearch.helpers.bulk` of the same documents
   already serialised (the floor: what Elasticsearch alone accepts on this machine).
2. Queries: the same 1,000 mixed queries (1-2 keywords, phrases, facet filters, the four
   sorts, pages 1-3, every request with the five facet aggregations) through the search port
   for each backend, through the /search/ view (Django test client, in process), and the same
   query bodies sent straight to Elasticsearch; p50/p95/max in ms.
3. Freshness: time from an idea's commit (via `ideas.services.idea_submit`, the drain running
   after commit as in the embedded default) to its first search hit, per backend.

The data set is seeded by the bench engineer's `bench/seed.py` into its own database
`oasis_search_bench` on the private PostgreSQL (scripts/postgres); Elasticsearch is the
private node of scripts/elasticsearch (index prefix `oasis-bench`). Results go to
bench/out/search-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python")
PG = "postgres://oasis@127.0.0.1:54329"
DB = "oasis_search_bench"
ES_URL = "http://127.0.0.1:59200"
PREFIX = "oasis-bench"


def log(msg: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {msg}", flush=True)


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))]


def summary(values_ms: list[float]) -> dict:
    return {
        "n": len(values_ms),
        "p50_ms": round(pct(values_ms, 50), 2),
        "p95_ms": round(pct(values_ms, 95), 2),
        "max_ms": round(max(values_ms), 2),
        "mean_ms": round(statistics.fmean(values_ms), 2),
    }


def prepare(args) -> None:
    import psycopg

    subprocess.run([str(ROOT / "scripts" / "postgres")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(ROOT / "scripts" / "elasticsearch"), "start"], check=True, stdout=subprocess.DEVNULL)
    if args.skip_seed:
        return
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    env = {**os.environ, "DATABASE_URL": f"{PG}/{DB}"}
    env.pop("ELASTICSEARCH_URL", None)
    t = time.perf_counter()
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    log(f"migrated {DB} in {time.perf_counter() - t:.1f} s; seeding {args.ideas:,} ideas with bench/seed.py")
    t = time.perf_counter()
    subprocess.run(
        [
            PY,
            "bench/seed.py",
            f"--ideas={args.ideas}",
            f"--votes={args.votes}",
            f"--citizens={args.citizens}",
            "--bench-voters=10",
            f"--out={OUT / 'search-seed.json'}",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log(f"seeded in {time.perf_counter() - t:.1f} s")


def setup_django() -> None:
    os.environ["DATABASE_URL"] = f"{PG}/{DB}"
    os.environ["ELASTICSEARCH_URL"] = ES_URL
    os.environ["OASIS_SEARCH_INDEX"] = PREFIX
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oasis.settings")
    os.environ.setdefault("OASIS_BASE_URL", "http://127.0.0.1:8000")  # links in benchmark e-mails
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()


def use(backend_name: str):
    from django.conf import settings

    from search import port

    settings.OASIS_SEARCH_BACKEND = backend_name
    return port.get_backend()


def bench_indexing(results: dict) -> None:
    from elasticsearch import helpers

    from search import port
    from search.backends.es import es_source, index_definition
    from search.documents import build_documents, searchable_ideas

    ids = list(searchable_ideas().order_by("pk").values_list("pk", flat=True))
    n = len(ids)
    out: dict = {"documents": n}

    es = use("elasticsearch")
    es.reset()
    t = time.perf_counter()
    port.reindex(batch_size=1000)
    secs = time.perf_counter() - t
    out["es_reindex"] = {"seconds": round(secs, 1), "docs_per_s": round(n / secs)}
    log(f"ES search_reindex: {n:,} docs in {secs:.1f} s = {n / secs:,.0f} docs/s")

    t = time.perf_counter()
    docs = build_documents(ids)
    build_secs = time.perf_counter() - t
    out["build_documents"] = {"seconds": round(build_secs, 1), "docs_per_s": round(n / build_secs)}
    log(f"build_documents alone (database read + serialise): {n / build_secs:,.0f} docs/s")
    actions = [{"_index": f"{PREFIX}-raw", "_id": i, "_source": es_source(d)} for i, d in docs.items() if d is not None]
    body = index_definition()
    es.client.indices.delete(index=f"{PREFIX}-raw", ignore_unavailable=True)
    es.client.indices.create(index=f"{PREFIX}-raw", settings=body["settings"], mappings=body["mappings"])
    es.client.indices.put_settings(index=f"{PREFIX}-raw", settings={"index": {"refresh_interval": "-1"}})
    t = time.perf_counter()
    ok, _errors = helpers.bulk(es.client.options(request_timeout=120), actions, chunk_size=1000)
    es.client.indices.refresh(index=f"{PREFIX}-raw")
    secs = time.perf_counter() - t
    out["es_helpers_bulk"] = {"seconds": round(secs, 1), "docs_per_s": round(ok / secs)}
    log(f"helpers.bulk of the same pre-serialised docs: {ok:,} in {secs:.1f} s = {ok / secs:,.0f} docs/s")
    es.client.indices.delete(index=f"{PREFIX}-raw")

    use("embedded")
    t = time.perf_counter()
    port.reindex(batch_size=1000)
    secs = time.perf_counter() - t
    out["embedded_reindex"] = {"seconds": round(secs, 1), "docs_per_s": round(n / secs)}
    log(f"embedded (PostgreSQL) search_reindex: {n / secs:,.0f} docs/s")
    results["indexing"] = out


def make_queries(count: int, rng: random.Random) -> list[dict]:
    from ideas.models import CampaignPage, IdeaStatus
    from search.documents import searchable_ideas

    titles = list(searchable_ideas().order_by("?").values_list("title", flat=True)[:2000])
    vocab = sorted({w.lower() for t in titles for w in t.split() if len(w) > 3 and w.isalpha()})
    campaigns = list(CampaignPage.objects.values_list("pk", flat=True))
    statuses = [IdeaStatus.OPEN, IdeaStatus.IN_REVIEW, IdeaStatus.ARCHIVED]
    this_year = datetime.now(UTC).year
    queries = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.45:
            q = rng.choice(vocab)
        elif kind < 0.8:
            q = " ".join(rng.sample(vocab, 2))
        elif kind < 0.9:
            words = rng.choice(titles).split()
            q = '"' + " ".join(words[:2]) + '"'
        elif kind < 0.95:
            q = ""
        else:
            q = "zzqx" + str(rng.randint(0, 999))  # nothing matches
        filters: dict = {}
        if rng.random() < 0.3:
            filters["campaign"] = [rng.choice(campaigns)]
        if rng.random() < 0.2:
            filters["status"] = [rng.choice(statuses)]
        if rng.random() < 0.1:
            filters["year"] = [rng.choice([this_year, this_year - 1])]
        sort = rng.choice(["relevance", "relevance", "votes", "newest", "decided"])
        page = rng.choice([1, 1, 1, 2, 3])
        queries.append({"query": q, "filters": filters, "sort": sort, "page": page})
    return queries


def timed(fn, queries: list[dict]) -> list[float]:
    times = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    return times


def bench_queries(results: dict, count: int, rng: random.Random) -> None:
    from urllib.parse import urlencode

    from django.test import Client

    from search import port
    from search.backends.es import ElasticsearchBackend

    queries = make_queries(count, rng)
    out: dict = {"queries": count}

    def via_port(q):
        port.search_ideas(query=q["query"], filters=q["filters"], sort=q["sort"], page=q["page"])

    client = Client()

    def via_view(q):
        params = {"q": q["query"], "sort": q["sort"], "page": q["page"]}
        params.update({k: v[0] for k, v in q["filters"].items()})
        response = client.get("/search/?" + urlencode(params))
        assert response.status_code == 200, response.status_code

    es = use("elasticsearch")
    es_backend_name = "elasticsearch"
    bodies = [
        ElasticsearchBackend.query_for(
            port.search_request(query=q["query"], filters=q["filters"], sort=q["sort"], page=q["page"])[0]
        ).to_dict()
        for q in queries
    ]

    def raw_es(q):
        es.client.search(index=es.alias, body=bodies[q["n"]])

    for n, q in enumerate(queries):
        q["n"] = n
    paths = {
        "es_direct": (es_backend_name, raw_es),
        "es_port": (es_backend_name, via_port),
        "es_view": (es_backend_name, via_view),
        "embedded_port": ("embedded", via_port),
        "embedded_view": ("embedded", via_view),
    }
    for backend_name, fn in paths.values():  # warm-up
        use(backend_name)
        timed(fn, queries[:30])
    # Interleaved: each query goes through every path in turn, so load on the (shared)
    # machine affects all paths alike.
    times: dict[str, list[float]] = {name: [] for name in paths}
    for q in queries:
        for name, (backend_name, fn) in paths.items():
            use(backend_name)
            times[name] += timed(fn, [q])
    for name in paths:
        out[name] = summary(times[name])
        log(f"{name:14} {out[name]}")
    results["queries"] = out


def bench_freshness(results: dict, samples: int) -> None:
    from django.db import transaction

    from ideas.models import CampaignPage, Idea
    from ideas.services import idea_submit
    from search import port

    campaign = CampaignPage.objects.get(is_general=True)
    author = Idea.objects.order_by("pk").first().author
    out: dict = {}
    for backend in ("elasticsearch", "embedded"):
        use(backend)
        times = []
        for n in range(samples):
            word = f"freshness{backend[:2]}{n}x{random.randint(0, 10**9)}"
            marks: dict = {}
            with transaction.atomic():
                transaction.on_commit(lambda marks=marks: marks.setdefault("committed", time.perf_counter()))
                idea_submit(
                    campaign=campaign, author=author, title=f"Fresh idea {word}", body=f"Benchmark idea body {word}."
                )
            deadline = time.perf_counter() + 30
            while time.perf_counter() < deadline:
                if port.search_ideas(query=word).total:
                    break
                time.sleep(0.005)
            times.append((time.perf_counter() - marks["committed"]) * 1000)
        out[backend] = summary(times)
        log(f"freshness ({backend}): commit -> first hit {out[backend]}")
    results["freshness"] = out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--votes", type=int, default=300_000)
    parser.add_argument("--citizens", type=int, default=5_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--freshness-samples", type=int, default=20)
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--skip-index", action="store_true", help="Reuse the indexes of a previous run.")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    prepare(args)
    setup_django()
    rng = random.Random(20240601)
    results: dict = {"started": datetime.now(UTC).isoformat(), "args": vars(args), "machine_cpus": os.cpu_count()}
    if not args.skip_index:
        bench_indexing(results)
    bench_queries(results, args.queries, rng)
    bench_freshness(results, args.freshness_samples)
    path = OUT / f"search-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(results, indent=2))
    log(f"wrote {path}")


if __name__ == "__main__":
    main()
