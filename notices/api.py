"""API v1: the caller's notifications (`/me/notifications`), mounted by oasis.api."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from core.api import AUTH, ERRORS_READ, ERRORS_WRITE
from notices import services
from notices.models import Kind, Notification

router = Router(tags=["notifications"])

MAX_PAGE_SIZE = 100


class NotificationOut(Schema):
    id: int
    kind: str = Field(..., description=f"One of: {', '.join(Kind.values)}.")
    text: str = Field(..., description="The message, in the site's language.")
    title: str = Field(..., description="The title of the idea or campaign concerned.")
    url: str = Field(..., description="Absolute link to the thing concerned.")
    unread: bool
    timestamp: datetime


class NotificationPageOut(Schema):
    count: int
    unread: int = Field(..., description="How many of the caller's notifications are unread (the bell's number).")
    page: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[NotificationOut]


class NotificationFilters(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    unread: bool | None = Field(None, description="true: only unread ones; false: only read ones.")


class ReadAllOut(Schema):
    marked: int = Field(..., description="How many notifications this call marked as read.")
    unread: int


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


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


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
    count = qs.count()
    start = (filters.page - 1) * filters.page_size
    items = list(qs[start : start + filters.page_size]) if start < count else []
    return {
        "count": count,
        "unread": services.unread_count(request.auth),
        "page": filters.page,
        "page_size": filters.page_size,
        "next": _page_url(request, filters.page + 1) if start + filters.page_size < count else None,
        "previous": _page_url(request, filters.page - 1) if filters.page > 1 else None,
        "results": [_out(n) for n in items],
    }


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
    return _out(notification)
