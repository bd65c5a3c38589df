"""Keeping the index current: queue in the caller's transaction, drain after commit; repair.

The outbox row is written in the same transaction as the change it reflects, so an update is
never lost (see `search.outbox`); the drain that pushes it runs after commit, in the background.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from search import outbox
from search.documents import build_documents, searchable_ideas
from search.models import OutboxEntry
from search.outbox import DrainReport, enqueue
from search.registry import get_backend
from search.tasks import drain_search_outbox

logger = logging.getLogger(__name__)

# -inf, not 0.0: time.monotonic() may be smaller than the window just after a host boots.
_last_coalesced_kick = float("-inf")


def reset_coalescing() -> None:
    """Let the next coalesced change kick a drain at once."""
    global _last_coalesced_kick
    _last_coalesced_kick = float("-inf")


def _kick_drain() -> None:
    try:
        drain_search_outbox.enqueue()
    except Exception:  # the outbox keeps the work; `search_drain` will do it
        logger.exception("could not enqueue the search drain")


def index_idea_later(idea_id: int, *, coalesce: bool = False) -> None:
    """Queue an index update for the idea, in the caller's transaction; drain after commit.

    With `coalesce` (vote-count changes, which are frequent and only move the "votes" sort
    order: hits always show exact counts from the database) a process kicks the drain at most
    once per OASIS_SEARCH_COALESCE_SECONDS; in between the row waits in the outbox for the
    next drain, so a burst of votes costs one drain instead of one per vote.
    """
    global _last_coalesced_kick
    enqueue([idea_id])
    if coalesce:
        now = time.monotonic()
        if now - _last_coalesced_kick < settings.OASIS_SEARCH_COALESCE_SECONDS:
            return
        _last_coalesced_kick = now
    transaction.on_commit(_kick_drain, robust=True)


def index_ideas_later(idea_ids: Iterable[int]) -> None:
    if enqueue(idea_ids):
        transaction.on_commit(_kick_drain, robust=True)


def index_idea(idea_id: int) -> DrainReport:
    """Queue and push now (outside a transaction: commands, tests, repair)."""
    enqueue([idea_id])
    return outbox.drain()


def drain(*, limit: int = 500, max_batches: int | None = None) -> DrainReport:
    return outbox.drain(limit=limit, max_batches=max_batches)


def reindex(*, batch_size: int = 1000, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    return get_backend().rebuild(batch_size=batch_size, progress=progress)


@dataclass
class DriftReport:
    expected: int
    indexed: int
    missing: list[int]
    extra: list[int]
    stale: list[int]
    queued: int

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.stale)


def check(*, fix: bool = False) -> DriftReport:
    """Compare the index with the database; with fix=True queue every drifted idea."""
    backend = get_backend()
    ids = list(searchable_ideas().values_list("pk", flat=True))
    expected = {i: d["digest"] for i, d in build_documents(ids).items() if d is not None}
    actual = backend.indexed_digests()
    report = DriftReport(
        expected=len(expected),
        indexed=len(actual),
        missing=sorted(set(expected) - set(actual)),
        extra=sorted(set(actual) - set(expected)),
        stale=sorted(i for i in set(expected) & set(actual) if expected[i] != actual[i]),
        queued=OutboxEntry.objects.count(),
    )
    if fix and not report.ok:
        enqueue(report.missing + report.extra + report.stale)
    return report
