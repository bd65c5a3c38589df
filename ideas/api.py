"""API v1 endpoints for campaigns, ideas, votes, follows, comments and reports.

Mounted at /api/v1/ by `oasis.api` (which owns authentication and the error format).
Endpoints stay thin: reads go through `ideas.selectors`, writes through `ideas.services`
and `ideas.voting`, whose ValidationError/PermissionDenied become JSON 4xx answers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import AuthenticationError
from pydantic import Field

from core.api import AUTH, ERRORS_READ, ERRORS_WRITE, ErrorOut, request_user
from ideas.models import CampaignPage, Channel, Comment, Follow, Idea, IdeaStatus
from ideas.selectors import SORTS, idea_comments, idea_for_detail, ideas_for_list, user_has_voted
from ideas.services import comment_create, follow_set, idea_submit, report_create
from ideas.voting import vote_cast, vote_count_for, vote_withdraw
from review.public import idea_public_review

router = Router()

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
TAG_ERROR_CODES = ("too_many_tags", "tag_length")

IdeaStatusName = Literal[tuple(IdeaStatus.values)]  # type: ignore[valid-type]
SortName = Literal[SORTS]  # type: ignore[valid-type]


# --- schemas --------------------------------------------------------------------------


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
    threshold: int = Field(..., description="Votes an idea needs to be selected for expert review.")
    summary: str


class IdeaItemOut(Schema):
    id: int
    title: str
    status: IdeaStatusName
    campaign: int = Field(..., description="The campaign's id.")
    department: DepartmentOut | None
    votes: int = Field(..., description="Exact number of votes, counted from the vote rows.")
    tags: list[str]
    created_at: datetime
    url: str = Field(..., description="The idea's page on the website.")


class IdeaPageOut(Schema):
    count: int = Field(..., description="Ideas matching the filters, over all pages.")
    page: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[IdeaItemOut]


class ImageOut(Schema):
    url: str
    alt: str
    width: int | None
    height: int | None


class TimelineEventOut(Schema):
    at: datetime
    kind: str
    kind_label: str
    from_status: str
    to_status: str
    office: str = Field(..., description="Who acted, as an office or role.")
    note: str


class IdeaDetailOut(IdeaItemOut):
    body: str
    author: str = Field(..., description="The author's user name.")
    channel: str
    updated_at: datetime
    selected_at: datetime | None
    voted: bool = Field(..., description="Whether the caller has voted for this idea.")
    following: bool = Field(..., description="Whether the caller follows this idea.")
    images: list[ImageOut]
    timeline: list[TimelineEventOut]
    review: dict[str, Any] | None = Field(..., description="The public review summary; null before review.")


class IdeaFilters(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    campaign: int | None = Field(None, description="Only ideas of this campaign (id).")
    status: IdeaStatusName | None = None
    tag: str | None = Field(None, max_length=100)
    author: Literal["me"] | None = Field(None, description="`me`: only the caller's own ideas (needs auth).")
    sort: SortName = "newest"
    # Search (through search.port): keywords and the search facets.
    q: str | None = Field(None, max_length=256, description="Keywords; results by relevance unless `sort` is given.")
    department: int | None = Field(None, description="Only ideas of this responsible department (id). Uses search.")
    year: int | None = Field(None, ge=1900, le=9999, description="Only ideas submitted this year. Uses search.")


class IdeaIn(Schema):
    campaign: int = Field(..., description="The campaign's id (see GET /campaigns).")
    title: str = Field(..., json_schema_extra={"minLength": 5, "maxLength": 200})
    body: str = Field(..., json_schema_extra={"minLength": 20, "maxLength": 20_000})
    tags: list[str] = Field(default_factory=list, json_schema_extra={"maxItems": 10})


class VoteOut(Schema):
    votes: int = Field(..., description="Exact number of votes after the call.")
    voted: bool


class FollowOut(Schema):
    following: bool


class ReplyOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime
    parent: int | None


class CommentOut(ReplyOut):
    replies: list[ReplyOut]


class CommentIn(Schema):
    body: str = Field(..., json_schema_extra={"maxLength": 5_000})
    parent: int | None = Field(None, description="Reply to this comment (id).")


class ReportIn(Schema):
    reason: str = Field(..., json_schema_extra={"minLength": 5, "maxLength": 1_000})
    comment: int | None = Field(None, description="Report this comment of the idea instead of the idea.")


class ReportOut(Schema):
    id: int


# --- helpers --------------------------------------------------------------------------


def _absolute(request: HttpRequest, url: str | None) -> str:
    return request.build_absolute_uri(url) if url else ""


def _department(department) -> dict[str, Any] | None:
    if department is None:
        return None
    return {"id": department.pk, "name": department.name, "slug": department.slug}


def _is_moderator(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.has_perm("ideas.moderate"))


def _idea_url(request: HttpRequest, idea: Idea) -> str:
    campaign_url = idea.campaign.get_url(request=request)
    return _absolute(request, f"{campaign_url}ideas/{idea.pk}/") if campaign_url else ""


def _idea_item(request: HttpRequest, idea: Idea) -> dict[str, Any]:
    return {
        "id": idea.pk,
        "title": idea.title,
        "status": idea.status,
        "campaign": idea.campaign_id,
        "department": _department(idea.department),
        "votes": idea.votes,
        "tags": sorted(tag.name for tag in idea.tags.all()),
        "created_at": idea.created_at,
        "url": _idea_url(request, idea),
    }


def _idea_detail(request: HttpRequest, idea: Idea, user: User | AnonymousUser) -> dict[str, Any]:
    data = _idea_item(request, idea)
    data.update(
        body=idea.body,
        author=idea.author.get_username(),
        channel=idea.channel,
        updated_at=idea.updated_at,
        selected_at=idea.selected_at,
        voted=user_has_voted(idea, user),
        following=bool(user.is_authenticated and Follow.objects.filter(idea=idea, user=user).exists()),
        images=[
            {
                "url": _absolute(request, image.image.url),
                "alt": image.alt_text,
                "width": image.width,
                "height": image.height,
            }
            for image in idea.images.all()
        ],
        timeline=[
            {
                "at": event.created_at,
                "kind": event.kind,
                "kind_label": str(event.get_kind_display()),
                "from_status": event.from_status,
                "to_status": event.to_status,
                "office": event.office,
                "note": event.note,
            }
            for event in idea.timeline.all()
        ],
        review=idea_public_review(idea),
    )
    return data


def _visible_idea_or_404(idea_id: int, *, user: User | AnonymousUser | None = None) -> Idea:
    """The idea if the public may see it; moderators (when `user` is given) also see hidden ones."""
    idea = Idea.objects.select_related("campaign").filter(pk=idea_id).first()
    if idea is None:
        raise Http404
    if (idea.hidden or idea.status == IdeaStatus.WITHDRAWN) and not (user is not None and _is_moderator(user)):
        raise Http404
    return idea


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _reply(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "author": comment.author.get_username(),
        "body": comment.body,
        "created_at": comment.created_at,
        "parent": comment.parent_id,
    }


# --- campaigns ------------------------------------------------------------------------


@router.get("/campaigns", response=list[CampaignOut], tags=["campaigns"], summary="List published campaigns")
def campaign_list(request: HttpRequest):
    """Every published campaign, the general one first, then open ones, by title."""
    request_user(request)  # a bad token is refused even where none is needed
    campaigns = CampaignPage.objects.live().select_related("department")
    ordered = sorted(campaigns, key=lambda c: (not c.is_general, not c.is_open, c.title))
    return [
        {
            "id": c.pk,
            "title": c.title,
            "slug": c.slug,
            "url": _absolute(request, c.get_url(request=request)),
            "department": _department(c.department),
            "is_general": c.is_general,
            "is_open": c.is_open,
            "opens_at": c.opens_at,
            "closes_at": c.closes_at,
            "threshold": c.threshold,
            "summary": c.summary,
        }
        for c in ordered
    ]


# --- ideas ----------------------------------------------------------------------------


@router.get("/ideas", response={200: IdeaPageOut, 400: ErrorOut, 401: ErrorOut}, tags=["ideas"], summary="List ideas")
def idea_list(request: HttpRequest, filters: Query[IdeaFilters]):
    """Public ideas (never hidden or withdrawn ones), filtered, sorted and paginated."""
    user = request_user(request)
    if filters.q is not None or filters.department is not None or filters.year is not None:
        return _idea_search(request, filters, user)
    qs = ideas_for_list(sort=filters.sort, status=filters.status, tag=filters.tag)
    if filters.campaign is not None:
        qs = qs.filter(campaign_id=filters.campaign)
    if filters.author == "me":
        if not user.is_authenticated:
            raise AuthenticationError(401, _("Sign in to list your own ideas."))
        qs = qs.filter(author=user)
    count = qs.count()
    start = (filters.page - 1) * filters.page_size
    ideas = list(qs.prefetch_related("tags")[start : start + filters.page_size]) if start < count else []
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "next": _page_url(request, filters.page + 1) if start + filters.page_size < count else None,
        "previous": _page_url(request, filters.page - 1) if filters.page > 1 else None,
        "results": [_idea_item(request, idea) for idea in ideas],
    }


def _idea_search(request: HttpRequest, filters: IdeaFilters, user) -> dict[str, Any]:
    """`GET /ideas` with `q`, `department` or `year`: the same search port as the /search/ page."""
    from ninja.errors import HttpError

    from search.port import SearchUnavailable, search_ideas

    if filters.author == "me":
        raise ValidationError(_("`author` cannot be combined with `q`, `department` or `year`."))
    facets = {"campaign": filters.campaign, "status": filters.status, "tag": filters.tag}
    facets |= {"department": filters.department, "year": filters.year}
    sort = {"votes": "votes", "newest": "newest"}.get(request.GET.get("sort", ""), "relevance")
    try:
        found = search_ideas(
            query=filters.q or "",
            filters={k: v for k, v in facets.items() if v is not None},
            sort=sort,
            page=filters.page,
            per_page=min(filters.page_size, 50),
        )
    except SearchUnavailable:
        raise HttpError(503, _("Search is temporarily unavailable; try again shortly."))
    by_id = {i.pk: i for i in ideas_for_list().filter(pk__in=[h.id for h in found.hits]).prefetch_related("tags")}
    ideas = [by_id[h.id] for h in found.hits if h.id in by_id]
    return {
        "count": found.total,
        "page": found.page,
        "page_size": found.per_page,
        "next": _page_url(request, found.page + 1) if found.has_next else None,
        "previous": _page_url(request, found.page - 1) if found.page > 1 else None,
        "results": [_idea_item(request, idea) for idea in ideas],
    }


@router.post(
    "/ideas",
    response={201: IdeaDetailOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["ideas"],
    summary="Submit an idea",
)
def idea_create(request: HttpRequest, payload: IdeaIn):
    """Submit an idea to an open campaign (409 if the campaign is closed)."""
    campaign = CampaignPage.objects.filter(pk=payload.campaign).first()
    if campaign is None:
        raise ValidationError({"campaign": _("There is no campaign with this id.")})
    try:
        idea = idea_submit(
            campaign=campaign,
            author=request.auth,
            title=payload.title,
            body=payload.body,
            tags=payload.tags,
            channel=Channel.API,
        )
    except ValidationError as exc:
        if not hasattr(exc, "error_dict") and exc.code in TAG_ERROR_CODES:
            raise ValidationError({"tags": exc.messages})  # name the field the app should highlight
        raise
    return Status(201, _idea_detail(request, idea_for_detail(idea_id=idea.pk), request.auth))


@router.get(
    "/ideas/{int:idea_id}", response={200: IdeaDetailOut, **ERRORS_READ}, tags=["ideas"], summary="An idea in full"
)
def idea_detail(request: HttpRequest, idea_id: int):
    """The idea with its timeline, images and public review summary."""
    user = request_user(request)
    idea = idea_for_detail(idea_id=idea_id)
    if idea is None or ((idea.hidden or idea.status == IdeaStatus.WITHDRAWN) and not _is_moderator(user)):
        raise Http404
    return _idea_detail(request, idea, user)


# --- votes ----------------------------------------------------------------------------


@router.post(
    "/ideas/{int:idea_id}/vote",
    response={200: VoteOut, 201: VoteOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["votes"],
    summary="Vote for an idea",
)
def idea_vote(request: HttpRequest, idea_id: int):
    """Idempotent: 201 when the vote is cast, 200 when it already existed."""
    idea = _visible_idea_or_404(idea_id)
    _vote, created = vote_cast(idea=idea, voter=request.auth)
    return Status(201 if created else 200, {"votes": vote_count_for(idea), "voted": True})


@router.delete(
    "/ideas/{int:idea_id}/vote",
    response={200: VoteOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["votes"],
    summary="Take a vote back",
)
def idea_unvote(request: HttpRequest, idea_id: int):
    """Idempotent: 200 whether or not there was a vote to withdraw."""
    idea = _visible_idea_or_404(idea_id)
    if idea.author_id == request.auth.pk:
        raise PermissionDenied(_("You cannot vote for your own idea."))
    vote_withdraw(idea=idea, voter=request.auth)
    return Status(200, {"votes": vote_count_for(idea), "voted": False})


# --- follows, comments, reports -------------------------------------------------------


@router.post(
    "/ideas/{int:idea_id}/follow",
    response={200: FollowOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["follows"],
    summary="Follow an idea",
)
def idea_follow(request: HttpRequest, idea_id: int):
    idea = _visible_idea_or_404(idea_id)
    return Status(200, {"following": follow_set(idea=idea, user=request.auth, following=True)})


@router.delete(
    "/ideas/{int:idea_id}/follow",
    response={200: FollowOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["follows"],
    summary="Stop following an idea",
)
def idea_unfollow(request: HttpRequest, idea_id: int):
    idea = _visible_idea_or_404(idea_id)
    return Status(200, {"following": follow_set(idea=idea, user=request.auth, following=False)})


@router.get(
    "/ideas/{int:idea_id}/comments",
    response={200: list[CommentOut], **ERRORS_READ},
    tags=["comments"],
    summary="An idea's comments",
)
def idea_comment_list(request: HttpRequest, idea_id: int):
    """Visible comments, oldest first, each with its replies."""
    idea = _visible_idea_or_404(idea_id, user=request_user(request))
    return [{**_reply(c), "replies": [_reply(r) for r in c.visible_replies]} for c in idea_comments(idea)]


@router.post(
    "/ideas/{int:idea_id}/comments",
    response={201: CommentOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["comments"],
    summary="Comment on an idea",
)
def idea_comment_create(request: HttpRequest, idea_id: int, payload: CommentIn):
    idea = _visible_idea_or_404(idea_id)
    parent = None
    if payload.parent is not None:
        parent = Comment.objects.select_related("parent").filter(pk=payload.parent, idea=idea).first()
        if parent is None:
            raise ValidationError({"parent": _("There is no such comment on this idea.")})
    comment = comment_create(idea=idea, author=request.auth, body=payload.body, parent=parent)
    return Status(201, {**_reply(comment), "replies": []})


@router.post(
    "/ideas/{int:idea_id}/report",
    response={201: ReportOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["reports"],
    summary="Report an idea or one of its comments to moderators",
)
def idea_report(request: HttpRequest, idea_id: int, payload: ReportIn):
    """409 if the caller already reported the same thing."""
    idea = _visible_idea_or_404(idea_id)
    comment = None
    if payload.comment is not None:
        comment = Comment.objects.filter(pk=payload.comment, idea=idea, hidden=False).first()
        if comment is None:
            raise ValidationError({"comment": _("There is no such comment on this idea.")})
    report = report_create(reporter=request.auth, idea=idea, reason=payload.reason, comment=comment)
    return Status(201, {"id": report.pk})
