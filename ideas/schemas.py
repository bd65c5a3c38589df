"""The API's shapes for campaigns, ideas, votes, follows, comments and reports.

Each output schema resolves its fields from the model itself (resolvers take the request
from ninja's context for absolute URLs and "did the caller vote"), so an endpoint returns
model objects and the shape is declared exactly once, here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field

from core.api import PageIn, PageOut
from ideas.models import CampaignPage, Comment, Follow, Idea, IdeaImage, IdeaStatus, TimelineEvent
from ideas.selectors import SORTS, user_has_voted

IdeaStatusName = Literal[tuple(IdeaStatus.values)]  # type: ignore[valid-type]
SortName = Literal[SORTS]  # type: ignore[valid-type]


def _request(context: dict[str, Any] | None) -> HttpRequest | None:
    return (context or {}).get("request")


def _absolute(context: dict[str, Any] | None, url: str | None) -> str:
    request = _request(context)
    if not url:
        return ""
    return request.build_absolute_uri(url) if request is not None else url


class DepartmentOut(Schema):
    id: int
    name: str
    slug: str


class CampaignOut(Schema):
    id: int
    title: str
    slug: str
    url: str
    department: DepartmentOut | None
    is_general: bool
    is_open: bool
    opens_at: datetime
    closes_at: datetime | None
    threshold: int = Field(..., description=_("Votes an idea needs to be selected for expert review."))
    summary: str

    @staticmethod
    def resolve_id(obj: CampaignPage) -> int:
        # A translated campaign is listed by its original's id: the id ideas and filters use.
        return obj.canonical.pk

    @staticmethod
    def resolve_url(obj: CampaignPage, context: dict[str, Any]) -> str:
        return _absolute(context, obj.get_url(request=_request(context)))


class IdeaItemOut(Schema):
    id: int
    title: str
    status: IdeaStatusName
    campaign: int = Field(..., description=_("The campaign's id."))
    department: DepartmentOut | None
    votes: int = Field(..., description=_("Exact number of votes, counted from the vote rows."))
    tags: list[str]
    created_at: datetime
    url: str = Field(..., description=_("The idea's page on the website."))

    @staticmethod
    def resolve_campaign(obj: Idea) -> int:
        return obj.campaign_id

    @staticmethod
    def resolve_tags(obj: Idea) -> list[str]:
        return sorted(tag.name for tag in obj.tags.all())

    @staticmethod
    def resolve_url(obj: Idea, context: dict[str, Any]) -> str:
        campaign_url = obj.campaign.get_url(request=_request(context))
        return _absolute(context, f"{campaign_url}ideas/{obj.pk}/") if campaign_url else ""


class IdeaPageOut(PageOut):
    results: list[IdeaItemOut]


class ImageOut(Schema):
    url: str
    alt: str
    width: int | None
    height: int | None

    @staticmethod
    def resolve_url(obj: IdeaImage, context: dict[str, Any]) -> str:
        return _absolute(context, obj.image.url)

    @staticmethod
    def resolve_alt(obj: IdeaImage) -> str:
        return obj.alt


class TimelineEventOut(Schema):
    at: datetime
    kind: str
    kind_label: str = Field(..., description=_("What happened, in the language of the request."))
    from_status: str
    to_status: str
    office: str = Field(..., description=_("Who acted, as an office or role, in the language of the request."))
    note: str = Field(..., description=_("Why: the site's wording in the language of the request, then any note."))

    @staticmethod
    def resolve_at(obj: TimelineEvent) -> datetime:
        return obj.created_at

    @staticmethod
    def resolve_kind_label(obj: TimelineEvent) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_office(obj: TimelineEvent) -> str:
        return obj.office_label

    @staticmethod
    def resolve_note(obj: TimelineEvent) -> str:
        return obj.note_text


class IdeaDetailFields(IdeaItemOut):
    """An idea in full as `ideas` knows it; the site adds the public review (`oasis.ideas_api`)."""

    body: str
    author: str = Field(..., description=_("The author's user name."))
    channel: str
    updated_at: datetime
    selected_at: datetime | None
    voted: bool = Field(..., description=_("Whether the caller has voted for this idea."))
    following: bool = Field(..., description=_("Whether the caller follows this idea."))
    images: list[ImageOut]
    timeline: list[TimelineEventOut]

    @staticmethod
    def resolve_author(obj: Idea) -> str:
        return obj.author.get_username()

    @staticmethod
    def resolve_voted(obj: Idea, context: dict[str, Any]) -> bool:
        user = getattr(_request(context), "user", None)
        return user is not None and user_has_voted(obj, user)

    @staticmethod
    def resolve_following(obj: Idea, context: dict[str, Any]) -> bool:
        user = getattr(_request(context), "user", None)
        return bool(user is not None and user.is_authenticated and Follow.objects.filter(idea=obj, user=user).exists())

    @staticmethod
    def resolve_images(obj: Idea) -> list[IdeaImage]:
        return list(obj.images.all())

    @staticmethod
    def resolve_timeline(obj: Idea) -> list[TimelineEvent]:
        return list(obj.timeline.all())


class IdeaFilters(PageIn):
    campaign: int | None = Field(None, description=_("Only ideas of this campaign (id)."))
    status: IdeaStatusName | None = None
    tag: str | None = Field(None, max_length=100)
    author: Literal["me"] | None = Field(None, description=_("`me`: only the caller's own ideas (needs auth)."))
    sort: SortName = "newest"
    # Search (answered through the search port by the site): keywords and the search facets.
    q: str | None = Field(None, max_length=256, description=_("Keywords; results by relevance unless `sort` is given."))
    department: int | None = Field(None, description=_("Only ideas of this responsible department (id). Uses search."))
    year: int | None = Field(None, ge=1900, le=9999, description=_("Only ideas submitted this year. Uses search."))

    @property
    def needs_search(self) -> bool:
        return self.q is not None or self.department is not None or self.year is not None


class IdeaIn(Schema):
    campaign: int = Field(..., description=_("The campaign's id (see GET /campaigns)."))
    title: str = Field(..., json_schema_extra={"minLength": 5, "maxLength": 200})
    body: str = Field(..., json_schema_extra={"minLength": 20, "maxLength": 20_000})
    tags: list[str] = Field(default_factory=list, json_schema_extra={"maxItems": 10})


class VoteOut(Schema):
    votes: int = Field(..., description=_("Exact number of votes after the call."))
    voted: bool


class FollowOut(Schema):
    following: bool


class ReplyOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime
    parent: int | None

    @staticmethod
    def resolve_author(obj: Comment) -> str:
        return obj.author.get_username()

    @staticmethod
    def resolve_parent(obj: Comment) -> int | None:
        return obj.parent_id


class CommentOut(ReplyOut):
    replies: list[ReplyOut]

    @staticmethod
    def resolve_replies(obj: Comment) -> list[Comment]:
        return list(getattr(obj, "visible_replies", []))


class CommentIn(Schema):
    body: str = Field(..., json_schema_extra={"maxLength": 5_000})
    parent: int | None = Field(None, description=_("Reply to this comment (id)."))


class ReportIn(Schema):
    reason: str = Field(..., json_schema_extra={"minLength": 5, "maxLength": 1_000})
    comment: int | None = Field(None, description=_("Report this comment of the idea instead of the idea."))


class ReportOut(Schema):
    id: int
