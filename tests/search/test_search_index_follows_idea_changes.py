"""The index follows every change after commit: submit, edit, withdraw, hide, restore, votes,
selection (parity: both backends). Writes go through the same services the site uses."""

from __future__ import annotations

import pytest

from core.roles import GROUP_MODERATORS
from ideas.models import IdeaStatus
from ideas.moderation import idea_hide, idea_restore
from ideas.services import idea_set_status, idea_submit, idea_update, idea_withdraw
from ideas.voting import vote_cast, vote_withdraw
from search import port
from search.models import OutboxEntry
from tests.factories import UserFactory, general_campaign


def found(query: str) -> list[str]:
    return [h.title for h in port.search_ideas(query=query).hits]


def submit(author, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return idea_submit(campaign=general_campaign(), author=author, **kwargs)


def test_citizen_can_find_own_idea_right_after_submitting_it(
    search_backend, citizen, django_capture_on_commit_callbacks
):
    submit(
        citizen,
        django_capture_on_commit_callbacks,
        title="Drinking fountains",
        body="Drinking water fountains in every park.",
        tags=["water"],
    )

    assert found("fountains") == ["Drinking fountains"]
    assert found("water") == ["Drinking fountains"]
    assert not OutboxEntry.objects.exists()


def test_citizen_sees_edits_in_search_results(search_backend, citizen, django_capture_on_commit_callbacks):
    idea = submit(
        citizen,
        django_capture_on_commit_callbacks,
        title="Skate park",
        body="A skate park near the river for teenagers.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        idea_update(
            idea=idea, user=citizen, title="Skate and BMX park", body="A wheel park near the stadium for teenagers."
        )

    assert found("bmx") == ["Skate and BMX park"]
    assert found("river") == []


def test_citizen_cannot_find_idea_after_it_is_withdrawn(search_backend, citizen, django_capture_on_commit_callbacks):
    idea = submit(
        citizen, django_capture_on_commit_callbacks, title="Dog run", body="A fenced dog run in the north park."
    )
    assert found("dog") == ["Dog run"]
    with django_capture_on_commit_callbacks(execute=True):
        idea_withdraw(idea=idea, user=citizen)

    assert found("dog") == []


def test_moderator_can_hide_an_idea_from_search_and_restore_it(
    search_backend, citizen, django_capture_on_commit_callbacks
):
    moderator = UserFactory(groups=[GROUP_MODERATORS])
    idea = submit(
        citizen,
        django_capture_on_commit_callbacks,
        title="Graffiti wall",
        body="A legal graffiti wall under the bridge.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        idea_hide(idea=idea, moderator=moderator, reason="Spam")
    assert found("graffiti") == []
    with django_capture_on_commit_callbacks(execute=True):
        idea_restore(idea=idea, moderator=moderator)

    assert found("graffiti") == ["Graffiti wall"]


def test_citizen_sees_vote_counts_and_status_changes_in_search(
    search_backend, citizen, django_capture_on_commit_callbacks
):
    idea = submit(
        citizen,
        django_capture_on_commit_callbacks,
        title="Solar benches",
        body="Benches that charge phones with solar power.",
    )
    other = submit(
        citizen, django_capture_on_commit_callbacks, title="Plain benches", body="Simple wooden benches, solar free."
    )
    voters = [UserFactory() for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        for voter in voters:
            vote_cast(idea=idea, voter=voter)
        vote_withdraw(idea=idea, voter=voters[0])
    with django_capture_on_commit_callbacks(execute=True):
        idea_set_status(idea=other, to_status=IdeaStatus.ARCHIVED, actor=None)

    results = port.search_ideas(query="benches", sort="votes")
    assert [(h.title, h.votes) for h in results.hits] == [("Solar benches", 1), ("Plain benches", 0)]
    assert port.search_ideas(query="benches", filters={"status": "archived"}).total == 1
    # The index itself holds the new count (the page's counts come from the vote rows).
    assert port.get_backend().search(port.search_request(query="solar benches")[0]).hits[0].doc["vote_count"] == 1


def test_outbox_row_is_written_with_the_change_and_rolled_back_with_it(search_backend, citizen):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        idea_submit(
            campaign=general_campaign(), author=citizen, title="Rolled back", body="This never happened at all."
        )
        assert OutboxEntry.objects.count() == 1
        raise RuntimeError("abort")
    assert not OutboxEntry.objects.exists()
