"""The outbox: index updates that must reach the search backend, and the drain that sends them.

A change to an idea writes an `OutboxEntry` in the same transaction (so nothing is lost if
the process dies after commit); after commit, a background task drains the outbox; if the
backend is down the rows stay, with their attempts and last error, until a later drain
(`manage.py search_drain`, run by a scheduler, or the next opportunistic drain) succeeds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import F

from search.backends.base import SearchBackend
from search.documents import build_documents
from search.models import OutboxEntry
from search.registry import get_backend

logger = logging.getLogger(__name__)

# After a failure, opportunistic drains (in request threads) leave the backend alone this long.
BACKOFF_SECONDS = 10.0
_down_until = 0.0


def reset_backoff() -> None:
    """Let the next opportunistic drain try the backend at once (after an outage, in tests)."""
    global _down_until
    _down_until = 0.0


@dataclass
class DrainReport:
    indexed: int = 0
    deleted: int = 0
    failed: int = 0
    remaining: int = 0
    skipped: bool = False
    error: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def enqueue(idea_ids: Iterable[int]) -> int:
    rows = [OutboxEntry(idea_id=int(i)) for i in idea_ids]
    OutboxEntry.objects.bulk_create(rows)
    return len(rows)


def drain(
    *,
    limit: int = 500,
    max_batches: int | None = None,
    backend: SearchBackend | None = None,
    opportunistic: bool = False,
) -> DrainReport:
    """Push queued changes in bulk; delete the rows that made it, keep (and count) the others."""
    global _down_until
    backend = backend or get_backend()
    report = DrainReport()
    if opportunistic and time.monotonic() < _down_until:
        report.skipped = True
        report.remaining = OutboxEntry.objects.count()
        return report
    batches = 0
    while True:
        rows = list(OutboxEntry.objects.order_by("attempts", "pk").values_list("pk", "idea_id")[:limit])
        if not rows:
            break
        idea_ids = {idea_id for _pk, idea_id in rows}
        try:
            with backend.batch():
                version = backend.clock()
                docs = build_documents(idea_ids)
                result = backend.apply(docs, version=version)
        except Exception as exc:
            message = f"{type(exc).__name__}: {exc}"[:1000]
            logger.warning("search drain failed (%d ideas stay queued): %s", len(idea_ids), message)
            OutboxEntry.objects.filter(pk__in=[pk for pk, _ in rows]).update(
                attempts=F("attempts") + 1, last_error=message
            )
            _down_until = time.monotonic() + BACKOFF_SECONDS
            report.failed += len(idea_ids)
            report.error = message
            break
        done = [pk for pk, idea_id in rows if idea_id not in result.failed]
        with transaction.atomic():
            OutboxEntry.objects.filter(pk__in=done).delete()
            for idea_id, message in result.failed.items():
                OutboxEntry.objects.filter(pk__in=[pk for pk, i in rows if i == idea_id]).update(
                    attempts=F("attempts") + 1, last_error=message
                )
        report.indexed += result.indexed
        report.deleted += result.deleted
        report.failed += len(result.failed)
        if result.failed:
            report.error = next(iter(result.failed.values()))
            break
        _down_until = 0.0
        batches += 1
        if max_batches is not None and batches >= max_batches:
            break
    report.remaining = OutboxEntry.objects.count()
    return report
