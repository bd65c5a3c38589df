"""One e-mail per event: pending rows are claimed, then sent in batches over one connection."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import models, transaction

from core.language import user_languages
from notices.models import EmailMode, Notification
from notices.services.rendering import email_message, event_email_render, unsubscribe_url


def emails_claim(*, queryset: models.QuerySet, limit: int) -> list[int]:
    """Mark up to `limit` pending rows as e-mailed and return their ids (committed first).

    SKIP LOCKED (PostgreSQL) lets two workers drain the same event without sending a row twice.
    """
    with transaction.atomic():
        ids = list(queryset.select_for_update(skip_locked=True).order_by("pk").values_list("pk", flat=True)[:limit])
        if ids:
            Notification.objects.filter(pk__in=ids).update(emailed=True)
    return ids


def emails_send_instant(*, event_key: str | None = None, kind: str | None = None) -> int:
    """Send the pending one-per-event e-mails (of one event, or all); returns how many went out.

    Rows are claimed before sending; if sending a batch fails, its rows are released again
    (so `manage.py notices_sweep` retries them) and the error is raised. Each e-mail is in its
    recipient's language, rendered once per event and language.
    """
    pending = Notification.objects.filter(email_mode=EmailMode.INSTANT, emailed=False)
    if event_key is not None:
        pending = pending.filter(event_key=event_key)
    if kind is not None:
        pending = pending.filter(kind=kind)
    sent = 0
    rendered: dict[tuple[str, str], tuple[str, str, str]] = {}
    connection = get_connection()  # one connection (SMTP session) for all the batches
    connection.open()
    try:
        while ids := emails_claim(queryset=pending, limit=settings.OASIS_NOTICES_EMAIL_BATCH_SIZE):
            sent += _send_claimed(ids, connection, rendered)
    finally:
        connection.close()
    return sent


def _send_claimed(ids: list[int], connection: Any, rendered: dict) -> int:
    try:
        rows = list(
            Notification.objects.filter(pk__in=ids).values_list(
                "recipient_id", "recipient__email", "kind", "event_key", "data"
            )
        )
        languages = user_languages(row[0] for row in rows)
        messages = []
        for recipient_id, email, row_kind, row_event, data in rows:
            if not email:
                continue
            language = languages[recipient_id]
            key = (row_kind, row_event, language)
            if key not in rendered:
                rendered[key] = event_email_render(kind=row_kind, data=data or {}, language=language)
            subject, text, html = rendered[key]
            unsubscribe = unsubscribe_url(user_id=recipient_id, kind=row_kind)
            messages.append(email_message(to=email, subject=subject, text=text, html=html, unsubscribe=unsubscribe))
        return connection.send_messages(messages) or 0
    except Exception:
        Notification.objects.filter(pk__in=ids).update(emailed=False)
        raise
