"""Search in templates, so pages of the apps below can show similar ideas without importing search.

    {% load search_tags %}
    {% similar_ideas_for title=idea.title body=idea.body exclude=idea.pk as similar_ideas %}

The apps below (ideas, review) must not import search (layers); their templates may load this
library, since templates are composed by the site, where every app is installed.
"""

from __future__ import annotations

from django import template

from search.port import SIMILAR_LIMIT, SearchHit, similar_ideas

register = template.Library()


@register.simple_tag
def similar_ideas_for(
    *,
    title: str | None = "",
    body: str | None = "",
    exclude: int | str | None = None,
    limit: int = SIMILAR_LIMIT,
) -> list[SearchHit]:
    """`search.port.similar_ideas` for a template: [] when there are no words or search is down."""
    try:
        exclude_id = int(exclude) if exclude not in (None, "") else None
    except (TypeError, ValueError):
        exclude_id = None  # a template passed something odd: exclude nothing rather than fail the page
    return similar_ideas(title=title or "", body=body or "", exclude_id=exclude_id, limit=limit)
