"""Process rows of the review workflows.

`IdeaReviewProcess` extends viewflow's Process with a one-to-one link to the idea:
the database, not the code, guarantees one review process per idea.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from ideas.models import TimelineOffice


class Stage(models.TextChoices):
    """Public stages of an idea's review (API `stage`)."""

    SCREENING = "screening", _("Screening by the review coordinators")
    PANEL_REVIEW = "panel_review", _("In review by the expert panels")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting the department's decision")
    PUBLISHED = "published", _("Answer published")
    MERGED = "merged", _("Merged into an earlier idea")
    OUT_OF_SCOPE = "out_of_scope", _("Closed as out of the city's scope")


OPEN_STAGES = (Stage.SCREENING, Stage.PANEL_REVIEW, Stage.AWAITING_DECISION)


class ScreeningOutcome(models.TextChoices):
    REVIEW = "review", _("Send to the expert panels")
    DUPLICATE = "duplicate", _("Close as a duplicate of an earlier idea")
    OUT_OF_SCOPE = "out_of_scope", _("Close as out of the city's scope")


class IdeaReviewProcess(Process):
    idea = models.OneToOneField(
        "ideas.Idea", verbose_name=_("idea"), on_delete=models.CASCADE, related_name="review_process"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.SCREENING)
    stage_since = models.DateTimeField(_("in this stage since"), default=timezone.now)
    # The office holding the idea now (public): a TimelineOffice value (English), or a
    # department's name. Show `office_label`.
    office = models.CharField(_("office"), max_length=120, blank=True)

    screening_outcome = models.CharField(max_length=20, choices=ScreeningOutcome.choices, blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merge_target = models.ForeignKey("ideas.Idea", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    out_of_scope_reason = models.TextField(blank=True)
    decision_due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("idea review")
        verbose_name_plural = _("idea reviews")
        permissions = [
            ("can_screen", "Can screen ideas and pick reviewers"),
            ("can_decide", "Can decide on ideas for a department"),
        ]

    def __str__(self) -> str:
        return _("Review of “%(title)s”") % {"title": self.idea.title}

    @property
    def department(self):
        return self.idea.department

    @property
    def office_label(self) -> str:
        """The office holding the idea, in the reader's language."""
        return TimelineOffice.label_of(self.office)


class AdditionalAnswerProcess(Process):
    """The department answering one citizen's request for an additional answer."""

    request = models.OneToOneField("review.AdditionalAnswerRequest", on_delete=models.CASCADE, related_name="process")

    class Meta:
        verbose_name = _("additional answer")
        verbose_name_plural = _("additional answers")

    def __str__(self) -> str:
        return _("Additional answer on “%(title)s”") % {"title": self.request.idea.title}

    @property
    def department(self):
        return self.request.idea.department
