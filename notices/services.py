"""Notifications: fan-out of domain events to the in-app feed and e-mail, preferences, digest.

A domain event (an idea selected, a verdict published, a comment...) becomes one call of
`notifications_schedule(...)`: it enqueues `notices.tasks.notify_event` after the caller's
transaction commits. The task resolves the audience in the database, writes the feed rows
with `bulk_create(ignore_conflicts=True)` in batches (the unique (recipient, event_key) key
makes a retried task insert nothing twice) and then sends the e-mails in batches over one
connection each, claiming rows (`emailed=True`) before sending so no e-mail goes out twice.

With django-tasks' ImmediateBackend (the embedded default) the task runs right after the
commit, in the same process; with a worker backend it runs in the worker, fully outside the
request that published the event.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notices.models import (
    DEFAULT_CHANNELS,
    Channel,
    DeliverySettings,
    EmailMode,
    Kind,
    Notification,
    Preference,
)

logger = logging.getLogger("oasis.notices")

UNSUBSCRIBE_SALT = "notices.unsubscribe"
ALL_KINDS = "*"
# Replaced per recipient in an e-mail rendered once per event.
_UNSUBSCRIBE_PLACEHOLDER = "__OASIS_UNSUBSCRIBE_URL__"


# --- scheduling ---------------------------------------------------------------------------


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
    from notices.tasks import notify_event

    kwargs = {
        "kind": str(kind),
        "event_key": event_key,
        "audience": list(audience),
        "target": object_ref(target),
        "actor": object_ref(actor),
        "exclude": sorted({int(pk) for pk in exclude}),
        "data": {k: str(v) for k, v in (data or {}).items()},
    }
    transaction.on_commit(lambda: notify_event.enqueue(**kwargs))


def audience_resolve(audience: Sequence[dict[str, Any]]) -> set[int]:
    """Recipient ids for specs: {"idea": id} (author, voters, followers), {"users": [ids]},
    {"group": name}, {"department": id} (its staff group), {"subscribers": kind}."""
    from ideas.models import Department, Follow, Idea, Vote

    ids: set[int] = set()
    for spec in audience:
        if "idea" in spec:
            idea_id = int(spec["idea"])
            ids.update(Idea.objects.filter(pk=idea_id).values_list("author_id", flat=True))
            ids.update(Vote.objects.filter(idea_id=idea_id).values_list("voter_id", flat=True).iterator(5000))
            ids.update(Follow.objects.filter(idea_id=idea_id).values_list("user_id", flat=True).iterator(5000))
        elif "users" in spec:
            ids.update(int(pk) for pk in spec["users"] if pk is not None)
        elif "group" in spec:
            ids.update(User.objects.filter(groups__name=spec["group"]).values_list("pk", flat=True))
        elif "department" in spec:
            group_id = Department.objects.filter(pk=spec["department"]).values_list("group_id", flat=True).first()
            if group_id:
                ids.update(User.objects.filter(groups=group_id).values_list("pk", flat=True))
        elif "subscribers" in spec:
            kind = spec["subscribers"]
            subscribed = Preference.objects.filter(kind=kind).exclude(channel=Channel.OFF)
            ids.update(subscribed.values_list("user_id", flat=True).iterator(5000))
            if DEFAULT_CHANNELS[kind] != Channel.OFF:
                raise ValueError("subscriber audiences are for opt-in kinds")
        else:
            raise ValueError(f"unknown audience spec {spec!r}")
    return ids


# --- fan-out ----------------------------------------------------------------------------


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
        wants_email = [pk for pk, channel in channels.items() if channel == Channel.EMAIL and users[pk]]
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
            if channel is None or channel == Channel.OFF:
                continue
            mode = EmailMode.NONE
            if channel == Channel.EMAIL and users[pk]:
                mode = EmailMode.DIGEST if pk in digest else EmailMode.INSTANT
            rows.append(Notification(recipient_id=pk, email_mode=mode, **base))
        if rows:
            before = len(rows)
            Notification.objects.bulk_create(rows, batch_size=settings.OASIS_NOTICES_BATCH_SIZE, ignore_conflicts=True)
            result.offered += before
    result.emailed = emails_send_instant(event_key=event_key, kind=kind)
    return result


# --- rendering --------------------------------------------------------------------------


def absolute_url(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.OASIS_NOTICES_BASE_URL + path


def notification_text(*, kind: str, data: dict[str, Any] | None) -> str:
    """The one-line message of a notification, from templates/notices/includes/message.txt."""
    return render_to_string("notices/includes/message.txt", {"kind": kind, "data": data or {}}).strip()


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": int(user_id), "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return absolute_url(reverse("notices:unsubscribe", kwargs={"token": token}))


def _message(*, to: str, subject: str, text: str, html: str, unsubscribe: str) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=subject,
        body=text.replace(_UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
        to=[to],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html.replace(_UNSUBSCRIBE_PLACEHOLDER, unsubscribe), "text/html")
    return message


def _render_event_email(*, kind: str, data: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, text and HTML of an event's e-mail, rendered once for all its recipients."""
    with translation.override(settings.LANGUAGE_CODE):
        text_line = notification_text(kind=kind, data=data)
        context = {
            "kind": kind,
            "kind_label": Kind(kind).label,
            "message": text_line,
            "data": data,
            "link": absolute_url(data.get("url", "")),
            "preferences_url": absolute_url(reverse("notices:preferences")),
            "unsubscribe_url": _UNSUBSCRIBE_PLACEHOLDER,
        }
        subject = " ".join(text_line.split())[:150]
        text = render_to_string("notices/email/event.txt", context)
        html = render_to_string("notices/email/event.html", context)
    return subject, text, html


