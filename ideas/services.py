"""Writes on ideas, comments, follows, reports and moderation.

Every function here is what views, the API, flows and commands call; each owns its
transaction, checks the domain rules, raises ValidationError/PermissionDenied, and
records the public timeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.roles import GROUP_COORDINATORS, GROUP_MODERATORS
from core.signals import send_on_commit
from ideas import signals
from ideas.models import (
    CampaignPage,
    Channel,
    Comment,
    Follow,
    Idea,
    IdeaImage,
    IdeaStatus,
    TimelineEvent,
    TimelineOffice,
)
from ideas.validation import (
    COMMENT_MAX_LENGTH,
    clean_tags,
    clean_text,
    comment_length_message,
    images_limit_message,
    validate_image,
)

# Oasis's wording on the timeline when staff enter an idea for a citizen, per channel. Stored
# untranslated (see TimelineEvent): each reader sees it in their own language.
STAFF_ENTRY_WORDING = {
    Channel.PHONE: gettext_noop("Entered by staff from a phone call."),
    Channel.VISIT: gettext_noop("Entered by staff from a visit."),
    Channel.SNS: gettext_noop("Entered by staff from social media."),
}


def office_of(user: AbstractBaseUser | None) -> str:
    """Who acted, for the public timeline: a role (`TimelineOffice`) or a department, never a person."""
    if user is None:
        return TimelineOffice.OASIS
    if not user.is_authenticated:
        return TimelineOffice.CITIZEN
    group = user.groups.filter(department__isnull=False).select_related("department").first()
    if group is not None:
        return group.department.name
    names = set(user.groups.values_list("name", flat=True))
    if GROUP_COORDINATORS in names:
        return TimelineOffice.COORDINATORS
    if GROUP_MODERATORS in names:
        return TimelineOffice.MODERATORS
    if user.is_superuser:
        return TimelineOffice.STAFF
    return TimelineOffice.CITIZEN


def idea_changed(idea_id: int, *, coalesce: bool = False) -> None:
    """Announce that what the public sees of an idea changed (content, status, visibility or votes).

    Sent in the caller's transaction (see `ideas.signals.idea_changed`): search writes its
    outbox row there, rolled back with the change. Call it from every service that changes
    what the public sees of an idea.
    """
    signals.idea_changed.send(sender=Idea, idea_id=idea_id, coalesce=coalesce)


def timeline_record(
    *,
    idea: Idea,
    kind: str,
    actor: AbstractBaseUser | None = None,
    office: str | None = None,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    wording: str = "",
    wording_params: dict[str, str | int] | None = None,
) -> TimelineEvent:
    """Add a line to the idea's public timeline.

    `office` is a `TimelineOffice` or a department's or panel's name; `note` is a person's
    own words, kept as written; `wording` is Oasis's own sentence as an untranslated msgid
    (`gettext_noop("Reached ... %(n)s.")`) with `wording_params`, translated for each reader.
    Never pass text translated with gettext: it would be stored in the actor's language.
    """
    return TimelineEvent.objects.create(
        idea=idea,
        kind=kind,
        actor=actor,
        office=office if office is not None else office_of(actor),
        from_status=from_status,
        to_status=to_status,
        note=note,
        wording=str(wording),
        wording_params=wording_params or {},
    )


def idea_set_status(
    *,
    idea: Idea,
    to_status: str,
    actor: AbstractBaseUser | None,
    kind: str = TimelineEvent.Kind.STATUS,
    note: str = "",
    office: str | None = None,
    wording: str = "",
    wording_params: dict[str, str | int] | None = None,
) -> Idea:
    """Move an idea to another status and record it. The only place statuses change, bar selection."""
    with transaction.atomic():
        # FOR NO KEY UPDATE (not FOR UPDATE) on PostgreSQL: it does not conflict with the
        # FOR KEY SHARE lock each vote's foreign-key check takes, so voters never wait on
        # an idea being edited or moved. SQLite ignores row locks (writers are serialised).
        locked = Idea.objects.select_for_update(no_key=True).get(pk=idea.pk)
        from_status = locked.status
        if from_status == to_status:
            return locked
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
        idea_changed(locked.pk)
        timeline_record(
            idea=locked,
            kind=kind,
            actor=actor,
            office=office,
            from_status=from_status,
            to_status=to_status,
            note=note,
            wording=wording,
            wording_params=wording_params,
        )
    idea.status = to_status
    return locked


def idea_transition_if(
    *,
    idea: Idea,
    from_status: str,
    to_status: str,
    kind: str,
    office: str,
    note: str = "",
    wording: str = "",
    wording_params: dict[str, str | int] | None = None,
    unless_hidden: bool = False,
    **fields: object,
) -> bool:
    """Move the idea from `from_status` to `to_status` only if it is still there; record it if so.

    A conditional UPDATE instead of a row lock: of racing callers exactly one wins, and the
    others learn it from the return value (the threshold's "exactly once", the sweeps).
    Runs in the caller's transaction.
    """
    now = timezone.now()
    qs = Idea.objects.filter(pk=idea.pk, status=from_status)
    if unless_hidden:
        qs = qs.filter(hidden=False)
    won = qs.update(status=to_status, updated_at=now, **fields)
    if not won:
        return False
    idea.status = to_status
    for name, value in fields.items():
        setattr(idea, name, value)
    idea_changed(idea.pk)
    timeline_record(
        idea=idea,
        kind=kind,
        office=office,
        from_status=from_status,
        to_status=to_status,
        note=note,
        wording=wording,
        wording_params=wording_params,
    )
    return True


def campaign_check_open(campaign: CampaignPage, *, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if not campaign.live or not campaign.is_open_at(now):
        raise ValidationError(
            _("The campaign “%(title)s” is not open.") % {"title": campaign.title}, code="campaign_closed"
        )


def idea_submit(
    *,
    campaign: CampaignPage,
    author: AbstractBaseUser,
    title: str,
    body: str,
    tags: Iterable[str] = (),
    images: Sequence[UploadedFile] = (),
    channel: str = Channel.WEB,
    entered_by: AbstractBaseUser | None = None,
) -> Idea:
    if not author.is_authenticated or not author.is_active:
        raise PermissionDenied(_("Sign in to submit an idea."))
    if entered_by is not None and not entered_by.has_perm("ideas.enter_for_citizen"):
        raise PermissionDenied(_("Only staff can enter ideas on a citizen's behalf."))
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Unknown channel.")})
    if entered_by is None and channel not in (Channel.WEB, Channel.API):
        raise ValidationError({"channel": _("Only staff can record ideas from other channels.")})
    # An idea belongs to the campaign's original page, whichever translation it was submitted from.
    campaign = campaign.canonical
    campaign_check_open(campaign)
    title, body = clean_text(title, body)
    tag_names = clean_tags(tags)
    if len(images) > settings.OASIS_MAX_IMAGES_PER_IDEA:
        raise ValidationError({"images": images_limit_message()})
    for upload in images:
        validate_image(upload)

    with transaction.atomic():
        idea = Idea.objects.create(
            campaign=campaign,
            author=author,
            title=title,
            body=body,
            channel=channel,
            entered_by=entered_by,
            department=campaign.department,
        )
        if tag_names:
            idea.tags.set(tag_names)
        for position, upload in enumerate(images):
            IdeaImage.objects.create(idea=idea, image=upload, position=position)
        Follow.objects.create(idea=idea, user=author)
        idea_changed(idea.pk)
        timeline_record(
            idea=idea,
            kind=TimelineEvent.Kind.SUBMITTED,
            actor=entered_by or author,
            office=office_of(entered_by) if entered_by else TimelineOffice.CITIZEN,
            to_status=IdeaStatus.OPEN,
            wording=STAFF_ENTRY_WORDING.get(channel, "") if entered_by is not None else "",
        )
    return idea


def idea_update(
    *, idea: Idea, user: AbstractBaseUser, title: str, body: str, tags: Iterable[str] | None = None
) -> Idea:
    if not user.has_perm("ideas.edit_idea", idea):
        raise PermissionDenied(_("Only the author can edit an idea, and only while it is open for votes."))
    title, body = clean_text(title, body)
    tag_names = clean_tags(tags) if tags is not None else None
    with transaction.atomic():
        locked = Idea.objects.select_for_update(no_key=True).get(pk=idea.pk)
        if locked.status != IdeaStatus.OPEN:
            raise PermissionDenied(_("This idea can no longer be edited."))
        locked.title, locked.body = title, body
        locked.save(update_fields=["title", "body", "updated_at"])
        if tag_names is not None:
            locked.tags.set(tag_names)
        idea_changed(locked.pk)
        timeline_record(idea=locked, kind=TimelineEvent.Kind.EDITED, actor=user, office=TimelineOffice.CITIZEN)
    return locked


def idea_withdraw(*, idea: Idea, user: AbstractBaseUser) -> Idea:
    if not user.has_perm("ideas.withdraw_idea", idea):
        raise PermissionDenied(_("Only the author can withdraw an idea, and only while it is open for votes."))
    with transaction.atomic():
        locked = Idea.objects.select_for_update(no_key=True).get(pk=idea.pk)
        if locked.status != IdeaStatus.OPEN:
            raise PermissionDenied(_("This idea can no longer be withdrawn."))
        return idea_set_status(
            idea=locked,
            to_status=IdeaStatus.WITHDRAWN,
            actor=user,
            kind=TimelineEvent.Kind.WITHDRAWN,
            office=TimelineOffice.CITIZEN,
        )


def idea_check_public(idea: Idea) -> None:
    """Acting on an idea the public cannot see (hidden, withdrawn) is refused as unavailable."""
    if not idea.is_public:
        raise ValidationError(_("This idea is not available."), code="idea_unavailable")


def comment_create(*, idea: Idea, author: AbstractBaseUser, body: str, parent: Comment | None = None) -> Comment:
    if not author.is_authenticated:
        raise PermissionDenied(_("Sign in to comment."))
    idea_check_public(idea)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something before posting.")})
    if len(body) > COMMENT_MAX_LENGTH:
        raise ValidationError({"body": comment_length_message()})
    if parent is not None:
        if parent.idea_id != idea.pk or parent.hidden:
            raise ValidationError(_("You can only reply to a visible comment on this idea."))
        # One level of replies: a reply to a reply attaches to the thread's top comment.
        if parent.parent_id is not None:
            parent = parent.parent
    comment = Comment.objects.create(idea=idea, author=author, body=body, parent=parent)
    send_on_commit(signals.comment_posted, sender=Comment, comment=comment)
    return comment


def follow_set(*, idea: Idea, user: AbstractBaseUser, following: bool) -> bool:
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to follow ideas."))
    if following:
        idea_check_public(idea)
        try:
            with transaction.atomic():
                Follow.objects.get_or_create(idea=idea, user=user)
        except IntegrityError:
            pass  # a double click raced us; the follow exists
        return True
    Follow.objects.filter(idea=idea, user=user).delete()
    return False
