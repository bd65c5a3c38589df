"""The in-app feed: a user's notifications, the bell's count, marking read."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

from notices.models import Notification


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
