"""The fan-out of one event: its feed rows for every recipient, then its instant e-mails."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from notices.models import DEFAULT_CHANNELS, Delivery, DeliverySettings, EmailMode, Kind, Notification, Preference
from notices.services.emails import emails_send_instant


@dataclass
class FanOutResult:
    recipients: int = 0
    offered: int = 0  # rows offered to INSERT; the database skips those a retry already wrote
    emailed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"recipients": self.recipients, "offered": self.offered, "emailed": self.emailed}


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def notifications_fan_out(
    *,
    kind: str,
    event_key: str,
    recipient_ids: Iterable[int],
    target: dict[str, Any] | None = None,
    actor: dict[str, Any] | None = None,
    data: dict[str, str] | None = None,
    timestamp: datetime | None = None,
) -> FanOutResult:
    """Write the feed rows of one event for its recipients, then send the instant e-mails.

    Idempotent: running it again for the same event inserts no row and sends no e-mail twice.
    Per batch of OASIS_NOTICES_BATCH_SIZE recipients: 3 reads (active users and addresses,
    their preferences for this kind, who wants a digest) and one multi-row INSERT.
    """
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    timestamp = timestamp or timezone.now()
    default = DEFAULT_CHANNELS[kind]
    # A notification needs an actor (django-notifications' model): who acted, else the target.
    actor = actor or target
    if actor is None:
        raise ValueError("a notification needs an actor or a target")
    result = FanOutResult()
    ids = sorted(set(recipient_ids))
    result.recipients = len(ids)
    base = {
        "kind": kind,
        "event_key": event_key,
        "verb": kind,
        "level": Notification.LEVELS.info,
        "actor_content_type_id": actor["ct"],
        "actor_object_id": actor["pk"],
        "target_content_type_id": target["ct"] if target else None,
        "target_object_id": target["pk"] if target else None,
        "data": dict(data or {}),
        "timestamp": timestamp,
    }
    for batch in _chunks(ids, settings.OASIS_NOTICES_BATCH_SIZE):
        users = dict(User.objects.filter(pk__in=batch, is_active=True).values_list("pk", "email"))
        if not users:
            continue
        chosen = dict(Preference.objects.filter(kind=kind, user_id__in=batch).values_list("user_id", "channel"))
        channels = {pk: chosen.get(pk, default) for pk in users}
        wants_email = [pk for pk, channel in channels.items() if channel == Delivery.EMAIL and users[pk]]
        digest = set()
        if wants_email:
            digest = set(
                DeliverySettings.objects.filter(user_id__in=wants_email, daily_digest=True).values_list(
                    "user_id", flat=True
                )
            )
        rows = []
        for pk in batch:
            channel = channels.get(pk)
            if channel is None or channel == Delivery.OFF:
                continue
            mode = EmailMode.NONE
            if channel == Delivery.EMAIL and users[pk]:
                mode = EmailMode.DIGEST if pk in digest else EmailMode.INSTANT
            rows.append(Notification(recipient_id=pk, email_mode=mode, **base))
        if rows:
            before = len(rows)
            Notification.objects.bulk_create(rows, batch_size=settings.OASIS_NOTICES_BATCH_SIZE, ignore_conflicts=True)
            result.offered += before
    result.emailed = emails_send_instant(event_key=event_key, kind=kind)
    return result
