"""The /search/ page: works without JavaScript, highlights, facets, helpful empty states."""

from __future__ import annotations

from django.utils import timezone

from search import port
from tests.factories import IdeaFactory
from tests.search.conftest import index_now


def test_visitor_can_search_from_a_plain_html_form_with_facets_and_highlights(search_backend, client):
    IdeaFactory(title="Rain gardens", body="Rain gardens soak up storm water on every street.").tags.set(["water"])
    IdeaFactory(title="Water taps", body="Public taps for refilling bottles.")
    index_now(*port.searchable_ideas())

    response = client.get("/search/", {"q": "rain"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'role="search"' in html and '<label for="id_q">' in html and 'name="q"' in html
    assert "<mark>Rain</mark> gardens" in html
    assert "1 idea found" in html
    assert "?q=rain&amp;tag=water" in html  # the tag facet is a plain link
    assert f"?q=rain&amp;year={timezone.now().year}" in html

    filtered = client.get("/search/", {"q": "water", "tag": "water"}).content.decode()
    assert "Rain gardens" in filtered and "Water taps" not in filtered
    assert "Clear all filters" in filtered


def test_visitor_gets_helpful_pages_for_empty_and_nonsense_queries(search_backend, client):
    index_now(IdeaFactory(title="Street food festival", body="A yearly street food festival by the river."))

    empty = client.get("/search/").content.decode()
    assert "Type a keyword" in empty and "Street food festival" in empty
    nonsense = client.get("/search/", {"q": "qwxzv"}).content.decode()
    assert "No ideas match “qwxzv”." in nonsense and "Browse the campaigns" in nonsense
    common = client.get("/search/", {"q": "the"}).content.decode()
    assert "has no words we can search for" in common and "Street food festival" in common


def test_visitor_sees_idea_text_escaped_not_executed(search_backend, client):
    index_now(IdeaFactory(title="<script>alert('x')</script> lamps", body="<b>bold</b> lamps & lights"))

    html = client.get("/search/", {"q": "lamps"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_visitor_sees_a_clear_message_when_search_is_down(client, db, settings):
    settings.OASIS_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.OASIS_SEARCH_INDEX = "oasis-test-down"
    try:
        response = client.get("/search/", {"q": "anything"})
        assert response.status_code == 503
        assert "Search is temporarily unavailable" in response.content.decode()
        assert client.get("/search/suggest", {"q": "any"}).json()["suggestions"] == []
        assert client.get("/search/similar", {"title": "anything at all"}).json()["results"] == []
    finally:
        port.reset_for_tests()
