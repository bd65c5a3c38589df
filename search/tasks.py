"""Background work (django-tasks): the drain that follows every committed change."""

from __future__ import annotations

from django_tasks import task

from search.outbox import drain

OPPORTUNISTIC_LIMIT = 200


@task()
def drain_search_outbox() -> dict:
    return drain(limit=OPPORTUNISTIC_LIMIT, max_batches=1, opportunistic=True).as_dict()
