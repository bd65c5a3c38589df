"""GET /api/v1/ideas?q=... and its facet parameters go through the search port (parity)."""

from __future__ import annotations

from tests.factories import DepartmentFactory, IdeaFactory, make_campaign
from tests.search.conftest import index_now


def test_api_client_can_search_ideas_by_keyword_and_facets(search_backend, client):
    parks = DepartmentFactory(name="Parks", slug="parks-api")
    campaign = make_campaign(title="Green", department=parks)
    a = IdeaFactory(campaign=campaign, department=parks, title="Wildflower meadows", body="Let verges grow wild.")
    b = IdeaFactory(title="Wildflower seeds for schools", body="Give every school wildflower seeds.")
    index_now(a, b)

    data = client.get("/api/v1/ideas", {"q": "wildflower"}).json()
    assert data["count"] == 2
    assert {r["title"] for r in data["results"]} == {"Wildflower meadows", "Wildflower seeds for schools"}
    only_parks = client.get("/api/v1/ideas", {"q": "wildflower", "department": parks.pk}).json()
    assert [r["title"] for r in only_parks["results"]] == ["Wildflower meadows"]
    assert client.get("/api/v1/ideas", {"q": "\"'(*"}).status_code == 200
    assert client.get("/api/v1/ideas", {"q": "x", "year": "abc"}).status_code in (400, 422)
