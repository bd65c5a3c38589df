"""Votes and the threshold rule.

Integrity (design.md): one vote per (citizen, idea) by a unique constraint; the count
shown is always derived from the vote rows; crossing the threshold selects an idea
for review exactly once, whatever the concurrency.

How "exactly once" holds without making the idea a hot row: casting a vote only
inserts a row. After that transaction commits, a separate short transaction counts
the committed votes and, if the threshold is met, flips the idea with a conditional
UPDATE (… WHERE status = 'open'). Whichever vote commits last sees every earlier one,
so a crossing is never missed; the conditional UPDATE lets only one transaction win,
so it never happens twice. A crash between the two steps is repaired by
`manage.py ideas_sweep`, which runs the same check.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.signals import send_now
from ideas.models import Idea, IdeaStatus, TimelineEvent, TimelineOffice, Vote
from ideas.services import campaign_check_open, idea_changed, idea_check_public, idea_transition_if
from ideas.signals import idea_selected_for_review

logger = logging.getLogger(__name__)


def _check_can_vote(*, idea: Idea, voter: AbstractBaseUser) -> None:
    if not voter.is_authenticated or not voter.is_active:
        raise PermissionDenied(_("Sign in to vote."))
    if idea.author_id == voter.pk:
        raise PermissionDenied(_("You cannot vote for your own idea."))
    idea_check_public(idea)
    if idea.status not in IdeaStatus.VOTABLE:
        raise ValidationError(_("Voting has ended for this idea."), code="voting_closed")
    campaign_check_open(idea.campaign)


def vote_cast(*, idea: Idea, voter: AbstractBaseUser) -> tuple[Vote, bool]:
    """Cast `voter`'s vote. Idempotent: a repeated vote returns the existing one.

    Returns (vote, created).
    """
    _check_can_vote(idea=idea, voter=voter)
    try:
        with transaction.atomic():
            vote = Vote.objects.create(idea=idea, voter=voter)
            if idea.status == IdeaStatus.OPEN:
                transaction.on_commit(lambda: idea_select_if_due(idea_id=idea.pk))
            transaction.on_commit(lambda: vote_count_refresh(idea_id=idea.pk))
    except IntegrityError:
        # The unique constraint caught a repeat (double click, retry, racing request).
        existing = Vote.objects.filter(idea=idea, voter=voter).first()
        if existing is None:  # pragma: no cover - only if the idea vanished meanwhile
            raise ValidationError(_("This idea is not available."), code="idea_unavailable")
        return existing, False
    return vote, True


def vote_withdraw(*, idea: Idea, voter: AbstractBaseUser) -> bool:
    """Take a vote back. Idempotent; returns whether a vote was removed.

    A selected idea stays in review even if it falls below the threshold again.
    """
    if not voter.is_authenticated:
        raise PermissionDenied(_("Sign in to vote."))
    if idea.status not in IdeaStatus.VOTABLE:
        raise ValidationError(_("Voting has ended for this idea."), code="voting_closed")
    deleted, _rows = Vote.objects.filter(idea=idea, voter=voter).delete()
    if deleted:
        transaction.on_commit(lambda: vote_count_refresh(idea_id=idea.pk))
    return bool(deleted)


def vote_count_for(idea: Idea) -> int:
    return Vote.objects.filter(idea=idea).count()


def idea_select_if_due(*, idea_id: int) -> bool:
    """Select the idea for review if its committed votes reach the threshold.

    Returns True only in the one call that made the selection.
    """
    idea = Idea.objects.select_related("campaign").filter(pk=idea_id).first()
    if idea is None or idea.status != IdeaStatus.OPEN or idea.hidden:
        return False
    votes = Vote.objects.filter(idea_id=idea_id).count()
    if votes < idea.campaign.threshold:
        return False
    with transaction.atomic():
        won = idea_transition_if(
            idea=idea,
            from_status=IdeaStatus.OPEN,
            to_status=IdeaStatus.IN_REVIEW,
            kind=TimelineEvent.Kind.SELECTED,
            office=TimelineOffice.CITIZENS,
            wording=gettext_noop("Reached the campaign's vote threshold of %(n)s."),
            wording_params={"n": idea.campaign.threshold},
            unless_hidden=True,
            selected_at=timezone.now(),
        )
        if not won:
            return False
        transaction.on_commit(lambda: _announce_selection(idea))
    return True


def _announce_selection(idea: Idea) -> None:
    """Tell subscribers (the review workflow) once the selection has committed.

    The selection is already durable here, so a failing subscriber must not turn the
    vote that triggered it into an error: it is logged, and the subscriber's own sweep
    (which looks for selected ideas without a review) repairs it.
    """
    send_now(idea_selected_for_review, sender=Idea, idea=idea)


def vote_count_refresh(*, idea_id: int) -> None:
    """Refresh the idea's sort key from its vote rows, without making voters wait.

    On PostgreSQL a refresh that finds the idea row locked skips (SKIP LOCKED): the sort
    key may lag a moment; the displayed count never does, and the sweep reconciles it.
    It takes FOR NO KEY UPDATE, not FOR UPDATE: a FOR UPDATE lock would conflict with
    the FOR KEY SHARE lock that each vote's foreign-key check takes on the idea row at
    commit, making concurrent voters wait for it.
    """
    table = Idea._meta.db_table
    vote_table = Vote._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} SET vote_count = (SELECT COUNT(*) FROM {vote_table} v WHERE v.idea_id = %s) "
                f"WHERE id = (SELECT id FROM {table} WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED)",
                [idea_id, idea_id],
            )
        else:
            cursor.execute(
                f"UPDATE {table} SET vote_count = (SELECT COUNT(*) FROM {vote_table} v WHERE v.idea_id = %s) WHERE id = %s",
                [idea_id, idea_id],
            )
    idea_changed(idea_id, coalesce=True)


def ideas_sweep() -> dict[str, int]:
    """Repair what a crash could leave behind: selections not made, stale sort keys.

    Safe to run at any time and as often as wanted (it is what `manage.py ideas_sweep` runs).
    """
    from django.conf import settings

    counts = dict(Vote.objects.order_by().values_list("idea").annotate(c=Count("*")).values_list("idea", "c"))
    selected = 0
    open_ideas = Idea.objects.filter(status=IdeaStatus.OPEN, hidden=False).values_list("pk", "campaign__vote_threshold")
    for idea_id, threshold in open_ideas.iterator():
        if counts.get(idea_id, 0) >= (threshold or settings.OASIS_REVIEW_THRESHOLD) and idea_select_if_due(
            idea_id=idea_id
        ):
            selected += 1
    refreshed = 0
    for idea_id, cached in Idea.objects.values_list("pk", "vote_count").iterator():
        if counts.get(idea_id, 0) != cached:
            # Count again inside the UPDATE: `counts` is a snapshot, and votes cast since
            # would otherwise be overwritten by a stale number.
            fresh = Vote.objects.filter(idea_id=idea_id).order_by().values("idea").annotate(c=Count("*")).values("c")
            Idea.objects.filter(pk=idea_id).update(vote_count=Coalesce(Subquery(fresh), 0))
            refreshed += 1
    return {"selected": selected, "refreshed": refreshed}


def ideas_archive_closed_campaigns(*, now: datetime | None = None) -> int:
    """Archive every idea still open in a campaign that has closed. Returns how many.

    An idea whose votes reached the threshold (while the campaign was open: votes need an
    open campaign) but whose selection a crash lost is selected, not archived.
    """
    now = now or timezone.now()
    archived = 0
    for idea in (
        Idea.objects.filter(status=IdeaStatus.OPEN, campaign__closes_at__lte=now).select_related("campaign").iterator()
    ):
        if idea_select_if_due(idea_id=idea.pk):
            continue
        with transaction.atomic():
            archived += idea_transition_if(
                idea=idea,
                from_status=IdeaStatus.OPEN,
                to_status=IdeaStatus.ARCHIVED,
                kind=TimelineEvent.Kind.ARCHIVED,
                office=TimelineOffice.OASIS,
                wording=gettext_noop("The campaign closed before the idea reached its vote threshold of %(n)s."),
                wording_params={"n": idea.campaign.threshold},
            )
    return archived


def votes_carry_over(*, source: Idea, target: Idea) -> int:
    """Carry the votes of `source` (merged as a duplicate) over to the earlier `target`.

    Each voter counts once: a citizen who voted for both keeps one vote on `target` (the
    unique vote constraint makes the carry-over idempotent), and the target's author is
    never given a vote for their own idea. Runs inside the caller's transaction; the sort
    key and the threshold are looked at after commit. Returns the votes added.
    """
    before = Vote.objects.filter(idea=target).count()
    carried = [
        Vote(idea=target, voter_id=voter_id, created_at=created_at)
        for voter_id, created_at in Vote.objects.filter(idea=source)
        .exclude(voter_id=target.author_id)
        .values_list("voter_id", "created_at")
    ]
    Vote.objects.bulk_create(carried, ignore_conflicts=True)
    added = Vote.objects.filter(idea=target).count() - before
    transaction.on_commit(lambda: vote_count_refresh(idea_id=target.pk))
    if target.status == IdeaStatus.OPEN:
        transaction.on_commit(lambda: idea_select_if_due(idea_id=target.pk))
    return added
