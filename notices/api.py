"""API v1: the caller's notifications (`/me/notifications`), mounted by oasis.api."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from pydantic import Field

from core.api import AUTH, ERRORS_READ, ERRORS_WRITE, PageIn, PageOut, paginate
from core.language import chosen_language
from notices import services
from notices.models import Kind, Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str = Field(..., description=f"One of: {', '.join(Kind.values)}.")
    text: str = Field(
        ...,
        description="The message, in the caller's language: the one chosen on their account, "
        "else the request's Accept-Language.",
    )
    title: str = Field(..., description="The title of the idea or campaign concerned.")
    url: str = Field(..., description="Absolute link to the thing concerned.")
    unread: bool
    timestamp: datetime


class NotificationPageOut(PageOut):
    unread: int = Field(..., description="How many of the caller's notifications are unread (the bell's number).")
    results: list[NotificationOut]


class NotificationFilters(PageIn):
    unread: bool | None = Field(None, description="true: only unread ones; false: only read ones.")


class ReadAllOut(Schema):
    marked: int = Field(..., description="How many notifications this call marked as read.")
    unread: int


def _reader_language(request: HttpRequest) -> str:
    """The caller reads their notifications in their account's language, else the request's."""
    return chosen_language(request.auth) or translation.get_language()


def _out(n: Notification) -> dict:
    return {
        "id": n.pk,
        "kind": n.kind,
        "text": services.notification_text(kind=n.kind, data=n.data),
        "title": n.title,
        "url": services.absolute_url(n.url),
        "unread": n.unread,
        "timestamp": n.timestamp,
    }


@router.get(
    "/me/notifications",
    response={200: NotificationPageOut, 400: ERRORS_WRITE[400], **ERRORS_READ},
    auth=AUTH,
    summary="My notifications, newest first",
)
def my_notifications(request: HttpRequest, filters: Query[NotificationFilters]):
    qs = services.notifications_for(request.auth)
    if filters.unread is not None:
        qs = qs.filter(unread=filters.unread)
    with translation.override(_reader_language(request)):
        page = paginate(request, qs, page=filters.page, page_size=filters.page_size, out=_out)
    return {**page, "unread": services.unread_count(request.auth)}


@router.post(
    "/me/notifications/read-all",
    response={200: ReadAllOut, **ERRORS_WRITE},
    auth=AUTH,
    summary="Mark all my notifications as read",
)
def my_notifications_read_all(request: HttpRequest):
    marked = services.notifications_mark_all_read(user=request.auth)
    return {"marked": marked, "unread": services.unread_count(request.auth)}


@router.post(
    "/me/notifications/{int:notification_id}/read",
    response={200: NotificationOut, **ERRORS_WRITE},
    auth=AUTH,
    summary="Mark one of my notifications as read",
)
def my_notification_read(request: HttpRequest, notification_id: int):
    """Idempotent. 404 for a notification that is not the caller's."""
    try:
        notification = services.notification_mark_read(user=request.auth, notification_id=notification_id)
    except Notification.DoesNotExist:
        raise Http404 from None
    with translation.override(_reader_language(request)):
        return _out(notification)
