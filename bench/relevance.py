"""Relevance and cost of the search analysis (English stems, Korean morphology), side by side.

    .venv/bin/python bench/relevance.py                 # 3,000 ideas for the indexing figures
    .venv/bin/python bench/relevance.py --ideas 600     # smoke run
    .venv/bin/python bench/relevance.py --skip-sqlite   # PostgreSQL and Elasticsearch only

Not a test: it measures and prints, asserting nothing. What it reports:

1. Relevance: recall@10 per query language on the judged set (tests/search/relevance, the set
   the test suite holds to >= 0.9) for each backend: embedded on SQLite, embedded on
   PostgreSQL, Elasticsearch; with the median and 95th percentile time of a judged query
   through the search port (highlighting included).
2. Indexing: documents/s through the drain's path (database read + document build + backend
   write) with the analysis and without it (`build_documents(analyse=False)`: empty term
   fields), in alternating batches of the same ideas, so load on the shared machine hits both
   alike; and the analysis alone. The corpus is the judged ideas repeated (about 45 % Korean,
   45 % English, 10 % both), bulk-inserted after the relevance runs.
3. Memory: the RSS a worker process gains from the analysers, measured in a fresh subprocess
   (Django set up, as a worker): before, after the English stemmer, after Kiwi's first Korean
   analysis, and after analysing 500 idea texts; with Kiwi's load time.

Each database runs in its own process: SQLite in bench/out/relevance.sqlite3, PostgreSQL in a
database `oasis_relevance_bench` on the private server (scripts/postgres), Elasticsearch on the
private node (scripts/elasticsearch, index prefix `oasis-bench-relevance`); all are dropped at the
end. Results go to bench/out/relevance-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import os
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
DB = "oasis_relevance_bench"
SQLITE = OUT / "relevance.sqlite3"
ES_URL = "http://127.0.0.1:59200"
PREFIX = "oasis-bench-relevance"
BATCH = 250


def log(msg: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {msg}", file=sys.stderr, flush=True)  # UTC: workers run in Seoul time


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))]


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# ---- in a worker process (one database) -------------------------------------------------------


def setup_django() -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oasis.settings")
    os.environ.setdefault("OASIS_BASE_URL", "http://127.0.0.1:8000")
    import django

    django.setup()


def use(name: str):
    from django.conf import settings

    from search import port

    settings.OASIS_SEARCH_BACKEND = name
    return port.get_backend()


def seed_judged() -> dict[int, str]:
    """The judged ideas, submitted through the site's service; {idea id: judged key}."""
    from django.contrib.auth import get_user_model

    from ideas.models import CampaignPage
    from ideas.services import idea_submit
    from search.models import OutboxEntry
    from tests.search import relevance

    campaign = CampaignPage.objects.canonical().get(is_general=True)
    author = get_user_model().objects.create_user(username="relevance-bench", password=None)
    keys = {}
    for judged in relevance.load()["ideas"]:
        idea = idea_submit(
            campaign=campaign, author=author, title=judged["title"], body=judged["body"], tags=judged["tags"]
        )
        keys[idea.pk] = judged["key"]
    OutboxEntry.objects.all().delete()  # each backend is filled by a reindex below
    return keys


def measure_relevance(backend_name: str, keys: dict[int, str]) -> dict:
    from search import port
    from tests.search import relevance

    backend = use(backend_name)
    backend.reset()
    port.reindex()
    times: list[float] = []

    def search(q: str) -> list[str]:
        t = time.perf_counter()
        hits = port.search_ideas(query=q, sort="relevance", per_page=relevance.K).hits
        times.append((time.perf_counter() - t) * 1000)
        return [keys[h.id] for h in hits]

    scores = relevance.score(search)
    return {
        "recall_at_10": {lang: round(s.recall, 3) for lang, s in scores.items()},
        "queries": {lang: s.queries for lang, s in scores.items()},
        "misses": {lang: s.misses for lang, s in scores.items()},
        "query_p50_ms": round(pct(times, 50), 1),
        "query_p95_ms": round(pct(times, 95), 1),
    }


