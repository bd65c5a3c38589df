"""Expert review: panels, experts, reviews, the department's decision and what follows it.

Writes go through `review.services`; the workflow (`workflows/`) decides *when* they
happen. Reviewers' identities are never public: public pages and the API only see
aggregates (`review.public`).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from ideas.models import IdeaStatus

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]

# The rubric, in the order forms and pages show it: (field name, public label).
RUBRIC = (
    ("necessity", _("Necessity")),
    ("effectiveness", _("Effectiveness")),
    ("feasibility", _("Feasibility")),
    ("budget_realism", _("Budget realism")),
    ("creativity", _("Creativity")),
)
RUBRIC_FIELDS = tuple(name for name, _label in RUBRIC)


class Panel(models.Model):
    """One of the two review panels. Managed by staff in the Wagtail admin."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Internal panel")
        EXTERNAL = "external", _("External panel")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    min_reviewers = models.PositiveSmallIntegerField(
        _("minimum reviewers per idea"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: the site default (OASIS_MIN_REVIEWERS_PER_PANEL)."),
    )

    class Meta:
        ordering = ["-kind"]  # internal panel first
        verbose_name = _("panel")
        verbose_name_plural = _("panels")

    def __str__(self) -> str:
        return self.name

    @property
    def required_reviewers(self) -> int:
        return self.min_reviewers or settings.OASIS_MIN_REVIEWERS_PER_PANEL


class TaggedExpertise(TaggedItemBase):
    content_object = models.ForeignKey("review.Expert", on_delete=models.CASCADE, related_name="tagged_items")


class ExpertQuerySet(models.QuerySet):
    def active(self) -> ExpertQuerySet:
        return self.filter(is_active=True, user__is_active=True)


class Expert(models.Model):
    """A person who reviews ideas on one panel. Their identity is never shown publicly."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="expert"
    )
    panel = models.ForeignKey(Panel, verbose_name=_("panel"), on_delete=models.PROTECT, related_name="experts")
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    expertise = TaggableManager(
        through=TaggedExpertise,
        blank=True,
        verbose_name=_("expertise tags"),
        help_text=_("Matched against idea tags to suggest reviewers."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["-panel__kind", "user__username"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.panel})" if self.panel_id else name


class Recommendation(models.TextChoices):
    ADOPT = "adopt", _("Adopt")
    ADOPT_WITH_CHANGES = "adopt_with_changes", _("Adopt with changes")
    DO_NOT_ADOPT = "do_not_adopt", _("Do not adopt")


class ReviewQuerySet(models.QuerySet):
    def open(self) -> ReviewQuerySet:
        return self.filter(status=Review.Status.ASSIGNED)

    def submitted(self) -> ReviewQuerySet:
        return self.filter(status=Review.Status.SUBMITTED)

    def overdue(self, now=None) -> ReviewQuerySet:
        return self.open().filter(due_at__lt=now or timezone.now())


class Review(models.Model):
    """One expert's review of one idea, from assignment to submission (or recusal)."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        SUBMITTED = "submitted", _("Submitted")
        RECUSED = "recused", _("Recused")

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="reviews")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="reviews")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ASSIGNED)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(_("due"))
    # The viewflow task the expert works in (workflows.flows.IdeaReviewFlow.review_*).
    task = models.OneToOneField(
        "viewflow.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="review"
    )

    necessity = models.PositiveSmallIntegerField(_("necessity"), null=True, blank=True, validators=SCORE_VALIDATORS)
    effectiveness = models.PositiveSmallIntegerField(
        _("effectiveness"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    feasibility = models.PositiveSmallIntegerField(_("feasibility"), null=True, blank=True, validators=SCORE_VALIDATORS)
    budget_realism = models.PositiveSmallIntegerField(
        _("budget realism"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    creativity = models.PositiveSmallIntegerField(_("creativity"), null=True, blank=True, validators=SCORE_VALIDATORS)
    opinion = models.TextField(_("written opinion"), blank=True, max_length=10_000)
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    recusal_reason = models.TextField(_("reason for recusal"), blank=True, max_length=2_000)
    recused_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-panel__kind", "assigned_at", "pk"]
        constraints = [
            # An expert reviews an idea at most once (a recused expert is not asked again).
            models.UniqueConstraint(fields=["idea", "expert"], name="review_once_per_expert"),
            models.CheckConstraint(
                name="review_submitted_is_complete",
                condition=~Q(status="submitted")
                | (
                    Q(necessity__gte=1, necessity__lte=5)
                    & Q(effectiveness__gte=1, effectiveness__lte=5)
                    & Q(feasibility__gte=1, feasibility__lte=5)
                    & Q(budget_realism__gte=1, budget_realism__lte=5)
                    & Q(creativity__gte=1, creativity__lte=5)
                    & ~Q(recommendation="")
                    & Q(submitted_at__isnull=False)
                ),
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="review_status_due")]

    def __str__(self) -> str:
        return f"{self.expert} → {self.idea_id} ({self.status})"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.ASSIGNED and self.due_at < timezone.now()

    @property
    def scores(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in RUBRIC_FIELDS}


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    PARTIALLY_ADOPTED = "partially_adopted", _("Partially adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


# The idea status a published outcome gives the idea: an explicit mapping, so renaming
# either vocabulary cannot silently break publication.
OUTCOME_STATUS: dict[str, str] = {
    Outcome.ADOPTED: IdeaStatus.ADOPTED,
    Outcome.PARTIALLY_ADOPTED: IdeaStatus.PARTIALLY_ADOPTED,
    Outcome.NOT_ADOPTED: IdeaStatus.NOT_ADOPTED,
}


class Ground(models.TextChoices):
    """Grounds a department may give for not adopting an idea."""

    VALIDITY = "validity", _("Validity")
    EFFECTIVENESS = "effectiveness", _("Effectiveness")
    BUDGET = "budget", _("Budget")
    ORDINANCES = "ordinances", _("Ordinances and regulations")


class ImplementationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class Decision(models.Model):
    """The department's verdict on an idea; public once published."""

    idea = models.OneToOneField("ideas.Idea", on_delete=models.CASCADE, related_name="decision")
    department = models.ForeignKey("ideas.Department", on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reasoning_necessity = models.TextField(_("necessity"), max_length=5_000)
    reasoning_effectiveness = models.TextField(_("effectiveness"), max_length=5_000)
    reasoning_feasibility = models.TextField(_("feasibility"), max_length=5_000)
    # In won; empty when the verdict needs no budget. Shown only through `budget_amount`.
    budget = models.DecimalField(
        _("required budget"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Estimated amount in won; empty when the verdict needs no budget."),
    )
    grounds = models.JSONField(_("grounds for not adopting"), default=list, blank=True)
    grounds_explanation = models.TextField(_("explanation of the grounds"), blank=True, max_length=5_000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    implementation_status = models.CharField(
        _("implementation status"), max_length=20, choices=ImplementationStatus.choices, blank=True
    )
    implementation_notes = models.TextField(_("implementation notes"), blank=True, max_length=5_000)
    implementation_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                name="decision_rejection_has_grounds",
                condition=~Q(outcome="not_adopted") | ~Q(grounds=[]),
            ),
            models.CheckConstraint(name="decision_budget_not_negative", condition=Q(budget__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.outcome}"

    @property
    def idea_status(self) -> str:
        return OUTCOME_STATUS[self.outcome]

    @property
    def budget_amount(self) -> int | None:
        """The budget to show, in won: None for a rejection and for a verdict without a budget (or 0)."""
        if self.outcome == Outcome.NOT_ADOPTED or not self.budget:
            return None
        return int(self.budget)

    @property
    def grounds_labels(self) -> list[str]:
        return [str(Ground(g).label) for g in self.grounds if g in Ground.values]


class AnswerRating(models.Model):
    """A citizen's 1-5 rating of the published answer (one per citizen; may be changed)."""

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="answer_ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answer_ratings")
    score = models.PositiveSmallIntegerField(_("rating"), validators=SCORE_VALIDATORS)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="answer_rating_once"),
            models.CheckConstraint(name="answer_rating_range", condition=Q(score__gte=1, score__lte=5)),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} rated {self.idea_id}: {self.score}"


class AdditionalAnswerRequest(models.Model):
    """A citizen's one request for an additional answer; the department answers it in a task."""

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="additional_answer_requests")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    question = models.TextField(_("what should the department answer?"), max_length=2_000)
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True, max_length=5_000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["idea", "requester"], name="additional_answer_once")]

    def __str__(self) -> str:
        return self.question[:60]
