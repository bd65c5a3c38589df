"""The idea endpoints that show more than `ideas` knows, composed here at the site layer.

`ideas` imports none of the apps above it, yet an idea in full carries its public review
(from `review`) and the idea list answers keywords through the search port (`search`).
The site, which may import every app, assembles those three operations from the pieces
each app owns; their paths and payloads are those of the other idea endpoints.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Status
from ninja.errors import HttpError
from pydantic import Field

from core.api import AUTH, ERRORS_READ, ERRORS_WRITE, ErrorOut, page_envelope, request_user
from ideas.api import idea_create_from, idea_list_page, visible_idea_or_404
from ideas.models import Idea
from ideas.schemas import IdeaDetailFields, IdeaFilters, IdeaIn, IdeaPageOut
from ideas.selectors import campaign_original_id, ideas_for_list
from review.public import PublicReview, idea_public_review
from review.schemas import PublicReviewOut
from search.port import SearchUnavailable, search_ideas

router = Router(tags=["ideas"])


class IdeaDetailOut(IdeaDetailFields):
    review: PublicReviewOut | None = Field(
        ..., description=gettext_lazy("The public review summary; null before review.")
    )

    @staticmethod
    def resolve_review(obj: Idea) -> PublicReview | None:
        return idea_public_review(obj)


@router.get(
    "/ideas",
    response={200: IdeaPageOut, 400: ErrorOut, 401: ErrorOut},
    summary=gettext_lazy("List ideas"),
    description=gettext_lazy("Public ideas (never hidden or withdrawn ones), filtered, sorted and paginated."),
)
def idea_list(request: HttpRequest, filters: Query[IdeaFilters]):
    user = request_user(request)
    if filters.needs_search:
        return _idea_search(request, filters)
    return idea_list_page(request, filters, user)


def _idea_search(request: HttpRequest, filters: IdeaFilters) -> dict[str, Any]:
    """`GET /ideas` with `q`, `department` or `year`: the same search port as the /search/ page."""
    if filters.author == "me":
        raise ValidationError(_("`author` cannot be combined with `q`, `department` or `year`."))
    campaign = campaign_original_id(filters.campaign) if filters.campaign is not None else None
    facets = {"campaign": campaign, "status": filters.status, "tag": filters.tag}
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
    return page_envelope(
        request, page=found.page, page_size=found.per_page, count=found.total, results=ideas, has_next=found.has_next
    )


@router.post(
    "/ideas",
    response={201: IdeaDetailOut, **ERRORS_WRITE},
    auth=AUTH,
    summary=gettext_lazy("Submit an idea"),
    description=gettext_lazy("Submit an idea to an open campaign (409 if the campaign is closed)."),
)
def idea_create(request: HttpRequest, payload: IdeaIn):
    return Status(201, idea_create_from(payload, author=request.auth))


@router.get(
    "/ideas/{int:idea_id}",
    response={200: IdeaDetailOut, **ERRORS_READ},
    summary=gettext_lazy("An idea in full"),
    description=gettext_lazy("The idea with its timeline, images and public review summary."),
)
def idea_detail(request: HttpRequest, idea_id: int):
    return visible_idea_or_404(idea_id, user=request_user(request), detail=True)
