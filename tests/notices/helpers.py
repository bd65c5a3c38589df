"""Helpers for notification tests (import them; they are not fixtures)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core import mail

from notices.models import Notification
from notices.services import notifications_fan_out


def recipients_of(kind: str) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def inbox_of(user) -> list:
    """E-mails sent to this user (django's locmem outbox)."""
    return [m for m in mail.outbox if user.email in m.to]


def feed_texts(client) -> str:
    return client.get("/notifications/").content.decode()


def notify(users, *, idea, kind: str = "comment_posted", event: str = "e1", **data) -> None:
    """Deliver one event about `idea` to `users` directly (as the background task would)."""
    target = {"ct": ContentType.objects.get_for_model(idea).pk, "pk": str(idea.pk)}
    payload = {"title": idea.title, "url": idea.get_absolute_url(), "author": "someone", **data}
    notifications_fan_out(
        kind=kind, event_key=f"{kind}:{event}", recipient_ids=[u.pk for u in users], target=target, data=payload
    )