# --- e-mail -------------------------------------------------------------------------------


def _claim(queryset: models.QuerySet, limit: int) -> list[int]:
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
    (so `manage.py notices_sweep` retries them) and the error is raised.
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
        while ids := _claim(pending, settings.OASIS_NOTICES_EMAIL_BATCH_SIZE):
            sent += _send_claimed(ids, connection, rendered)
    finally:
        connection.close()
    return sent


def _send_claimed(ids: list[int], connection: Any, rendered: dict) -> int:
    try:
        rows = Notification.objects.filter(pk__in=ids).values_list(
            "recipient_id", "recipient__email", "kind", "event_key", "data"
        )
        messages = []
        for recipient_id, email, row_kind, row_event, data in rows:
            if not email:
                continue
            key = (row_kind, row_event)
            if key not in rendered:
                rendered[key] = _render_event_email(kind=row_kind, data=data or {})
            subject, text, html = rendered[key]
            unsubscribe = unsubscribe_url(user_id=recipient_id, kind=row_kind)
            messages.append(_message(to=email, subject=subject, text=text, html=html, unsubscribe=unsubscribe))
        return connection.send_messages(messages) or 0
    except Exception:
        Notification.objects.filter(pk__in=ids).update(emailed=False)
        raise


def digest_send(*, batch_size: int = 100) -> int:
    """Send each user with pending digest items one e-mail listing them all; returns e-mails sent.

    Items are claimed per user before sending, so running it twice (or a retry after a
    failure in another batch) never repeats an item.
    """
    sent = 0
    pending = Notification.objects.filter(email_mode=EmailMode.DIGEST, emailed=False)
    while True:
        user_ids = list(pending.order_by("recipient_id").values_list("recipient_id", flat=True).distinct()[:batch_size])
        if not user_ids:
            return sent
        messages = []
        claimed: list[int] = []
        for user in User.objects.filter(pk__in=user_ids):
            ids = _claim(pending.filter(recipient=user), 10_000)
            claimed.extend(ids)
            items = list(Notification.objects.filter(pk__in=ids).order_by("timestamp", "pk"))
            if not items or not user.email:
                continue
            unsubscribe = unsubscribe_url(user_id=user.pk, kind=ALL_KINDS)
            with translation.override(settings.LANGUAGE_CODE):
                lines = [
                    {
                        "text": notification_text(kind=n.kind, data=n.data),
                        "link": absolute_url(n.url),
                        "when": n.timestamp,
                    }
                    for n in items
                ]
                context = {
                    "user": user,
                    "items": lines,
                    "count": len(lines),
                    "list_url": absolute_url(reverse("notices:notification-list")),
                    "preferences_url": absolute_url(reverse("notices:preferences")),
                    "unsubscribe_url": unsubscribe,
                }
                subject = _("Oasis: your daily digest (%(n)d updates)") % {"n": len(lines)}
                text = render_to_string("notices/email/digest.txt", context)
                html = render_to_string("notices/email/digest.html", context)
            messages.append(_message(to=user.email, subject=subject, text=text, html=html, unsubscribe=unsubscribe))
        try:
            with get_connection() as connection:
                sent += connection.send_messages(messages) or 0
        except Exception:
            Notification.objects.filter(pk__in=claimed).update(emailed=False)
            raise


