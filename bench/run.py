"""Oasis benchmark: seed PostgreSQL, serve it with gunicorn on 127.0.0.1, measure side by side.

    .venv/bin/python bench/run.py                 # 100,000 ideas / 1,000,000 votes (+ a 1,000-idea twin)
    .venv/bin/python bench/run.py --quick         # 10,000 ideas / 100,000 votes, short loops (smoke test)
    .venv/bin/python bench/run.py --keep          # keep oasis_bench / oasis_bench_small afterwards
    .venv/bin/python bench/run.py --skip-seed     # reuse kept databases (and their bench/out/seed-*.json)

Not a test: it prints figures and ratios measured in one run and asserts nothing about time.
Every load loop is bounded (a fixed number of requests and a time limit) and talks to 127.0.0.1 only.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("OASIS_BASE_URL", "http://127.0.0.1:8000")  # links in benchmark e-mails

import psycopg

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = "postgres://oasis@127.0.0.1:54329"
BIG, SMALL = "oasis_bench", "oasis_bench_small"
CLIENTS = 8
WORKERS = 4
PER_PAGE = 20  # settings.OASIS_IDEAS_PER_PAGE
# The second API vote run: background tasks (the search-outbox drain after each vote, the review
# start after a selection) are queued and not run in the request, as with a separate worker.
DEFERRED_TASKS = {"OASIS_TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend"}
INLINE, DEFERRED = "tasks inline", "tasks deferred"


def log(msg: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {msg}", flush=True)


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))]


# ---------------------------------------------------------------------------------------------------
# databases


def db_url(name: str) -> str:
    return f"{PG}/{name}"


def admin_exec(*statements: str) -> None:
    with psycopg.connect(db_url("postgres"), autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)


def drop_db(name: str) -> None:
    admin_exec(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def env_for(name: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url(name),
        CONN_MAX_AGE="60",
        OASIS_DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        LOG_LEVEL="WARNING",
    )
    return env


def prepare_databases(args: argparse.Namespace) -> dict[str, dict]:
    """Fresh oasis_bench and oasis_bench_small: migrate once, clone the schema, seed each."""
    subprocess.run([str(ROOT / "scripts" / "postgres")], check=True, stdout=subprocess.DEVNULL)
    seeds: dict[str, dict] = {}
    if args.skip_seed:
        for name in (SMALL, BIG):
            seeds[name] = json.loads((OUT / f"seed-{name}.json").read_text())
        log("reusing the kept databases and their seed files")
        return seeds
    drop_db(BIG)
    drop_db(SMALL)
    admin_exec(f"CREATE DATABASE {BIG}")
    t = time.perf_counter()
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env_for(BIG), check=True)
    log(f"migrated {BIG} in {time.perf_counter() - t:.1f} s; cloning the schema to {SMALL}")
    admin_exec(f"CREATE DATABASE {SMALL} TEMPLATE {BIG}")
    sizes = {
        SMALL: {"ideas": 1_000, "votes": 10_000, "citizens": 2_000, "bench_voters": 200},
        BIG: {"ideas": args.ideas, "votes": args.votes, "citizens": args.citizens, "bench_voters": args.bench_voters},
    }
    for name, size in sizes.items():
        log(f"seeding {name}: {size['ideas']:,} ideas, {size['votes']:,} votes, {size['citizens']:,} citizens")
        out = OUT / f"seed-{name}.json"
        t = time.perf_counter()
        subprocess.run(
            [PY, "bench/seed.py", "--out", str(out)] + [f"--{k.replace('_', '-')}={v}" for k, v in size.items()],
            cwd=ROOT,
            env=env_for(name),
            check=True,
        )
        seeds[name] = json.loads(out.read_text())
        seeds[name]["seed_seconds"] = time.perf_counter() - t
        log(f"seeded {name} in {seeds[name]['seed_seconds']:.1f} s")
    return seeds


# ---------------------------------------------------------------------------------------------------
# gunicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn on 127.0.0.1 against one bench database; always stopped on exit."""

    def __init__(self, name: str, extra_env: dict[str, str] | None = None, tag: str = "") -> None:
        self.name = name
        self.extra_env = extra_env or {}
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self._log = None
        self.log_path = OUT / f"gunicorn-{name}{tag}.log"

    def __enter__(self) -> Server:
        try:
            return self._start()
        except BaseException:
            self.__exit__()  # never leave a half-started gunicorn behind
            raise

    def _start(self) -> Server:
        cmd = [GUNICORN, "--pythonpath", "site", "oasis.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{self.port}"]
        cmd += ["--timeout", "120", "--log-level", "warning"]
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env={**env_for(self.name), **self.extra_env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}); see {self.log_path}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/api/v1/ideas?page=1")
                conn.getresponse().read()
                conn.close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn not ready after 60 s; see {self.log_path}")
                time.sleep(0.3)
        # Every worker imports Django lazily: touch them all before measuring anything.
        client = Client(self.port)
        for _ in range(4 * WORKERS):
            client.request("GET", "/api/v1/ideas?page=1")
        log(f"gunicorn up on 127.0.0.1:{self.port} ({WORKERS} workers, {self.name})")
        return self

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the group gunicorn leads (start_new_session)
                self.proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
        log(f"gunicorn on port {self.port} stopped")


