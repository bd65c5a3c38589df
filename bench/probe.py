"""Count the SQL queries each measured page/endpoint makes (run in its own process per database).

    DATABASE_URL=postgres://... .venv/bin/python bench/probe.py < spec.json > result.json

spec: {"get": {label: path, ...}, "vote": {"label": ..., "path": ..., "key": ...} | null}
Each GET is made twice with Django's test Client (anonymous) and the second, warm, request is
counted with CaptureQueriesContext, so one-off caches (Wagtail site, content types) do not blur
the figure. The answer gives, per label: status, queries, the SQL time and the slowest statement.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oasis.settings")
os.environ.setdefault("OASIS_BASE_URL", "http://127.0.0.1:8000")  # links in benchmark e-mails


def _measure(client, method: str, path: str, **extra) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(path, **extra)
    timed = [(float(q.get("time") or 0), q["sql"]) for q in ctx.captured_queries]
    slowest = max(timed, default=(0.0, ""))
    return {
        "status": response.status_code,
        "queries": len(ctx.captured_queries),
        "sql_ms": round(sum(t for t, _ in timed) * 1000, 2),
        "slowest_ms": round(slowest[0] * 1000, 2),
        "slowest_sql": slowest[1][:4000],
        "sql": [s[:300] for _, s in timed],
    }


def main() -> None:
    import django

    django.setup()
    from django.test import Client

    spec = json.load(sys.stdin)
    client = Client()
    out: dict[str, dict] = {}
    for label, path in spec["get"].items():
        client.get(path)  # warm-up
        out[label] = _measure(client, "get", path)
    vote = spec.get("vote")
    if vote:
        out[vote["label"]] = _measure(
            Client(), "post", vote["path"], HTTP_AUTHORIZATION=f"Bearer {vote['key']}", content_type="application/json"
        )
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
