"""Facets with counts, filters, sorts and pages (parity: both backends)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ideas.models import IdeaStatus, TimelineEvent, Vote
from search import port
from tests.factories import DepartmentFactory, IdeaFactory, UserFactory, make_campaign
from tests.search.conftest import index_now


def _decide(idea, status, when):
    idea.status, idea.selected_at = status, when - timedelta(days=10)
    idea.save()
    TimelineEvent.objects.create(
        idea=idea, kind=TimelineEvent.Kind.STATUS, from_status="in_review", to_status=status, created_at=when
    )


def _vote(idea, n):
    for _ in range(n):
        Vote.objects.create(idea=idea, voter=UserFactory())


def test_citizen_can_narrow_results_with_facets_that_show_counts(search_backend):
    parks = DepartmentFactory(name="Parks Office", slug="parks")
    roads = DepartmentFactory(name="Roads Office", slug="roads")
    green = make_campaign(title="Greener city", department=parks)
    streets = make_campaign(title="Safer streets", department=roads)
    now = timezone.now()
    a = IdeaFactory(campaign=green, department=parks, title="Pocket park on Elm", body="A small park with trees.")
    b = IdeaFactory(campaign=green, department=parks, title="Park benches", body="Benches in every park, please.")
    c = IdeaFactory(
        campaign=streets,
        department=roads,
        title="Crossing near the park",
        body="A zebra crossing by the park gate.",
        created_at=now.replace(year=now.year - 1),
    )
    a.tags.set(["trees", "parks"])
    b.tags.set(["parks"])
    _decide(c, IdeaStatus.ADOPTED, now)
    index_now(a, b, c)

    results = port.search_ideas(query="park")
    assert results.total == 3
    facets = {name: {(bucket.label, bucket.count) for bucket in buckets} for name, buckets in results.facets.items()}
    assert facets["campaign"] == {("Greener city", 2), ("Safer streets", 1)}
    assert facets["department"] == {("Parks Office", 2), ("Roads Office", 1)}
    assert facets["status"] == {("Open for votes", 2), ("Adopted", 1)}
    assert facets["year"] == {(str(now.year), 2), (str(now.year - 1), 1)}
    assert facets["tag"] == {("parks", 2), ("trees", 1)}

    only_green = port.search_ideas(query="park", filters={"campaign": [str(green.pk)]})
    assert {h.title for h in only_green.hits} == {"Pocket park on Elm", "Park benches"}
    assert [b.selected for b in only_green.facets["campaign"]] == [True]
    assert {h.title for h in port.search_ideas(query="park", filters={"tag": "trees"}).hits} == {"Pocket park on Elm"}
    assert [h.title for h in port.search_ideas(filters={"status": "adopted"}).hits] == ["Crossing near the park"]
    assert [h.title for h in port.search_ideas(filters={"year": now.year - 1}).hits] == ["Crossing near the park"]
    assert port.search_ideas(filters={"department": [roads.pk], "status": ["open"]}).total == 0


def test_citizen_can_sort_by_votes_newest_and_recently_decided(search_backend):
    now = timezone.now()
    old = IdeaFactory(title="Old idea about buses", created_at=now - timedelta(days=30))
    mid = IdeaFactory(title="Middle idea about buses", created_at=now - timedelta(days=20))
    new = IdeaFactory(title="New idea about buses", created_at=now - timedelta(days=1))
    _vote(mid, 3)
    _vote(old, 1)
    _decide(old, IdeaStatus.NOT_ADOPTED, now - timedelta(days=2))
    _decide(new, IdeaStatus.PARTIALLY_ADOPTED, now - timedelta(hours=1))
    index_now(old, mid, new)

    by = {
        sort: [h.title for h in port.search_ideas(query="buses", sort=sort).hits]
        for sort in ("votes", "newest", "decided")
    }
    assert by["votes"] == ["Middle idea about buses", "Old idea about buses", "New idea about buses"]
    assert by["newest"] == ["New idea about buses", "Middle idea about buses", "Old idea about buses"]
    assert by["decided"] == ["New idea about buses", "Old idea about buses", "Middle idea about buses"]
    assert [h.votes for h in port.search_ideas(query="buses", sort="votes").hits] == [3, 1, 0]


def test_citizen_can_page_through_many_results(search_backend):
    now = timezone.now()
    ideas = [IdeaFactory(title=f"Lantern festival plan {i}", created_at=now - timedelta(minutes=i)) for i in range(25)]
    index_now(*ideas)

    first = port.search_ideas(query="lantern", sort="newest", page=1, per_page=10)
    third = port.search_ideas(query="lantern", sort="newest", page=3, per_page=10)
    assert (first.total, first.num_pages, first.has_next, first.has_previous) == (25, 3, True, False)
    assert [h.title for h in first.hits][:2] == ["Lantern festival plan 0", "Lantern festival plan 1"]
    assert [h.title for h in third.hits] == [f"Lantern festival plan {i}" for i in range(20, 25)]
    assert not third.has_next
    beyond = port.search_ideas(query="lantern", page=99, per_page=10)
    assert beyond.hits == [] and beyond.total == 25


def test_citizen_gets_every_idea_newest_first_for_an_empty_query(search_backend):
    now = timezone.now()
    IdeaFactory(title="First", created_at=now - timedelta(days=2))
    IdeaFactory(title="Second", created_at=now - timedelta(days=1))
    index_now(*port.searchable_ideas())

    results = port.search_ideas(query="   ")
    assert [h.title for h in results.hits] == ["Second", "First"]
    assert results.sort == "newest" and not results.has_query
    assert port.search_ideas(query="the and of").total == 2
