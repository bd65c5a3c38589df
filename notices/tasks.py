"""Background work of notifications (django-tasks).

Enqueued after commit by `notices.services.notifications_schedule`. Arguments are small JSON
(the audience is a spec resolved here), so a queue row stays small for any audience size.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from notices.services.audiences import audience_resolve
from notices.services.fanout import notifications_fan_out


@task()
def notify_event(
    *,
    kind: str,
    event_key: str,
    audience: list[dict[str, Any]],
    target: dict[str, Any] | None = None,
    actor: dict[str, Any] | None = None,
    exclude: list[int] | None = None,
    data: dict[str, str] | None = None,
) -> dict[str, int]:
    recipients = audience_resolve(audience) - set(exclude or ())
    result = notifications_fan_out(
        kind=kind, event_key=event_key, recipient_ids=recipients, target=target, actor=actor, data=data
    )
    return result.as_dict()
