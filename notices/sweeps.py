"""Notifications triggered by time rather than by an action (run by `manage.py notices_sweep`).

This is the one place reminders come from: due-soon and overdue reviews, overdue decisions
and overdue additional answers (`manage.py workflow_timers` only fires viewflow's timers).
Being notifications, they follow each person's preferences and carry the unsubscribe link.

Every one of them has a dedup key, so running the sweep often never repeats a notification.
Overdue work is reminded again once per OASIS_REMINDER_INTERVAL_HOURS: the key names the
interval since the due date (`...:<n>`), so each interval yields one reminder at most.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from core.roles import GROUP_COORDINATORS
from ideas.models import CampaignPage, Idea, IdeaStatus
from notices.models import Kind
from notices.receivers import campaign_announce, decision_needed_notify, due_date, expert_name, idea_data
from notices.services import notifications_schedule
from review.models import AdditionalAnswerRequest, Review
from review.selectors import panels_done
from workflows.models import IdeaReviewProcess, Stage


def campaigns_announce_opened(*, now: datetime | None = None, window_days: int = 2) -> int:
    """Announce campaigns that opened in the last `window_days` (the dedup key makes it once each)."""
    now = now or timezone.now()
    opened = (
        CampaignPage.objects.live()
        .canonical()
        .filter(is_general=False, opens_at__lte=now, opens_at__gte=now - timedelta(days=window_days))
    )
    return sum(1 for campaign in opened if campaign_announce(campaign))


def overdue_round(*, due_at: datetime, now: datetime) -> int:
    """Which reminder interval since `due_at` `now` falls in (0 for the first)."""
    return int((now - due_at) / timedelta(hours=settings.OASIS_REMINDER_INTERVAL_HOURS))


def review_overdue_notify(*, review: Review, now: datetime) -> None:
    """The expert hears once per reminder interval that their review is overdue; the
    coordinators hear it once."""
    data = idea_data(review.idea, due=due_date(review.due_at), expert=expert_name(review))
    first = f"review_overdue:{review.pk}"
    expert = [{"users": [review.expert.user_id]}]
    coordinators = [{"group": GROUP_COORDINATORS}]
    n = overdue_round(due_at=review.due_at, now=now)
    if n == 0:
        audiences = [(first, expert + coordinators)]
    else:
        audiences = [(first, coordinators), (f"{first}:{n}", expert)]
    for event_key, audience in audiences:
        notifications_schedule(
            kind=Kind.REVIEW_OVERDUE, event_key=event_key, audience=audience, target=review.idea, data=data
        )


def review_due_soon_notify(*, review: Review) -> None:
    notifications_schedule(
        kind=Kind.REVIEW_DUE_SOON,
        event_key=f"review_due_soon:{review.pk}",
        audience=[{"users": [review.expert.user_id]}],
        target=review.idea,
        data=idea_data(review.idea, due=due_date(review.due_at)),
    )


def reviews_remind_due(*, now: datetime | None = None) -> int:
    """Open reviews due within OASIS_NOTICES_DUE_SOON_DAYS remind their expert; overdue ones
    tell the expert and the coordinators. Returns how many reviews were looked at."""
    now = now or timezone.now()
    soon = now + timedelta(days=settings.OASIS_NOTICES_DUE_SOON_DAYS)
    count = 0
    for review in Review.objects.open().filter(due_at__lt=soon).select_related("idea", "expert__user"):
        if review.due_at < now:
            review_overdue_notify(review=review, now=now)
        else:
            review_due_soon_notify(review=review)
        count += 1
    return count


def decisions_remind_overdue(*, now: datetime | None = None) -> int:
    """The department's staff hear, once per reminder interval, that its decision is overdue."""
    overdue = IdeaReviewProcess.objects.filter(
        stage=Stage.AWAITING_DECISION, idea__department__isnull=False
    ).select_related("idea")
    return _departments_remind(Kind.DECISION_OVERDUE, overdue, due_field="decision_due_at", now=now)


def answers_remind_overdue(*, now: datetime | None = None) -> int:
    """The department's staff hear, once per reminder interval, that an additional answer
    a citizen asked for is overdue."""
    overdue = AdditionalAnswerRequest.objects.filter(
        answered_at__isnull=True, idea__department__isnull=False
    ).select_related("idea")
    return _departments_remind(Kind.ANSWER_OVERDUE, overdue, due_field="due_at", now=now)


def _departments_remind(kind: str, rows: QuerySet, *, due_field: str, now: datetime | None) -> int:
    """One reminder per overdue row and reminder interval to the staff of the idea's department."""
    now = now or timezone.now()
    count = 0
    for row in rows.filter(**{f"{due_field}__lt": now}):
        idea, due_at = row.idea, getattr(row, due_field)
        notifications_schedule(
            kind=kind,
            event_key=f"{kind!s}:{row.pk}:{overdue_round(due_at=due_at, now=now)}",
            audience=[{"department": idea.department_id}],
            target=idea,
            data=idea_data(idea, due=due_date(due_at)),
        )
        count += 1
    return count


def decisions_needed() -> int:
    """Repair: ideas whose panels are all done but no decision recorded (the signal's race)."""
    count = 0
    for idea in Idea.objects.filter(
        status=IdeaStatus.IN_REVIEW, decision__isnull=True, reviews__isnull=False
    ).distinct():
        if panels_done(idea):
            decision_needed_notify(idea)
            count += 1
    return count