class Client:
    """One keep-alive HTTP/1.1 connection (reopened whenever the server closes it)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, headers: dict | None = None) -> tuple[int, bytes]:
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=b"" if method == "POST" else None, headers=headers or {})
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


# ---------------------------------------------------------------------------------------------------
# bounded concurrent load


def run_load(make_worker, items: list, *, threads: int, seconds: float) -> dict:
    """Run `items` through `threads` workers until they are used up or `seconds` pass.

    `make_worker()` is called once per thread (before the clock starts) and returns
    `work(item) -> bool` (True = success). Returns counts, rate and latency percentiles.
    """
    counter = itertools.count()
    ready = threading.Barrier(threads + 1)
    results: list[list] = [[] for _ in range(threads)]
    errors: list[list] = [[] for _ in range(threads)]
    state: dict[str, float] = {}

    def thread_main(slot: int) -> None:
        work = make_worker()
        ready.wait()
        deadline = state["start"] + seconds
        lat, errs = results[slot], errors[slot]
        while time.perf_counter() < deadline:
            i = next(counter)
            if i >= len(items):
                break
            t = time.perf_counter()
            try:
                ok = work(items[i])
            except Exception as exc:  # counted and reported; the loop goes on
                ok = repr(exc)
            if ok is True:
                lat.append(time.perf_counter() - t)
            else:
                errs.append(str(ok)[:200])

    pool = [threading.Thread(target=thread_main, args=(n,), daemon=True) for n in range(threads)]
    for th in pool:
        th.start()
    state["start"] = time.perf_counter()
    ready.wait()
    state["start"] = time.perf_counter()
    for th in pool:
        th.join(timeout=seconds + 120)
    elapsed = time.perf_counter() - state["start"]
    taken = min(next(counter), len(items))  # every item handed out was attempted
    lat = [x for r in results for x in r]
    errs = [x for e in errors for x in e]
    return {
        "ok": len(lat),
        "errors": len(errs),
        "taken": taken,
        "error_samples": sorted(set(errs))[:5],
        "seconds": round(elapsed, 3),
        "per_s": round(len(lat) / elapsed, 1) if elapsed else None,
        "p50_ms": round(pct(lat, 50) * 1000, 2) if lat else None,
        "p95_ms": round(pct(lat, 95) * 1000, 2) if lat else None,
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }


class Pairs:
    """Unique (idea, voter) pairs that exist nowhere yet, shared by every vote phase."""

    def __init__(self, seed: dict, rng: random.Random) -> None:
        self.rng = rng
        self.voters = [(uid, key) for uid, key in seed["bench_voters"]]  # no seeded votes, no ideas
        self.ideas = seed["votable_idea_ids"]
        self.used: set[tuple[int, int]] = set()

    def spread(self, n: int) -> list[tuple[int, int, str]]:
        out = []
        while len(out) < n:
            idea = self.rng.choice(self.ideas)
            uid, key = self.rng.choice(self.voters)
            if (idea, uid) not in self.used:
                self.used.add((idea, uid))
                out.append((idea, uid, key))
        return out

    def release(self, items: list[tuple[int, int, str]]) -> None:
        """Give back pairs a bounded phase did not get to, so later phases may use them."""
        self.used.difference_update((idea, uid) for idea, uid, _key in items)

    def one_idea(self, idea: int, n: int, other_voters: list[int] | None = None) -> list[tuple[int, int, str]]:
        """`n` new votes for `idea`: by token holders, or (raw DB only) by `other_voters`."""
        if other_voters is None:
            candidates = list(self.voters)
        else:
            candidates = [(uid, "") for uid in other_voters]
        self.rng.shuffle(candidates)
        out = []
        for uid, key in candidates:
            if (idea, uid) not in self.used:
                self.used.add((idea, uid))
                out.append((idea, uid, key))
                if len(out) >= n:
                    break
        return out


def api_vote_worker(port: int):
    def make():
        client = Client(port)

        def work(item) -> bool | str:
            idea, _uid, key = item
            status, body = client.request("POST", f"/api/v1/ideas/{idea}/vote", {"Authorization": f"Bearer {key}"})
            return True if status in (200, 201) else f"HTTP {status}: {body[:120]!r}"

        return work

    return make


def raw_vote_worker(name: str):
    def make():
        conn = psycopg.connect(db_url(name), autocommit=True)

        def work(item) -> bool:
            idea, uid, _key = item
            conn.execute("INSERT INTO ideas_vote (idea_id, voter_id, created_at) VALUES (%s, %s, now())", (idea, uid))
            return True

        return work

    return make


# ---------------------------------------------------------------------------------------------------
# what is measured


def deep_page(n_items: int) -> int:
    """40 % into the list: page 2,000 of 5,000 at 100,000 ideas."""
    return max(1, int(0.4 * -(-n_items // PER_PAGE)))


def endpoints(seed: dict) -> dict[str, str]:
    general = next(c for c in seed["campaigns"] if c["is_general"])
    api_deep = deep_page(seed["visible_ideas"])
    html_deep = deep_page(general["visible_ideas"])
    idea_id, slug = next(iter(seed["idea_campaign_slug"].items()))
    return {
        "API list newest, page 1": "/api/v1/ideas?page=1",
        "API list newest, deep page": f"/api/v1/ideas?page={api_deep}",
        "API list sort=votes, page 1": "/api/v1/ideas?page=1&sort=votes",
        "API list sort=trending, page 1": "/api/v1/ideas?page=1&sort=trending",
        "API idea detail": f"/api/v1/ideas/{idea_id}",
        "HTML campaign, page 1": "/campaigns/general/?page=1",
        "HTML campaign, deep page": f"/campaigns/general/?page={html_deep}",
        "HTML campaign sort=votes, page 1": "/campaigns/general/?page=1&sort=votes",
        "HTML idea page": f"/campaigns/{slug}/ideas/{idea_id}/",
    }


def rotating_paths(seed: dict, label: str, path: str) -> list[str]:
    """Idea pages rotate over ~200 sample ideas (plus the most voted one); lists are fixed paths."""
    samples = list(seed["idea_campaign_slug"].items())
    hot = seed["hot_idea"]
    samples.append((str(hot["id"]), hot["campaign_slug"]))
    if label == "API idea detail":
        return [f"/api/v1/ideas/{i}" for i, _ in samples]
    if label == "HTML idea page":
        return [f"/campaigns/{s}/ideas/{i}/" for i, s in samples]
    return [path]


def measure_latency(port: int, seed: dict, *, requests: int, seconds: float) -> dict[str, dict]:
    """One client, one request at a time (an otherwise idle server): p50/p95 per endpoint."""
    client = Client(port)
    out = {}
    for label, path in endpoints(seed).items():
        paths = rotating_paths(seed, label, path)
        for p in paths[:5]:  # warm-up
            client.request("GET", p)
        lat, statuses = [], {}
        deadline = time.perf_counter() + seconds
        for i in range(requests):
            if time.perf_counter() > deadline:
                break
            t = time.perf_counter()
            status, _body = client.request("GET", paths[i % len(paths)])
            lat.append(time.perf_counter() - t)
            statuses[status] = statuses.get(status, 0) + 1
        out[label] = {
            "path": path,
            "n": len(lat),
            "statuses": statuses,
            "p50_ms": round(pct(lat, 50) * 1000, 2),
            "p95_ms": round(pct(lat, 95) * 1000, 2),
            "loadavg_1m": round(os.getloadavg()[0], 2),
        }
        log(f"  {label:<32} p50 {out[label]['p50_ms']:8.1f} ms  p95 {out[label]['p95_ms']:8.1f} ms  {statuses}")
    return out


def count_queries(name: str, seed: dict, vote: dict | None) -> dict[str, dict]:
    spec = {"get": endpoints(seed), "vote": vote}
    proc = subprocess.run(
        [PY, "bench/probe.py"], cwd=ROOT, env=env_for(name), input=json.dumps(spec), capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise RuntimeError(f"probe failed on {name}:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


def hot_idea_state(hot: int) -> dict:
    with psycopg.connect(db_url(BIG)) as conn:
        votes = conn.execute("SELECT COUNT(*) FROM ideas_vote WHERE idea_id = %s", (hot,)).fetchone()[0]
        key = conn.execute("SELECT vote_count FROM ideas_idea WHERE id = %s", (hot,)).fetchone()[0]
    return {"votes": votes, "vote_count": key}


def measure_votes(port: int, seed: dict, pairs: Pairs, phases: list[str], *, seconds: float, cap: int) -> dict:
    """Run the named vote phases, each bounded by `seconds` and a fixed number of unique votes."""
    hot = seed["hot_idea"]["id"]
    with psycopg.connect(db_url(BIG)) as conn:
        voted = {r[0] for r in conn.execute("SELECT voter_id FROM ideas_vote WHERE idea_id = %s", (hot,))}
        author = conn.execute("SELECT author_id FROM ideas_idea WHERE id = %s", (hot,)).fetchone()[0]
        citizens = [
            r[0]
            for r in conn.execute("SELECT id FROM auth_user WHERE username LIKE 'bench-citizen-%%' ORDER BY id")
            if r[0] not in voted and r[0] != author
        ]
    makers = {
        "raw DB INSERT, spread": lambda: (raw_vote_worker(BIG), pairs.spread(cap * 10)),
        "raw DB INSERT, one idea": lambda: (raw_vote_worker(BIG), pairs.one_idea(hot, cap * 10, citizens)),
        "API spread": lambda: (api_vote_worker(port), pairs.spread(cap)),
        "API one idea": lambda: (api_vote_worker(port), pairs.one_idea(hot, cap)),
    }
    res: dict[str, dict] = {}
    for label in phases:
        make, items = makers[label.split(" (")[0]]()
        log(f"  {label}: up to {len(items):,} unique votes, {CLIENTS} clients, {seconds:.0f} s max")
        r = run_load(make, items, threads=CLIENTS, seconds=seconds)
        r["offered"] = len(items)
        pairs.release(items[r["taken"] :])
        res[label] = r
        log(
            f"    {r['per_s']:>9,.1f} votes/s  ok {r['ok']:,}  errors {r['errors']}  "
            f"p50 {r['p50_ms']} ms  p95 {r['p95_ms']} ms {r['error_samples'] or ''}"
        )
    return res


# ---------------------------------------------------------------------------------------------------
# report


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.3f}" if a and b else "n/a"


def _page_of(path: str) -> str:
    return path.split("page=")[1].split("&")[0] if "page=" in path else ""


def _label(label: str, small: dict, big: dict) -> str:
    if "deep page" in label:
        return f"{label} ({_page_of(small['path'])} | {_page_of(big['path'])})"
    return label


def render(results: dict) -> str:
    seeds, lines = results["seed"], []
    big, small = seeds[BIG], seeds[SMALL]
    v = results["votes"]
    w = lines.append
    w(f"Oasis benchmark, {results['started']} ({results['machine']})")
    w(f"gunicorn -w {WORKERS} (sync), {CLIENTS} client threads, PostgreSQL {results['postgres']}: all on this machine")
    loads = [r["loadavg_1m"] for r in v.values() if "loadavg_1m" in r]
    loads += [r["loadavg_1m"] for lat in results["latency"].values() for r in lat.values()]
    w(
        f"1-min load average after each phase: {min(loads):.1f} to {max(loads):.1f} (2 cores; anything above 2 is queueing)"
    )
    w("")
    w(f"Seeding (COPY)                        {'rows':>10} {'s':>7} {'rows/s':>12}")
    for name in (BIG, SMALL):
        for step, t in seeds[name]["timings"].items():
            if t["rows"] and t["seconds"]:
                w(f"  {name:<18} {step:<15} {t['rows']:>10,} {t['seconds']:>7.2f} {t['rows'] / t['seconds']:>12,.0f}")
    w("")
    w(f"A/B. Unique votes, {CLIENTS} concurrent clients ({big['ideas']:,} ideas, {big['votes']:,} seeded votes)")
    w(f"  {'':<30} {'votes/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'ok':>8} {'errors':>6} {'s':>5} {'load':>5}")
    order = ["raw DB INSERT, spread", "raw DB INSERT, one idea"]
    order += [f"API {what} ({mode})" for mode in (INLINE, DEFERRED) for what in ("spread", "one idea")]
    for label in order:
        r = v[label]
        w(
            f"  {label:<30} {r['per_s']:>9,.1f} {r['p50_ms'] or 0:>8.2f} {r['p95_ms'] or 0:>8.2f} "
            f"{r['ok']:>8,} {r['errors']:>6} {r['seconds']:>5.1f} {r['loadavg_1m']:>5.1f}"
        )
    rate = {label: v[label]["per_s"] for label in order}
    raw_s = rate["raw DB INSERT, spread"]
    for mode in (INLINE, DEFERRED):
        w(
            f"  A. API spread / raw DB spread ({mode}){'':<{15 - len(mode)}}= {ratio(rate[f'API spread ({mode})'], raw_s)}"
        )
    for mode in (INLINE, DEFERRED):
        api_1, api_s = rate[f"API one idea ({mode})"], rate[f"API spread ({mode})"]
        w(f"  B. API one idea / API spread ({mode}){'':<{16 - len(mode)}}= {ratio(api_1, api_s)}")
    w(f"     raw DB one idea / raw DB spread{'':<13}= {ratio(rate['raw DB INSERT, one idea'], raw_s)}")
    hot = v["_hot_idea"]
    w(
        f"     (one idea = #{hot['id']}, the most voted: {hot['before']['votes']:,} votes before, "
        f"{hot['after']['votes']:,} after; its vote_count sort key: {hot['before']['vote_count']:,} before, "
        f"{hot['after']['vote_count']:,} after)"
    )
    w("")
    lat_s, lat_b = results["latency"][SMALL], results["latency"][BIG]
    w(f"C. Latency, 1 client, idle server, ms    {small['ideas']:>7,} ideas   {big['ideas']:>7,} ideas   p95")
    w(f"  {'':<46} {'p50':>6} {'p95':>6}   {'p50':>6} {'p95':>6}  big/small")
    for label in lat_b:
        rs, rb = lat_s[label], lat_b[label]
        w(
            f"  {_label(label, rs, rb):<46} {rs['p50_ms']:>6.1f} {rs['p95_ms']:>6.1f}   "
            f"{rb['p50_ms']:>6.1f} {rb['p95_ms']:>6.1f}  {ratio(rb['p95_ms'], rs['p95_ms']):>6}"
        )
    w("")
    q_s, q_b = results["queries"][SMALL], results["queries"][BIG]
    w(
        f"D. SQL queries per request (warm)        {small['ideas']:>7,} ideas   {big['ideas']:>7,} ideas  same?  slowest SQL ms"
    )
    for label in q_b:
        rs, rb = q_s[label], q_b[label]
        same = "yes" if rs["queries"] == rb["queries"] else "NO"
        shown = _label(label, lat_s[label], lat_b[label]) if label in lat_b else label
        w(
            f"  {shown:<46} {rs['queries']:>3} (HTTP {rs['status']})  {rb['queries']:>3} (HTTP {rb['status']})  "
            f"{same:<4} {rs['slowest_ms']:>6.1f} | {rb['slowest_ms']:.1f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ideas", type=int, default=None, help="ideas in oasis_bench (100,000; --quick 10,000)")
    parser.add_argument("--votes", type=int, default=None, help="seeded votes (1,000,000; --quick 100,000)")
    parser.add_argument("--citizens", type=int, default=None, help="seeded citizens (20,000; --quick 5,000)")
    parser.add_argument("--bench-voters", type=int, default=None, help="token holders casting the new votes")
    parser.add_argument("--seconds", type=float, default=None, help="time limit of each vote loop (10; --quick 3)")
    parser.add_argument("--requests", type=int, default=None, help="requests per latency figure (200; --quick 30)")
    parser.add_argument("--quick", action="store_true", help="small data and short loops: a smoke test")
    parser.add_argument("--keep", action="store_true", help="keep the bench databases at the end")
    parser.add_argument("--skip-seed", action="store_true", help="reuse databases kept by an earlier --keep run")
    args = parser.parse_args()
    q = args.quick
    args.ideas = args.ideas or (10_000 if q else 100_000)
    args.votes = args.votes or (100_000 if q else 1_000_000)
    args.citizens = args.citizens or (5_000 if q else 20_000)
    args.bench_voters = args.bench_voters or (5_000 if q else 20_000)
    args.seconds = args.seconds or (3.0 if q else 10.0)
    args.requests = args.requests or (30 if q else 200)
    OUT.mkdir(parents=True, exist_ok=True)

    started = datetime.now(UTC)
    results: dict = {
        "started": f"{started:%Y-%m-%d %H:%M} UTC",
        "args": {k: v for k, v in vars(args).items()},
        "machine": f"{os.cpu_count()} CPU cores, Python {sys.version.split()[0]}",
    }
    try:
        results["seed"] = prepare_databases(args)
        with psycopg.connect(db_url(BIG)) as conn:
            results["postgres"] = conn.execute("SHOW server_version").fetchone()[0].split()[0]
        rng = random.Random(7)
        pairs = Pairs(results["seed"][BIG], rng)

        log("counting SQL queries per request (Django test client, CaptureQueriesContext)")
        results["queries"] = {}
        for name in (SMALL, BIG):
            seed = results["seed"][name]
            if name == BIG:
                idea, _uid, key = pairs.spread(1)[0]
            else:  # the small twin has its own few token holders
                idea, key = seed["votable_idea_ids"][0], seed["bench_voters"][0][1]
            vote = {"label": "API POST vote", "path": f"/api/v1/ideas/{idea}/vote", "key": key}
            results["queries"][name] = count_queries(name, seed, vote)

        results["latency"] = {}
        vote_args = {"seconds": args.seconds, "cap": int(args.seconds * 2000)}
        big_seed = results["seed"][BIG]
        for name in (SMALL, BIG):
            log(f"latency on {name} ({results['seed'][name]['ideas']:,} ideas)")
            with Server(name) as server:
                results["latency"][name] = measure_latency(
                    server.port, results["seed"][name], requests=args.requests, seconds=max(20.0, args.seconds * 3)
                )
                if name == BIG:
                    log(f"votes/s on {BIG}, default settings ({INLINE})")
                    hot_before = hot_idea_state(big_seed["hot_idea"]["id"])
                    results["votes"] = measure_votes(
                        server.port,
                        big_seed,
                        pairs,
                        ["raw DB INSERT, spread", f"API spread ({INLINE})", f"API one idea ({INLINE})"],
                        **vote_args,
                    )
        log(f"votes/s on {BIG}, {DEFERRED_TASKS}")
        with Server(BIG, DEFERRED_TASKS, tag="-deferred") as server:
            results["votes"].update(
                measure_votes(
                    server.port,
                    big_seed,
                    pairs,
                    [f"API spread ({DEFERRED})", f"API one idea ({DEFERRED})", "raw DB INSERT, one idea"],
                    **vote_args,
                )
            )
        results["votes"]["_hot_idea"] = {
            "id": big_seed["hot_idea"]["id"],
            "before": hot_before,
            "after": hot_idea_state(big_seed["hot_idea"]["id"]),
        }
        table = render(results)
        print()
        print(table)
        results["table"] = table
    finally:
        stamp = f"{started:%Y%m%dT%H%M%SZ}"
        path = OUT / f"{stamp}.json"
        path.write_text(json.dumps(results, indent=1, default=str))
        log(f"results written to {path.relative_to(ROOT)}")
        if not args.keep:
            for name in (BIG, SMALL):
                drop_db(name)
            log("bench databases dropped (use --keep to keep them)")


if __name__ == "__main__":
    main()