# --- the feed -----------------------------------------------------------------------------


def notifications_for(user: AbstractBaseUser) -> models.QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-timestamp", "-pk")


def unread_count(user: AbstractBaseUser) -> int:
    """The bell's number: one COUNT over the (recipient, unread) index."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, unread=True).count()


def notification_mark_read(*, user: AbstractBaseUser, notification_id: int) -> Notification:
    """Mark one of the user's notifications read; someone else's is "not found" (Notification.DoesNotExist)."""
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.unread:
        notification.unread = False
        notification.save(update_fields=["unread"])
    return notification


def notifications_mark_all_read(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, unread=True).update(unread=False)


# --- preferences and unsubscribing ----------------------------------------------------------


def preferences_for(user: AbstractBaseUser) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
    return {kind: chosen.get(kind, DEFAULT_CHANNELS[kind]) for kind in Kind.values}


def preference_set(*, user: AbstractBaseUser, kind: str, channel: str) -> Preference:
    if kind not in Kind.values:
        raise ValidationError(_("Unknown kind of notification."), code="invalid")
    if channel not in Channel.values:
        raise ValidationError(_("Choose in the app only, e-mail too, or off."), code="invalid")
    preference, _created = Preference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})
    return preference


def daily_digest_for(user: AbstractBaseUser) -> bool:
    return DeliverySettings.objects.filter(user=user, daily_digest=True).exists()


def delivery_set(*, user: AbstractBaseUser, daily_digest: bool) -> DeliverySettings:
    settings_row, _created = DeliverySettings.objects.update_or_create(
        user=user, defaults={"daily_digest": bool(daily_digest)}
    )
    return settings_row


def unsubscribe_apply(*, token: str) -> tuple[User, str]:
    """Stop e-mails of one kind (or all: kind "*") for the user named by a signed token.

    Raises ValidationError (and changes nothing) if the token was not signed by us.
    Campaign news is a subscription, so unsubscribing from it turns it off entirely.
    """
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user = User.objects.get(pk=int(payload["u"]))
        kind = str(payload["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, User.DoesNotExist):
        raise ValidationError(_("This unsubscribe link is not valid."), code="bad_token") from None
    if kind != ALL_KINDS and kind not in Kind.values:
        raise ValidationError(_("This unsubscribe link is not valid."), code="bad_token")
    kinds = Kind.values if kind == ALL_KINDS else [kind]
    current = preferences_for(user)
    with transaction.atomic():
        for k in kinds:
            if current[k] == Channel.EMAIL or (k == Kind.CAMPAIGN_OPENED and current[k] != Channel.OFF):
                preference_set(user=user, kind=k, channel=Channel.OFF if k == Kind.CAMPAIGN_OPENED else Channel.IN_APP)
        # Nothing already queued for this user's e-mail goes out any more.
        pending = Notification.objects.filter(recipient=user, emailed=False).exclude(email_mode=EmailMode.NONE)
        if kind != ALL_KINDS:
            pending = pending.filter(kind=kind)
        pending.update(email_mode=EmailMode.NONE)
    return user, kind
