"""Search finds what a citizen means in English and Korean: recall@10 of at least 0.9 per
language on the judged set (tests/search/relevance), on every backend: the embedded one (SQLite
or PostgreSQL, whichever the run uses) and Elasticsearch."""

from __future__ import annotations

from search import port
from tests.factories import IdeaFactory
from tests.search import relevance
from tests.search.conftest import index_now


def seed_judged_ideas() -> dict[int, str]:
    """The judged ideas as open ideas of the general campaign; {idea id: judged key}."""
    keys = {}
    for judged in relevance.load()["ideas"]:
        idea = IdeaFactory(title=judged["title"], body=judged["body"])
        idea.tags.set(judged["tags"])
        keys[idea.pk] = judged["key"]
    return keys


def test_citizen_can_find_nine_in_ten_judged_ideas_in_english_and_korean(search_backend):
    keys = seed_judged_ideas()
    index_now(*keys)

    scores = relevance.score(
        lambda q: [keys[h.id] for h in port.search_ideas(query=q, sort="relevance", per_page=relevance.K).hits]
    )

    assert set(scores) == {"en", "ko"}
    assert all(s.queries >= 40 for s in scores.values())
    for s in scores.values():
        assert s.recall >= relevance.TARGET, s.report()
