"""Notification fan-out benchmark (PostgreSQL): how fast, how many queries, and who waits.

    .venv/bin/python bench/notify_bench.py                  # 10,000 and 50,000 recipients, 1,000,000 rows
    .venv/bin/python bench/notify_bench.py --sizes 2000 --unread-rows 100000   # a quick smoke run
    .venv/bin/python bench/notify_bench.py --keep           # keep oasis_notify_bench afterwards

Not a test: it prints figures measured side by side in one run and asserts nothing about time.
It uses its own database, `oasis_notify_bench`, on the private server started by scripts/postgres
(postgres://oasis@127.0.0.1:54329), dropped at the end unless --keep. See bench/README.md,
"Notifications", for what each figure means.

For each audience size N it seeds an idea with N voters (COPY), then measures:

1. the publishing request: a transaction that records the event and schedules its fan-out
   (`notices.services.notifications_schedule`), with django-tasks' DummyBackend, which only
   queues the task (as a worker backend would): the time from the start of the transaction to
   the return after commit, and its queries;
2. the fan-out, drained as a worker would run it (`notify_event.call(...)`): total time, the
   INSERT part and the e-mail part (every e-mail is rendered, signed and serialised to MIME by
   a backend that then discards it), rows/s and queries;
3. a retry of the same task: 0 new rows, 0 e-mails, and what the check costs;
4. a raw bulk insert of the same N rows with psycopg COPY into the same table, and the ratio.

Then it COPYs notification rows up to --unread-rows in total (spread over 50,000 citizens, ~30 %
unread, plus one heavy reader with 20,000 rows) and times the bell's unread-count query (the
ORM query the page runs) for random users: p50 / p95 / max, and its EXPLAIN plan.
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

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PG = "postgres://oasis@127.0.0.1:54329"
DB = "oasis_notify_bench"
OUT = ROOT / "bench" / "out"
CITIZENS = 50_000
HEAVY_ROWS = 20_000


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {msg}", flush=True)


def admin_exec(*statements: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class SerializingBackend:
    """An e-mail backend that builds each message's MIME bytes (the SMTP backend's work) and drops them."""

    def __init__(self, *args, **kwargs) -> None:
        self.sent = 0

    def open(self) -> bool:
        return True

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def send_messages(self, messages) -> int:
        for message in messages:
            message.message().as_bytes()
        return len(messages)


def prepare_database() -> None:
    subprocess.run([str(ROOT / "scripts" / "postgres")], check=True, stdout=subprocess.DEVNULL)
    admin_exec(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)", f"CREATE DATABASE {DB}")
    t = time.perf_counter()
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=os.environ, check=True)
    log(f"migrated {DB} in {time.perf_counter() - t:.1f} s")


def setup_django() -> None:
    sys.path.insert(0, str(ROOT / "site"))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oasis.settings")
    os.environ.setdefault("OASIS_BASE_URL", "http://127.0.0.1:8000")  # links in benchmark e-mails
    import django

    django.setup()


def copy_rows(cur, table: str, columns: tuple[str, ...], rows) -> int:
    n = 0
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def seed_citizens(n: int) -> list[int]:
    from django.db import connection

    now = datetime.now(UTC)
    with connection.cursor() as c:
        cur = c.cursor  # the psycopg cursor under Django's wrapper
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM auth_user")
        start = cur.fetchone()[0] + 1
        rows = (
            (start + i, "!", False, f"nb{start + i}", "", "", f"nb{start + i}@example.org", False, True, now)
            for i in range(n)
        )
        columns = ("id", "password", "is_superuser", "username", "first_name", "last_name", "email")
        copy_rows(cur, "auth_user", columns + ("is_staff", "is_active", "date_joined"), rows)
        cur.execute("SELECT setval(pg_get_serial_sequence('auth_user', 'id'), (SELECT MAX(id) FROM auth_user))")
    return list(range(start, start + n))


def seed_idea_with_voters(voter_ids: list[int], title: str):
    from django.db import connection

    from ideas.models import CampaignPage, Idea

    idea = Idea.objects.create(
        campaign=CampaignPage.objects.get(is_general=True), author_id=voter_ids[0], title=title, body="Bench idea."
    )
    now = datetime.now(UTC)
    with connection.cursor() as c:
        copy_rows(
            c.cursor, "ideas_vote", ("idea_id", "voter_id", "created_at"), ((idea.pk, v, now) for v in voter_ids[1:])
        )
    return idea


def measure_size(n: int, citizens: list[int]) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django_tasks import default_task_backend

    from ideas.models import Idea
    from notices import services
    from notices.models import Kind, Notification
    from notices.tasks import notify_event

    idea = seed_idea_with_voters(citizens[:n], f"Bench idea for {n:,} voters")
    with connection.cursor() as c:
        c.execute("ANALYZE ideas_vote")
    result: dict = {"recipients": n}

    # 1. The publishing request: schedule the fan-out in a transaction; the task is only queued.
    default_task_backend.clear()
    with CaptureQueriesContext(connection) as queries:
        t = time.perf_counter()
        with transaction.atomic():
            Idea.objects.filter(pk=idea.pk).update(updated_at=datetime.now(UTC))  # the "publish" write
            services.notifications_schedule(
                kind=Kind.VERDICT_PUBLISHED,
                event_key=f"verdict_published:{idea.pk}",
                audience=[{"idea": idea.pk}],
                target=idea,
                data={"title": idea.title, "url": f"/campaigns/general/ideas/{idea.pk}/", "outcome": "Adopted"},
            )
        result["request_ms"] = (time.perf_counter() - t) * 1000
    result["request_queries"] = len(queries)
    [queued] = default_task_backend.results
    assert queued.task.name == notify_event.name

    # 2. The fan-out as a worker runs it, with the INSERT and e-mail phases timed apart
    # (the e-mail phase is patched where the fan-out looks it up).
    phase = {"emails": 0.0}
    original = services.fanout.emails_send_instant

    def timed_emails(**kwargs):
        t0 = time.perf_counter()
        try:
            return original(**kwargs)
        finally:
            phase["emails"] = time.perf_counter() - t0

    services.fanout.emails_send_instant = timed_emails
    try:
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter()
            out = notify_event.call(**queued.kwargs)
            total = time.perf_counter() - t
    finally:
        services.fanout.emails_send_instant = original
    rows = Notification.objects.filter(event_key=f"verdict_published:{idea.pk}").count()
    insert_s = total - phase["emails"]
    result |= {
        "rows": rows,
        "emails": out["emailed"],
        "fanout_s": total,
        "insert_phase_s": insert_s,
        "email_phase_s": phase["emails"],
        "rows_per_s": rows / insert_s,
        "emails_per_s": out["emailed"] / phase["emails"] if phase["emails"] else None,
        "fanout_queries": len(queries),
    }

    # 3. A retry of the same task: nothing new.
    with CaptureQueriesContext(connection) as queries:
        t = time.perf_counter()
        again = notify_event.call(**queued.kwargs)
        result["retry_s"] = time.perf_counter() - t
    result["retry_queries"] = len(queries)
    result["retry_new_rows"] = Notification.objects.filter(event_key=f"verdict_published:{idea.pk}").count() - rows
    result["retry_emails"] = again["emailed"]

    # 4. The same rows, raw: psycopg COPY into the same table (same indexes), then removed.
    ct = ContentType.objects.get_for_model(Idea).pk
    now = datetime.now(UTC)
    data = json.dumps(queued.kwargs["data"])
    raw_rows = [
        ("info", uid, True, ct, str(idea.pk), "verdict_published", None, ct, str(idea.pk), None, None, now)
        + (True, False, False, data, "verdict_published", f"raw:{idea.pk}", "instant")
        for uid in citizens[:n]
    ]
    columns = (
        "level",
        "recipient_id",
        "unread",
        "actor_content_type_id",
        "actor_object_id",
        "verb",
        "description",
        "target_content_type_id",
        "target_object_id",
        "action_object_content_type_id",
        "action_object_object_id",
        "timestamp",
        "public",
        "deleted",
        "emailed",
        "data",
        "kind",
        "event_key",
        "email_mode",
    )
    with psycopg.connect(f"{PG}/{DB}") as conn:
        with conn.cursor() as cur:
            t = time.perf_counter()
            copy_rows(cur, "notices_notification", columns, raw_rows)
            conn.commit()
            raw_s = time.perf_counter() - t
            cur.execute("DELETE FROM notices_notification WHERE event_key = %s", (f"raw:{idea.pk}",))
            conn.commit()
    result["raw_copy_s"] = raw_s
    result["raw_rows_per_s"] = n / raw_s
    result["ratio_fanout_vs_raw"] = result["rows_per_s"] / result["raw_rows_per_s"]
    return result


def measure_unread(citizens: list[int], total_rows: int, samples: int) -> dict:
    from django.contrib.auth.models import User
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from ideas.models import Idea
    from notices.models import Notification
    from notices.services import unread_count

    existing = Notification.objects.count()
    to_add = max(0, total_rows - existing)
    heavy = citizens[-1]
    ct = ContentType.objects.get_for_model(Idea).pk
    rng = random.Random(7)
    now = datetime.now(UTC)
    population = citizens[: CITIZENS - 1]

    def rows():
        for i in range(to_add):
            uid = heavy if i < HEAVY_ROWS else rng.choice(population)
            unread = rng.random() < 0.3
            yield (
                "info",
                uid,
                unread,
                ct,
                "1",
                "comment_posted",
                now,
                True,
                False,
                True,
                "comment_posted",
                f"u:{i}",
                "",
            )

    columns = (
        "level",
        "recipient_id",
        "unread",
        "actor_content_type_id",
        "actor_object_id",
        "verb",
        "timestamp",
        "public",
        "deleted",
        "emailed",
        "kind",
        "event_key",
        "email_mode",
    )
    t = time.perf_counter()
    with psycopg.connect(f"{PG}/{DB}") as conn:
        with conn.cursor() as cur:
            copy_rows(cur, "notices_notification", columns, rows())
        conn.commit()
    with psycopg.connect(f"{PG}/{DB}", autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) notices_notification")
    log(f"added {to_add:,} notification rows in {time.perf_counter() - t:.1f} s")
    total = Notification.objects.count()

    users = [rng.choice(population) for _ in range(samples)]
    unread_count(User(id=users[0]))  # warm the connection
    times = []
    for uid in users:
        t = time.perf_counter()
        unread_count(User(id=uid))
        times.append((time.perf_counter() - t) * 1000)
    heavy_times = []
    for _ in range(20):
        t = time.perf_counter()
        heavy_count = unread_count(User(id=heavy))
        heavy_times.append((time.perf_counter() - t) * 1000)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        unread_count(User(id=users[0]))
    [query] = captured.captured_queries  # the exact SQL the bell runs
    with connection.cursor() as c:
        c.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
        plan = [query["sql"]] + [r[0] for r in c.fetchall()]
    return {
        "rows": total,
        "samples": samples,
        "p50_ms": statistics.median(times),
        "p95_ms": pct(times, 95),
        "max_ms": max(times),
        "heavy_user_rows": HEAVY_ROWS,
        "heavy_user_unread": heavy_count,
        "heavy_p50_ms": statistics.median(heavy_times),
        "plan": plan,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,50000", help="audience sizes, comma-separated")
    parser.add_argument("--unread-rows", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=500, help="unread-count queries timed")
    parser.add_argument("--keep", action="store_true", help=f"keep the {DB} database")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    os.environ.update(
        DATABASE_URL=f"{PG}/{DB}",
        CONN_MAX_AGE="60",
        OASIS_DEBUG="0",
        LOG_LEVEL="WARNING",
        OASIS_TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        EMAIL_BACKEND="__main__.SerializingBackend",
        OASIS_SEARCH_BACKEND="embedded",
    )
    os.environ.pop("ELASTICSEARCH_URL", None)
    prepare_database()
    try:
        setup_django()
        citizens = seed_citizens(max(CITIZENS, max(sizes) + 1))
        log(f"seeded {len(citizens):,} citizens")
        report: dict = {"load_before": os.getloadavg()[0], "sizes": []}
        for n in sizes:
            log(f"fan-out to {n:,} recipients")
            r = measure_size(n, citizens)
            r["load_after"] = os.getloadavg()[0]
            report["sizes"].append(r)
            log(
                f"  request {r['request_ms']:.1f} ms ({r['request_queries']} queries); fan-out {r['fanout_s']:.2f} s"
                f" ({r['fanout_queries']} queries): {r['rows']:,} rows at {r['rows_per_s']:,.0f} rows/s"
                f" (raw COPY {r['raw_rows_per_s']:,.0f} rows/s, ratio {r['ratio_fanout_vs_raw']:.2f}),"
                f" {r['emails']:,} e-mails at {r['emails_per_s'] or 0:,.0f}/s;"
                f" retry {r['retry_s']:.2f} s, {r['retry_new_rows']} new rows, {r['retry_emails']} e-mails"
            )
        log(f"unread count with {args.unread_rows:,} notification rows")
        report["unread"] = u = measure_unread(citizens, args.unread_rows, args.samples)
        log(
            f"  {u['rows']:,} rows: p50 {u['p50_ms']:.2f} ms, p95 {u['p95_ms']:.2f} ms, max {u['max_ms']:.2f} ms;"
            f" a reader with {u['heavy_user_rows']:,} rows: p50 {u['heavy_p50_ms']:.2f} ms"
        )
        for line in u["plan"]:
            log(f"    {line}")
        report["load_end"] = os.getloadavg()[0]
        OUT.mkdir(parents=True, exist_ok=True)
        out = OUT / f"notify-{time.strftime('%Y%m%d-%H%M%S')}.json"
        out.write_text(json.dumps(report, indent=2, default=str))
        log(f"written {out.relative_to(ROOT)}")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin_exec(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
