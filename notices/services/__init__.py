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

One module per sub-domain; this package re-exports their public functions, so callers use
`notices.services.<name>` whatever module it lives in:

- `scheduling`: `notifications_schedule` (what receivers and sweeps call), `object_ref`;
- `audiences`: `audience_resolve`, who an audience spec names;
- `fanout`: `notifications_fan_out`, the feed rows of one event and its instant e-mails;
- `rendering`: message text, absolute links, unsubscribe links, the e-mail message;
- `emails`: `emails_send_instant`, one e-mail per event, claimed before sending;
- `digest`: `digest_send`, the daily digest e-mail;
- `feed`: the in-app list, the bell's count, marking read;
- `preferences`: per-kind channels, digest choice, the signed unsubscribe link.
"""

from notices.services.audiences import audience_resolve
from notices.services.digest import digest_send
from notices.services.emails import emails_send_instant
from notices.services.fanout import FanOutResult, notifications_fan_out
from notices.services.feed import notification_mark_read, notifications_for, notifications_mark_all_read, unread_count
from notices.services.preferences import (
    daily_digest_for,
    delivery_set,
    preference_set,
    preferences_for,
    unsubscribe_apply,
)
from notices.services.rendering import (
    ALL_KINDS,
    UNSUBSCRIBE_SALT,
    absolute_url,
    notification_text,
    unsubscribe_token,
    unsubscribe_url,
)
from notices.services.scheduling import notifications_schedule, object_ref

__all__ = [
    "ALL_KINDS",
    "UNSUBSCRIBE_SALT",
    "FanOutResult",
    "absolute_url",
    "audience_resolve",
    "daily_digest_for",
    "delivery_set",
    "digest_send",
    "emails_send_instant",
    "notification_mark_read",
    "notification_text",
    "notifications_fan_out",
    "notifications_for",
    "notifications_mark_all_read",
    "notifications_schedule",
    "object_ref",
    "preference_set",
    "preferences_for",
    "unread_count",
    "unsubscribe_apply",
    "unsubscribe_token",
    "unsubscribe_url",
]
