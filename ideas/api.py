"""API v1 endpoints for campaigns, ideas, votes, follows, comments and reports.

Mounted at /api/v1/ by the site (`oasis.api`); authentication, the error format and
pagination come from `core.api`, the shapes from `ideas.schemas`. Endpoints stay thin:
reads go through `ideas.selectors`, writes through `ideas.services` and `ideas.voting`,
whose ValidationError/PermissionDenied become JSON 4xx answers.

The three idea endpoints that also show what other apps add (the public review, keyword
search) are composed by the site from the functions here: `idea_list_page`,
`idea_create_from`, `visible_idea_or_404`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Status
from ninja.errors import AuthenticationError

from core.api import AUTH, ERRORS_READ, ERRORS_WRITE, paginate, request_user
from ideas.models import CampaignPage, Channel, Comment, Idea
from ideas.moderation import report_create
from ideas.schemas import (
    CampaignOut,
    CommentIn,
    CommentOut,
    FollowOut,
    IdeaFilters,
    IdeaIn,
    ReportIn,
    ReportOut,
    VoteOut,
)
from ideas.selectors import (
    campaign_original_id,
    campaigns_published,
    idea_comments,
    idea_for_detail,
    ideas_for_list,
)
from ideas.services import comment_create, follow_set, idea_submit
from ideas.voting import vote_cast, vote_count_for, vote_withdraw

router = Router()

TAG_ERROR_CODES = ("too_many_tags", "tag_length")


# --- shared by the endpoints here and the site's composed ones ---------------------------


def visible_idea_or_404(idea_id: int, *, user: User | AnonymousUser | None = None, detail: bool = False) -> Idea:
    """The idea if `user` may see it (`ideas.view_idea`); anonymous when `user` is None."""
    if detail:
        idea = idea_for_detail(idea_id=idea_id)
    else:
        idea = Idea.objects.select_related("campaign").filter(pk=idea_id).first()
    if idea is None or not (user or AnonymousUser()).has_perm("ideas.view_idea", idea):
        raise Http404
    return idea


def idea_list_page(request: HttpRequest, filters: IdeaFilters, user: User | AnonymousUser) -> dict[str, Any]:
    """`GET /ideas` without search: public ideas filtered, sorted and paginated."""
    qs = ideas_for_list(sort=filters.sort, status=filters.status, tag=filters.tag)
    if filters.campaign is not None:
        qs = qs.filter(campaign_id=campaign_original_id(filters.campaign))
    if filters.author == "me":
        if not user.is_authenticated:
            raise AuthenticationError(401, _("Sign in to list your own ideas."))
        qs = qs.filter(author=user)
    return paginate(request, qs.prefetch_related("tags"), page=filters.page, page_size=filters.page_size)


def idea_create_from(payload: IdeaIn, *, author: User) -> Idea:
    """Submit an idea from the API (409 if the campaign is closed); returns it ready for the detail schema."""
    campaign = CampaignPage.objects.filter(pk=payload.campaign).first()
    if campaign is None:
        raise ValidationError({"campaign": _("There is no campaign with this id.")})
    try:
        idea = idea_submit(
            campaign=campaign,
            author=author,
            title=payload.title,
            body=payload.body,
            tags=payload.tags,
            channel=Channel.API,
        )
    except ValidationError as exc:
        if not hasattr(exc, "error_dict") and exc.code in TAG_ERROR_CODES:
            raise ValidationError({"tags": exc.messages})  # name the field the app should highlight
        raise
    return idea_for_detail(idea_id=idea.pk)


# --- campaigns ------------------------------------------------------------------------


@router.get(
    "/campaigns",
    response=list[CampaignOut],
    tags=["campaigns"],
    summary=gettext_lazy("List published campaigns"),
    description=gettext_lazy("Every published campaign, the general one first, then open ones, by title."),
)
def campaign_list(request: HttpRequest):
    request_user(request)  # a bad token is refused even where none is needed
    return campaigns_published()


# --- votes ----------------------------------------------------------------------------


@router.post(
    "/ideas/{int:idea_id}/vote",
    response={200: VoteOut, 201: VoteOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["votes"],
    summary=gettext_lazy("Vote for an idea"),
    description=gettext_lazy("Idempotent: 201 when the vote is cast, 200 when it already existed."),
)
def idea_vote(request: HttpRequest, idea_id: int):
    idea = visible_idea_or_404(idea_id)
    _vote, created = vote_cast(idea=idea, voter=request.auth)
    return Status(201 if created else 200, {"votes": vote_count_for(idea), "voted": True})


@router.delete(
    "/ideas/{int:idea_id}/vote",
    response={200: VoteOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["votes"],
    summary=gettext_lazy("Take a vote back"),
    description=gettext_lazy("Idempotent: 200 whether or not there was a vote to withdraw."),
)
def idea_unvote(request: HttpRequest, idea_id: int):
    idea = visible_idea_or_404(idea_id)
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
    summary=gettext_lazy("Follow an idea"),
)
def idea_follow(request: HttpRequest, idea_id: int):
    idea = visible_idea_or_404(idea_id)
    return Status(200, {"following": follow_set(idea=idea, user=request.auth, following=True)})


@router.delete(
    "/ideas/{int:idea_id}/follow",
    response={200: FollowOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["follows"],
    summary=gettext_lazy("Stop following an idea"),
)
def idea_unfollow(request: HttpRequest, idea_id: int):
    idea = visible_idea_or_404(idea_id)
    return Status(200, {"following": follow_set(idea=idea, user=request.auth, following=False)})


@router.get(
    "/ideas/{int:idea_id}/comments",
    response={200: list[CommentOut], **ERRORS_READ},
    tags=["comments"],
    summary=gettext_lazy("An idea's comments"),
    description=gettext_lazy("Visible comments, oldest first, each with its replies."),
)
def idea_comment_list(request: HttpRequest, idea_id: int):
    idea = visible_idea_or_404(idea_id, user=request_user(request))
    return idea_comments(idea)


@router.post(
    "/ideas/{int:idea_id}/comments",
    response={201: CommentOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["comments"],
    summary=gettext_lazy("Comment on an idea"),
)
def idea_comment_create(request: HttpRequest, idea_id: int, payload: CommentIn):
    idea = visible_idea_or_404(idea_id)
    parent = None
    if payload.parent is not None:
        parent = Comment.objects.select_related("parent").filter(pk=payload.parent, idea=idea).first()
        if parent is None:
            raise ValidationError({"parent": _("There is no such comment on this idea.")})
    return Status(201, comment_create(idea=idea, author=request.auth, body=payload.body, parent=parent))


@router.post(
    "/ideas/{int:idea_id}/report",
    response={201: ReportOut, **ERRORS_WRITE},
    auth=AUTH,
    tags=["reports"],
    summary=gettext_lazy("Report an idea or one of its comments to moderators"),
    description=gettext_lazy("409 if the caller already reported the same thing."),
)
def idea_report(request: HttpRequest, idea_id: int, payload: ReportIn):
    idea = visible_idea_or_404(idea_id)
    comment = None
    if payload.comment is not None:
        comment = Comment.objects.filter(pk=payload.comment, idea=idea, hidden=False).first()
        if comment is None:
            raise ValidationError({"comment": _("There is no such comment on this idea.")})
    return Status(201, report_create(reporter=request.auth, idea=idea, reason=payload.reason, comment=comment))
