"""Citizens find ideas by any form of an English word, and despite one typo in a longer word,
with the words as written marked (parity: both backends)."""

from __future__ import annotations

from search import port
from tests.factories import IdeaFactory
from tests.search.conftest import index_now


def titles(query: str) -> list[str]:
    return [h.title for h in port.search_ideas(query=query).hits]


def test_citizen_can_find_fountains_by_fountain(search_backend):
    IdeaFactory(title="Drinking fountains in every park", body="Refill bottles on hot summer days.")
    IdeaFactory(title="Benches by the river", body="Places to rest along the water.")
    index_now(*port.searchable_ideas())

    assert titles("fountain") == ["Drinking fountains in every park"]
    assert titles("FOUNTAINS") == ["Drinking fountains in every park"]
    assert titles("drinking fountain") == ["Drinking fountains in every park"]


def test_citizen_can_find_crosswalks_by_crosswalk_and_back(search_backend):
    IdeaFactory(title="Raised crosswalks near schools", body="Drivers speed past the school gates.")
    IdeaFactory(title="A crosswalk at the market", body="People cross between parked cars.")
    index_now(*port.searchable_ideas())

    both = {"Raised crosswalks near schools", "A crosswalk at the market"}
    assert set(titles("crosswalk")) == both
    assert set(titles("crosswalks")) == both


def test_citizen_can_find_cycling_ideas_by_cycle(search_backend):
    IdeaFactory(title="Safer cycling on Jongno", body="Separate the lane from the buses.")
    IdeaFactory(title="Libraries open on Sundays", body="For students and parents.")
    index_now(*port.searchable_ideas())

    assert titles("cycle") == ["Safer cycling on Jongno"]
    assert titles("library") == ["Libraries open on Sundays"]


def test_citizen_can_find_an_idea_despite_one_typo_in_a_long_word(search_backend):
    IdeaFactory(title="Drinking fountains in every park", body="Refill bottles on hot summer days.")
    IdeaFactory(title="Libraries open on Sundays", body="For students and parents.")
    index_now(*port.searchable_ideas())

    assert titles("fountian") == ["Drinking fountains in every park"]  # transposed letters
    assert titles("libary") == ["Libraries open on Sundays"]  # a letter missing
    assert titles("fuontians") == []  # two typos are too many


def test_citizen_cannot_match_a_short_word_with_a_typo(search_backend):
    IdeaFactory(title="Park benches", body="Somewhere to sit in the park.")
    index_now(*port.searchable_ideas())

    assert titles("bark") == []
    assert titles("park") == ["Park benches"]


def test_citizen_sees_exact_matches_before_matches_one_typo_away(search_backend):
    IdeaFactory(title="Clean the beach", body="Volunteers pick up plastic every month.")
    IdeaFactory(title="More benches downtown", body="Older people need a place to sit.")
    index_now(*port.searchable_ideas())

    assert titles("bench") == ["More benches downtown", "Clean the beach"]


def test_citizen_sees_the_words_as_written_marked(search_backend):
    IdeaFactory(title="Drinking fountains in every park", body="New fountains refill bottles on hot days.")
    index_now(*port.searchable_ideas())

    for query in ("fountain", "fountian"):
        hit = port.search_ideas(query=query).hits[0]
        assert str(hit.title_html) == "Drinking <mark>fountains</mark> in every park"
        assert "New <mark>fountains</mark> refill" in str(hit.excerpt_html)


def test_citizen_can_narrow_a_search_with_a_typo_by_facets_phrases_and_pages(search_backend):
    IdeaFactory(title="Drinking fountains", body="Refill bottles on hot days.").tags.set(["water"])
    IdeaFactory(title="Fountain repair", body="The old fountain in the square is dry.")
    IdeaFactory(title="Benches", body="Somewhere to rest.")
    index_now(*port.searchable_ideas())

    narrowed = port.search_ideas(query="fountian", filters={"tag": "water", "status": "open"})
    assert [h.title for h in narrowed.hits] == ["Drinking fountains"]
    assert titles('fountian "old fountain"') == ["Fountain repair"]
    second = port.search_ideas(query="fountian", page=2, per_page=1)
    assert second.total == 2 and len(second.hits) == 1
