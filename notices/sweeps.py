"""Notifications triggered by time rather than by an action (run by `manage.py notices_sweep`).

Every one of them has a dedup key, so running the sweep often never repeats a notification.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from ideas.models import CampaignPage, Idea, IdeaStatus


def campaigns_announce_opened(*, now: datetime | None = None, window_days: int = 2) -> int:
    """Announce campaigns that opened in the last `window_days` (the dedup key makes it once each)."""
    from notices.receivers import campaign_announce

    now = now or timezone.now()
    opened = CampaignPage.objects.live().filter(
        is_general=False, opens_at__lte=now, opens_at__gte=now - timedelta(days=window_days)
    )
    return sum(1 for campaign in opened if campaign_announce(campaign))


def reviews_remind_due(*, now: datetime | None = None) -> int:
    """Open reviews due within OASIS_NOTICES_DUE_SOON_DAYS remind their expert; overdue ones
    tell the expert and the coordinators. Returns how many reviews were looked at."""
    from notices.receivers import review_due_soon_notify, review_overdue_notify
    from review.models import Review

    now = now or timezone.now()
    soon = now + timedelta(days=settings.OASIS_NOTICES_DUE_SOON_DAYS)
    count = 0
    for review in Review.objects.open().filter(due_at__lt=soon).select_related("idea", "expert__user"):
        if review.due_at < now:
            review_overdue_notify(review)
        else:
            review_due_soon_notify(review)
        count += 1
    return count


def decisions_needed() -> int:
    """Repair: ideas whose panels are all done but no decision recorded (the signal's race)."""
    from notices.receivers import decision_needed_notify
    from review.models import Panel, Review

    panels = set(Panel.objects.values_list("pk", flat=True))
    count = 0
    for idea in Idea.objects.filter(
        status=IdeaStatus.IN_REVIEW, decision__isnull=True, reviews__isnull=False
    ).distinct():
        if Review.objects.open().filter(idea=idea).exists():
            continue
        if set(Review.objects.submitted().filter(idea=idea).values_list("panel_id", flat=True)) >= panels:
            decision_needed_notify(idea)
            count += 1
    return count
