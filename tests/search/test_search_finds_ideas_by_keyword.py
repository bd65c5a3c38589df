"""Citizens find ideas and past answers by keyword (parity: both backends)."""

from __future__ import annotations

from ideas.models import IdeaStatus, TimelineEvent
from search import port
from tests.factories import IdeaFactory
from tests.search.conftest import index_now


def titles(results) -> list[str]:
    return [h.title for h in results.hits]


def test_citizen_can_find_idea_by_word_in_title_body_or_tag(search_backend):
    bike = IdeaFactory(title="Protected bicycle lanes", body="Paint is not enough; we need curbs on every avenue.")
    tree = IdeaFactory(title="Plant more street trees", body="Shade on hot days, for pedestrians and cyclists.")
    tagged = IdeaFactory(title="Night buses to the airport", body="Late flights leave travellers stranded downtown.")
    tagged.tags.set(["transport"])
    index_now(bike, tree, tagged)

    assert titles(port.search_ideas(query="bicycle")) == ["Protected bicycle lanes"]
    assert titles(port.search_ideas(query="PEDESTRIANS")) == ["Plant more street trees"]
    assert titles(port.search_ideas(query="transport")) == ["Night buses to the airport"]
    assert port.search_ideas(query="bicycle").total == 1


def test_citizen_can_find_past_answer_by_words_of_the_verdict(search_backend):
    idea = IdeaFactory(title="Rooftop solar on schools", body="Every school roof could carry panels and teach kids.")
    idea.status = IdeaStatus.ADOPTED
    idea.selected_at = idea.created_at
    idea.save()
    TimelineEvent.objects.create(
        idea=idea,
        kind=TimelineEvent.Kind.VERDICT,
        from_status=IdeaStatus.IN_REVIEW,
        to_status=IdeaStatus.ADOPTED,
        note="Adopted: the education office will fund photovoltaic installations from 2027.",
    )
    index_now(idea)

    results = port.search_ideas(query="photovoltaic")
    assert titles(results) == ["Rooftop solar on schools"]
    assert results.hits[0].outcome == IdeaStatus.ADOPTED
    assert results.hits[0].decided_at is not None


def test_citizen_cannot_get_ideas_matching_only_some_of_the_words(search_backend):
    IdeaFactory(title="Library opening hours", body="Open the central library on Sunday mornings too.")
    IdeaFactory(title="Sunday markets", body="Farmers markets on the river bank each Sunday afternoon.")
    index_now(*port.searchable_ideas())

    assert titles(port.search_ideas(query="sunday library")) == ["Library opening hours"]
    assert set(titles(port.search_ideas(query="sunday"))) == {"Library opening hours", "Sunday markets"}


def test_citizen_can_search_for_an_exact_phrase(search_backend):
    IdeaFactory(title="Quiet zones", body="Make the old town car free on weekends.")
    IdeaFactory(title="Free parking", body="Parking should be free for the car sharing fleet in the old market.")
    index_now(*port.searchable_ideas())

    assert titles(port.search_ideas(query='"car free"')) == ["Quiet zones"]
    assert len(port.search_ideas(query="car free").hits) == 2


def test_citizen_sees_title_matches_ranked_first_with_matches_highlighted(search_backend):
    IdeaFactory(title="Benches in parks", body="Older people need a place to rest near the fountain.")
    IdeaFactory(title="Restore the old fountain", body="The fountain in the square has been dry for years.")
    index_now(*port.searchable_ideas())

    results = port.search_ideas(query="fountain")
    assert titles(results) == ["Restore the old fountain", "Benches in parks"]
    assert "<mark>fountain</mark>" in str(results.hits[0].title_html).lower()
    assert "<mark>fountain</mark>" in str(results.hits[1].excerpt_html).lower()
    assert results.sort == "relevance"


def test_citizen_can_find_idea_written_in_korean(search_backend):
    IdeaFactory(title="한강 공원에 자전거 도로", body="한강 공원 자전거 도로를 넓혀 주세요. 주말마다 너무 붐빕니다.")
    IdeaFactory(title="Community gardens", body="Unused lots could become vegetable gardens for neighbours.")
    index_now(*port.searchable_ideas())

    assert titles(port.search_ideas(query="자전거")) == ["한강 공원에 자전거 도로"]
    assert titles(port.search_ideas(query="자전거 공원")) == ["한강 공원에 자전거 도로"]


def test_citizen_cannot_find_hidden_withdrawn_or_merged_ideas(search_backend):
    shown = IdeaFactory(title="Recycling bins downtown", body="More recycling bins in the downtown streets please.")
    hidden = IdeaFactory(
        title="Recycling spam", body="Recycling recycling recycling, buy my product now!!", hidden=True
    )
    withdrawn = IdeaFactory(title="Recycling withdrawn", body="Recycling idea the author withdrew later on.")
    withdrawn.status = IdeaStatus.WITHDRAWN
    withdrawn.save()
    merged = IdeaFactory(title="Recycling duplicate", body="Recycling bins downtown, same as another idea.")
    merged.status, merged.merged_into = IdeaStatus.MERGED, shown
    merged.save()
    index_now(shown, hidden, withdrawn, merged)

    assert titles(port.search_ideas(query="recycling")) == ["Recycling bins downtown"]
