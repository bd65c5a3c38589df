"""Reads shared by pages, the API and the home page."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch, QuerySet, Subquery
from django.db.models.query import ModelIterable
from django.utils import timezone
from wagtail.models import Page

from ideas.models import CampaignPage, Comment, Idea, IdeaQuerySet, IdeaStatus, TimelineEvent, Vote

SORTS = ("newest", "votes", "trending")
DECIDED_STATUSES = (IdeaStatus.ADOPTED, IdeaStatus.PARTIALLY_ADOPTED, IdeaStatus.NOT_ADOPTED)


def campaigns_open() -> list[CampaignPage]:
    """Open campaigns, each once, in the reader's language (see `CampaignPageQuerySet.for_reader`)."""
    now = timezone.now()
    campaigns = CampaignPage.objects.live().canonical().filter(opens_at__lte=now).select_related("department", "locale")
    return [c for c in campaigns.for_reader() if c.is_open_at(now)]


def campaigns_published() -> list[CampaignPage]:
    """Every published campaign once, in the reader's language: the general one first, then open ones, by title."""
    return CampaignPage.objects.live().listed()


def campaign_original_id(campaign_id: int) -> int:
    """The id of the original page of the campaign whose page (original or translation) has this id.

    Ideas point to originals, so a filter by campaign takes the id of any of its pages.
    """
    translation_key = Page.objects.filter(pk=campaign_id).values("translation_key")[:1]
    original = (
        CampaignPage.objects.filter(translation_key=Subquery(translation_key))
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return original or campaign_id


class IdeaListQuerySet(IdeaQuerySet):
    """A list of ideas whose pages past the first are read in two steps (a "deferred join").

    With one query, PostgreSQL builds every row it skips for OFFSET: the joins and the
    vote-count subquery ran 40,000 times for page 2,000 of 100,000 ideas (bench/README.md).
    So a slice with an offset first reads just the ids of the page (ORDER BY … LIMIT/OFFSET,
    nothing else), then loads those ideas in full, in the same order. Same results, one
    more query on pages after the first.
    """

    def __getitem__(self, k):
        if isinstance(k, slice) and k.start and k.step is None and self._result_cache is None:
            if self._iterable_class is ModelIterable:
                ids = list(self.values_list("pk", flat=True)[k])
                return self.filter(pk__in=ids)
        return super().__getitem__(k)


def ideas_for_list(
    *,
    campaign: CampaignPage | None = None,
    sort: str = "newest",
    status: str | None = None,
    tag: str | None = None,
) -> QuerySet[Idea]:
    """Public ideas, sorted, with exact vote counts; a fixed number of queries per page however large the data.

    `campaign` may be the original page or a translation: ideas belong to the original.
    """
    qs = IdeaListQuerySet(Idea).visible().select_related("campaign", "department")
    if campaign is not None:
        qs = qs.filter(campaign=campaign.canonical)
    if status:
        qs = qs.filter(status=status)
    if tag:
        qs = qs.filter(tags__name=tag)
    qs = qs.with_vote_count()
    if sort == "votes":
        return qs.order_by("-vote_count", "-created_at", "-pk")
    if sort == "trending":
        return qs.trending(timezone.now() - timedelta(days=settings.OASIS_TRENDING_DAYS))
    return qs.order_by("-created_at", "-pk")


def idea_for_detail(*, idea_id: int, campaign: CampaignPage | None = None) -> Idea | None:
    qs = Idea.objects.with_vote_count().select_related("campaign", "department", "author", "merged_into")
    if campaign is not None:
        qs = qs.filter(campaign=campaign.canonical)
    return (
        qs.prefetch_related(
            "images",
            "tags",
            Prefetch("timeline", queryset=TimelineEvent.objects.order_by("created_at", "pk")),
        )
        .filter(pk=idea_id)
        .first()
    )


def idea_comments(idea: Idea, *, include_hidden: bool = False) -> list[Comment]:
    """Top-level comments with their replies attached as `.visible_replies`."""
    qs = Comment.objects.filter(idea=idea).select_related("author")
    if not include_hidden:
        qs = qs.filter(hidden=False)
    comments = list(qs)
    by_parent: dict[int, list[Comment]] = {}
    for c in comments:
        if c.parent_id:
            by_parent.setdefault(c.parent_id, []).append(c)
    top = [c for c in comments if c.parent_id is None]
    for c in top:
        c.visible_replies = by_parent.get(c.pk, [])
    return top


def user_has_voted(idea: Idea, user) -> bool:
    return bool(user.is_authenticated) and Vote.objects.filter(idea=idea, voter=user).exists()


def ideas_selected_for_review() -> QuerySet[Idea]:
    return (
        Idea.objects.filter(status=IdeaStatus.IN_REVIEW)
        .with_vote_count()
        .select_related("campaign", "department")
        .order_by("selected_at")
    )


def ideas_recently_decided() -> QuerySet[Idea]:
    return (
        Idea.objects.visible()
        .filter(status__in=DECIDED_STATUSES)
        .with_vote_count()
        .select_related("campaign")
        .order_by("-updated_at")
    )
