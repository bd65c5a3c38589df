"""Seed a benchmark database fast (run in its own process; Django settings come from DATABASE_URL).

    DATABASE_URL=postgres://oasis@127.0.0.1:54329/oasis_bench \
        .venv/bin/python bench/seed.py --ideas 100000 --votes 1000000 --out bench/out/seed.json

What it creates (all through PostgreSQL COPY, except the campaign pages):
* 3 theme campaigns (Wagtail tree API) next to the permanent general campaign;
* `--citizens` citizens (one precomputed password hash for all, so hashing costs nothing),
  authors and voters of the seeded data, all in the citizens group;
* `--bench-voters` extra citizens with no votes and no ideas, each with an API token,
  so the load phases can cast votes that are all new (unique (idea, voter) pairs);
* `--ideas` ideas over the last year (55 % general campaign, 15 % each theme campaign;
  1 % withdrawn, 0.5 % hidden), each with its "submitted" timeline event;
* `--votes` unique (idea, voter) votes with a long-tail skew (weight 1/(rank + 50): the top
  1 % of ideas get about 40 % of the votes), never by the idea's author;
then sets `Idea.vote_count` from the rows in one UPDATE … FROM aggregate, selects every idea
at or over the threshold for review (status, selected_at, "selected" timeline event), as the
threshold rule would have, and runs VACUUM ANALYZE.

Writes a JSON file for bench/run.py: ids, slugs, bench voters and their API keys, timings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import secrets
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oasis.settings")
os.environ.setdefault("OASIS_BASE_URL", "http://127.0.0.1:8000")  # links in benchmark e-mails

WORDS = (
    "bike lane park bench tree library bus stop night market river path school playground solar roof "
    "crosswalk shade water fountain recycling compost garden senior centre youth club street light "
    "noise wall mural sidewalk ramp parking app map sensor air quality flood drain square festival"
).split()
THEMES = [
    ("Cleaner air", "cleaner-air"),
    ("Safer streets", "safer-streets"),
    ("Greener neighbourhoods", "greener-neighbourhoods"),
]
GENERAL_SHARE = 0.55


def _now() -> datetime:
    return datetime.now(UTC)


def _campaigns() -> list[dict]:
    """The general campaign plus the theme campaigns, created with the Wagtail tree API."""
    from django.contrib.auth.models import Group

    from ideas.models import CampaignIndexPage, CampaignPage, Department

    index = CampaignIndexPage.objects.get()
    now = _now()
    for title, slug in THEMES:
        dept, _ = Department.objects.get_or_create(
            slug=f"dept-{slug}",
            defaults={"name": f"Office for {title.lower()}", "group": Group.objects.get_or_create(name=title)[0]},
        )
        if not CampaignPage.objects.filter(slug=slug).exists():
            page = CampaignPage(
                title=title,
                slug=slug,
                department=dept,
                summary=f"Ideas for {title.lower()}.",
                opens_at=now - timedelta(days=400),
                closes_at=now + timedelta(days=365),
            )
            index.add_child(instance=page)
            page.save_revision().publish()
    pages = CampaignPage.objects.live().order_by("-is_general", "pk")
    return [{"id": p.pk, "slug": p.slug, "is_general": p.is_general} for p in pages]


def _setval(cur, table: str, column: str = "id") -> None:
    cur.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), (SELECT COALESCE(MAX({column}), 1) FROM {table}))"
    )


def _copy(cur, table: str, columns: tuple[str, ...], rows) -> int:
    n = 0
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def seed(args: argparse.Namespace) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import connection

    rng = random.Random(args.seed)
    timings: dict[str, dict] = {}
    t0 = time.perf_counter()
    campaigns = _campaigns()
    general = next(c for c in campaigns if c["is_general"])
    themes = [c for c in campaigns if not c["is_general"]]
    citizens_group = Group.objects.get(name="citizens").pk
    threshold = settings.OASIS_REVIEW_THRESHOLD
    timings["campaigns"] = {"seconds": time.perf_counter() - t0, "rows": len(themes)}

    connection.ensure_connection()
    raw = connection.connection  # the psycopg 3 connection
    raw.autocommit = False
    cur = raw.cursor()
    # The generated rows are consistent by construction; skip per-row FK trigger checks during the load.
    cur.execute("SET session_replication_role = replica")

    now = _now()
    password = make_password("bench-password-not-secret")  # hashed once, shared by every seeded account

    # --- users -----------------------------------------------------------------------------------------
    cur.execute("SELECT COALESCE(MAX(id), 0) FROM auth_user")
    first_user = cur.fetchone()[0] + 1
    n_users = args.citizens + args.bench_voters
    citizen_ids = list(range(first_user, first_user + args.citizens))
    voter_ids = list(range(first_user + args.citizens, first_user + n_users))

    def user_rows():
        for i, uid in enumerate(citizen_ids + voter_ids):
            name = f"bench-citizen-{i:06d}" if i < args.citizens else f"bench-voter-{i - args.citizens:06d}"
            yield (uid, password, None, False, name, "", "", f"{name}@example.org", False, True, now)

    t = time.perf_counter()
    n = _copy(
        cur,
        "auth_user",
        (
            "id",
            "password",
            "last_login",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
        ),
        user_rows(),
    )
    n += _copy(
        cur,
        "auth_user_groups",
        ("user_id", "group_id"),
        ((uid, citizens_group) for uid in range(first_user, first_user + n_users)),
    )
    _setval(cur, "auth_user")
    _setval(cur, "auth_user_groups")
    timings["users"] = {"seconds": time.perf_counter() - t, "rows": n}

    # --- API tokens for the bench voters (digest only is stored; keys go to the JSON file) --------------
    t = time.perf_counter()
    keys = [secrets.token_urlsafe(32) for _ in voter_ids]
    n = _copy(
        cur,
        "oasis_apitoken",
        ("user_id", "digest", "name", "created_at"),
        ((uid, hashlib.sha256(k.encode()).hexdigest(), "bench", now) for uid, k in zip(voter_ids, keys, strict=True)),
    )
    timings["api_tokens"] = {"seconds": time.perf_counter() - t, "rows": n}

    # --- ideas -----------------------------------------------------------------------------------------
    cur.execute("SELECT COALESCE(MAX(id), 0) FROM ideas_idea")
    first_idea = cur.fetchone()[0] + 1
    span = timedelta(days=365).total_seconds()
    # Ascending ids get ascending creation times, as in real life.
    offsets = sorted(rng.random() * span for _ in range(args.ideas))
    idea_created = [now - timedelta(seconds=span - o) - timedelta(minutes=5) for o in offsets]
    idea_ids = list(range(first_idea, first_idea + args.ideas))
    idea_campaign = [
        general["id"] if rng.random() < GENERAL_SHARE else rng.choice(themes)["id"] for _ in range(args.ideas)
    ]
    idea_author = [rng.choice(citizen_ids) for _ in range(args.ideas)]
    idea_status = []
    idea_hidden = []
    for _ in range(args.ideas):
        r = rng.random()
        idea_status.append("withdrawn" if r < 0.01 else "open")
        idea_hidden.append(0.01 <= r < 0.015)

    def idea_rows():
        for i in range(args.ideas):
            words = rng.sample(WORDS, 4)
            title = f"{words[0].capitalize()} {words[1]} for {words[2]} {words[3]} #{i}"
            body = " ".join(rng.choices(WORDS, k=rng.randint(30, 90)))
            yield (
                idea_ids[i],
                idea_campaign[i],
                idea_author[i],
                title,
                body,
                "web",
                idea_status[i],
                idea_hidden[i],
                "hidden by bench" if idea_hidden[i] else "",
                0,
                idea_created[i],
                idea_created[i],
            )

    t = time.perf_counter()
    n = _copy(
        cur,
        "ideas_idea",
        (
            "id",
            "campaign_id",
            "author_id",
            "title",
            "body",
            "channel",
            "status",
            "hidden",
            "hidden_reason",
            "vote_count",
            "created_at",
            "updated_at",
        ),
        idea_rows(),
    )
    _setval(cur, "ideas_idea")
    timings["ideas"] = {"seconds": time.perf_counter() - t, "rows": n}

    # --- votes: unique (idea, voter), long-tail popularity, never the author ----------------------------
    t = time.perf_counter()
    votable = [i for i in range(args.ideas) if idea_status[i] == "open" and not idea_hidden[i]]
    ranked = votable[:]
    rng.shuffle(ranked)  # popularity is independent of age
    cum, acc = [], 0.0
    for rank in range(len(ranked)):
        acc += 1.0 / (rank + 50)
        cum.append(acc)
    n_cit = len(citizen_ids)
    target = min(args.votes, len(votable) * (n_cit - 1))
    seen: set[int] = set()
    pairs: list[tuple[int, int]] = []
    while len(pairs) < target:
        batch = rng.choices(ranked, cum_weights=cum, k=min(200_000, 2 * (target - len(pairs)) + 10))
        for idx in batch:
            v = rng.randrange(n_cit)
            key = idx * n_cit + v
            if key in seen or citizen_ids[v] == idea_author[idx]:
                continue
            seen.add(key)
            pairs.append((idx, v))
            if len(pairs) >= target:
                break
    del seen
    vote_rows = []
    for idx, v in pairs:
        created = idea_created[idx]
        when = created + (now - created) * rng.random()
        vote_rows.append((when, idea_ids[idx], citizen_ids[v]))
    del pairs
    vote_rows.sort()  # physical order = arrival order, as in production
    timings["votes_generate"] = {"seconds": time.perf_counter() - t, "rows": len(vote_rows)}
    t = time.perf_counter()
    n = _copy(cur, "ideas_vote", ("created_at", "idea_id", "voter_id"), vote_rows)
    _setval(cur, "ideas_vote")
    timings["votes"] = {"seconds": time.perf_counter() - t, "rows": n}
    del vote_rows

    # --- derived state: sort keys, selections, timeline ------------------------------------------------
    t = time.perf_counter()
    cur.execute(
        "UPDATE ideas_idea i SET vote_count = a.c FROM "
        "(SELECT idea_id, COUNT(*) AS c FROM ideas_vote GROUP BY idea_id) a "
        "WHERE i.id = a.idea_id AND i.id >= %s",
        [first_idea],
    )
    cur.execute(
        "UPDATE ideas_idea SET status = 'in_review', selected_at = created_at + (now() - created_at) / 2 "
        "WHERE id >= %s AND status = 'open' AND NOT hidden AND vote_count >= %s",
        [first_idea, threshold],
    )
    selected = cur.rowcount
    cur.execute(
        "INSERT INTO ideas_timelineevent (idea_id, kind, from_status, to_status, actor_id, office, note, created_at) "
        "SELECT id, 'submitted', '', 'open', author_id, 'Citizen', '', created_at FROM ideas_idea WHERE id >= %s",
        [first_idea],
    )
    n_events = cur.rowcount
    cur.execute(
        "INSERT INTO ideas_timelineevent (idea_id, kind, from_status, to_status, actor_id, office, note, created_at) "
        "SELECT id, 'selected', 'open', 'in_review', NULL, 'Citizens', %s, selected_at FROM ideas_idea "
        "WHERE id >= %s AND status = 'in_review'",
        [f"Reached {threshold} votes.", first_idea],
    )
    n_events += cur.rowcount
    cur.execute("SET session_replication_role = DEFAULT")
    raw.commit()
    timings["derived"] = {"seconds": time.perf_counter() - t, "rows": args.ideas + n_events}

    t = time.perf_counter()
    raw.autocommit = True
    for table in ("auth_user", "auth_user_groups", "oasis_apitoken", "ideas_idea", "ideas_vote", "ideas_timelineevent"):
        cur.execute(f"VACUUM (ANALYZE) {table}")
    timings["vacuum_analyze"] = {"seconds": time.perf_counter() - t, "rows": 0}

    cur.execute(
        "SELECT id, vote_count, campaign_id FROM ideas_idea WHERE id >= %s AND NOT hidden AND status <> 'withdrawn' "
        "ORDER BY vote_count DESC, id LIMIT 1",
        [first_idea],
    )
    hot_id, hot_votes, hot_campaign = cur.fetchone()
    cur.execute("SELECT COUNT(*) FROM ideas_vote")
    total_votes = cur.fetchone()[0]
    cur.execute("SELECT campaign_id, COUNT(*) FROM ideas_idea WHERE NOT hidden AND status <> 'withdrawn' GROUP BY 1")
    visible_per_campaign = dict(cur.fetchall())
    slug_of = {c["id"]: c["slug"] for c in campaigns}
    return {
        "ideas": args.ideas,
        "votes": total_votes,
        "citizens": args.citizens,
        "threshold": threshold,
        "selected_for_review": selected,
        "campaigns": [dict(c, visible_ideas=visible_per_campaign.get(c["id"], 0)) for c in campaigns],
        "visible_ideas": sum(visible_per_campaign.values()),
        "votable_idea_ids": [idea_ids[i] for i in votable],
        "idea_campaign_slug": {
            str(idea_ids[i]): slug_of[idea_campaign[i]] for i in votable[:: max(1, len(votable) // 200)]
        },
        "hot_idea": {"id": hot_id, "votes": hot_votes, "campaign_slug": slug_of[hot_campaign]},
        "bench_voters": [[uid, k] for uid, k in zip(voter_ids, keys, strict=True)],
        "timings": timings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--votes", type=int, default=1_000_000)
    parser.add_argument("--citizens", type=int, default=20_000)
    parser.add_argument("--bench-voters", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    result = seed(args)
    Path(args.out).write_text(json.dumps(result))
    for name, t in result["timings"].items():
        rate = f"{t['rows'] / t['seconds']:>12,.0f} rows/s" if t["rows"] and t["seconds"] else ""
        print(f"  seed {name:<16} {t['rows']:>10,} rows {t['seconds']:8.2f} s {rate}")


if __name__ == "__main__":
    main()
