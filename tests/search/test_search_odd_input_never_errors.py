"""Whatever a citizen types, search answers (parity: both backends, through the port and the page)."""

from __future__ import annotations

import pytest

from search import port
from tests.factories import IdeaFactory
from tests.search.conftest import index_now

ODD_QUERIES = [
    '"',
    '"unbalanced quote',
    'title:"x" AND (body OR',
    "NEAR(a b, 3) OR NOT -x +y",
    "* ? ~ ^ : { } [ ] \\ / | & !",
    "'; DROP TABLE ideas_idea; --",
    "a" * 10_000,
    "park " * 2_500,
    "x\x00y\x01z\x1b[31m\u200b\ufeff\ud800",
    '한국어 "따옴표" 검색 AND 공원',
    "<script>alert(1)</script>",
    "%_%",
    "😀🚲🌳",
    "\u0301\u0301",
]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
def test_citizen_can_search_with_odd_input_without_error(search_backend, query):
    index_now(IdeaFactory(title="Park lighting", body="Brighter lamps in the park at night."))

    results = port.search_ideas(query=query, sort="relevance")
    assert results.total >= 0
    assert port.suggest_titles(prefix=query) is not None
    assert port.similar_ideas(title=query, body=query) is not None


def test_visitor_gets_a_page_for_odd_input_and_odd_parameters(search_backend, client):
    index_now(IdeaFactory(title="Park lighting", body="Brighter lamps in the park at night."))

    for query in ODD_QUERIES:
        sendable = query.encode("utf-8", "surrogatepass").decode("utf-8", "replace")  # what a browser can send
        assert client.get("/search/", {"q": sendable[:3000]}).status_code == 200
    assert client.get("/search/?q=%ff%fe%ed%a0%80&page=%00").status_code == 200  # invalid UTF-8 bytes
    odd = client.get("/search/", {"q": "park", "page": "-3", "sort": "bogus", "year": "abc", "status": "nope"})
    assert odd.status_code == 200
    assert "<mark>Park</mark> lighting" in odd.content.decode()
    assert "Ignored the status filter" in odd.content.decode()
    for params in ({"q": "\x00"}, {"title": "\x00" * 50}, {"title": "a" * 600}, {"title": "x", "exclude": "y"}):
        assert client.get("/search/suggest", params).status_code == 200
        assert client.get("/search/similar", params).status_code in (200, 400)
    assert client.get("/search/similar", {"title": "x", "exclude": "y"}).json()["error"]
