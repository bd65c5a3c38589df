"""Votes racing in real, concurrent transactions (threads, one DB connection each).

Runs on PostgreSQL and on the embedded SQLite (WAL, BEGIN IMMEDIATE, file database),
except the row-lock test, which is about PostgreSQL's row locks.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from ideas import selectors
from ideas.models import Idea, IdeaStatus, TimelineEvent, Vote
from ideas.signals import idea_selected_for_review
from ideas.voting import vote_cast
from tests.factories import IdeaFactory, UserFactory, make_campaign

# serialized_rollback: the flush after each test would otherwise drop the page tree the migrations create.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOIN_TIMEOUT = 60  # seconds; a thread still alive after this is a failure, not a hang


def _race(calls: list[Callable[[], object]]) -> tuple[list[object], list[BaseException]]:
    """Run every call in its own thread, all released at once; return (results, errors)."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=JOIN_TIMEOUT)
            result = call()
            with lock:
                results.append(result)
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(JOIN_TIMEOUT)
    assert not any(t.is_alive() for t in threads), "a voting thread hung"
    return results, errors


@pytest.fixture
def selections():
    """Counts `idea_selected_for_review` per idea id (receivers run in the voters' threads)."""
    counter: Counter[int] = Counter()
    lock = threading.Lock()

    def receiver(sender, idea, **kwargs):
        with lock:
            counter[idea.pk] += 1

    idea_selected_for_review.connect(receiver, dispatch_uid="test_vote_races")
    yield counter
    idea_selected_for_review.disconnect(dispatch_uid="test_vote_races")


def test_citizens_cannot_vote_twice_when_repeating_votes_in_parallel(selections):
    campaign = make_campaign(title="Racing votes")
    author = UserFactory()
    ideas = [IdeaFactory(campaign=campaign, author=author) for _ in range(3)]
    citizens = [UserFactory() for _ in range(30)]
    pairs = [(citizen, ideas[i % 3]) for i, citizen in enumerate(citizens)]
    # Every citizen fires the same vote three times at once (double clicks, retries).
    calls = [lambda c=c, i=i: vote_cast(idea=i, voter=c) for c, i in pairs for _ in range(3)]

    started = time.monotonic()
    results, errors = _race(calls)
    elapsed = time.monotonic() - started

    assert errors == []
    assert len(results) == 90  # every call was acknowledged
    created = [vote for vote, was_created in results if was_created]
    assert len(created) == Vote.objects.count() == len(pairs) == 30
    assert set(Vote.objects.values_list("voter_id", "idea_id")) == {(c.pk, i.pk) for c, i in pairs}
    # Every call for a pair got the same committed vote back.
    assert {(v.voter_id, v.idea_id): v.pk for v, _ in results} == dict(
        ((v.voter_id, v.idea_id), v.pk) for v in Vote.objects.all()
    )
    listed = {idea.pk: idea.votes for idea in selectors.ideas_for_list(campaign=campaign)}
    assert listed == {idea.pk: 10 for idea in ideas}
    for idea in ideas:
        assert selectors.idea_for_detail(idea_id=idea.pk).votes == 10
        assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.IN_REVIEW  # 10 = the default threshold
    assert selections == {idea.pk: 1 for idea in ideas}
    print(f"\n[race a] {connection.vendor}: 90 concurrent vote calls, 30 votes, {elapsed:.2f}s")


def test_citizens_can_select_an_idea_only_once_when_crossing_the_threshold_together(selections):
    campaign = make_campaign(title="Threshold races", vote_threshold=10)
    author = UserFactory()
    early = [UserFactory() for _ in range(8)]
    racers = [UserFactory() for _ in range(4)]
    ideas = [IdeaFactory(campaign=campaign, author=author) for _ in range(50)]
    # 8 votes each, already committed.
    Vote.objects.bulk_create([Vote(idea=idea, voter=voter) for idea in ideas for voter in early])

    started = time.monotonic()
    for idea in ideas:
        # Votes 9 to 12 released at once: two or more of them see the threshold met.
        results, errors = _race([lambda v=v, i=idea: vote_cast(idea=i, voter=v) for v in racers])
        assert errors == []
        assert all(created for _, created in results)
    elapsed = time.monotonic() - started

    for idea in ideas:
        idea.refresh_from_db()
        assert idea.status == IdeaStatus.IN_REVIEW
        assert idea.selected_at is not None
        assert idea.timeline.filter(kind=TimelineEvent.Kind.SELECTED).count() == 1
        assert idea.votes == 12
    assert selections == {idea.pk: 1 for idea in ideas}
    print(f"\n[race b] {connection.vendor}: 50 ideas x 4 racing votes over the threshold, {elapsed:.2f}s")


@pytest.mark.postgres_only
@pytest.mark.parametrize(
    "lock_sql",
    [
        # What idea_set_status / idea_update / idea_withdraw take (select_for_update(no_key=True)).
        "SELECT id FROM ideas_idea WHERE id = %s FOR NO KEY UPDATE",
        # What any plain UPDATE of the idea row takes (selection, hiding, sort key refresh).
        "UPDATE ideas_idea SET hidden_reason = hidden_reason WHERE id = %s",
    ],
    ids=["select-for-no-key-update", "update"],
)
def test_citizens_can_vote_when_the_idea_row_is_locked(selections, lock_sql):
    campaign = make_campaign(title="Hot idea", vote_threshold=10)
    idea = IdeaFactory(campaign=campaign)
    voters = [UserFactory() for _ in range(20)]
    locked, release = threading.Event(), threading.Event()
    outcome: list[list] = []  # [results, errors] of the voters

    def hold_lock() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(lock_sql, [idea.pk])
                locked.set()
                release.wait(JOIN_TIMEOUT)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert locked.wait(10), "could not lock the idea row"
        voting = threading.Thread(
            target=lambda: outcome.extend(_race([lambda v=v: vote_cast(idea=idea, voter=v) for v in voters])),
            daemon=True,
        )
        voting.start()
        # While the idea row stays locked, every vote commits (seen from another connection).
        deadline = time.monotonic() + 20
        while Vote.objects.filter(idea=idea).count() < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        committed_while_locked = Vote.objects.filter(idea=idea).count()
        assert holder.is_alive()
    finally:
        release.set()
        holder.join(JOIN_TIMEOUT)
    voting.join(JOIN_TIMEOUT)
    assert not voting.is_alive(), "voters hung after the lock was released"
    assert committed_while_locked == 20
    results, errors = outcome
    assert errors == []
    assert sorted(created for _, created in results) == [True] * 20
    # The selection waited for the lock (it updates the idea row), then happened once.
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.IN_REVIEW
    assert selections == {idea.pk: 1}
