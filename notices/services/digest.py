"""The daily digest: one e-mail per user listing everything pending for them."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.mail import get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from core.language import user_languages
from notices.models import EmailMode, Notification
from notices.services.emails import emails_claim
from notices.services.rendering import (
    ALL_KINDS,
    absolute_url,
    email_message,
    notification_text,
    unsubscribe_url,
)


def digest_send(*, batch_size: int = 100) -> int:
    """Send each user with pending digest items one e-mail listing them all; returns e-mails sent.

    Items are claimed per user before sending, so running it twice (or a retry after a
    failure in another batch) never repeats an item. Each digest is in its recipient's language.
    """
    sent = 0
    pending = Notification.objects.filter(email_mode=EmailMode.DIGEST, emailed=False)
    while True:
        user_ids = list(pending.order_by("recipient_id").values_list("recipient_id", flat=True).distinct()[:batch_size])
        if not user_ids:
            return sent
        messages = []
        claimed: list[int] = []
        languages = user_languages(user_ids)
        for user in User.objects.filter(pk__in=user_ids):
            ids = emails_claim(queryset=pending.filter(recipient=user), limit=10_000)
            claimed.extend(ids)
            items = list(Notification.objects.filter(pk__in=ids).order_by("timestamp", "pk"))
            if not items or not user.email:
                continue
            unsubscribe = unsubscribe_url(user_id=user.pk, kind=ALL_KINDS)
            with translation.override(languages[user.pk]):
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
                subject = ngettext(
                    "Oasis: your daily digest (%(n)d update)", "Oasis: your daily digest (%(n)d updates)", len(lines)
                ) % {"n": len(lines)}
                text = render_to_string("notices/email/digest.txt", context)
                html = render_to_string("notices/email/digest.html", context)
            messages.append(
                email_message(to=user.email, subject=subject, text=text, html=html, unsubscribe=unsubscribe)
            )
        try:
            with get_connection() as connection:
                sent += connection.send_messages(messages) or 0
        except Exception:
            Notification.objects.filter(pk__in=claimed).update(emailed=False)
            raise
