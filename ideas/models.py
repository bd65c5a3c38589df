"""Campaigns (Wagtail pages), ideas, votes, comments, follows, reports and the timeline.

Ideas and everything hanging off them are plain, high-volume Django rows; only
campaigns are editorial pages. Writes go through `ideas.services` / `ideas.voting`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class Department(models.Model):
    """A city office that owns campaigns and answers ideas. Managed as a snippet."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    group = models.OneToOneField(
        Group,
        verbose_name=_("staff group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="department",
        help_text=_("Members of this group act for the department."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("group")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class CampaignIndexPage(Page):
    intro = RichTextField(_("intro"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["ideas.CampaignPage"]
    max_count = 1

    # A translation keeps the original's slug: the language is not in the URL, so both share one address.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = CampaignPage.objects.live().listed()
        return context


class CampaignPageQuerySet(PageQuerySet):
    def canonical(self) -> CampaignPageQuerySet:
        """Each campaign's original page, the one its ideas point to whatever language it is read in.

        A campaign is a page and its translations (one `translation_key`, one page per locale);
        the original is the first of them, the page the others were translated from. An
        untranslated campaign is its own original.
        """
        earlier = Page.objects.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
        return self.exclude(Exists(earlier))

    def for_reader(self) -> list[CampaignPage]:
        """These original pages, each swapped for its live translation in the active language when
        it has one (an untranslated campaign shows its original). Every page returned knows its
        original (`.canonical`) and reads the campaign's rules from it."""
        originals = list(self)
        keys = [c.translation_key for c in originals]
        in_language = self.model.objects.live().filter(locale=Locale.get_active(), translation_key__in=keys)
        translations = {page.translation_key: page for page in in_language.select_related("locale")}
        pages = []
        for original in originals:
            page = translations.get(original.translation_key, original)
            page.take_rules_from(original)
            pages.append(page)
        return pages

    def listed(self) -> list[CampaignPage]:
        """These campaigns as lists show them: each once, in the reader's language, the general
        one first, then the open ones, by title."""
        campaigns = self.canonical().select_related("department", "locale").for_reader()
        return sorted(campaigns, key=lambda c: (not c.is_general, not c.is_open, c.title))


class CampaignPage(RoutablePageMixin, Page):
    """A theme campaign published by a department, or the one permanent general campaign.

    Its ideas are served through `ideas.views` under the campaign's URL, not as child pages.
    Editors translate it into Korean (wagtail-localize); ideas, votes and the campaign's rules
    belong to its original page (`canonical`), whichever language it is read in.
    """

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)
    is_general = models.BooleanField(
        _("general campaign"), default=False, help_text=_("The permanent campaign for ideas on any topic.")
    )
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    vote_threshold = models.PositiveIntegerField(
        _("vote threshold"),
        null=True,
        blank=True,
        help_text=_("Votes an idea needs to be selected for expert review. Empty: the site default."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("department"), FieldPanel("is_general"), FieldPanel("opens_at"), FieldPanel("closes_at")],
            heading=_("Campaign"),
        ),
        FieldPanel("vote_threshold"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["ideas.CampaignIndexPage"]
    subpage_types: list[str] = []

    # What makes the campaign, as opposed to its text: translators never change these, and a
    # translation shows its original's (wagtail-localize copies them only when it is next synced).
    RULE_FIELDS = ("department", "is_general", "opens_at", "closes_at", "vote_threshold")
    override_translatable_fields = [
        # The same address in both languages.
        SynchronizedField("slug", overridable=False),
        *(SynchronizedField(name, overridable=False) for name in RULE_FIELDS),
    ]

    objects = PageManager.from_queryset(CampaignPageQuerySet)()

    class Meta:
        verbose_name = _("campaign")

    @cached_property
    def canonical(self) -> CampaignPage:
        """The campaign's original page (see `CampaignPageQuerySet.canonical`): ideas point to it."""
        return CampaignPage.objects.filter(translation_key=self.translation_key).order_by("pk").first() or self

    def take_rules_from(self, original: CampaignPage) -> None:
        """Remember `original` as this page's `canonical` and read the campaign's rules from it."""
        if original.pk == self.pk:
            self.canonical = self
            return
        self.canonical = original
        for name in self.RULE_FIELDS:
            field = self._meta.get_field(name)
            if field.is_relation and field.is_cached(original):
                setattr(self, name, getattr(original, name))
            else:
                setattr(self, field.attname, getattr(original, field.attname))

    def serve(self, request, *args, **kwargs):
        self.take_rules_from(self.canonical)
        return super().serve(request, *args, **kwargs)

    @property
    def threshold(self) -> int:
        return self.vote_threshold or settings.OASIS_REVIEW_THRESHOLD

    def is_open_at(self, when) -> bool:
        if when < self.opens_at:
            return False
        return self.closes_at is None or when < self.closes_at

    @property
    def is_open(self) -> bool:
        return self.live and self.is_open_at(timezone.now())

    @property
    def has_closed(self) -> bool:
        return self.closes_at is not None and self.closes_at <= timezone.now()

    # Ideas are rows, served under the campaign's URL by ideas.views. The views module
    # imports these models, so it is bound here by IdeasConfig.ready() instead of imported.
    views = None

    @path("")
    def idea_list(self, request):
        return self.views.campaign_detail(request, campaign=self)

    @path("submit/")
    def idea_submit(self, request):
        return self.views.idea_submit(request, campaign=self)

    @path("ideas/<int:idea_id>/")
    def idea_detail(self, request, idea_id: int):
        return self.views.idea_detail(request, campaign=self, idea_id=idea_id)


class IdeaStatus(models.TextChoices):
    OPEN = "open", _("Open for votes")
    IN_REVIEW = "in_review", _("In review")
    ADOPTED = "adopted", _("Adopted")
    PARTIALLY_ADOPTED = "partially_adopted", _("Partially adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    MERGED = "merged", _("Merged")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ARCHIVED = "archived", _("Archived")


# Status groups: each defined once, here, and used everywhere (an Enum body would turn
# them into members, hence the assignments after the class).
# Citizens may vote while the idea gathers support or is being reviewed.
IdeaStatus.VOTABLE = (IdeaStatus.OPEN, IdeaStatus.IN_REVIEW)
# The department's answer (a published verdict).
IdeaStatus.ANSWERED = (IdeaStatus.ADOPTED, IdeaStatus.PARTIALLY_ADOPTED, IdeaStatus.NOT_ADOPTED)
# Every outcome of the review that answers the citizen, out-of-scope closures included.
IdeaStatus.DECIDED = (*IdeaStatus.ANSWERED, IdeaStatus.OUT_OF_SCOPE)
# Never shown to the public (moderation's `hidden` is separate from status).
IdeaStatus.PRIVATE = (IdeaStatus.WITHDRAWN,)
# Closed without an answer of their own: they leave search and can take no merged ideas.
IdeaStatus.CLOSED_WITHOUT_ANSWER = (IdeaStatus.WITHDRAWN, IdeaStatus.MERGED)


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit")
    SNS = "sns", _("Social media")
    API = "api", _("Mobile app / API")


class TaggedIdea(TaggedItemBase):
    content_object = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="tagged_items")


class IdeaQuerySet(models.QuerySet):
    def visible(self) -> IdeaQuerySet:
        """What the public sees: not hidden by moderators, not withdrawn (`Idea.is_public`)."""
        return self.filter(hidden=False).exclude(status__in=IdeaStatus.PRIVATE)

    def with_vote_count(self) -> IdeaQuerySet:
        """Annotate `votes_total` from the vote rows themselves (never a cached number)."""
        vote_count = (
            Vote.objects.filter(idea=models.OuterRef("pk")).order_by().values("idea").annotate(c=Count("*")).values("c")
        )
        return self.annotate(votes_total=models.functions.Coalesce(models.Subquery(vote_count), 0))

    def trending(self, since) -> IdeaQuerySet:
        recent = (
            Vote.objects.filter(idea=models.OuterRef("pk"), created_at__gte=since)
            .order_by()
            .values("idea")
            .annotate(c=Count("*"))
            .values("c")
        )
        return self.annotate(recent_votes=models.functions.Coalesce(models.Subquery(recent), 0)).order_by(
            "-recent_votes", "-vote_count", "-created_at", "-pk"
        )


class Idea(models.Model):
    campaign = models.ForeignKey(
        CampaignPage, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="ideas"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="ideas"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("description"), max_length=20_000)
    tags = TaggableManager(through=TaggedIdea, blank=True, verbose_name=_("tags"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Staff member who entered the idea on the citizen's behalf."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.OPEN, db_index=True
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_ideas",
    )
    hidden = models.BooleanField(_("hidden by moderators"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    # Sort key only, refreshed after each vote commits (ideas.voting.vote_count_refresh) and by
    # `manage.py ideas_sweep`. Displayed counts always come from the vote rows.
    vote_count = models.PositiveIntegerField(_("votes (sort key)"), default=0, editable=False)
    selected_at = models.DateTimeField(_("selected for review at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["campaign", "hidden", "-created_at"], name="idea_campaign_new"),
            models.Index(fields=["campaign", "hidden", "-vote_count"], name="idea_campaign_votes"),
            models.Index(fields=["hidden", "-created_at"], name="idea_all_new"),
            models.Index(fields=["hidden", "-vote_count"], name="idea_all_votes"),
            # Partial indexes over exactly what the public lists show (IdeaQuerySet.visible()), in
            # the lists' own order: the paginator's COUNT and a page's ids are read from the index
            # alone (index-only scans) instead of from the table (bench/README.md, "Findings").
            models.Index(
                fields=["-created_at", "-id"],
                condition=Q(hidden=False) & ~Q(status="withdrawn"),
                name="idea_visible_new",
            ),
            models.Index(
                fields=["campaign", "-created_at", "-id"],
                condition=Q(hidden=False) & ~Q(status="withdrawn"),
                name="idea_visible_campaign_new",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="in_review") | Q(selected_at__isnull=False),
                name="idea_in_review_has_selected_at",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.campaign.url}ideas/{self.pk}/"

    @property
    def is_editable(self) -> bool:
        return self.status == IdeaStatus.OPEN

    @property
    def is_public(self) -> bool:
        """The one visibility rule for a loaded idea; `Idea.objects.visible()` is its query form."""
        return not self.hidden and self.status not in IdeaStatus.PRIVATE

    @property
    def is_votable(self) -> bool:
        return self.is_public and self.status in IdeaStatus.VOTABLE

    @property
    def votes(self) -> int:
        """The exact number of votes (counts the rows unless annotated)."""
        annotated = getattr(self, "votes_total", None)
        if annotated is not None:
            return annotated
        return self.vote_set.count()


def idea_image_path(instance: IdeaImage, filename: str) -> str:
    return f"ideas/{timezone.now():%Y/%m}/{filename}"


class IdeaImage(models.Model):
    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to=idea_image_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(_("description of the image"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("idea image")
        verbose_name_plural = _("idea images")

    def __str__(self) -> str:
        return self.alt_text or self.image.name

    @property
    def alt(self) -> str:
        """The image's text alternative: the author's description, else a plain one in the active language."""
        if self.alt_text:
            return self.alt_text
        return gettext("Image %(n)s attached to the idea “%(title)s”") % {
            "n": self.position + 1,
            "title": self.idea.title,
        }


class Vote(models.Model):
    """One row per (citizen, idea). Append-only: casting inserts, withdrawing deletes.

    Voters never update the idea row, so a popular idea is not a hot row.
    """

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voter"), on_delete=models.CASCADE, related_name="votes"
    )
    created_at = models.DateTimeField(_("cast at"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "voter"], name="vote_one_per_citizen")]
        indexes = [models.Index(fields=["idea", "created_at"], name="vote_idea_recent")]
        verbose_name = pgettext_lazy("a citizen's support for an idea", "vote")
        verbose_name_plural = pgettext_lazy("a citizen's support for an idea", "votes")

    def __str__(self) -> str:
        return f"{self.voter_id} → {self.idea_id}"


class Comment(models.Model):
    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    body = models.TextField(_("comment"), max_length=5_000)
    hidden = models.BooleanField(_("hidden by moderators"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "created_at"], name="comment_idea_time")]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]


class Follow(models.Model):
    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("follower"), on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="follow_once")]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.idea_id}"


class Report(models.Model):
    """A citizen's report of an abusive idea or comment, for moderators."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reporter"), on_delete=models.CASCADE, related_name="reports"
    )
    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("what is wrong"), max_length=1_000)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "idea"], condition=Q(comment__isnull=True), name="report_idea_once"
            ),
            models.UniqueConstraint(fields=["reporter", "comment"], name="report_comment_once"),
        ]

    def __str__(self) -> str:
        return self.reason[:60]


class TimelineOffice(models.TextChoices):
    """Who acted, when that is a role rather than a department or a panel (whose names are data).

    Stored as the English words, which are the msgids: the timeline is written once, in
    whatever language the actor reads, and shown to each reader in theirs (`office_label`).
    """

    CITIZEN = "Citizen", _("Citizen")
    CITIZENS = "Citizens", _("Citizens")
    MODERATORS = "Moderators", _("Moderators")
    COORDINATORS = "Review coordinators", _("Review coordinators")
    OASIS = "Oasis", _("Oasis")
    STAFF = "Oasis staff", _("Oasis staff")
    PANELS = "Expert panels", _("Expert panels")
    DEPARTMENT = "Department", _("Department")

    @classmethod
    def label_of(cls, office: str) -> str:
        """`office` in the active language; a department's or panel's own name stays as it is."""
        return str(cls(office).label) if office in cls.values else office


class TimelineEvent(models.Model):
    """One public line of an idea's history: what changed, when, who (by role) and why.

    Two kinds of text, kept apart so each reader gets the timeline in their language:
    `wording` is Oasis's own sentence, stored as its English msgid (marked with
    `gettext_noop` where it is written) plus `wording_params`, and translated when shown;
    `note` is a person's own words (a moderator's reason, a department's note), shown as written.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        EDITED = "edited", _("Edited")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        SELECTED = "selected", _("Selected for expert review")
        STATUS = "status", _("Status changed")
        STAGE = "stage", _("Review stage")
        HIDDEN = "hidden", _("Hidden by moderators")
        RESTORED = "restored", _("Restored by moderators")
        ARCHIVED = "archived", _("Archived")
        MERGED = "merged", _("Merged")
        VERDICT = "verdict", _("Verdict published")
        IMPLEMENTATION = "implementation", _("Implementation update")

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(_("from status"), max_length=20, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Public label of who acted: a role (a TimelineOffice value) or an office (a department's name).
    office = models.CharField(_("office"), max_length=120, blank=True)
    wording = models.CharField(_("Oasis's wording"), max_length=300, blank=True)
    wording_params = models.JSONField(_("values in the wording"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "created_at"], name="timeline_idea_time")]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.kind}"

    @property
    def office_label(self) -> str:
        """Who acted, in the active language (a department's name as it is)."""
        return TimelineOffice.label_of(self.office)

    @property
    def wording_text(self) -> str:
        """Oasis's own sentence about the event in the active language, numbers formatted for it."""
        if not self.wording:
            return ""
        params = {
            key: number_format(value, force_grouping=True) if isinstance(value, int) else value
            for key, value in (self.wording_params or {}).items()
        }
        for template in (gettext(self.wording), self.wording):  # the English if a translation lost a placeholder
            try:
                return template % params
            except (KeyError, TypeError, ValueError):
                continue
        return self.wording

    @property
    def note_text(self) -> str:
        """Everything said about the event: Oasis's wording, then the person's note."""
        return " ".join(text for text in (self.wording_text, self.note) if text)