def seed_corpus(count: int) -> list[int]:
    """`count` ideas repeating the judged texts, bulk-inserted (no outbox, no drains)."""
    from django.contrib.auth import get_user_model

    from ideas.models import CampaignPage, Idea
    from tests.search import relevance

    campaign = CampaignPage.objects.canonical().get(is_general=True)
    author = get_user_model().objects.get(username="relevance-bench")
    judged = relevance.load()["ideas"]
    rows = [
        Idea(
            campaign=campaign,
            author=author,
            title=f"{judged[n % len(judged)]['title']} {n}",
            body=judged[n % len(judged)]["body"],
        )
        for n in range(count)
    ]
    Idea.objects.bulk_create(rows, batch_size=1000)
    return list(Idea.objects.filter(author=author).order_by("pk").values_list("pk", flat=True))


def measure_indexing(backend_name: str, ids: list[int]) -> dict:
    """Docs/s of build + write, with and without the analysis, in alternating batches."""
    from search.analysis import index_terms
    from search.documents import analysed_fields, build_documents

    backend = use(backend_name)
    index_terms("한강공원에 자전거도로를 만들어 주세요")  # Kiwi loaded before the clock starts
    seconds = {"analysed": 0.0, "plain": 0.0, "analysis_only": 0.0}
    for n, start in enumerate(range(0, len(ids), BATCH)):
        chunk = ids[start : start + BATCH]
        order = ("plain", "analysed") if n % 2 == 0 else ("analysed", "plain")
        for mode in order:
            t = time.perf_counter()
            with backend.batch():
                version = backend.clock()
                docs = build_documents(chunk, analyse=mode == "analysed")
                backend.apply(docs, version=version)
            seconds[mode] += time.perf_counter() - t
        plain = build_documents(chunk, analyse=False)
        t = time.perf_counter()
        for doc in plain.values():
            if doc is not None:
                analysed_fields(doc)
        seconds["analysis_only"] += time.perf_counter() - t
    n = len(ids)
    return {
        "documents": n,
        "with_analysis_docs_per_s": round(n / seconds["analysed"]),
        "without_analysis_docs_per_s": round(n / seconds["plain"]),
        "analysis_alone_docs_per_s": round(n / seconds["analysis_only"]),
        "load_after": load_average(),
    }


def worker(kind: str, ideas: int) -> dict:
    setup_django()
    from django.db import connection

    from ideas.models import Idea
    from search import port

    out: dict = {"database": connection.vendor}
    log(f"{kind}: seeding the judged ideas")
    keys = seed_judged()
    backends = ["embedded"] + (["elasticsearch"] if kind == "postgres" else [])
    for name in backends:
        log(f"{kind}: relevance, {name}")
        out[f"relevance_{name}"] = measure_relevance(name, keys)
    log(f"{kind}: {ideas:,} more ideas for the indexing figures")
    ids = seed_corpus(ideas)
    out["corpus_mean_chars"] = round(
        statistics.fmean(len(t) + len(b) for t, b in Idea.objects.filter(pk__in=ids).values_list("title", "body"))
    )
    for name in backends:
        log(f"{kind}: indexing, {name}")
        out[f"indexing_{name}"] = measure_indexing(name, ids)
        if name == "elasticsearch":
            use(name).reset()
    port.reset_for_tests()
    return out


def memory_worker() -> dict:
    """RSS of a fresh worker before and after the analysers load and work."""
    setup_django()
    from search import analysis
    from tests.search import relevance

    texts = [f"{i['title']} {i['body']}" for i in relevance.load()["ideas"]]
    korean = [t for t in texts if analysis.has_hangul(t)]
    out = {"rss_django_mb": round(rss_mb(), 1)}
    analysis.index_terms("Drinking fountains along the Han River")
    out["rss_after_stemmer_mb"] = round(rss_mb(), 1)
    t = time.perf_counter()
    analysis.index_terms(korean[0])
    out["kiwi_load_s"] = round(time.perf_counter() - t, 2)
    out["rss_after_kiwi_mb"] = round(rss_mb(), 1)
    for n in range(500):
        analysis.index_terms(texts[n % len(texts)])
    out["rss_after_500_texts_mb"] = round(rss_mb(), 1)
    out["analysers_add_mb"] = round(out["rss_after_500_texts_mb"] - out["rss_django_mb"], 1)
    return out


# ---- the driver ------------------------------------------------------------------------------


