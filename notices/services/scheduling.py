"""Scheduling a fan-out: one call per domain event, enqueued after the caller's commit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

# A module import, not `from notices.tasks import notify_event`: notices.tasks imports this
# package, and a module reference resolves whichever of the two is imported first.
from notices import tasks


def object_ref(obj: models.Model | None) -> dict[str, Any] | None:
    """A JSON reference to a saved model instance, for task arguments."""
    if obj is None:
        return None
    ct = ContentType.objects.get_for_model(obj)
    return {"ct": ct.pk, "pk": str(obj.pk)}


def notifications_schedule(
    *,
    kind: str,
    event_key: str,
    audience: Sequence[dict[str, Any]],
    target: models.Model | None = None,
    actor: models.Model | None = None,
    exclude: Iterable[int] = (),
    data: dict[str, Any] | None = None,
) -> None:
    """Enqueue the fan-out of one event after the current transaction commits.

    `audience` is a list of recipient specs resolved by the task in the database (see
    `audience_resolve`), so the arguments stay small whatever the number of recipients.
    """
    kwargs = {
        "kind": str(kind),
        "event_key": event_key,
        "audience": list(audience),
        "target": object_ref(target),
        "actor": object_ref(actor),
        "exclude": sorted({int(pk) for pk in exclude}),
        "data": {k: str(v) for k, v in (data or {}).items()},
    }
    transaction.on_commit(lambda: tasks.notify_event.enqueue(**kwargs))
