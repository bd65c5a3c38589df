"""What a notification says and links to, and the e-mail message that carries it.

A notification is stored as its kind and plain parameters (codes, ISO dates, names), never as
text: its message is rendered when it is shown or sent, in the language of whoever reads it
(the viewer of the list, the bell and the API; each e-mail's recipient).

Every e-mail carries a signed one-click unsubscribe link (body and `List-Unsubscribe`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation

from notices.models import Kind
from review.models import ImplementationStatus, Outcome

UNSUBSCRIBE_SALT = "notices.unsubscribe"
ALL_KINDS = "*"
# Replaced per recipient in an e-mail rendered once per event.
UNSUBSCRIBE_PLACEHOLDER = "__OASIS_UNSUBSCRIBE_URL__"


def absolute_url(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.OASIS_NOTICES_BASE_URL + path


def _label(choices: type[models.TextChoices], value: str | None) -> str:
    """A stored code's label in the active language (rows written before codes held the label)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def _date(value: str | None) -> str:
    """A stored ISO date in the active language's DATE_FORMAT."""
    try:
        return formats.date_format(date.fromisoformat(value or ""), "DATE_FORMAT")
    except ValueError:
        return value or ""


def notification_text(*, kind: str, data: dict[str, Any] | None) -> str:
    """The one-line message of a notification in the active language (templates/notices/includes/message.txt)."""
    data = data or {}
    context = {
        "kind": kind,
        "data": data,
        "due": _date(data.get("due")),
        "outcome": _label(Outcome, data.get("outcome")),
        "status": _label(ImplementationStatus, data.get("status")),
    }
    return render_to_string("notices/includes/message.txt", context).strip()


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


def event_email_render(*, kind: str, data: dict[str, Any], language: str) -> tuple[str, str, str]:
    """Subject, text and HTML of an event's e-mail in `language`, rendered once for all its recipients
    who read that language. An override, not activate: the fan-out's next recipient starts clean."""
    with translation.override(language):
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
