"""Similar ideas before submitting a duplicate, and title autocomplete (parity: both backends)."""

from __future__ import annotations

from ideas.models import Vote
from search import port
from tests.factories import IdeaFactory, UserFactory
from tests.search.conftest import index_now


def test_citizen_sees_up_to_five_similar_ideas_with_status_and_votes(search_backend):
    ideas = [
        IdeaFactory(title=f"Bike lanes on avenue {n}", body=f"Protected bike lanes for cyclists on avenue {n}.")
        for n in range(7)
    ]
    unrelated = IdeaFactory(title="Library hours", body="Open the library on Sundays for students.")
    hidden = IdeaFactory(title="Bike lanes everywhere", body="Protected bike lanes for cyclists.", hidden=True)
    Vote.objects.create(idea=ideas[0], voter=UserFactory())
    index_now(*ideas, unrelated, hidden)

    similar = port.similar_ideas(title="Protected bike lanes", body="Cyclists need protected lanes downtown.")
    assert 1 <= len(similar) <= 5
    assert all("Bike lanes" in h.title for h in similar)
    assert {h.status for h in similar} == {"open"}
    assert {h.votes for h in similar} <= {0, 1}
    assert port.similar_ideas(title="Protected bike lanes", body="", exclude_id=ideas[0].pk, limit=10)
    assert ideas[0].pk not in [h.id for h in port.similar_ideas(title="bike lanes", exclude_id=ideas[0].pk)]
    assert port.similar_ideas(title="zxqv wplk", body="") == []
    assert port.similar_ideas(title="", body="") == []


def test_similar_endpoint_answers_json_for_the_submit_form(search_backend, client):
    index_now(IdeaFactory(title="Night market by the river", body="A weekly night market with food stalls."))

    data = client.get("/search/similar", {"title": "River night market", "body": "Food stalls at night"}).json()
    assert [r["title"] for r in data["results"]] == ["Night market by the river"]
    assert data["results"][0]["status"] == "open" and data["results"][0]["votes"] == 0
    assert client.get("/search/similar", {"title": "qqqq"}).json() == {"results": []}


def test_citizen_gets_title_suggestions_while_typing(search_backend, client):
    popular = IdeaFactory(title="Bicycle parking at stations", body="Covered bicycle racks at every metro station.")
    IdeaFactory(title="Bicycle repair stands", body="Free tools to fix bicycles in public squares.")
    IdeaFactory(title="Bus shelters", body="Shelters with benches at every bus stop.")
    Vote.objects.create(idea=popular, voter=UserFactory())
    index_now(*port.searchable_ideas())

    titles = [s["title"] for s in port.suggest_titles(prefix="bicy")]
    assert titles == ["Bicycle parking at stations", "Bicycle repair stands"]
    assert [s["title"] for s in port.suggest_titles(prefix="Repai")] == ["Bicycle repair stands"]
    assert port.suggest_titles(prefix="zzz") == []
    assert port.suggest_titles(prefix="  ") == []
    response = client.get("/search/suggest", {"q": "bus"}).json()
    assert [s["title"] for s in response["suggestions"]] == ["Bus shelters"]
    assert response["suggestions"][0]["url"].endswith(f"/ideas/{response['suggestions'][0]['id']}/")
