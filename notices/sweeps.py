"""Notifications triggered by time rather than by an action (run by `manage.py notices_sweep`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from ideas.models import CampaignPage


def campaigns_announce_opened(*, now: datetime | None = None, window_days: int = 2) -> int:
    """Announce campaigns that opened in the last `window_days` (the dedup key makes it once each)."""
    from notices.receivers import campaign_announce

    now = now or timezone.now()
    opened = CampaignPage.objects.live().filter(
        is_general=False, opens_at__lte=now, opens_at__gte=now - timedelta(days=window_days)
    )
    return sum(1 for campaign in opened if campaign_announce(campaign))


def reviews_remind_due(*, now: datetime | None = None) -> int:
    """Reviews due within OASIS_NOTICES_DUE_SOON_DAYS: remind their expert (wired to review/ later)."""
    return 0
