"""`{% similar_ideas_for %}`: pages of the apps below search show similar ideas without importing it."""

from __future__ import annotations

from django.template import Context, Template

from search import port
from tests.factories import IdeaFactory
from tests.search.conftest import index_now

TAG = Template(
    "{% load search_tags %}"
    "{% similar_ideas_for title=title body=body exclude=exclude as similar %}"
    "{% for hit in similar %}{{ hit.id }};{% endfor %}"
)


def render(**context) -> list[int]:
    return [int(i) for i in TAG.render(Context(context)).split(";") if i]


def test_page_gets_the_same_similar_ideas_as_the_port(search_backend):
    mine = IdeaFactory(title="Shade trees for the river walk", body="We need shade trees by the river.")
    others = [
        IdeaFactory(title=f"Shade trees along the river walk {n}", body="Plant shade trees on the river walk.")
        for n in range(3)
    ]
    index_now(mine, *others)

    expected = [h.id for h in port.similar_ideas(title=mine.title, body=mine.body, exclude_id=mine.pk)]

    assert expected and mine.pk not in expected
    assert render(title=mine.title, body=mine.body, exclude=mine.pk) == expected
    assert render(title=mine.title, body=mine.body, exclude=str(mine.pk)) == expected


def test_page_gets_no_similar_ideas_without_words(search_backend):
    index_now(IdeaFactory(title="Shade trees along the river walk"))

    assert render(title=None, body=None, exclude=None) == []
    assert render(title="", body="", exclude="") == []


def test_page_still_renders_when_search_is_down(db, settings):
    settings.OASIS_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.OASIS_SEARCH_INDEX = "oasis-test-down"
    port.reset_for_tests()
    try:
        assert render(title="Shade trees along the river", body="Plant trees", exclude=1) == []
    finally:
        port.reset_for_tests()