def run_worker(args: list[str], env: dict[str, str]) -> dict:
    result = subprocess.run([PY, __file__, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(result.stdout)


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ELASTICSEARCH_URL", "OASIS_SQLITE_PATH")}
    env["OASIS_BASE_URL"] = "http://127.0.0.1:8000"
    env["OASIS_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"  # the bench drains itself
    return env


def migrate(env: dict[str, str]) -> None:
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)


def print_table(results: dict) -> None:
    rows = []
    for label, key, relevance_key in (
        ("embedded, SQLite", "sqlite", "relevance_embedded"),
        ("embedded, PostgreSQL", "postgres", "relevance_embedded"),
        ("Elasticsearch", "postgres", "relevance_elasticsearch"),
    ):
        r = results.get(key, {}).get(relevance_key)
        if r:
            rows.append(
                f"| {label} | {r['recall_at_10'].get('en', 0):.3f} | {r['recall_at_10'].get('ko', 0):.3f} "
                f"| {r['query_p50_ms']} | {r['query_p95_ms']} |"
            )
    print("\n| backend | recall@10 English | recall@10 Korean | query p50 ms | query p95 ms |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print("\n| indexing (build + write) | with analysis docs/s | without docs/s | analysis alone docs/s |")
    print("| --- | --- | --- | --- |")
    for label, key, indexing_key in (
        ("embedded, SQLite", "sqlite", "indexing_embedded"),
        ("embedded, PostgreSQL", "postgres", "indexing_embedded"),
        ("Elasticsearch", "postgres", "indexing_elasticsearch"),
    ):
        r = results.get(key, {}).get(indexing_key)
        if r:
            print(
                f"| {label} | {r['with_analysis_docs_per_s']:,} | {r['without_analysis_docs_per_s']:,} "
                f"| {r['analysis_alone_docs_per_s']:,} |"
            )
    m = results["memory"]
    print(
        f"\nworker RSS: {m['rss_django_mb']} MB with Django, {m['rss_after_stemmer_mb']} MB after the stemmer, "
        f"{m['rss_after_kiwi_mb']} MB after Kiwi (loaded in {m['kiwi_load_s']} s), "
        f"{m['rss_after_500_texts_mb']} MB after 500 texts: the analysers add {m['analysers_add_mb']} MB"
    )
    for key in ("sqlite", "postgres"):
        for name, r in results.get(key, {}).items():
            if name.startswith("relevance_"):
                for lang, misses in r["misses"].items():
                    for miss in misses:
                        print(f"  {key} {name[10:]} {lang} missed {miss}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ideas", type=int, default=3_000, help="Ideas for the indexing figures.")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--worker", choices=["sqlite", "postgres", "memory"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "memory":
        json.dump(memory_worker(), sys.stdout)
        return
    if args.worker:
        json.dump(worker(args.worker, args.ideas), sys.stdout)
        return

    import psycopg

    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(ROOT / "scripts" / "postgres")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(ROOT / "scripts" / "elasticsearch"), "start"], check=True, stdout=subprocess.DEVNULL)
    results: dict = {
        "started": datetime.now(UTC).isoformat(),
        "args": vars(args),
        "machine_cpus": os.cpu_count(),
        "load_before": load_average(),
    }
    env = base_env()
    log("memory: a fresh worker process")
    results["memory"] = run_worker(["--worker", "memory"], {**env, "OASIS_SQLITE_PATH": str(SQLITE)})

    pg_env = {**env, "DATABASE_URL": f"{PG}/{DB}", "ELASTICSEARCH_URL": ES_URL, "OASIS_SEARCH_INDEX": PREFIX}
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    try:
        log(f"postgres: migrating {DB}")
        migrate(pg_env)
        results["postgres"] = run_worker(["--worker", "postgres", f"--ideas={args.ideas}"], pg_env)
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")

    if not args.skip_sqlite:
        sqlite_env = {**env, "OASIS_SQLITE_PATH": str(SQLITE)}
        SQLITE.unlink(missing_ok=True)
        try:
            log("sqlite: migrating")
            migrate(sqlite_env)
            results["sqlite"] = run_worker(["--worker", "sqlite", f"--ideas={args.ideas}"], sqlite_env)
        finally:
            SQLITE.unlink(missing_ok=True)
    results["load_after"] = load_average()
    print_table(results)
    path = OUT / f"relevance-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    log(f"wrote {path}")


if __name__ == "__main__":
    main()
