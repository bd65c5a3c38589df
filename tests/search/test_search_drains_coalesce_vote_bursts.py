"""A burst of votes costs one index drain, not one per vote, and no vote count is lost."""

from __future__ import annotations

from ideas.voting import vote_cast
from search import port
from search.models import OutboxEntry
from tests.factories import IdeaFactory, UserFactory
from tests.search.conftest import index_now


def indexed_vote_count(query: str) -> int:
    return port.get_backend().search(port.search_request(query=query)[0]).hits[0].doc["vote_count"]


def test_votes_within_the_window_wait_in_the_outbox_for_the_next_drain(
    search_backend, settings, django_capture_on_commit_callbacks
):
    settings.OASIS_SEARCH_COALESCE_SECONDS = 60
    idea = IdeaFactory(title="Drinking fountains", body="Fountains in every park for hot summer days.")
    index_now(idea)

    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            vote_cast(idea=idea, voter=UserFactory())

    # The first vote kicked a drain; the next two only queued their rows.
    assert OutboxEntry.objects.count() == 2
    assert indexed_vote_count("drinking fountains") == 1
    assert port.drain().failed == 0
    assert indexed_vote_count("drinking fountains") == 3

    port.reset_for_tests()  # a fresh window: the next vote kicks a drain at once
    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(idea=idea, voter=UserFactory())
    assert not OutboxEntry.objects.exists()
    assert indexed_vote_count("drinking fountains") == 4


def test_every_vote_kicks_a_drain_without_a_window(search_backend, settings, django_capture_on_commit_callbacks):
    settings.OASIS_SEARCH_COALESCE_SECONDS = 0
    idea = IdeaFactory(title="Drinking fountains", body="Fountains in every park for hot summer days.")
    index_now(idea)

    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            vote_cast(idea=idea, voter=UserFactory())

    assert not OutboxEntry.objects.exists()
    assert indexed_vote_count("drinking fountains") == 3
