"""The in-app feed (django-notifications' model, swapped in) and each user's preferences.

`Notification` extends django-notifications' `AbstractNotification` (settings:
`NOTIFICATIONS_NOTIFICATION_MODEL = "notices.Notification"`) with what a fan-out to tens of
thousands of recipients needs: the event kind, a dedup key (`event_key`, unique per
recipient, so a retried batch inserts nothing twice), how the row is to be e-mailed
(`email_mode`; the package's `emailed` flag is the e-mail-sent marker) and a lean set of
indexes: (recipient, unread) for the bell's count, (recipient, -timestamp) for the list.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from notifications.base.models import AbstractNotification


class Kind(models.TextChoices):
    IDEA_SELECTED = "idea_selected", _("An idea you wrote, voted for or follow enters expert review")
    REVIEW_ASSIGNED = "review_assigned", _("A review is assigned to you")
    REVIEW_DUE_SOON = "review_due_soon", _("A review of yours is due in two days")
    REVIEW_OVERDUE = "review_overdue", _("A review is overdue")
    SCREENING_NEEDED = "screening_needed", _("An idea needs screening")
    REVIEWER_RECUSED = "reviewer_recused", _("A reviewer recused themselves")
    DECISION_NEEDED = "decision_needed", _("Both panels are done: a decision is needed")
    DECISION_OVERDUE = "decision_overdue", _("A decision of your department is overdue")
    VERDICT_PUBLISHED = "verdict_published", _("The city's answer to an idea you wrote, voted for or follow")
    IMPLEMENTATION_CHANGED = "implementation_changed", _("Implementation progress of an adopted idea")
    ANSWER_REQUESTED = "answer_requested", _("A citizen asks for an additional answer")
    ANSWER_OVERDUE = "answer_overdue", _("An additional answer of your department is overdue")
    ANSWER_GIVEN = "answer_given", _("The additional answer you asked for")
    COMMENT_POSTED = "comment_posted", _("A comment on your idea")
    COMMENT_REPLIED = "comment_replied", _("A reply to your comment")
    CAMPAIGN_OPENED = "campaign_opened", _("Campaign news: a new campaign opens")


class Delivery(models.TextChoices):
    """How a user gets one kind of notice (not to be confused with `ideas.Channel`, how an idea came in)."""

    EMAIL = "email", _("In the app and by e-mail")
    IN_APP = "in_app", _("In the app only")
    OFF = "off", _("Off")


# What a user gets until they choose otherwise. Campaign news is opt-in.
DEFAULT_CHANNELS: dict[str, str] = {
    Kind.IDEA_SELECTED: Delivery.IN_APP,
    Kind.REVIEW_ASSIGNED: Delivery.EMAIL,
    Kind.REVIEW_DUE_SOON: Delivery.EMAIL,
    Kind.REVIEW_OVERDUE: Delivery.EMAIL,
    Kind.SCREENING_NEEDED: Delivery.EMAIL,
    Kind.REVIEWER_RECUSED: Delivery.EMAIL,
    Kind.DECISION_NEEDED: Delivery.EMAIL,
    Kind.DECISION_OVERDUE: Delivery.EMAIL,
    Kind.VERDICT_PUBLISHED: Delivery.EMAIL,
    Kind.IMPLEMENTATION_CHANGED: Delivery.IN_APP,
    Kind.ANSWER_REQUESTED: Delivery.EMAIL,
    Kind.ANSWER_OVERDUE: Delivery.EMAIL,
    Kind.ANSWER_GIVEN: Delivery.EMAIL,
    Kind.COMMENT_POSTED: Delivery.EMAIL,
    Kind.COMMENT_REPLIED: Delivery.IN_APP,
    Kind.CAMPAIGN_OPENED: Delivery.OFF,
}

# Kinds only staff receive (the preferences page shows them to staff only).
STAFF_KINDS = frozenset(
    {
        Kind.REVIEW_ASSIGNED,
        Kind.REVIEW_DUE_SOON,
        Kind.REVIEW_OVERDUE,
        Kind.SCREENING_NEEDED,
        Kind.REVIEWER_RECUSED,
        Kind.DECISION_NEEDED,
        Kind.DECISION_OVERDUE,
        Kind.ANSWER_REQUESTED,
        Kind.ANSWER_OVERDUE,
    }
)


class EmailMode(models.TextChoices):
    NONE = "", _("Not e-mailed")
    INSTANT = "instant", _("One e-mail per event")
    DIGEST = "digest", _("In the daily digest")


class Notification(AbstractNotification):
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    # "<event>:<id>", e.g. "verdict_published:42"; unique per recipient.
    event_key = models.CharField(_("event"), max_length=120)
    email_mode = models.CharField(_("e-mail"), max_length=10, choices=EmailMode.choices, blank=True, default="")
    # The package indexes every flag on its own; such one-column boolean indexes cost each
    # insert of a fan-out and serve no query here, so these are redeclared without them.
    unread = models.BooleanField(_("unread"), default=True)
    timestamp = models.DateTimeField(_("timestamp"), default=timezone.now)
    public = models.BooleanField(_("public"), default=True)
    deleted = models.BooleanField(_("deleted"), default=False)
    emailed = models.BooleanField(_("e-mail sent"), default=False)
    # Same for the foreign keys' own indexes: the composite indexes below start with
    # recipient and target, and content types are never deleted in normal operation.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
        db_index=False,
    )
    actor_content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="notify_actor", db_index=False
    )
    target_content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="notify_target", blank=True, null=True, db_index=False
    )
    action_object_content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        related_name="notify_action_object",
        blank=True,
        null=True,
        db_index=False,
    )

    class Meta(AbstractNotification.Meta):
        abstract = False
        ordering = ("-timestamp", "-id")
        indexes = [
            models.Index(fields=["recipient", "unread"], name="notice_recipient_unread"),
            models.Index(fields=["recipient", "-timestamp", "-id"], name="notice_recipient_new"),
            models.Index(fields=["target_content_type", "target_object_id"], name="notice_target"),
            # What is still to be e-mailed: per event (instant) and per recipient (digest).
            models.Index(
                fields=["email_mode", "event_key", "recipient"],
                condition=Q(emailed=False) & ~Q(email_mode=""),
                name="notice_email_pending",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event_key"], name="notice_once_per_event"),
        ]

    @property
    def url(self) -> str:
        return (self.data or {}).get("url", "")

    @property
    def title(self) -> str:
        return (self.data or {}).get("title", "")


class Preference(models.Model):
    """A user's choice for one kind of event; absent rows mean DEFAULT_CHANNELS."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences")
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    channel = models.CharField(_("how"), max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_once")]
        indexes = [models.Index(fields=["kind", "channel"], name="notice_pref_kind")]
        verbose_name = _("notification preference")

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.channel}"


class DeliverySettings(models.Model):
    """Per-user e-mail delivery: one e-mail per event, or one daily digest."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_delivery")
    daily_digest = models.BooleanField(_("one daily digest instead of one e-mail per event"), default=False)

    class Meta:
        verbose_name = _("e-mail delivery settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {'digest' if self.daily_digest else 'instant'}"
