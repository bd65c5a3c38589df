"""Reindexing rebuilds from the database with no downtime and loses no concurrent write;
search_check reports drift and --fix repairs it (parity: both backends)."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import connection

from ideas.models import Idea
from ideas.services import idea_submit
from search import port
from search.models import IdeaDocument, OutboxEntry
from tests.factories import IdeaFactory, UserFactory, general_campaign
from tests.search.conftest import index_now


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reindex_under_concurrent_writes_loses_nothing(search_backend):
    author = UserFactory()
    for n in range(300):
        IdeaFactory(title=f"Existing harbour idea {n}", author=author)
    port.reindex()
    errors: list[BaseException] = []
    written: list[int] = []
    stop = threading.Event()

    def writer():
        try:
            n = 0
            while not stop.is_set() or n < 5:
                idea = idea_submit(
                    campaign=general_campaign(),
                    author=author,
                    title=f"Concurrent harbour idea {n}",
                    body="Written while the index was being rebuilt.",
                )
                written.append(idea.pk)
                n += 1
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        result = port.reindex(batch_size=50)
    finally:
        stop.set()
        thread.join(timeout=120)
    assert not errors, errors
    port.drain()

    assert result["indexed"] >= 300
    total = Idea.objects.count()
    assert port.search_ideas(query="harbour", per_page=1).total == total == 300 + len(written)
    assert port.check().ok
    if search_backend.name == "elasticsearch":
        aliases = search_backend.client.indices.get_alias(name=search_backend.alias).body
        assert list(aliases) == [result["index"]]


def test_search_check_reports_drift_and_fix_repairs_it(search_backend, capsys):
    kept = IdeaFactory(title="Ferry timetable", body="More ferries on weekends.")
    missing = IdeaFactory(title="Ferry lighting", body="Light the ferry pier at night.")
    index_now(kept)
    Idea.objects.filter(pk=kept.pk).update(title="Ferry timetable changed")

    with pytest.raises(SystemExit):
        call_command("search_check")
    out = capsys.readouterr().out
    assert f"1 missing from the index: {missing.pk}" in out
    assert f"1 out of date in the index: {kept.pk}" in out

    call_command("search_check", "--fix")
    assert "Fixed." in capsys.readouterr().out
    assert port.check().ok
    assert {h.title for h in port.search_ideas(query="ferry").hits} == {"Ferry timetable changed", "Ferry lighting"}


def test_search_drain_retries_until_the_backend_accepts(search_backend, monkeypatch):
    idea = IdeaFactory(title="Tram stop shelters", body="Shelters at every tram stop.")
    port.index_ideas_later([idea.pk])

    def broken(docs, *, version):
        raise ConnectionError("search engine unreachable")

    monkeypatch.setattr(search_backend, "apply", broken)
    report = port.drain()
    assert (report.failed, report.remaining) == (1, 1)
    assert OutboxEntry.objects.get().attempts == 1
    monkeypatch.undo()

    call_command("search_drain")
    assert not OutboxEntry.objects.exists()
    assert [h.title for h in port.search_ideas(query="tram").hits] == ["Tram stop shelters"]


def test_embedded_reindex_drops_documents_of_ideas_no_longer_searchable(db, settings):
    settings.OASIS_SEARCH_BACKEND = "embedded"
    gone = IdeaFactory(title="Soon hidden", body="This idea will be hidden by moderators.")
    index_now(gone)
    Idea.objects.filter(pk=gone.pk).update(hidden=True)

    result = port.reindex()
    assert result["removed"] == 1
    assert not IdeaDocument.objects.exists()
