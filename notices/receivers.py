"""Domain signals -> notifications. ideas/ and review/ send signals; they never import notices.

Each receiver only schedules a fan-out (after commit, as a background task), so a signal's
sender never waits for, nor fails because of, notifications.
"""

from __future__ import annotations

import logging

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from ideas.models import CampaignPage, Comment, Idea
from ideas.rules import GROUP_COORDINATORS
from ideas.signals import comment_posted, idea_selected_for_review
from notices.models import Kind
from notices.services import notifications_schedule

logger = logging.getLogger("oasis.notices")


def idea_data(idea: Idea, **extra: object) -> dict[str, object]:
    return {"title": idea.title, "url": idea.get_absolute_url(), "idea": idea.pk, **extra}


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
        campaign_announce(instance)
