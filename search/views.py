"""The search page and the two small JSON endpoints behind its JavaScript enhancements."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from search.port import SearchUnavailable, search_ideas, similar_ideas, suggest_titles

SORT_CHOICES = [
    ("relevance", gettext_lazy("Relevance")),
    ("votes", gettext_lazy("Most votes")),
    ("newest", gettext_lazy("Newest")),
    ("decided", gettext_lazy("Recently decided")),
]
FACET_TITLES = [
    ("status", gettext_lazy("Status")),
    ("campaign", gettext_lazy("Campaign")),
    ("department", gettext_lazy("Department")),
    ("year", gettext_lazy("Year")),
    ("tag", gettext_lazy("Tags")),
]
MAX_SIMILAR_TITLE = 500
MAX_SIMILAR_BODY = 20_000


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    context = {"query": query[:256], "sort_choices": SORT_CHOICES, "results": None, "facet_groups": []}
    try:
        results = search_ideas(
            query=query, filters=request.GET, sort=request.GET.get("sort"), page=request.GET.get("page", 1)
        )
    except SearchUnavailable:
        context["unavailable"] = True
        return render(request, "search/search_page.html", context, status=503)
    context["results"] = results
    context["facet_groups"] = [
        {"name": name, "title": title, "buckets": results.facets.get(name, []), "active": name in results.filters}
        for name, title in FACET_TITLES
    ]
    return render(request, "search/search_page.html", context)


@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    prefix = request.GET.get("q", "")
    return JsonResponse({"query": prefix[:100], "suggestions": suggest_titles(prefix=prefix)})


@require_GET
def similar(request: HttpRequest) -> JsonResponse:
    title = request.GET.get("title", "")
    body = request.GET.get("body", "")
    exclude = request.GET.get("exclude", "")
    if len(title) > MAX_SIMILAR_TITLE or len(body) > MAX_SIMILAR_BODY:
        return JsonResponse({"error": _("The text is too long to compare.")}, status=400)
    if exclude and not exclude.isdigit():
        return JsonResponse({"error": _("“exclude” must be an idea number.")}, status=400)
    hits = similar_ideas(title=title, body=body, exclude_id=int(exclude) if exclude else None)
    return JsonResponse(
        {
            "results": [
                {
                    "id": h.id,
                    "title": h.title,
                    "url": h.url,
                    "status": h.status,
                    "status_label": h.status_label,
                    "votes": h.votes,
                    "votes_label": ngettext("%(n)d vote", "%(n)d votes", h.votes) % {"n": h.votes},
                    "campaign": h.campaign_title,
                }
                for h in hits
            ]
        }
    )
