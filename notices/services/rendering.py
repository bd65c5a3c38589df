"""What a notification says and links to, and the e-mail message that carries it.

Every e-mail carries a signed one-click unsubscribe link (body and `List-Unsubscribe`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from notices.models import Kind

UNSUBSCRIBE_SALT = "notices.unsubscribe"
ALL_KINDS = "*"
# Replaced per recipient in an e-mail rendered once per event.
UNSUBSCRIBE_PLACEHOLDER = "__OASIS_UNSUBSCRIBE_URL__"


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


def email_message(*, to: str, subject: str, text: str, html: str, unsubscribe: str) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=subject,
        body=text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
        to=[to],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe), "text/html")
    return message


def event_email_render(*, kind: str, data: dict[str, Any]) -> tuple[str, str, str]:
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
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        }
        subject = " ".join(text_line.split())[:150]
        text = render_to_string("notices/email/event.txt", context)
        html = render_to_string("notices/email/event.html", context)
    return subject, text, html
