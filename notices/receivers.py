"""Domain signals -> notifications. ideas/ and review/ send signals; they never import notices.

Each receiver only schedules a fan-out (after commit, as a background task), so a signal's
sender never waits for, nor fails because of, notifications. One wiring style: `@receiver`
here, this module imported by `NoticesConfig.ready()`.

The data of a notification holds no words of ours: codes (an outcome, a status), ISO dates and
names. Its text is rendered in the reader's language when it is shown or sent
(`notices.services.notification_text`).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from core.roles import GROUP_COORDINATORS
from ideas.models import CampaignPage, Comment, Idea
from ideas.signals import comment_posted, idea_selected_for_review
from notices.models import Kind
from notices.services import notifications_schedule
from review import signals as review_signals
from review.models import AdditionalAnswerRequest, Decision, Review

logger = logging.getLogger("oasis.notices")


def idea_data(idea: Idea, **extra: object) -> dict[str, object]:
    return {"title": idea.title, "url": idea.get_absolute_url(), "idea": idea.pk, **extra}


def due_date(due_at: datetime) -> str:
    """A due date as stored in a notification: the local calendar day, ISO (shown in the reader's format)."""
    return timezone.localdate(due_at).isoformat()


@receiver(idea_selected_for_review, dispatch_uid="notices.idea_selected")
def on_idea_selected(sender, idea: Idea, **kwargs) -> None:
    notifications_schedule(
        kind=Kind.IDEA_SELECTED,
        event_key=f"idea_selected:{idea.pk}",
        audience=[{"idea": idea.pk}],
        target=idea,
        data=idea_data(idea),
    )
    notifications_schedule(
        kind=Kind.SCREENING_NEEDED,
        event_key=f"screening_needed:{idea.pk}",
        audience=[{"group": GROUP_COORDINATORS}],
        target=idea,
        data=idea_data(idea),
    )


@receiver(comment_posted, dispatch_uid="notices.comment_posted")
def on_comment_posted(sender, comment: Comment, **kwargs) -> None:
    idea = comment.idea
    data = idea_data(idea, author=comment.author.get_username(), url=f"{idea.get_absolute_url()}#comment-{comment.pk}")
    # Both kinds share the event key: someone who is both the idea's author and the author of
    # the comment replied to hears about it once (as a reply, scheduled first).
    if comment.parent_id and comment.parent.author_id != comment.author_id:
        notifications_schedule(
            kind=Kind.COMMENT_REPLIED,
            event_key=f"comment:{comment.pk}",
            audience=[{"users": [comment.parent.author_id]}],
            target=idea,
            actor=comment.author,
            data=data,
        )
    if idea.author_id != comment.author_id:
        notifications_schedule(
            kind=Kind.COMMENT_POSTED,
            event_key=f"comment:{comment.pk}",
            audience=[{"users": [idea.author_id]}],
            target=idea,
            actor=comment.author,
            data=data,
        )


def campaign_announce(campaign: CampaignPage) -> bool:
    """Tell campaign-news subscribers that a campaign is open (once per campaign)."""
    if campaign.is_general or not campaign.live or not campaign.is_open_at(timezone.now()):
        return False
    notifications_schedule(
        kind=Kind.CAMPAIGN_OPENED,
        event_key=f"campaign_opened:{campaign.pk}",
        audience=[{"subscribers": Kind.CAMPAIGN_OPENED}],
        target=campaign,
        data={"title": campaign.title, "url": campaign.url or "", "campaign": campaign.pk},
    )
    return True


@receiver(page_published, dispatch_uid="notices.campaign_published")
def on_page_published(sender, instance, **kwargs) -> None:
    # A campaign published with a future opening date is announced by `manage.py notices_sweep`.
    if isinstance(instance, CampaignPage):
        campaign_announce(instance.canonical)  # a translation's publication announces nothing new


# --- the review workflow (review.signals) -------------------------------------------------


def expert_name(review: Review) -> str:
    user = review.expert.user
    return user.get_full_name() or user.get_username()


def decision_needed_notify(idea: Idea) -> None:
    if idea.department_id is None:
        return
    notifications_schedule(
        kind=Kind.DECISION_NEEDED,
        event_key=f"decision_needed:{idea.pk}",
        audience=[{"department": idea.department_id}],
        target=idea,
        data=idea_data(idea),
    )


@receiver(review_signals.review_assigned, dispatch_uid="notices.on_review_assigned")
def on_review_assigned(sender, review: Review, **kwargs) -> None:
    notifications_schedule(
        kind=Kind.REVIEW_ASSIGNED,
        event_key=f"review_assigned:{review.pk}",
        audience=[{"users": [review.expert.user_id]}],
        target=review.idea,
        data=idea_data(review.idea, due=due_date(review.due_at)),
    )


@receiver(review_signals.reviewer_recused, dispatch_uid="notices.on_reviewer_recused")
def on_reviewer_recused(sender, review: Review, **kwargs) -> None:
    notifications_schedule(
        kind=Kind.REVIEWER_RECUSED,
        event_key=f"reviewer_recused:{review.pk}",
        audience=[{"group": GROUP_COORDINATORS}],
        target=review.idea,
        data=idea_data(review.idea, expert=expert_name(review)),
    )


@receiver(review_signals.reviews_completed, dispatch_uid="notices.on_reviews_completed")
def on_reviews_completed(sender, idea: Idea, **kwargs) -> None:
    decision_needed_notify(idea)


@receiver(review_signals.verdict_published, dispatch_uid="notices.on_verdict_published")
def on_verdict_published(sender, decision: Decision, **kwargs) -> None:
    idea = decision.idea
    notifications_schedule(
        kind=Kind.VERDICT_PUBLISHED,
        event_key=f"verdict_published:{decision.pk}",
        audience=[{"idea": idea.pk}],
        target=idea,
        actor=decision.department,
        data=idea_data(idea, outcome=decision.outcome),
    )


@receiver(review_signals.implementation_updated, dispatch_uid="notices.on_implementation_updated")
def on_implementation_updated(sender, decision: Decision, **kwargs) -> None:
    idea = decision.idea
    status = decision.implementation_status
    stamp = f"{decision.implementation_updated_at:%Y%m%d%H%M%S%f}" if decision.implementation_updated_at else ""
    notifications_schedule(
        kind=Kind.IMPLEMENTATION_CHANGED,
        # One notification per change (the status may change several times).
        event_key=f"implementation_changed:{decision.pk}:{status}:{stamp}"[:120],
        audience=[{"idea": idea.pk}],
        target=idea,
        actor=decision.department,
        data=idea_data(idea, status=status),
    )


@receiver(review_signals.additional_answer_requested, dispatch_uid="notices.on_answer_requested")
def on_answer_requested(sender, request: AdditionalAnswerRequest, **kwargs) -> None:
    idea = request.idea
    if idea.department_id is None:
        return
    notifications_schedule(
        kind=Kind.ANSWER_REQUESTED,
        event_key=f"answer_requested:{request.pk}",
        audience=[{"department": idea.department_id}],
        target=idea,
        actor=request.requester,
        data=idea_data(idea),
    )


@receiver(review_signals.additional_answer_given, dispatch_uid="notices.on_answer_given")
def on_answer_given(sender, request: AdditionalAnswerRequest, **kwargs) -> None:
    notifications_schedule(
        kind=Kind.ANSWER_GIVEN,
        event_key=f"answer_given:{request.pk}",
        audience=[{"users": [request.requester_id]}],
        target=request.idea,
        data=idea_data(request.idea),
    )
